package membraneapi

import (
	"strings"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
)

func TestActDispatch(t *testing.T) {
	e := newEnv(t)
	e.up.replies["GET /customers/cust_1"] = reply{200, nil, `{"success":true,"customer":` + customerJSON + `}`}
	e.up.replies["GET /customers"] = reply{200, nil, `{"success":true,"customers":[],"has_more":false,"total_count":0}`}
	id := actionID("get-customer", "Get customer")
	conn := `"connectionId":"` + e.connA.ID + `"`
	tests := []struct {
		name, body          string
		method, path, query string
		upstreamBody        string
		output              string
		actionKey           string
	}{
		{"key", `{"key":"get-customer","connectionId":"` + e.connA.ID + `","input":{"id":"cust_1"}}`,
			"GET", "/customers/cust_1", "", "", customerJSON, "get-customer"},
		{"id and connectionKey", `{"id":"` + id + `","connectionKey":"po-main","input":{"id":"cust_1"},"meta":{"trace":"t"}}`,
			"GET", "/customers/cust_1", "", "", customerJSON, "get-customer"},
		{"api get", `{"api":{"method":"GET","path":"/customers","query":{"limit":5,"filter":"x"}},"connectionId":"` + e.connA.ID + `"}`,
			"GET", "/customers", "filter=x&limit=5", "", `{"success":true,"customers":[],"has_more":false,"total_count":0}`, "api"},
		{"api post with aliases", `{"api":{"method":"post","url":"webhook-endpoints","data":{"url":"https://x.test/h"},"headers":{"Idempotency-Key":"k1","Authorization":"Bearer leak"}},` + conn + `}`,
			"POST", "/webhook-endpoints", "", `{"url":"https://x.test/h"}`, `{"success":true,"echo":{"method":"POST"}}`, "api"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.mb.ResetRequests()
			status, body := e.callJSON(t, patA, "POST", "/act", tt.body)
			if status != 200 || !strings.HasPrefix(emutest.As[string](t, body["actionRunId"]), "arun_") {
				t.Fatalf("%d %v", status, body)
			}
			got := e.up.last(t)
			if got.Method != tt.method || got.EscapedPath != tt.path || got.RawQuery != tt.query {
				t.Fatalf("upstream saw %s %s?%s", got.Method, got.EscapedPath, got.RawQuery)
			}
			if tt.upstreamBody != "" && got.Body != tt.upstreamBody {
				t.Fatalf("upstream body %s", got.Body)
			}
			if got.User != projectID || strings.Contains(got.Header.Get("Authorization"), "leak") {
				t.Fatalf("upstream auth %v", got.Header.Get("Authorization"))
			}
			if !jsonEqual(t, mustJSON(body["output"]), tt.output) {
				t.Fatalf("output %s, want %s", mustJSON(body["output"]), tt.output)
			}
			if r := e.mb.Requests()[0]; r.Kind != "act" || r.ActionKey != tt.actionKey || r.ConnectionID != e.connA.ID {
				t.Fatalf("recorded %+v", r)
			}
		})
	}
	if got := e.up.seen[len(e.up.seen)-1].Header.Get("Idempotency-Key"); got != "k1" {
		t.Fatalf("api headers not forwarded: %q", got)
	}
}

func TestActDefaultConnection(t *testing.T) {
	e := newEnv(t)
	// tenant-b has exactly one connection, so it is the default, and the
	// integration key selects it too.
	for _, body := range []string{`{"api":{"method":"GET","path":"/customers"}}`, `{"api":{"method":"GET","path":"/customers"},"integrationKey":"processout"}`} {
		status, out := e.callJSON(t, patB, "POST", "/act", body)
		if status != 200 || e.up.last(t).User != "proj_b" {
			t.Fatalf("%d %v", status, out)
		}
	}
	// tenant-a has two, so one must be named.
	status, body := e.callJSON(t, patA, "POST", "/act", `{"api":{"method":"GET","path":"/customers"}}`)
	wantError(t, status, body, 400, "bad_request", "", "connectionId")
}

func TestActErrors(t *testing.T) {
	e := newEnv(t)
	e.up.replies["GET /customers/cust_404"] = reply{404, nil, `{"success":false,"error_type":"resource.customer.not-found","message":"The customer could not be found."}`}
	conn := `"connectionId":"` + e.connA.ID + `"`
	tests := []struct {
		name, body          string
		status              int
		errType, key, words string
	}{
		{"unknown key", `{"key":"get-customer",` + conn + `,"bogus":1}`, 400, "bad_request", "", `unknown field "bogus"`},
		{"unknown api key", `{"api":{"method":"GET","path":"/x","verb":"y"},` + conn + `}`, 400, "bad_request", "", `unknown field "verb"`},
		{"two dispatch fields", `{"key":"get-customer","api":{"method":"GET","path":"/x"},` + conn + `}`, 400, "bad_request", "", "Exactly one of id, key, api or code"},
		{"no dispatch field", `{` + conn + `}`, 400, "bad_request", "", "Exactly one of"},
		{"code", `{"code":"return 1",` + conn + `}`, 400, "bad_request", "", "code dispatch is not supported by the emulator"},
		{"bad method", `{"api":{"method":"TRACE","path":"/x"},` + conn + `}`, 400, "bad_request", "", "api.method"},
		{"no path", `{"api":{"method":"GET"},` + conn + `}`, 400, "bad_request", "", "api.path"},
		{"unknown action", `{"key":"nope",` + conn + `}`, 404, "bad_request", "not_found", "nope"},
		{"defunct connection", `{"key":"get-customer","connectionId":"` + e.connDown.ID + `","input":{"id":"c"}}`, 400, "connection", "connection_is_defunct", "DISCONNECTING"},
		{"upstream 404 via api", `{"api":{"method":"GET","path":"/customers/cust_404"},` + conn + `}`, 404, "action_run", "upstream_error", "The customer could not be found."},
		{"upstream 404 via key", `{"key":"get-customer","input":{"id":"cust_404"},` + conn + `}`, 404, "action_run", "upstream_error", "could not be found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := e.callJSON(t, patA, "POST", "/act", tt.body)
			wantError(t, status, body, tt.status, tt.errType, tt.key, tt.words)
			if tt.errType == "action_run" {
				if !strings.HasPrefix(emutest.As[string](t, body["actionRunId"]), "arun_") || emutest.As[map[string]any](t, body["data"])["status"] != float64(404) {
					t.Fatalf("body %v", body)
				}
			}
		})
	}
}
