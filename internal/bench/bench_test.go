package bench

import (
	"net/http"
	"strings"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/emulator/membraneapi"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

func TestFleetUpdatesOneInTenOfBothKinds(t *testing.T) {
	for n, want := range map[int]int{1: 1, 10: 1, 12: 2, 100: 10, 500: 50} {
		f := Fleet{N: n, Generation: 1}
		if got := f.Updated(); got != want {
			t.Errorf("N=%d: %d objects change, want %d", n, got, want)
		}
		before, after := Fleet{N: n}, f
		changedNames, changedURLs := countChanged(before.Names(), after.Names()), countChanged(before.URLs(), after.URLs())
		if changedNames+changedURLs != want {
			t.Errorf("N=%d: %d names and %d URLs change, want %d in all", n, changedNames, changedURLs, want)
		}
		if n >= 12 && (changedNames == 0 || changedURLs == 0) {
			t.Errorf("N=%d: the update changes %d gateway configurations and %d webhook endpoints, want both kinds", n, changedNames, changedURLs)
		}
		if got := f.GatewayConfigurations() + f.WebhookEndpoints(); got != n {
			t.Errorf("N=%d: %d objects in all", n, got)
		}
	}
}

func countChanged(before, after []string) int {
	n := 0
	for i := range before {
		if before[i] != after[i] {
			n++
		}
	}
	return n
}

func TestFleetHCLHasEveryObjectOnce(t *testing.T) {
	f := Fleet{N: 7, WriteOnly: true}
	hcl := f.HCL()
	if got := strings.Count(hcl, `resource "processout_gateway_configuration"`); got != 4 {
		t.Errorf("%d gateway configurations, want 4", got)
	}
	if got := strings.Count(hcl, `resource "processout_webhook_endpoint"`); got != 3 {
		t.Errorf("%d webhook endpoints, want 3", got)
	}
	if !strings.Contains(hcl, "settings_wo_version = 1") || strings.Contains(hcl, "  settings = {") {
		t.Errorf("write-only credentials expected:\n%s", hcl)
	}
	if got := strings.Count(f.FloorHCL(), `resource "terraform_data"`); got != 7 {
		t.Errorf("%d terraform_data resources, want 7", got)
	}
}

func TestTallySeparatesObjectsFromLookups(t *testing.T) {
	po := []processoutapi.Request{
		{Method: http.MethodGet, Path: "/gateways"},
		{Method: http.MethodPost, Path: "/gateways/stripe/gateway-configurations"},
		{Method: http.MethodPost, Path: "/webhook-endpoints"},
		{Method: http.MethodGet, Path: "/gateway-configurations/gway_conf_1"},
		{Method: http.MethodGet, Path: "/webhook-endpoints/whe_1"},
		{Method: http.MethodPut, Path: "/webhook-endpoints/whe_1"},
		{Method: http.MethodDelete, Path: "/gateway-configurations/gway_conf_1"},
		{Method: http.MethodGet, Path: "/gateways/stripe"},
		{Method: http.MethodGet, Path: "/webhook-endpoints"},
		{Method: http.MethodGet, Path: "/projects/{project_id}"},
		{Method: http.MethodGet, Path: "/projects/proj_1"},
	}
	mb := []membraneapi.Request{
		{Method: http.MethodGet, Path: "/connections/conn_1", Kind: "connections"},
		{Method: http.MethodGet, Path: "/connections/conn_1/proxy/webhook-endpoints/whe_1", Kind: "proxy"},
		{Method: http.MethodGet, Path: "/actions", Kind: "action"},
		{Method: http.MethodPost, Path: "/actions/get-webhook-endpoint/run", Kind: "action"},
	}
	got := Tally(po, mb)
	want := "reads=2 list_pages=1 creates=2 updates=1 deletes=1 catalog_pages=1 connection_reads=1 action_lists=1 credential_checks=1 " +
		"other=[GET /gateways/stripe GET /projects/proj_1]"
	if got.String() != want {
		t.Fatalf("tally\n  got  %s\n  want %s", got, want)
	}
	if got.Objects() != 7 || got.Lookups() != 4 || got.Total() != 13 {
		t.Fatalf("objects %d, look-ups %d, total %d; want 7, 4, 13", got.Objects(), got.Lookups(), got.Total())
	}
}
