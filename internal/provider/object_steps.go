package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// The Read and Delete of the kinds whose creates may lose their answer
// (lost_create.go): webhook endpoints, gateway configurations, products.

// readObject reads the object a resource's state names: a placeholder is
// resolved by listing the kind (readLost); an object is read by get, again
// while it may be too new to be seen (readSettled), and one that is gone
// leaves state, unless the Read follows an import, which then fails naming
// the ID (imp.readGone). It returns the object to store, nil when there is
// none (the response then says why).
func readObject[T any](ctx context.Context, k lostKind[T], imp importKind, data *providerData, id string, createdAt types.String,
	get func(context.Context, string) (*T, error), req resource.ReadRequest, resp *resource.ReadResponse) *T {
	importing := importRead(ctx, req, resp)
	if isLostCreateID(id) {
		return readLost(ctx, k, data.api, id, req, resp)
	}
	found, err := readSettled(ctx, createdAt, func(ctx context.Context) (*T, error) { return get(ctx, id) })
	if imp.readGone(ctx, data, importing, resp, id, err) {
		return nil
	}
	return found
}

// destroyObject deletes the object a resource's state names with del: for
// a placeholder, the object found for it, if any. An object already gone
// is deleted.
func destroyObject[T any](ctx context.Context, k lostKind[T], api *processout.Client, id string,
	del func(context.Context, string) error, req resource.DeleteRequest, diags *diag.Diagnostics) {
	target := deleteTarget(ctx, k, api, id, req, diags)
	if target == "" {
		return
	}
	addDeleteError(diags, k.object, del(ctx, target))
}
