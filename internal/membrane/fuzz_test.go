package membrane

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// The fuzz targets of this file feed the Membrane client what Membrane (or
// an action, whose output is whatever its author wrote) could answer. Their
// seeds run as unit tests in `go test`; `make fuzz` explores further.

// fixedTransport answers every ProcessOut operation with one response.
type fixedTransport struct{ resp *processout.Response }

func (t fixedTransport) Do(context.Context, *processout.Request) (*processout.Response, error) {
	return t.resp, nil
}

// FuzzParseError: a body is taken for Membrane's own error only when it is
// one (a known error type, no ProcessOut "success" flag), keeps the status,
// and reads as a Membrane error; decoding an answer never panics, and a
// failure status is never decoded as a connection.
func FuzzParseError(f *testing.F) {
	for _, s := range []struct {
		status int
		body   string
	}{
		{401, `{"type":"bad_request","key":"not_authenticated","message":"Access token has expired"}`},
		{404, `{"type":"bad_request","key":"not_found","message":"Connection with id 'c' not found"}`},
		{400, `{"type":"action_run","message":"boom","data":{"status":404},"actionRunId":"run_1"}`},
		{404, `{"success":false,"error_type":"resource.customer.not-found","type":"bad_request"}`},
		{500, `{"type":"unheard_of","message":"x"}`},
		{200, `{"id":"conn_1","state":"READY","connected":true}`},
		{200, `{"id":"conn_1","state":5,"connected":"yes"}`},
		{200, `<html>login</html>`},
		{200, ``},
		{502, `<html>502</html>`},
		{0, `{"type":"internal"}`},
		{307, ``},
	} {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if e := parseError(status, body); e != nil {
			if !errorTypes[e.Type] || e.Status != status {
				t.Fatalf("parsed %+v from HTTP %d", e, status)
			}
			var probe map[string]json.RawMessage
			if json.Unmarshal(body, &probe) != nil {
				t.Fatal("a body that is not a JSON object was taken for a Membrane error")
			}
			if _, relayed := probe["success"]; relayed {
				t.Fatal("a relayed ProcessOut answer was taken for a Membrane error")
			}
			if !strings.HasPrefix(e.Error(), "Membrane answered") {
				t.Fatalf("error text %q", e.Error())
			}
		}
		var conn Connection
		err := decode("membrane.connection.read", &httpx.Result{Status: status, Body: body}, &conn)
		var me *Error
		switch {
		case status < 200 || status > 299:
			if !errors.As(err, &me) || me.Status != status {
				t.Fatalf("HTTP %d decoded with err %v, want a *membrane.Error with that status", status, err)
			}
		case err != nil && !strings.Contains(err.Error(), "membrane.connection.read"):
			t.Fatalf("the decode error does not name the call: %v", err)
		}
	})
}

// outputShapes are the operations an action can be routed for, one of each
// shape: an object read, a catalog entry (identified by name), a list, and
// a delete.
var outputShapes = []processout.Request{
	{Operation: "webhook_endpoint.read", Method: http.MethodGet, ResponseKey: "webhook_endpoint"},
	{Operation: "gateway.read", Method: http.MethodGet, ResponseKey: "gateway"},
	{Operation: "webhook_endpoint.list", Method: http.MethodGet, ResponseKey: "webhook_endpoints", List: true},
	{Operation: "webhook_endpoint.delete", Method: http.MethodDelete, ResponseKey: "webhook_endpoint"},
}

// FuzzActionOutput: whatever an action returns, the transport either
// rejects it with a ShapeError naming the action, or rewraps it as a
// success envelope that the ProcessOut client decodes or refuses with a
// typed DecodeError, never a panic and never a ProcessOut failure.
func FuzzActionOutput(f *testing.F) {
	for i, out := range []string{
		`{"id":"whe_1","url":"https://x.example"}`,
		`{"name":"stripe","id":6}`,
		`{"items":[{"id":"whe_1"}],"has_more":false}`,
		`{"items":[{"id":"whe_1"}],"has_more":true}`,
		`{"items":{"id":"whe_1"}}`,
		`{"items":[],"has_more":"maybe"}`,
		`{"id":null}`,
		`{"id":42}`,
		`{"data":{"id":"whe_1"}}`,
		`[]`,
		`null`,
		`"text"`,
		``,
		`{"id":"whe_1","created_at":"yesterday"}`,
	} {
		f.Add([]byte(out), uint8(i))
	}
	f.Fuzz(func(t *testing.T, output []byte, which uint8) {
		req := outputShapes[int(which)%len(outputShapes)]
		body, err := envelope(&req, "the-action", &RunResult{Output: output, ActionRunID: "run_1"})
		if err != nil {
			var shape *ShapeError
			if !errors.As(err, &shape) || shape.Action != "the-action" || shape.Operation != req.Operation {
				t.Fatalf("%s: error %T %v, want a ShapeError naming the action and operation", req.Operation, err, err)
			}
			return
		}
		var env map[string]json.RawMessage
		if json.Unmarshal(body, &env) != nil || string(env["success"]) != "true" {
			t.Fatalf("%s: envelope %q is not a success object", req.Operation, body)
		}
		if _, ok := env[req.ResponseKey]; !ok && req.Method != http.MethodDelete {
			t.Fatalf("%s: envelope %q lacks %q", req.Operation, body, req.ResponseKey)
		}
		client := processout.New(fixedTransport{&processout.Response{Status: http.StatusOK, Body: body}})
		err = decodeThrough(client, req)
		var decodeErr *processout.DecodeError
		if err != nil && !errors.As(err, &decodeErr) {
			t.Fatalf("%s: a success envelope gave %T %v, want nil or a DecodeError", req.Operation, err, err)
		}
	})
}

// decodeThrough makes the client call that req stands for.
func decodeThrough(c *processout.Client, req processout.Request) error {
	ctx := context.Background()
	switch {
	case req.List:
		for _, err := range c.WebhookEndpoints(ctx, processout.ListOptions{}) {
			if err != nil {
				return err
			}
		}
		return nil
	case req.Method == http.MethodDelete:
		return c.DeleteWebhookEndpoint(ctx, "whe_1")
	case req.ResponseKey == "gateway":
		_, err := c.GetGateway(ctx, "stripe")
		return err
	default:
		_, err := c.GetWebhookEndpoint(ctx, "whe_1")
		return err
	}
}

// FuzzActionRunFailure: an action_run error relayed as ProcessOut's answer
// is a failure whatever its data says, and a ProcessOut error status in
// its data is the status the client sees (a 404 still means "gone").
func FuzzActionRunFailure(f *testing.F) {
	for _, s := range []struct {
		status int
		data   string
		msg    string
	}{
		{400, `{"status":404,"error_type":"resource.webhook-endpoint.not-found"}`, "not found"},
		{400, `{"status":400,"error_type":"request.validation.invalid-url","invalid_fields":[{"name":"url","message":"bad"}]}`, "bad url"},
		{400, `{"status":200}`, "odd"},
		{500, `{"status":"404"}`, ""},
		{400, `{"invalid_fields":"nope"}`, "x"},
		{400, `[]`, ""},
		{400, ``, ""},
		{0, `{"status":-5}`, "negative"},
	} {
		f.Add(s.status, []byte(s.data), s.msg)
	}
	f.Fuzz(func(t *testing.T, status int, data []byte, message string) {
		resp := relayedFailure(&Error{Status: status, Type: "action_run", Message: message, Data: data, ActionRunID: "run_1"})
		_, err := processout.New(fixedTransport{resp}).GetWebhookEndpoint(context.Background(), "whe_1")
		var apiErr *processout.Error
		if !errors.As(err, &apiErr) {
			t.Fatalf("a failed action run gave %T %v, want a *processout.Error", err, err)
		}
		var fields struct {
			Status int `json:"status"`
		}
		if json.Unmarshal(data, &fields) == nil && fields.Status >= 300 && fields.Status <= 599 && apiErr.Status != fields.Status {
			t.Fatalf("data.status %d reached the client as %d", fields.Status, apiErr.Status)
		}
	})
}
