package membrane

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// errorTypes are Membrane's ErrorType values. A body is a Membrane error only
// when its "type" is one of them, which tells it apart from a ProcessOut
// answer relayed by the proxy.
var errorTypes = map[string]bool{
	"bad_request": true, "connection": true, "configuration": true, "dependency_error": true,
	"flow_run": true, "flow_instance_setup": true, "concurrency": true, "internal": true,
	"action_run": true, "action_instance_setup": true, "unit_run": true, "custom_code": true,
	"insufficient_credit": true, "openrouter_not_configured": true,
}

// Error is an error answer from Membrane itself.
type Error struct {
	Status      int             `json:"-"`
	Type        string          `json:"type"`
	Key         string          `json:"key"`
	Message     string          `json:"message"`
	Data        json.RawMessage `json:"data,omitempty"`
	ActionRunID string          `json:"actionRunId,omitempty"`
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Membrane answered %d", e.Status)
	if e.Type != "" || e.Key != "" {
		fmt.Fprintf(&b, " (%s/%s)", e.Type, e.Key)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.ActionRunID != "" {
		fmt.Fprintf(&b, " [action run %s]", e.ActionRunID)
	}
	return b.String()
}

// IsAuthentication reports a token Membrane did not accept.
func (e *Error) IsAuthentication() bool {
	return e.Status == http.StatusUnauthorized || e.Key == "not_authenticated"
}

// IsNotFound reports an unknown connection, action or other Membrane object.
func (e *Error) IsNotFound() bool { return e.Status == http.StatusNotFound || e.Key == "not_found" }

// parseError returns the Membrane error in body, or nil when body is not one
// (it may be a ProcessOut answer relayed by the proxy).
func parseError(status int, body []byte) *Error {
	var probe map[string]json.RawMessage
	var e Error
	if isJSONObject(body, &probe) && !has(probe, "success") && isJSONObject(body, &e) && errorTypes[e.Type] {
		e.Status = status
		return &e
	}
	return nil
}

func isJSONObject(body []byte, into any) bool { return json.Unmarshal(body, into) == nil }

func has(fields map[string]json.RawMessage, key string) bool {
	_, ok := fields[key]
	return ok
}
