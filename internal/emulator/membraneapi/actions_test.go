package membraneapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
)

func TestActionTable(t *testing.T) {
	want := map[string]string{
		"list-customers":               "GET /customers",
		"get-customer":                 "GET /customers/{id}",
		"create-customer":              "POST /customers",
		"update-customer":              "PUT /customers/{id}",
		"delete-customer":              "DELETE /customers/{id}",
		"list-webhook-endpoints":       "GET /webhook-endpoints",
		"get-webhook-endpoint":         "GET /webhook-endpoints/{id}",
		"create-webhook-endpoint":      "POST /webhook-endpoints",
		"update-webhook-endpoint":      "PUT /webhook-endpoints/{id}",
		"delete-webhook-endpoint":      "DELETE /webhook-endpoints/{id}",
		"list-gateway-configurations":  "GET /gateway-configurations",
		"get-gateway-configuration":    "GET /gateway-configurations/{id}",
		"create-gateway-configuration": "POST /gateways/{gateway_name}/gateway-configurations",
		"update-gateway-configuration": "PUT /gateway-configurations/{id}",
		"delete-gateway-configuration": "DELETE /gateway-configurations/{id}",
		"list-products":                "GET /products",
		"get-product":                  "GET /products/{id}",
		"create-product":               "POST /products",
		"update-product":               "PUT /products/{id}",
		"delete-product":               "DELETE /products/{id}",
		"get-project":                  "GET /projects/{project_id}",
		"update-project":               "PUT /projects/{project_id}",
		"list-supervised-projects":     "GET /supervised-projects",
		"create-supervised-project":    "POST /supervised-projects",
		"list-gateways":                "GET /gateways",
		"get-gateway":                  "GET /gateways/{gateway_name}",
		"list-apple-pay-alternative-merchant-certificates":  "GET /projects/applepay/alternative-merchant-certificates",
		"create-apple-pay-alternative-merchant-certificate": "POST /projects/applepay/alternative-merchant-certificates",
		"delete-apple-pay-alternative-merchant-certificate": "DELETE /projects/applepay/alternative-merchant-certificates/{id}",
		"get-project-sftp-settings":                         "GET /projects/{project_id}/sftp-settings",
		"save-project-sftp-settings":                        "PUT /projects/{project_id}/sftp-settings",
		"delete-project-sftp-settings":                      "DELETE /projects/{project_id}/sftp-settings",
		"list-plans":                                        "GET /plans",
		"get-plan":                                          "GET /plans/{id}",
		"create-plan":                                       "POST /plans",
		"update-plan":                                       "PUT /plans/{id}",
		"delete-plan":                                       "DELETE /plans/{id}",
		"list-coupons":                                      "GET /coupons",
		"get-coupon":                                        "GET /coupons/{id}",
		"create-coupon":                                     "POST /coupons",
		"update-coupon":                                     "PUT /coupons/{id}",
		"delete-coupon":                                     "DELETE /coupons/{id}",
	}
	specs := processOutActions()
	if len(specs) != len(want) {
		t.Fatalf("%d actions, want %d", len(specs), len(want))
	}
	for _, s := range specs {
		if got := s.Method + " " + s.Path; want[s.Key] != got {
			t.Errorf("%s: %q, want %q", s.Key, got, want[s.Key])
		}
		if s.Name == "" || s.Description == "" || s.ResponseKey == "" {
			t.Errorf("%s: incomplete %+v", s.Key, s)
		}
		required := emutest.As[[]string](t, s.InputSchema["required"])
		for _, p := range placeholders(s.Path) {
			if p != "project_id" && !slices.Contains(required, p) {
				t.Errorf("%s: placeholder %s not required", s.Key, p)
			}
		}
	}
}

func TestListActions(t *testing.T) {
	e := newEnv(t)
	status, body := e.callJSON(t, patA, "GET", "/actions?connectionId="+e.connA.ID, "")
	items := emutest.As[[]any](t, body["items"])
	if status != 200 || len(items) != len(processOutActions()) {
		t.Fatalf("%d, %d items", status, len(items))
	}
	for _, it := range items {
		a := emutest.As[map[string]any](t, it)
		if a["connectionId"] != e.connA.ID || a["integrationKey"] != "processout" || a["state"] != "READY" ||
			!strings.HasPrefix(emutest.As[string](t, a["id"]), "act_") || a["inputSchema"] == nil || a["outputSchema"] == nil {
			t.Fatalf("action %v", a)
		}
	}
	status, body = e.callJSON(t, patA, "GET", "/actions?connectionId=conn_nope", "")
	wantError(t, status, body, 404, "bad_request", "not_found", "conn_nope")
}

func TestListActionsByIntent(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		intent, best string
		empty        bool
	}{
		{intent: "create a webhook endpoint", best: "create-webhook-endpoint"},
		{intent: "List all customers", best: "list-customers"},
		{intent: "delete webhooks", best: "delete-webhook-endpoint"},
		{intent: "update gateway configuration", best: "update-gateway-configuration"},
		{intent: "get the project", best: "get-project"},
		{intent: "the of a", empty: true},
		{intent: "bananas", empty: true},
	}
	for _, tt := range tests {
		_, body := e.callJSON(t, patA, "GET", "/actions?connectionId="+e.connA.ID+"&intent="+strings.ReplaceAll(tt.intent, " ", "+"), "")
		items := emutest.As[[]any](t, body["items"])
		if tt.empty {
			if len(items) != 0 {
				t.Errorf("%q: %d items, want none", tt.intent, len(items))
			}
			continue
		}
		if len(items) == 0 || emutest.As[map[string]any](t, items[0])["key"] != tt.best {
			t.Errorf("%q: first %v, want %s", tt.intent, items, tt.best)
			continue
		}
		if len(items) > 10 {
			t.Errorf("%q: %d items beyond the default intent limit", tt.intent, len(items))
		}
		words := intentWords(tt.intent)
		for _, it := range items {
			a := emutest.As[map[string]any](t, it)
			shared := false
			for w := range intentWords(emutest.As[string](t, a["key"]) + " " + emutest.As[string](t, a["name"]) + " " + emutest.As[string](t, a["description"])) {
				shared = shared || words[w]
			}
			if !shared {
				t.Errorf("%q: %s shares no word", tt.intent, a["key"])
			}
		}
	}
}

const customerJSON = `{"id":"cust_1","email":"a@b.c","balance":"0","metadata":{}}`

func TestRunActionSuccess(t *testing.T) {
	e := newEnv(t)
	e.up.replies["GET /customers/cust_1"] = reply{200, nil, `{"success":true,"customer":` + customerJSON + `}`}
	e.up.replies["GET /customers"] = reply{200, nil, `{"success":true,"customers":[` + customerJSON + `],"count":1,"has_more":true,"limit":10,"total_count":42}`}
	e.up.replies["POST /gateways/stripe/gateway-configurations"] = reply{200, nil, `{"success":true,"gateway_configuration":{"id":"gway_conf_1","name":"S"}}`}
	e.up.replies["DELETE /webhook-endpoints/we_1"] = reply{200, nil, `{"success":true}`}
	e.up.replies["GET /projects/proj_abc"] = reply{200, nil, `{"success":true,"project":{"id":"proj_abc"}}`}
	e.up.replies["PUT /projects/proj_abc/sftp-settings"] = reply{200, nil, `{"success":true}`}
	e.up.replies["GET /projects/proj_abc/sftp-settings"] = reply{200, nil, `{"success":true,"sftp_settings":{"enabled":true,"endpoint":"h:22","username":"u"}}`}

	tests := []struct {
		selector, input          string
		method, path, query      string
		upstreamBody, idempotKey string
		output                   string
	}{
		{"get-customer", `{"id":"cust_1"}`, "GET", "/customers/cust_1", "", "", "", customerJSON},
		{"processout.get-customer", `{"id":"cust_1","expand":["tokens"]}`, "GET", "/customers/cust_1", "expand=tokens", "", "", customerJSON},
		{"list-customers", `{"limit":5,"expand":["tokens","project"],"filter":""}`, "GET", "/customers", "expand=tokens&expand=project&filter=&limit=5", "", "",
			`{"has_more":true,"items":[` + customerJSON + `],"total_count":42}`},
		{"create-gateway-configuration", `{"gateway_name":"stripe","name":"S","enabled":true,"settings":{"k":"v"},"idempotencyKey":"idem-9"}`,
			"POST", "/gateways/stripe/gateway-configurations", "", `{"enabled":true,"name":"S","settings":{"k":"v"}}`, "idem-9", `{"id":"gway_conf_1","name":"S"}`},
		{"delete-webhook-endpoint", `{"id":"we_1"}`, "DELETE", "/webhook-endpoints/we_1", "", "", "", `{"deleted":true,"id":"we_1"}`},
		{"get-project", `{}`, "GET", "/projects/proj_abc", "", "", "", `{"id":"proj_abc"}`},
		// A save answered with no object has an output all the same.
		{"save-project-sftp-settings", `{"endpoint":"h:22","username":"u","password":"p","private_key":null,"idempotencyKey":"idem-s"}`,
			"PUT", "/projects/proj_abc/sftp-settings", "", `{"endpoint":"h:22","password":"p","private_key":null,"username":"u"}`, "idem-s", `{"saved":true}`},
		{"get-project-sftp-settings", `{}`, "GET", "/projects/proj_abc/sftp-settings", "", "", "", `{"enabled":true,"endpoint":"h:22","username":"u"}`},
		{"update-customer", `{"id":"cust 1/x","email":"z@b.c"}`, "PUT", "/customers/cust%201%2Fx", "", `{"email":"z@b.c"}`, "", `{"method":"PUT"}`},
	}
	for _, tt := range tests {
		t.Run(tt.selector, func(t *testing.T) {
			e.up.replies["PUT /customers/cust%201%2Fx"] = reply{200, nil, `{"success":true,"customer":{"method":"PUT"}}`}
			status, body := e.callJSON(t, patA, "POST", "/actions/"+tt.selector+"/run?connectionId="+e.connA.ID, `{"input":`+tt.input+`}`)
			if status != 200 || !strings.HasPrefix(emutest.As[string](t, body["actionRunId"]), "arun_") {
				t.Fatalf("%d %v", status, body)
			}
			got := e.up.last(t)
			if got.Method != tt.method || got.EscapedPath != tt.path || got.RawQuery != tt.query || got.User != projectID {
				t.Fatalf("upstream saw %s %s?%s as %s", got.Method, got.EscapedPath, got.RawQuery, got.User)
			}
			if tt.upstreamBody != "" && got.Body != tt.upstreamBody {
				t.Fatalf("upstream body %s, want %s", got.Body, tt.upstreamBody)
			}
			if got.Header.Get("Idempotency-Key") != tt.idempotKey {
				t.Fatalf("Idempotency-Key %q", got.Header.Get("Idempotency-Key"))
			}
			out, _ := json.Marshal(body["output"])
			if !jsonEqual(t, string(out), tt.output) {
				t.Fatalf("output %s, want %s", out, tt.output)
			}
		})
	}
	reqs := e.mb.Requests()
	if r := reqs[0]; r.Kind != "action" || r.ActionKey != "get-customer" || r.ConnectionID != e.connA.ID {
		t.Fatalf("recorded %+v", r)
	}
}

func jsonEqual(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		t.Fatalf("not JSON: %s / %s", a, b)
	}
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return string(ja) == string(jb)
}

func TestRunActionUpstreamErrors(t *testing.T) {
	e := newEnv(t)
	e.up.replies["GET /customers/cust_404"] = reply{404, nil, `{"success":false,"error_type":"resource.customer.not-found","message":"The customer could not be found."}`}
	e.up.replies["POST /customers"] = reply{400, nil, `{"success":false,"error_type":"request.validation.invalid-email","message":"The email is invalid.","invalid_fields":[{"name":"email","message":"Must be a valid email"}]}`}
	e.up.replies["GET /customers"] = reply{429, map[string]string{"Retry-After": "3"}, `{"success":false,"error_type":"request.rate.exceeded","message":"Slow down."}`}
	e.up.replies["GET /gateways"] = reply{503, map[string]string{"Content-Type": "text/html"}, `<html>503</html>`}
	tests := []struct {
		key, input, message, errorType string
		status, upstreamStatus         int
	}{
		{"get-customer", `{"id":"cust_404"}`, "The customer could not be found.", "resource.customer.not-found", 404, 404},
		{"create-customer", `{"email":"bad"}`, "The email is invalid.", "request.validation.invalid-email", 400, 400},
		{"list-customers", `{}`, "Slow down.", "request.rate.exceeded", 429, 429},
		{"list-gateways", `{}`, "ProcessOut answered 503 Service Unavailable", "", 502, 503},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			status, header, raw := e.call(t, patA, "POST", "/actions/"+tt.key+"/run?connectionId="+e.connA.ID, `{"input":`+tt.input+`}`)
			var body map[string]any
			_ = json.Unmarshal([]byte(raw), &body)
			wantError(t, status, body, tt.status, "action_run", "upstream_error", tt.message)
			data := emutest.As[map[string]any](t, body["data"])
			if data["status"] != float64(tt.upstreamStatus) || data["error_type"] != tt.errorType || data["invalid_fields"] == nil {
				t.Fatalf("data %v", data)
			}
			if !strings.HasPrefix(emutest.As[string](t, body["actionRunId"]), "arun_") {
				t.Fatalf("no actionRunId: %v", body)
			}
			if tt.status == 429 && header.Get("Retry-After") != "3" {
				t.Fatalf("Retry-After not passed on: %v", header)
			}
			if tt.status == 400 && len(emutest.As[[]any](t, data["invalid_fields"])) != 1 {
				t.Fatalf("invalid_fields %v", data["invalid_fields"])
			}
		})
	}
}

func TestRunActionRequestErrors(t *testing.T) {
	e := newEnv(t)
	run := "/actions/get-customer/run?connectionId=" + e.connA.ID
	tests := []struct {
		name, path, body    string
		status              int
		errType, key, words string
	}{
		{"unknown action", "/actions/no-such-action/run?connectionId=" + e.connA.ID, `{}`, 404, "bad_request", "not_found", "no-such-action"},
		{"missing path param", run, `{"input":{}}`, 400, "bad_request", "invalid_input", "id is required"},
		{"wrong type", "/actions/list-customers/run?connectionId=" + e.connA.ID, `{"input":{"limit":"ten"}}`, 400, "bad_request", "invalid_input", "limit must be of type integer"},
		{"input not object", run, `{"input":[1]}`, 400, "bad_request", "invalid_input", "JSON object"},
		{"malformed body", run, `{"input":`, 400, "bad_request", "", "Invalid request body"},
		{"no connection", "/actions/get-customer/run", `{"input":{"id":"c"}}`, 400, "bad_request", "", "connectionId"},
		{"defunct connection", "/actions/get-customer/run?connectionId=" + e.connDown.ID, `{"input":{"id":"c"}}`, 400, "connection", "connection_is_defunct", "DISCONNECTING"},
		{"unknown connection", "/actions/get-customer/run?connectionId=conn_x", `{"input":{"id":"c"}}`, 404, "bad_request", "not_found", "conn_x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := e.callJSON(t, patA, "POST", tt.path, tt.body)
			wantError(t, status, body, tt.status, tt.errType, tt.key, tt.words)
		})
	}
	if n := e.up.calls(); n != 0 {
		t.Fatalf("upstream called %d times", n)
	}
}

func TestCustomActions(t *testing.T) {
	e := newEnv(t)
	var gotConn Connection
	e.mb.AddAction(Action{Key: "wrong-shape", Name: "Wrong shape", InputSchema: map[string]any{"type": "object"},
		Run: func(_ context.Context, c Connection, in map[string]any) (any, error) {
			gotConn = c
			return []any{"not", "an", "object", in["x"]}, nil
		}})
	e.mb.AddAction(Action{Key: "fails", Name: "Fails", Run: func(context.Context, Connection, map[string]any) (any, error) {
		return nil, errors.New("boom")
	}})
	e.mb.AddAction(Action{Key: "teapot", Name: "Teapot", Run: func(context.Context, Connection, map[string]any) (any, error) {
		return nil, &ActionError{Status: http.StatusTeapot, Type: "action_run", Key: "custom", Message: "short and stout"}
	}})
	status, body := e.callJSON(t, patA, "POST", "/actions/wrong-shape/run?connectionKey=po-main", `{"input":{"x":1}}`)
	if status != 200 || !jsonEqual(t, mustJSON(body["output"]), `["not","an","object",1]`) || gotConn.ID != e.connA.ID || gotConn.ProjectSecret != projectKey {
		t.Fatalf("%d %v conn %+v", status, body, gotConn)
	}
	status, body = e.callJSON(t, patA, "POST", "/actions/fails/run?connectionId="+e.connA.ID, `{}`)
	wantError(t, status, body, 500, "internal", "internal", "boom")
	status, body = e.callJSON(t, patA, "POST", "/actions/"+actionID("teapot", "Teapot")+"/run?connectionId="+e.connA.ID, `{}`)
	wantError(t, status, body, 418, "action_run", "custom", "short and stout")
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestActionsDocMatchesTable(t *testing.T) {
	doc, err := os.ReadFile("ACTIONS.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range processOutActions() {
		row := fmt.Sprintf("| `%s` | `%s %s` | ", s.Key, s.Method, s.Path)
		if !strings.Contains(string(doc), row) {
			t.Errorf("ACTIONS.md lacks the row %q", row)
		}
	}
}
