package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The steps every resource's CRUD shares: storing the object with its
// identity, dropping an object found gone, importing by ID.

// idIdentity is the identity of every ProcessOut object: its ID, which is
// unique across projects.
type idIdentity struct {
	ID types.String `tfsdk:"id"`
}

// idIdentitySchema describes idIdentity; object names the kind of object,
// such as "webhook endpoint".
func idIdentitySchema(object string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "ID of the " + object + ".",
			},
		},
	}
}

// saveObject stores the resource's model in state and its ID as the
// resource identity.
func saveObject(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, model any, id string, diags *diag.Diagnostics) {
	diags.Append(state.Set(ctx, model)...)
	setIdentity(ctx, identity, id, diags)
}

// setIdentity records the object's ID as the resource identity. Older CLIs
// have no identity, and then there is nothing to set.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id string, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, idIdentity{ID: types.StringValue(id)})...)
}

// removeGone drops a resource that no longer exists from state, so the plan
// re-creates it. The identity is still set: the framework insists on one
// after every successful Read, and CLIs without identity support send none.
func removeGone(ctx context.Context, resp *resource.ReadResponse, id string) {
	setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	resp.State.RemoveResource(ctx)
}

// importByID accepts `import` by ID string and by identity.
func importByID(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}
