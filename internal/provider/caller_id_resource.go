package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// callerIDResource is what processout_plan and processout_coupon share: the
// create, read, update, delete, import and identity of an object whose ID
// the configuration chooses. Each resource adds its schema and what its
// calls send.
type callerIDResource[T, M any] struct {
	configured
	kind callerIDKind[T]
	// stored gives a model's ID and creation time.
	stored func(*M) (id, createdAt types.String)
	// fromAPI sets a model from the object ProcessOut returned.
	fromAPI func(*M, *T)
	// creation is what a create of the model sends: the ID, the
	// fingerprint of every field (caller_id_create.go) and the call.
	creation func(ctx context.Context, api *processout.Client, m *M, diags *diag.Diagnostics) (id string, want fingerprint, create apiCall[T])
	// update is the update call of the model.
	update func(ctx context.Context, api *processout.Client, m *M, diags *diag.Diagnostics) apiCall[T]
}

// apiCall is a call that answers an object.
type apiCall[T any] func(context.Context) (*T, error)

// Create implements resource.Resource. The answer carries the object, so
// nothing is read back; a create that fails is resolved by the object's
// ID (createWithID).
func (r *callerIDResource[T, M]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var model M
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &model)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	id, want, create := r.creation(ctx, r.data.api, &model, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if created := createWithID(ctx, r.kind, r.data.api, id, want, create, &resp.Diagnostics); created != nil {
		r.save(ctx, &model, created, &resp.State, resp.Identity, &resp.Diagnostics)
	}
}

// Update implements resource.Resource: the fields that may change (the
// others replace the object).
func (r *callerIDResource[T, M]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var model M
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &model)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	send := r.update(ctx, r.data.api, &model, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	updated, err := send(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "update the "+r.kind.object, err, r.kind.attributes)
		return
	}
	r.save(ctx, &model, updated, &resp.State, resp.Identity, &resp.Diagnostics)
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
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
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
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
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
