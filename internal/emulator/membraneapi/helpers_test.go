package membraneapi

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
)

// seen is one request as the fake upstream received it.
type seen struct {
	Method, EscapedPath, RawQuery string
	Header                        http.Header
	Body                          string
	User, Pass                    string
}

// reply is what the fake upstream answers.
type reply struct {
	status int
	header map[string]string
	body   string
}

// fakeUpstream records requests and answers from a table keyed by
// "METHOD path" (escaped path, no query); unknown routes get a JSON echo.
type fakeUpstream struct {
	mu      sync.Mutex
	seen    []seen
	replies map[string]reply
}

func (f *fakeUpstream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	user, pass, _ := r.BasicAuth()
	f.mu.Lock()
	f.seen = append(f.seen, seen{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), string(body), user, pass})
	rep, ok := f.replies[r.Method+" "+r.URL.EscapedPath()]
	f.mu.Unlock()
	if !ok {
		rep = reply{200, nil, `{"success":true,"echo":{"method":"` + r.Method + `"}}`}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Ratelimit", "3000")
	w.Header().Set("X-Ratelimit-Remaining", "2999")
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(rep.status)
	_, _ = io.WriteString(w, rep.body)
}

func (f *fakeUpstream) last(t *testing.T) seen {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.seen) == 0 {
		t.Fatal("upstream was not called")
	}
	return f.seen[len(f.seen)-1]
}

func (f *fakeUpstream) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.seen)
}

const (
	wsKey      = "ws_test"
	wsSecret   = "workspace-secret"
	patA       = "pat-tenant-a"
	patB       = "pat-tenant-b"
	projectID  = "test-proj_abc"
	projectKey = "key_sandbox_secret"
)

// env is a Membrane server over a fake upstream with three connections:
// connA (READY, tenant-a, key "po-main"), connDown (DISCONNECTING,
// tenant-a) and connB (READY, tenant-b).
type env struct {
	srv                   *httptest.Server
	mb                    *Server
	up                    *fakeUpstream
	clock                 *emutest.Clock
	connA, connDown, conB Connection
}

func newEnv(t *testing.T) *env {
	t.Helper()
	up := &fakeUpstream{replies: map[string]reply{}}
	clock := emutest.NewClock()
	mb := New(Options{Upstream: up, Now: clock.Now})
	mb.AddWorkspace(Workspace{Key: wsKey, Secret: wsSecret})
	mb.AddStaticToken(patA, wsKey, "tenant-a")
	mb.AddStaticToken(patB, wsKey, "tenant-b")
	e := &env{mb: mb, up: up, clock: clock}
	e.connA = mb.AddConnection(Connection{Name: "ProcessOut A", Key: "po-main", TenantKey: "tenant-a", WorkspaceKey: wsKey,
		State: "READY", Connected: true, ProjectID: projectID, ProjectSecret: projectKey, CreatedAt: emutest.Start.Add(-time.Hour)})
	e.connDown = mb.AddConnection(Connection{Name: "ProcessOut old", TenantKey: "tenant-a", WorkspaceKey: wsKey,
		State: "DISCONNECTING", Connected: false, ProjectID: projectID, ProjectSecret: projectKey})
	e.conB = mb.AddConnection(Connection{Name: "ProcessOut B", TenantKey: "tenant-b", WorkspaceKey: wsKey,
		State: "READY", Connected: true, ProjectID: "proj_b", ProjectSecret: "key_b"})
	e.srv = httptest.NewServer(mb)
	t.Cleanup(e.srv.Close)
	return e
}

// call sends a request with the given bearer token ("" for none) and
// returns the status, headers and body.
func (e *env) call(t *testing.T, token, method, path, body string, headers ...string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(data)
}

// callJSON is call with the body decoded into a map.
func (e *env) callJSON(t *testing.T, token, method, path, body string) (int, map[string]any) {
	t.Helper()
	status, _, raw := e.call(t, token, method, path, body)
	var out map[string]any
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatalf("%s %s: body is not a JSON object: %q", method, path, raw)
	}
	return status, out
}

// wantError asserts a Membrane error body.
func wantError(t *testing.T, status int, body map[string]any, wantStatus int, wantType, wantKey, msgPart string) {
	t.Helper()
	if status != wantStatus || body["type"] != wantType || (wantKey != "" && body["key"] != wantKey) {
		t.Fatalf("got %d %v, want %d %s/%s", status, body, wantStatus, wantType, wantKey)
	}
	if msg, _ := body["message"].(string); !strings.Contains(msg, msgPart) {
		t.Fatalf("message %q does not contain %q", msg, msgPart)
	}
}

func sign(t *testing.T, method jwt.SigningMethod, secret string, claims jwt.MapClaims) string {
	t.Helper()
	tok, err := jwt.NewWithClaims(method, claims).SignedString([]byte(secret))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
