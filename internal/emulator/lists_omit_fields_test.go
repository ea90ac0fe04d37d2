package emulator

import (
	"net/http"
	"slices"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// Under the lists-omit-fields reading each managed kind's list leaves out
// the fields CONTRACT.md §19 names, over the API and through the Membrane
// list actions alike, while a GET of the same object answers them; without
// the reading the list item is the GET's object.
func TestListsOmitFieldsReading(t *testing.T) {
	kinds := []struct {
		create, list, get, plural, input string
		omitted                          []string
	}{
		{"create-webhook-endpoint", "list-webhook-endpoints", "get-webhook-endpoint", "webhook_endpoints",
			`{"url":"https://hooks.example.com/a","events_whitelist":["invoice.completed"]}`, []string{"events_whitelist"}},
		{"create-gateway-configuration", "list-gateway-configurations", "get-gateway-configuration", "gateway_configurations",
			`{"gateway_name":"stripe","name":"eu","metadata":{"team":"payments"},"settings":{"secret_key":"sk_test_1","public_key":"pk_test_1"}}`,
			[]string{"metadata", "public_keys"}},
		{"create-product", "list-products", "get-product", "products",
			`{"name":"Box","amount":"10","currency":"EUR","metadata":{"a":"b"},"return_url":"https://shop.example.com/ok"}`,
			[]string{"metadata", "return_url", "cancel_url"}},
		{"create-plan", "list-plans", "get-plan", "plans",
			`{"id":"gold","name":"Gold","amount":"10","currency":"EUR","interval":"1m","trial_period":"7d","metadata":{"a":"b"}}`,
			[]string{"metadata", "trial_period"}},
		{"create-coupon", "list-coupons", "get-coupon", "coupons",
			`{"id":"spring","percent_off":10,"expires_at":"2030-01-01T00:00:00Z","metadata":{"a":"b"}}`, []string{"metadata", "expires_at"}},
	}
	for _, omit := range []bool{false, true} {
		e := start(t, Config{Seed: 8, Readings: processoutapi.Readings{ListsOmitFields: omit}})
		basic := func(r *http.Request) { r.SetBasicAuth(e.Project.ProjectID, e.Project.Secret) }
		for _, k := range kinds {
			status, created := runActionOutput(t, e, k.create, k.input)
			id, _ := emutest.As[map[string]any](t, created)["id"].(string)
			if status != http.StatusOK || id == "" {
				t.Fatalf("%s = %d %v", k.create, status, created)
			}
			_, whole := runActionOutput(t, e, k.get, `{"id":"`+id+`"}`)
			_, listed := runActionOutput(t, e, k.list, `{}`)
			actionItem := emutest.As[map[string]any](t, emutest.As[[]any](t, emutest.As[map[string]any](t, listed)["items"])[0])
			_, _, page := emutest.GetJSON(t, e.ProcessOutURL+"/"+pathOf(k.plural), basic)
			apiItem := emutest.As[map[string]any](t, emutest.As[[]any](t, page[k.plural])[0])
			for name, item := range map[string]map[string]any{"action " + k.list: actionItem, "GET /" + pathOf(k.plural): apiItem} {
				if item["id"] != id {
					t.Fatalf("%s lists %v, want %s", name, item["id"], id)
				}
				for field, value := range emutest.As[map[string]any](t, whole) {
					_, has := item[field]
					if wantHas := !omit || !slices.Contains(k.omitted, field); has != wantHas {
						t.Errorf("lists omit fields %v: %s item has %q: %v, want %v (the GET answers %v)", omit, name, field, has, wantHas, value)
					}
				}
			}
		}
	}
}

// pathOf is the collection path of a list's response key.
func pathOf(plural string) string {
	return map[string]string{
		"webhook_endpoints": "webhook-endpoints", "gateway_configurations": "gateway-configurations",
		"products": "products", "plans": "plans", "coupons": "coupons",
	}[plural]
}
