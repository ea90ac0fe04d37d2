package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// The steps every resource's CRUD shares: storing the object with its
// identity, ending a Read that found the object gone, a Delete that found it
// already deleted, importing by ID.

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
	diags.Append(setState(ctx, state, model)...)
	setIdentity(ctx, identity, id, diags)
}

// setIdentity records the object's ID as the resource identity. Older CLIs
// have no identity, and then there is nothing to set.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id string, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(setIdentityModel(ctx, identity, idIdentity{ID: types.StringValue(id)})...)
}

// goneOrFailed ends a Read whose GET did not return the object: a 404 drops
// the resource from state, so the plan re-creates it; another error is
// reported. It returns false when the object was read.
func goneOrFailed(ctx context.Context, resp *resource.ReadResponse, object, id string, err error) bool {
	switch {
	case err == nil:
		return false
	case processout.IsNotFound(err):
		// The identity is still set: the framework insists on one after
		// every successful Read, and CLIs without identity support send none.
		setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
		resp.State.RemoveResource(ctx)
	default:
		addAPIError(&resp.Diagnostics, "read the "+object, err, nil)
	}
	return true
}

// addDeleteError reports a failed DELETE. An object already gone (404) is
// deleted.
func addDeleteError(diags *diag.Diagnostics, object string, err error) {
	if err != nil && !processout.IsNotFound(err) {
		addAPIError(diags, "delete the "+object, err, nil)
	}
}

// importByID accepts `import` by ID string and by identity.
func importByID(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}
