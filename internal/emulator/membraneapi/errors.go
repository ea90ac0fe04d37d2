package membraneapi

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// ErrorBody is Membrane's error JSON (CONTRACT.md §4). ActionRunID is set on
// failed action runs and /act calls.
type ErrorBody struct {
	Type        string `json:"type"`
	Key         string `json:"key,omitempty"`
	Message     string `json:"message"`
	Data        any    `json:"data,omitempty"`
	ActionRunID string `json:"actionRunId,omitempty"`
}

// errorKind is a Membrane error type and key.
type errorKind struct{ typ, key string }

var (
	errBadRequest       = errorKind{"bad_request", ""}
	errNotAuthenticated = errorKind{"bad_request", "not_authenticated"}
	errAccessDenied     = errorKind{"bad_request", "access_denied"}
	errNotFound         = errorKind{"bad_request", "not_found"}
	errInternal         = errorKind{"internal", "internal"}
	errDefunct          = errorKind{"connection", "connection_is_defunct"}
	errUpstream         = errorKind{"action_run", "upstream_error"}
	errInvalidInput     = errorKind{"bad_request", "invalid_input"}
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, kind errorKind, msg string) {
	writeJSON(w, status, ErrorBody{Type: kind.typ, Key: kind.key, Message: msg})
}

// ActionError is the error an action's Run returns to choose the HTTP status
// and the Membrane error of a failed run. Any other error becomes a 500
// internal error. Header entries are copied onto the response (the ProcessOut
// actions use it for Retry-After and x-ratelimit*).
type ActionError struct {
	Status  int
	Type    string
	Key     string
	Message string
	Data    any
	Header  http.Header
}

func (e *ActionError) Error() string {
	return fmt.Sprintf("%d %s/%s: %s", e.Status, e.Type, e.Key, e.Message)
}

func newActionError(status int, kind errorKind, format string, args ...any) *ActionError {
	return &ActionError{Status: status, Type: kind.typ, Key: kind.key, Message: fmt.Sprintf(format, args...)}
}

// httpError is a Membrane error raised while resolving a request (unknown
// connection, defunct connection, bad query).
type httpError struct {
	status int
	kind   errorKind
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func newHTTPError(status int, kind errorKind, format string, args ...any) *httpError {
	return &httpError{status: status, kind: kind, msg: fmt.Sprintf(format, args...)}
}

func (e *httpError) write(w http.ResponseWriter) { writeError(w, e.status, e.kind, e.msg) }
