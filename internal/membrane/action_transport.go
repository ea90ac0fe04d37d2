package membrane

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// ActionTransport runs the operations named in its routes as Membrane
// actions and sends every other operation through the connection proxy.
//
// Contract with the actions (the provider documentation repeats it):
//   - input: the operation's path parameters by name (id, project_id,
//     gateway_name), its query parameters (lists: limit, start_after, order
//     and filters), the fields of its JSON body, and idempotencyKey on writes;
//   - output: the object for reads, creates and updates; {"items": [...],
//     "has_more": bool} for lists; anything for deletes; for the Apple Pay
//     certificate list, which ProcessOut answers with one object, that
//     object ({"count", "alternative_merchant_certificates"});
//   - failure: Membrane's action_run error, whose data.status and
//     data.error_type carry ProcessOut's answer.
type ActionTransport struct {
	client       *Client
	connectionID string
	routes       map[string]string // operation → action id or key
	proxy        *ProxyTransport
}

// NewActionTransport returns a transport that routes the given operations
// to actions on the connection.
func NewActionTransport(client *Client, connectionID string, routes map[string]string) *ActionTransport {
	return &ActionTransport{client: client, connectionID: connectionID, routes: routes, proxy: NewProxyTransport(client, connectionID)}
}

// Do implements processout.Transport.
func (t *ActionTransport) Do(ctx context.Context, req *processout.Request) (*processout.Response, error) {
	action, routed := t.routes[req.Operation]
	if !routed {
		return t.proxy.Do(ctx, req)
	}
	input, err := actionInput(req)
	if err != nil {
		return nil, err
	}
	run, err := t.client.RunAction(ctx, req.Operation, action, t.connectionID, input)
	var me *Error
	if errors.As(err, &me) && me.Type == "action_run" {
		return relayedFailure(me), nil
	}
	if err != nil {
		return nil, err
	}
	body, err := envelope(req, action, run)
	if err != nil {
		return nil, err
	}
	return &processout.Response{Status: http.StatusOK, Body: body, Attempts: 1}, nil
}

func actionInput(req *processout.Request) (map[string]any, error) {
	input := map[string]any{}
	if req.Body != nil {
		raw, err := json.Marshal(req.Body)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(raw, &input); err != nil {
			return nil, err
		}
	}
	for k, vs := range req.Query {
		// The page size is a number in action schemas; other query values
		// (IDs, filters) stay text even when they look numeric.
		if n, err := strconv.Atoi(vs[0]); k == "limit" && len(vs) == 1 && err == nil {
			input[k] = n
			continue
		}
		if len(vs) == 1 {
			input[k] = vs[0]
		} else {
			input[k] = vs
		}
	}
	for k, v := range req.PathParams {
		input[k] = v
	}
	if req.IdempotencyKey != "" {
		input["idempotencyKey"] = req.IdempotencyKey
	}
	return input, nil
}

// envelope rewraps an action's output as the ProcessOut answer the typed
// client decodes, checking it has the shape the operation needs.
func envelope(req *processout.Request, action string, run *RunResult) ([]byte, error) {
	shapeErr := func(missing string) error {
		return &ShapeError{Action: action, Operation: req.Operation, Missing: missing, RunID: run.ActionRunID}
	}
	// A delete, or a save ProcessOut answers with no object (SFTP
	// settings), takes any output: there is nothing to decode.
	if req.Method == http.MethodDelete || req.ResponseKey == "" {
		return []byte(`{"success":true}`), nil
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(run.Output, &fields) != nil || fields == nil {
		return nil, shapeErr("a JSON object")
	}
	if req.List {
		items, ok := fields["items"]
		if !ok {
			return nil, shapeErr(`"items"`)
		}
		hasMore := fields["has_more"]
		if hasMore == nil {
			hasMore = json.RawMessage("false")
		}
		return json.Marshal(map[string]json.RawMessage{"success": json.RawMessage("true"), req.ResponseKey: items, "has_more": hasMore})
	}
	idField := "id"
	if field, ok := identifyingFields[req.ResponseKey]; ok {
		idField = field
	}
	if id, ok := fields[idField]; idField != "" && (!ok || string(id) == "null") {
		return nil, shapeErr(`"` + idField + `"`)
	}
	return json.Marshal(map[string]json.RawMessage{"success": json.RawMessage("true"), req.ResponseKey: run.Output})
}

// identifyingFields are the fields an object output must carry, for the
// answers whose object has no "id": catalog entries are identified by name,
// the Apple Pay certificate list is one object holding the list, and a
// project's SFTP settings are identified by the project in the path (they
// carry no id, so no field is required: "").
var identifyingFields = map[string]string{
	"gateway":               "name",
	"applepay_certificates": "alternative_merchant_certificates",
	"sftp_settings":         "",
}

// relayedFailure turns an action_run error back into ProcessOut's answer,
// so a 404 still means "gone" and field errors still name the field.
func relayedFailure(e *Error) *processout.Response {
	var data struct {
		Status        int             `json:"status"`
		ErrorType     string          `json:"error_type"`
		InvalidFields json.RawMessage `json:"invalid_fields"`
	}
	_ = json.Unmarshal(e.Data, &data)
	status := data.Status
	if status == 0 {
		status = e.Status
	}
	body, _ := json.Marshal(map[string]any{
		"success": false, "error_type": data.ErrorType, "message": e.Message + " [action run " + e.ActionRunID + "]",
		"invalid_fields": data.InvalidFields,
	})
	return &processout.Response{Status: status, Body: body, Attempts: 1}
}
