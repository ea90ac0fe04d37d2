package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// runAction runs a ProcessOut action through the Membrane emulator and
// returns the run's HTTP status.
func runAction(t *testing.T, e *Emulator, key, input string) int {
	t.Helper()
	status, _ := runActionOutput(t, e, key, input)
	return status
}

// Under the unserved-routes reading the non-public routes answer a 404 that
// names no object to API keys and to the proxy, while action runs (the
// connector's own calls) and the verified routes keep working.
func TestUnservedRoutesReading(t *testing.T) {
	e := start(t, Config{Seed: 3, Readings: processoutapi.Readings{UnservedRoutes: true}})
	basic := func(r *http.Request) { r.SetBasicAuth(e.Project.ProjectID, e.Project.Secret) }
	proxy := e.MembraneURL + "/connections/" + e.Connection.ID + "/proxy"
	for _, path := range []string{"/webhook-endpoints", "/webhook-endpoints/whe_x", "/gateways", "/gateways/stripe"} {
		for name, get := range map[string]func() (int, map[string]any){
			"direct": func() (int, map[string]any) { s, _, b := emutest.GetJSON(t, e.ProcessOutURL+path, basic); return s, b },
			"proxy":  func() (int, map[string]any) { s, _, b := emutest.GetJSON(t, proxy+path, bearer(e.Token)); return s, b },
		} {
			status, body := get()
			if status != http.StatusNotFound || body["error_type"] != "resource.not-found" {
				t.Errorf("%s GET %s = %d %v, want 404 resource.not-found", name, path, status, body)
			}
		}
	}
	if status, _, body := emutest.GetJSON(t, e.ProcessOutURL+"/gateway-configurations", basic); status != 200 {
		t.Errorf("GET /gateway-configurations = %d %v: verified routes stay served", status, body)
	}
	if status := runAction(t, e, "create-webhook-endpoint", `{"url":"https://hooks.example.com/a"}`); status != 200 {
		t.Errorf("create-webhook-endpoint action = %d, want 200: action runs are the connector's own way in", status)
	}
	if status := runAction(t, e, "list-gateways", `{}`); status != 200 {
		t.Errorf("list-gateways action = %d, want 200", status)
	}
	if n := len(e.ProcessOut.Objects(e.ProjectID, processoutapi.KindWebhookEndpoint)); n != 1 {
		t.Errorf("%d webhook endpoints after the action's create, want 1", n)
	}
}

// Under the ignored-filters reading a customer list answers every customer
// whatever the field filters say.
func TestIgnoreListFiltersReading(t *testing.T) {
	for _, tc := range []struct {
		readings processoutapi.Readings
		want     float64
	}{{processoutapi.Readings{}, 1}, {processoutapi.Readings{IgnoreListFilters: true}, 5}} {
		e := start(t, Config{Seed: 4, Customers: 5, Readings: tc.readings})
		status, _, body := emutest.GetJSON(t, e.ProcessOutURL+"/customers?reference_id=crm-00002", func(r *http.Request) { r.SetBasicAuth(e.Project.ProjectID, e.Project.Secret) })
		if status != 200 || body["total_count"] != tc.want {
			t.Errorf("readings %+v: GET /customers?reference_id=… = %d total_count %v, want %v", tc.readings, status, body["total_count"], tc.want)
		}
	}
}

// Under the read-lag reading a new object answers 404 naming it for a
// moment, then is found.
func TestReadLagReading(t *testing.T) {
	e := start(t, Config{Seed: 5, Readings: processoutapi.Readings{ReadLag: 300 * time.Millisecond}})
	creds := e.Project
	basic := func(r *http.Request) { r.SetBasicAuth(creds.ProjectID, creds.Secret) }
	req, _ := http.NewRequest("POST", e.ProcessOutURL+"/webhook-endpoints", strings.NewReader(`{"url":"https://hooks.example.com/lag"}`))
	basic(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var created struct {
		WebhookEndpoint struct {
			ID string `json:"id"`
		} `json:"webhook_endpoint"`
	}
	err = json.NewDecoder(resp.Body).Decode(&created)
	_ = resp.Body.Close()
	if err != nil || created.WebhookEndpoint.ID == "" {
		t.Fatalf("create: %v %+v", err, created)
	}
	url := e.ProcessOutURL + "/webhook-endpoints/" + created.WebhookEndpoint.ID
	if status, _, body := emutest.GetJSON(t, url, basic); status != http.StatusNotFound || body["error_type"] != "resource.webhook-endpoint.not-found" {
		t.Errorf("GET right after the create = %d %v, want 404 naming the endpoint", status, body)
	}
	time.Sleep(400 * time.Millisecond)
	if status, _, body := emutest.GetJSON(t, url, basic); status != http.StatusOK {
		t.Errorf("GET after the lag = %d %v, want 200", status, body)
	}
	if status, _, _ := emutest.GetJSON(t, e.ProcessOutURL+"/projects/%7Bproject_id%7D", basic); status != http.StatusOK {
		t.Errorf("GET of the caller's project = %d: projects are exempt", status)
	}
}
