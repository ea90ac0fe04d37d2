package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// callerIDResource is what processout_plan and processout_coupon share: the
// Read, Delete, import and identity of an object whose ID the configuration
// chooses. Each resource adds its schema, Create and Update.
type callerIDResource[T, M any] struct {
	configured
	kind callerIDKind[T]
	// stored gives a model's ID and creation time.
	stored func(*M) (id, createdAt types.String)
	// fromAPI sets a model from the object ProcessOut returned.
	fromAPI func(*M, *T)
}

// save stores the model made from the object, with its ID as the identity.
func (r *callerIDResource[T, M]) save(ctx context.Context, model *M, found *T, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	r.fromAPI(model, found)
	id, _ := r.stored(model)
	saveObject(ctx, state, identity, model, id.ValueString(), diags)
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *callerIDResource[T, M]) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema(r.kind.object)
}

// Read implements resource.Resource. An object deleted out of band is
// dropped from state, so the plan re-creates it.
func (r *callerIDResource[T, M]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	id, createdAt := r.stored(&state)
	if found := r.kind.read(ctx, r.data.api, id.ValueString(), createdAt, resp); found != nil {
		r.save(ctx, &state, found, &resp.State, resp.Identity, &resp.Diagnostics)
	}
}

// Delete implements resource.Resource. An object already gone is deleted.
func (r *callerIDResource[T, M]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	id, _ := r.stored(&state)
	addDeleteError(&resp.Diagnostics, r.kind.object, r.kind.delete(ctx, r.data.api, id.ValueString()))
}

// ImportState implements resource.ResourceWithImportState: by ID (the one
// chosen at creation) and by identity.
func (r *callerIDResource[T, M]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByID(ctx, req, resp)
}
