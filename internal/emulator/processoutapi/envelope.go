package processoutapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
)

// response is what a handler produces. ServeHTTP writes it, the request log
// records it and the idempotency cache may store it for replay.
type response struct {
	status      int
	body        []byte
	contentType string
	errorType   string
	allow       string // Allow header of 405 answers
	replayed    bool
}

// apiError is an error answer: {"success": false, "error_type", "message",
// "invalid_fields"?} (CONTRACT.md §4).
type apiError struct {
	status  int
	typ     string
	message string
	fields  []invalidField // nil: no invalid_fields key; validation errors always set it
}

type invalidField struct {
	Name    string `json:"name"`
	Message string `json:"message"`
}

func (e *apiError) Error() string { return e.typ + ": " + e.message }

func newError(status int, typ, format string, args ...any) *apiError {
	return &apiError{status: status, typ: typ, message: fmt.Sprintf(format, args...)}
}

// notFound builds resource.<resource>.not-found with the documented
// "The <label> could not be found." message.
func notFound(resource, label string) *apiError {
	return newError(http.StatusNotFound, "resource."+resource+".not-found", "The %s could not be found.", label)
}

func paginationError(format string, args ...any) *apiError {
	return newError(http.StatusBadRequest, "request.pagination.invalid", format, args...)
}

func errorResponse(e *apiError) response {
	body := map[string]any{"success": false, "error_type": e.typ, "message": e.message}
	if e.fields != nil {
		body["invalid_fields"] = e.fields
	}
	return response{status: e.status, body: encodeJSON(body), contentType: "application/json", errorType: e.typ}
}

// okObject is {"success": true, "<key>": object}, HTTP 200 (creates included).
func okObject(key string, object any) response {
	return okBody(map[string]any{"success": true, key: object})
}

// okDeleted is the delete answer {"success": true}, HTTP 200, never a 204.
func okDeleted() response { return okBody(map[string]any{"success": true}) }

// okList is the list envelope of CONTRACT.md §3.
func okList(plural string, items []any, p pageParams, hasMore bool, total int) response {
	return okBody(map[string]any{
		"success":     true,
		plural:        items,
		"count":       len(items),
		"has_more":    hasMore,
		"limit":       p.limit,
		"order":       p.orderName(),
		"total_count": total,
	})
}

func okBody(body map[string]any) response {
	return response{status: http.StatusOK, body: encodeJSON(body), contentType: "application/json"}
}

// encodeJSON marshals without HTML escaping (URLs keep their "&").
func encodeJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("processoutapi: cannot encode response: %v", err))
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// toMap renders an object the way a client decodes it (numbers as float64).
func toMap(v any) map[string]any {
	var m map[string]any
	if err := json.Unmarshal(encodeJSON(v), &m); err != nil {
		panic(fmt.Sprintf("processoutapi: cannot decode object: %v", err))
	}
	return m
}
