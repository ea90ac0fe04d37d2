package bench

import (
	"net/http"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// A refresh may cost fewer calls than objects (list pages), never more;
// writes are exact either way, and a command that refreshes nothing may
// read nothing.
func TestBudgetBoundsTheRefreshAndFixesTheWrites(t *testing.T) {
	update := Budget{Refreshed: 500, Updates: 50}
	for _, tc := range []struct {
		name  string
		calls Calls
		ok    bool
	}{
		{"the per-object minimum", Calls{Reads: 500, Updates: 50}, true},
		{"list pages and a few reads", Calls{Reads: 3, ListPages: 6, Updates: 50}, true},
		{"one read too many", Calls{Reads: 501, Updates: 50}, false},
		{"list pages on top of every read", Calls{Reads: 500, ListPages: 1, Updates: 50}, false},
		{"an update missing", Calls{Reads: 6, Updates: 49}, false},
		{"an update too many", Calls{Reads: 6, Updates: 51}, false},
		{"a stray create", Calls{Reads: 6, Updates: 50, Creates: 1}, false},
		{"a stray delete", Calls{Reads: 6, Updates: 50, Deletes: 1}, false},
	} {
		if got := update.Allows(tc.calls); got != tc.ok {
			t.Errorf("%s (%s): allowed %t, want %t", tc.name, tc.calls, got, tc.ok)
		}
	}
	create := Budget{Creates: 10}
	if !create.Allows(Calls{Creates: 10}) || create.Allows(Calls{Creates: 10, Reads: 1}) || create.Allows(Calls{Creates: 10, ListPages: 1}) {
		t.Error("a command that refreshes nothing must make exactly its creates")
	}
	if update.Minimum() != 550 || update.String() != "≤ 500 + 50" || create.String() != "0 + 10" {
		t.Errorf("minimum %d, %q, %q", update.Minimum(), update, create)
	}
}

// Pages of the managed objects' lists are calls for the objects; other
// lists (the catalog, customers) are not.
func TestTallyCountsObjectListPages(t *testing.T) {
	po := []processoutapi.Request{
		{Method: http.MethodGet, Path: "/webhook-endpoints"},
		{Method: http.MethodGet, Path: "/gateway-configurations"},
		{Method: http.MethodGet, Path: "/gateways/stripe/gateway-configurations"},
		{Method: http.MethodGet, Path: "/products"},
		{Method: http.MethodGet, Path: "/gateways"},
		{Method: http.MethodGet, Path: "/customers"},
		{Method: http.MethodGet, Path: "/gateways//gateway-configurations"},
	}
	got := Tally(po, nil)
	want := Calls{ListPages: 4, CatalogPages: 1, Other: []string{"GET /customers", "GET /gateways//gateway-configurations"}}
	if got.String() != want.String() || got.Objects() != 4 {
		t.Fatalf("tally\n  got  %s (%d for the objects)\n  want %s (4)", got, got.Objects(), want)
	}
}
