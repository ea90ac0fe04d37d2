package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// objectModel is a resource model (as a pointer) that can take in the API
// object O and say which object it is.
type objectModel[M any, O any] interface {
	*M
	fill(*O)
	objectID() string
}

// objectOps are the API calls of one kind of ProcessOut object. Writes get
// the models they need (config carries write-only values, state the last
// applied ones); read and remove take the client's own methods, hence the
// client first.
type objectOps[M any, O any] struct {
	create func(ctx context.Context, api *processout.Client, plan, config *M) (*O, error)
	read   func(api *processout.Client, ctx context.Context, id string) (*O, error)
	update func(ctx context.Context, api *processout.Client, plan, state, config *M) (*O, error)
	remove func(api *processout.Client, ctx context.Context, id string) error
}

// objectResource is the create/read/update/delete/import glue every
// ProcessOut object resource shares: one API call per operation (the
// answers carry the object, so nothing is read back after a write), a
// resource found gone is dropped from state so the plan re-creates it, the
// identity follows the ID, and field errors point at their attribute.
type objectResource[M any, O any, PM objectModel[M, O]] struct {
	configured
	what       string          // "webhook endpoint", for diagnostics
	attributes map[string]bool // attributes ProcessOut's field errors may name
	ops        objectOps[M, O]
}

// Create implements resource.Resource.
func (r *objectResource[M, O, PM]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	created, err := r.ops.create(ctx, r.data.api, &plan, &config)
	if err != nil {
		addAPIError(&resp.Diagnostics, "create the "+r.what, err, r.attributes)
		return
	}
	r.save(ctx, &plan, created, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Read implements resource.Resource.
func (r *objectResource[M, O, PM]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	id := PM(&state).objectID()
	found, err := r.ops.read(r.data.api, ctx, id)
	if processout.IsNotFound(err) {
		removeGone(ctx, resp, id) // deleted out of band: plan a re-create
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "read the "+r.what, err, nil)
		return
	}
	r.save(ctx, &state, found, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Update implements resource.Resource.
func (r *objectResource[M, O, PM]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	updated, err := r.ops.update(ctx, r.data.api, &plan, &state, &config)
	if err != nil {
		addAPIError(&resp.Diagnostics, "update the "+r.what, err, r.attributes)
		return
	}
	r.save(ctx, &plan, updated, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Delete implements resource.Resource. An object already gone is deleted.
func (r *objectResource[M, O, PM]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	if err := r.ops.remove(r.data.api, ctx, PM(&state).objectID()); err != nil && !processout.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "delete the "+r.what, err, nil)
	}
}

// ImportState implements resource.ResourceWithImportState: by ID and by
// identity.
func (r *objectResource[M, O, PM]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByID(ctx, req, resp)
}

// save fills the model from the API object and stores it with its identity.
func (r *objectResource[M, O, PM]) save(ctx context.Context, model *M, obj *O, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	PM(model).fill(obj)
	diags.Append(state.Set(ctx, model)...)
	setIdentity(ctx, identity, PM(model).objectID(), diags)
}
