package bench

import (
	"net/http"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// Product calls are the managed objects' calls: a create on the
// collection, reads, updates and deletes on an item, pages of the list; the
// invoice a product makes is not.
func TestTallyCountsProducts(t *testing.T) {
	po := []processoutapi.Request{
		{Method: http.MethodPost, Path: "/products"},
		{Method: http.MethodGet, Path: "/products/prod_1"},
		{Method: http.MethodPut, Path: "/products/prod_1"},
		{Method: http.MethodDelete, Path: "/products/prod_1"},
		{Method: http.MethodPost, Path: "/products/prod_1/invoices"},
		{Method: http.MethodGet, Path: "/products"},
	}
	want := Calls{Reads: 1, ListPages: 1, Creates: 1, Updates: 1, Deletes: 1, Other: []string{"POST /products/prod_1/invoices"}}.String()
	if got := Tally(po, nil); got.String() != want {
		t.Fatalf("tally\n  got  %s\n  want %s", got, want)
	}
}
