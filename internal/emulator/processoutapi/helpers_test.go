package processoutapi

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// client talks to a Server through ServeHTTP with Basic auth.
type client struct {
	t      *testing.T
	h      http.Handler
	user   string
	secret string
}

func newTestServer(t *testing.T, opts Options) (*Server, client) {
	t.Helper()
	s := New(opts)
	creds := s.AddProject("Test project", false)
	return s, client{t: t, h: s, user: creds.ProjectID, secret: creds.Secret}
}

func (s *Server) client(t *testing.T, creds ProjectCredentials) client {
	return client{t: t, h: s, user: creds.ProjectID, secret: creds.Secret}
}

type reply struct {
	status int
	header http.Header
	raw    string
	body   map[string]any
}

// do sends a request; body may be nil, a string (sent raw) or a value
// marshalled as JSON. headers are name/value pairs.
func (c client) do(method, target string, body any, headers ...string) reply {
	c.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		r = strings.NewReader(string(raw))
	}
	req := httptest.NewRequest(method, target, r)
	if c.user != "" || c.secret != "" {
		req.SetBasicAuth(c.user, c.secret)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	out := reply{status: rec.Code, header: rec.Header(), raw: rec.Body.String()}
	if err := json.Unmarshal(rec.Body.Bytes(), &out.body); err != nil {
		c.t.Fatalf("%s %s: body is not a JSON object: %v\n%s", method, target, err, rec.Body.String())
	}
	return out
}

// ok asserts a 200 success answer and returns its body.
func (r reply) ok(t *testing.T) map[string]any {
	t.Helper()
	if r.status != http.StatusOK || r.body["success"] != true {
		t.Fatalf("want 200 success, got %d: %s", r.status, r.raw)
	}
	return r.body
}

// fails asserts an error answer with the given status and error_type.
func (r reply) fails(t *testing.T, status int, errorType string) map[string]any {
	t.Helper()
	if r.status != status || r.body["success"] != false || r.body["error_type"] != errorType {
		t.Fatalf("want %d %s, got %d: %s", status, errorType, r.status, r.raw)
	}
	if msg, _ := r.body["message"].(string); msg == "" {
		t.Fatalf("error without message: %s", r.raw)
	}
	return r.body
}

func (r reply) object(t *testing.T, key string) map[string]any {
	t.Helper()
	obj, ok := r.ok(t)[key].(map[string]any)
	if !ok {
		t.Fatalf("no %q object in %s", key, r.raw)
	}
	return obj
}

func (r reply) items(t *testing.T, key string) []map[string]any {
	t.Helper()
	arr, ok := r.ok(t)[key].([]any)
	if !ok {
		t.Fatalf("no %q list in %s", key, r.raw)
	}
	out := make([]map[string]any, len(arr))
	for i, v := range arr {
		out[i] = obj(v)
	}
	return out
}

func ids(items []map[string]any) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = str(it["id"])
	}
	return out
}

// invalidFieldNames lists the names of an error's invalid_fields.
func invalidFieldNames(t *testing.T, body map[string]any) []string {
	t.Helper()
	arr, ok := body["invalid_fields"].([]any)
	if !ok {
		t.Fatalf("no invalid_fields in %v", body)
	}
	var names []string
	for _, f := range arr {
		m := obj(f)
		if m["message"] == "" {
			t.Errorf("invalid field without message: %v", m)
		}
		names = append(names, str(m["name"]))
	}
	return names
}

// Checked conversions of decoded JSON values (zero value on mismatch).
func str(v any) string         { s, _ := v.(string); return s }
func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }
func arr(v any) []any          { a, _ := v.([]any); return a }
