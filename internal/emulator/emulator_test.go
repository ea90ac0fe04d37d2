package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
	"github.com/processout/terraform-provider-processout/internal/emulator/faults"
)

func start(t *testing.T, cfg Config) *Emulator {
	t.Helper()
	e, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e
}

func bearer(token string) func(*http.Request) {
	return func(r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+token)
		r.Header.Set("membrane-api-version", "2025-10-21")
	}
}

func TestStartSeedsAndServesBothTransports(t *testing.T) {
	e := start(t, Config{Seed: 1, Customers: 25})
	if !strings.HasPrefix(e.Project.ProjectID, "test-proj_") || e.ProjectID != strings.TrimPrefix(e.Project.ProjectID, "test-") {
		t.Fatalf("project %+v / %s", e.Project, e.ProjectID)
	}
	if e.Workspace.Key != "ws_emulator" || len(e.Workspace.Secret) < 32 || e.TenantKey != "tenant-emulator" ||
		!strings.HasPrefix(e.Token, "pat-emulator-") || e.Connection.State != "READY" || !e.Connection.Connected ||
		e.Connection.Name != "ProcessOut (emulator)" || !strings.HasPrefix(e.Connection.ID, "conn_") {
		t.Fatalf("seeded %+v %+v %s", e.Workspace, e.Connection, e.Token)
	}

	// Through Membrane: the proxied list answers ProcessOut's envelope.
	status, header, body := emutest.GetJSON(t, e.MembraneURL+"/connections/"+e.Connection.ID+"/proxy/customers?limit=100", bearer(e.Token))
	if status != 200 || body["success"] != true || body["total_count"] != float64(25) || len(emutest.As[[]any](t, body["customers"])) != 25 {
		t.Fatalf("proxied GET /customers: %d %v", status, body)
	}
	if header.Get("X-Ratelimit") == "" {
		t.Errorf("proxy dropped the upstream x-ratelimit header: %v", header)
	}
	// Directly, with Basic auth.
	status, _, body = emutest.GetJSON(t, e.ProcessOutURL+"/customers", func(r *http.Request) { r.SetBasicAuth(e.Project.ProjectID, e.Project.Secret) })
	if status != 200 || body["total_count"] != float64(25) {
		t.Fatalf("direct GET /customers: %d %v", status, body)
	}
	reqs := e.ProcessOut.Requests()
	if len(reqs) != 2 || reqs[0].Path != "/customers" || reqs[0].ProjectID != e.ProjectID || reqs[0].Status != 200 {
		t.Fatalf("ProcessOut saw %+v", reqs)
	}

	// A tenant JWT minted from the exported workspace secret works too.
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"workspaceKey": e.Workspace.Key, "tenantKey": e.TenantKey, "exp": time.Now().Add(time.Hour).Unix(),
	}).SignedString([]byte(e.Workspace.Secret))
	if err != nil {
		t.Fatal(err)
	}
	status, _, body = emutest.GetJSON(t, e.MembraneURL+"/connections", bearer(tok))
	if status != 200 || len(emutest.As[[]any](t, body["items"])) != 1 || e.Membrane.MintedTokensSeen() != 1 {
		t.Fatalf("GET /connections with a JWT: %d %v", status, body)
	}
}

func TestActionRunEndToEnd(t *testing.T) {
	e := start(t, Config{Seed: 2, Customers: 3})
	req, _ := http.NewRequest("POST", e.MembraneURL+"/actions/list-customers/run?connectionId="+e.Connection.ID,
		strings.NewReader(`{"input":{"limit":2}}`))
	bearer(e.Token)(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Output struct {
			Items      []map[string]any `json:"items"`
			HasMore    bool             `json:"has_more"`
			TotalCount int              `json:"total_count"`
		} `json:"output"`
		ActionRunID string `json:"actionRunId"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %v", resp.StatusCode, err)
	}
	if len(body.Output.Items) != 2 || !body.Output.HasMore || body.Output.TotalCount != 3 || body.ActionRunID == "" {
		t.Fatalf("output %+v", body)
	}
	if !strings.HasPrefix(emutest.As[string](t, body.Output.Items[0]["id"]), "cust_") {
		t.Fatalf("item %v", body.Output.Items[0])
	}
}

func TestConnectionStateConfig(t *testing.T) {
	e := start(t, Config{Seed: 4, ConnectionState: "DISCONNECTING"})
	status, _, body := emutest.GetJSON(t, e.MembraneURL+"/connections/"+e.Connection.ID+"/proxy/customers", bearer(e.Token))
	if status != 400 || body["key"] != "connection_is_defunct" || !strings.Contains(emutest.As[string](t, body["message"]), "DISCONNECTING") {
		t.Fatalf("%d %v", status, body)
	}
	if len(e.ProcessOut.Requests()) != 0 {
		t.Fatal("a defunct connection reached ProcessOut")
	}
}

func TestStartOnAndClose(t *testing.T) {
	e, err := StartOn(Config{Seed: 5}, "127.0.0.1:0", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := StartOn(Config{}, strings.TrimPrefix(e.ProcessOutURL, "http://"), "127.0.0.1:0"); err == nil {
		t.Fatal("StartOn on a busy port succeeded")
	}
	e.Close()
	e.Close() // idempotent
	client := &http.Client{Timeout: 2 * time.Second}
	if _, err := client.Get(e.ProcessOutURL + "/customers"); err == nil {
		t.Fatal("ProcessOut still serving after Close")
	}
}

// outcomes sends n GETs through the Membrane proxy and returns, per
// request, the status or -1 for a dropped connection.
func outcomes(t *testing.T, e *Emulator, n int) []int {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	out := make([]int, n)
	for i := range out {
		req, _ := http.NewRequest("GET", e.MembraneURL+"/connections/"+e.Connection.ID+"/proxy/customers", nil)
		bearer(e.Token)(req)
		resp, err := client.Do(req)
		if err != nil {
			out[i] = -1
			continue
		}
		resp.Body.Close()
		out[i] = resp.StatusCode
	}
	return out
}

func TestFaultRateIsSpreadAndReproducible(t *testing.T) {
	const n = 300
	a := start(t, Config{Seed: 9, FaultRate: 0.5})
	got := outcomes(t, a, n)
	failed := 0
	for _, s := range got {
		if s != 200 {
			failed++
		}
	}
	if failed < n/4 || failed > 3*n/4 {
		t.Fatalf("%d of %d requests faulted at rate 0.5", failed, n)
	}
	injected := a.Faults.Injected()
	for _, k := range faults.TransientKinds {
		if injected[k] == 0 {
			t.Errorf("kind %s never injected: %v", k, injected)
		}
	}
	if injected[faults.CommitThenFail] != 0 {
		t.Errorf("commit_then_fail hit a GET: %v", injected)
	}
	b := start(t, Config{Seed: 9, FaultRate: 0.5})
	if again := outcomes(t, b, n); fmtInts(again) != fmtInts(got) {
		t.Fatal("the same seed gave different faults")
	}
}

func fmtInts(v []int) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestFaultRules(t *testing.T) {
	if FaultRules(0) != nil {
		t.Fatal("rate 0 gives rules")
	}
	rules := FaultRules(0.2)
	if len(rules) != 13 {
		t.Fatalf("%d rules", len(rules))
	}
	for _, r := range rules[:6] {
		if r.Method != "GET" || r.Kind == faults.CommitThenFail {
			t.Fatalf("read rule %+v", r)
		}
	}
	if last := rules[12]; !last.WritesOnly || last.Kind != faults.CommitThenFail {
		t.Fatalf("last rule %+v", last)
	}
}
