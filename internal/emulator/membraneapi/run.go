package membraneapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// processOutAction turns a table row into a runnable action.
//
// Run contract (also in ACTIONS.md):
//   - input is a JSON object;
//   - keys named like the {placeholders} of the path template fill the path
//     (path-escaped) and are removed; project_id defaults to the connection's
//     project;
//   - the optional key idempotencyKey is removed and sent upstream as the
//     Idempotency-Key header;
//   - for GET and DELETE the remaining scalar keys become query parameters
//     (arrays repeat the key, objects and nulls are dropped); for POST and
//     PUT the remaining keys are the JSON body;
//   - output: single-object actions return the object under the response key
//     unwrapped; list actions return {"items", "has_more", "total_count"};
//     delete actions return {"deleted": true, "id": <last path parameter>};
//   - upstream errors become an *ActionError with type action_run, key
//     upstream_error, the upstream message, data {status, error_type,
//     invalid_fields}, and the upstream status (5xx becomes 502); Retry-After
//     and x-ratelimit* headers are passed on.
func (s *Server) processOutAction(spec opSpec) Action {
	return Action{
		ID: actionID(spec.Key, spec.Name), Key: spec.Key, Name: spec.Name, Description: spec.Description,
		InputSchema: spec.InputSchema, OutputSchema: outputSchema(spec.Kind),
		Run: func(ctx context.Context, conn Connection, input map[string]any) (any, error) {
			return s.runOp(ctx, spec, conn, input)
		},
	}
}

func outputSchema(kind opKind) map[string]any {
	switch kind {
	case opList:
		return map[string]any{"type": "object", "properties": map[string]any{
			"items":       map[string]any{"type": "array", "items": map[string]any{"type": "object"}},
			"has_more":    map[string]any{"type": "boolean"},
			"total_count": map[string]any{"type": "integer"},
		}}
	case opDelete:
		return map[string]any{"type": "object", "properties": map[string]any{
			"deleted": map[string]any{"type": "boolean"},
			"id":      map[string]any{"type": "string"},
		}}
	case opSaved:
		return map[string]any{"type": "object", "properties": map[string]any{"saved": map[string]any{"type": "boolean"}}}
	}
	return map[string]any{"type": "object"}
}

func (s *Server) runOp(ctx context.Context, spec opSpec, conn Connection, input map[string]any) (any, error) {
	rest := maps.Clone(input)
	header := http.Header{}
	header.Set("Accept", "application/json")
	header.Set("Content-Type", "application/json")
	header.Set("API-Version", "1.4.0.0")
	if key, ok := rest["idempotencyKey"].(string); ok && key != "" {
		header.Set("Idempotency-Key", key)
	}
	delete(rest, "idempotencyKey")
	target, id, err := fillPath(spec.Path, rest, conn)
	if err != nil {
		return nil, err
	}
	var body []byte
	if spec.Method == http.MethodGet || spec.Method == http.MethodDelete {
		if q := queryOf(rest).Encode(); q != "" {
			target += "?" + q
		}
	} else if body, err = json.Marshal(rest); err != nil {
		return nil, newActionError(http.StatusBadRequest, errInvalidInput, "Invalid action input: %v", err)
	}
	// Marked as the connector's own call: the emulator's unserved-routes
	// reading hides non-public routes from API keys, not from Membrane.
	rec, err := s.callUpstream(processoutapi.InternalCall(ctx), conn, spec.Method, target, header, body)
	if err != nil {
		return nil, newActionError(http.StatusBadGateway, errUpstream, "ProcessOut request failed: %v", err)
	}
	resp, err := decodeUpstream(rec)
	if err != nil {
		return nil, err
	}
	obj, _ := resp.(map[string]any)
	switch spec.Kind {
	case opDelete:
		return map[string]any{"deleted": true, "id": id}, nil
	case opSaved:
		return map[string]any{"saved": true}, nil
	case opList:
		raw, present := obj[spec.ResponseKey]
		items, isList := raw.([]any)
		if !present || (raw != nil && !isList) {
			break
		}
		if items == nil {
			items = []any{}
		}
		hasMore, _ := obj["has_more"].(bool)
		total, ok := obj["total_count"]
		if !ok {
			total = len(items)
		}
		return map[string]any{"items": items, "has_more": hasMore, "total_count": total}, nil
	default:
		if v, ok := obj[spec.ResponseKey]; ok {
			return v, nil
		}
	}
	return nil, newActionError(http.StatusBadGateway, errUpstream, "ProcessOut response has no '%s'", spec.ResponseKey)
}

// fillPath substitutes the template's placeholders from rest (removing them)
// or from the connection defaults. It returns the path and the last value
// substituted (the id a delete reports).
func fillPath(tmpl string, rest map[string]any, conn Connection) (string, string, error) {
	var last string
	var missing []string
	path := placeholderRE.ReplaceAllStringFunc(tmpl, func(m string) string {
		name := m[1 : len(m)-1]
		v, _ := scalarString(rest[name])
		delete(rest, name)
		if def := pathDefaults[name]; v == "" && def != nil {
			v = def(conn)
		}
		if v == "" {
			missing = append(missing, name+" is required")
		}
		last = v
		return url.PathEscape(v)
	})
	if len(missing) > 0 {
		ae := newActionError(http.StatusBadRequest, errInvalidInput, "Invalid action input: %s", strings.Join(missing, "; "))
		ae.Data = map[string]any{"errors": missing}
		return "", "", ae
	}
	return path, last, nil
}

// queryOf turns input keys into query parameters: scalars as text, arrays
// as repeated keys; objects and nulls are dropped.
func queryOf(in map[string]any) url.Values {
	q := url.Values{}
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		values, isList := in[k].([]any)
		if !isList {
			values = []any{in[k]}
		}
		for _, v := range values {
			if s, ok := scalarString(v); ok {
				q.Add(k, s)
			}
		}
	}
	return q
}

// scalarString renders a JSON scalar as text; ok is false for null, arrays
// and objects.
func scalarString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool:
		return strconv.FormatBool(x), true
	case json.Number:
		return x.String(), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case float32, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(x), true
	}
	return "", false
}

// decodeUpstream parses a successful ProcessOut JSON response, or returns
// the upstream error as an *ActionError.
func decodeUpstream(rec *httptest.ResponseRecorder) (any, error) {
	var body any
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.UseNumber()
	jsonErr := dec.Decode(&body)
	obj, _ := body.(map[string]any)
	if rec.Code/100 != 2 || jsonErr != nil || obj["success"] == false {
		return nil, upstreamError(rec, obj)
	}
	return body, nil
}

// upstreamError describes a failed ProcessOut response: the status stays
// (4xx), or becomes 502 for 5xx and malformed successes.
func upstreamError(rec *httptest.ResponseRecorder, body map[string]any) *ActionError {
	status := rec.Code
	if status < 400 || status >= 500 {
		status = http.StatusBadGateway
	}
	msg, _ := body["message"].(string)
	if msg == "" {
		msg = fmt.Sprintf("ProcessOut answered %d %s", rec.Code, http.StatusText(rec.Code))
	}
	errType, _ := body["error_type"].(string)
	fields := body["invalid_fields"]
	if fields == nil {
		fields = []any{}
	}
	ae := newActionError(status, errUpstream, "%s", msg)
	ae.Data = map[string]any{"status": rec.Code, "error_type": errType, "invalid_fields": fields}
	ae.Header = http.Header{}
	for name, values := range rec.Header() {
		if name == "Retry-After" || strings.HasPrefix(name, "X-Ratelimit") {
			ae.Header[name] = values
		}
	}
	return ae
}
