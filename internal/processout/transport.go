package processout

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Request is one ProcessOut API operation, described independently of how it
// travels: a transport may send it over HTTP Basic auth, through a Membrane
// connection proxy, or as a Membrane action run.
type Request struct {
	// Operation is the stable operation name, such as "webhook_endpoint.create".
	// Transports use it to route the call (Membrane actions) and to log it.
	Operation string
	Method    string
	// Path is a template such as "/webhook-endpoints/{id}"; see PathParams.
	Path       string
	PathParams map[string]string
	Query      url.Values
	// Body is JSON-encoded by the transport; nil means no body.
	Body any
	// ResponseKey is the envelope key holding the object ("webhook_endpoint")
	// or, for lists, the items ("webhook_endpoints").
	ResponseKey string
	// NotFoundType is the error_type by which ProcessOut says the object
	// this request names does not exist ("resource.webhook-endpoint.not-found");
	// empty on collection requests. Any other 404 is not a "gone" (errors.go).
	NotFoundType string
	List         bool
	// IdempotencyKey is set on writes. It is chosen once per logical call, so
	// every retry of that call carries the same key and the API can never
	// apply it twice.
	IdempotencyKey string
}

// Write reports whether the operation changes state on the server.
func (r *Request) Write() bool {
	return r.Method != http.MethodGet && r.Method != http.MethodHead
}

// CheckPathParams refuses path parameters that cannot name one object. Each
// value is escaped into a single segment (see ExpandedPath), but "" leaves
// the segment empty and "." or ".." are dot segments, which servers and
// proxies resolve to another path (DELETE /webhook-endpoints/.. is DELETE /).
func (r *Request) CheckPathParams() error {
	for name, value := range r.PathParams {
		if value == "" || value == "." || value == ".." {
			return &PathParamError{Operation: r.Operation, Name: name, Value: value}
		}
	}
	return nil
}

// PathParamError reports an ID that cannot be sent in a path.
type PathParamError struct {
	Operation, Name, Value string
}

func (e *PathParamError) Error() string {
	return fmt.Sprintf("%s: %q is not a valid %s: an ID cannot be empty, \".\" or \"..\"", e.Operation, e.Value, e.Name)
}

// ExpandedPath substitutes the path parameters, escaping each one so that an
// ID can never change the shape of the path.
func (r *Request) ExpandedPath() string {
	path := r.Path
	for name, value := range r.PathParams {
		path = strings.ReplaceAll(path, "{"+name+"}", url.PathEscape(value))
	}
	return path
}

// Response is ProcessOut's answer as it came back: status, headers and body.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	// Attempts counts the tries the transport made; more than one means the
	// transport retried, and a failure after many is reported as such.
	Attempts int
}

// Transport carries one API operation and returns ProcessOut's response. A
// non-2xx ProcessOut answer is a Response, not an error: the client decodes
// it. Errors are reserved for failures of the transport itself (network,
// Membrane, cancelled context), after the transport's own retries.
type Transport interface {
	Do(ctx context.Context, req *Request) (*Response, error)
}

// APIVersion is the ProcessOut API version the client is written against.
const APIVersion = "1.4.0.0"

// Header returns the headers ProcessOut expects on every call, whatever the
// transport: JSON both ways, the API version, and the idempotency key.
func (r *Request) Header(userAgent string) http.Header {
	h := http.Header{}
	h.Set("Accept", "application/json")
	h.Set("Content-Type", "application/json")
	h.Set("API-Version", APIVersion)
	if userAgent != "" {
		h.Set("User-Agent", userAgent)
	}
	if r.IdempotencyKey != "" {
		h.Set("Idempotency-Key", r.IdempotencyKey)
	}
	return h
}

// EncodedBody returns the JSON body, or nil when the request has none.
func (r *Request) EncodedBody() ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	return json.Marshal(r.Body)
}

// URL joins base (scheme, host and any path prefix, such as a Membrane
// connection's proxy path) with the expanded path and the query.
func (r *Request) URL(base string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(base, "/") + r.ExpandedPath())
	if err != nil {
		return nil, err
	}
	u.RawQuery = r.Query.Encode()
	return u, nil
}
