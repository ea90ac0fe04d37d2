// Package membraneapi emulates the parts of Membrane's REST API that the
// provider uses to reach ProcessOut: bearer authentication (static tokens and
// workspace-signed JWTs), connections, the connection API proxy, actions
// (list, run) and /act. Proxy calls and action runs are served in-process by
// an upstream http.Handler, normally the ProcessOut emulator.
//
// See CONTRACT.md in this directory for the API contract it implements (with
// sources and confidence), and ACTIONS.md for the ProcessOut action table
// and the run contract.
package membraneapi

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Options configures a Server.
type Options struct {
	// Upstream serves proxy calls and action runs (the ProcessOut API,
	// without faults: faults belong in front of the Membrane server).
	Upstream http.Handler
	// Now is the clock for token expiry and timestamps; nil means time.Now.
	Now func() time.Time
}

// Workspace is a Membrane workspace whose secret signs tenant JWTs.
type Workspace struct {
	Key, Secret string
}

// Request records one call made to the server.
type Request struct {
	Method, Path, RawQuery string
	Status                 int
	// Kind is "connections", "proxy", "action" (list and run), "act", or
	// "auth" when the request was rejected before routing; "" otherwise.
	Kind         string
	ConnectionID string // the resolved connection, when there was one
	ActionKey    string // the action run ("api" for /act api dispatch)
	UserAgent    string
	Time         time.Time
}

// Server is the Membrane API emulator. It is safe for concurrent use.
type Server struct {
	upstream http.Handler
	now      func() time.Time
	mux      *http.ServeMux

	mu           sync.RWMutex
	workspaces   map[string]Workspace
	staticTokens map[string]principal
	minted       map[string]struct{}
	conns        []*connRecord
	actions      []Action
	requests     []Request
}

// New returns a server with the ProcessOut action table registered.
func New(opts Options) *Server {
	s := &Server{
		upstream:     opts.Upstream,
		now:          opts.Now,
		workspaces:   map[string]Workspace{},
		staticTokens: map[string]principal{},
		minted:       map[string]struct{}{},
	}
	if s.now == nil {
		s.now = time.Now
	}
	for _, spec := range processOutActions() {
		s.actions = append(s.actions, s.processOutAction(spec))
	}
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /connections", s.handleListConnections)
	s.mux.HandleFunc("GET /connections/{selector}", s.handleGetConnection)
	s.mux.HandleFunc("/connections/{selector}/proxy/{path...}", s.handleProxy)
	s.mux.HandleFunc("GET /actions", s.handleListActions)
	s.mux.HandleFunc("POST /actions", s.handleCreateAction)
	s.mux.HandleFunc("POST /actions/{selector}/run", s.handleRunAction)
	s.mux.HandleFunc("POST /act", s.handleAct)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, errNotFound, "Route "+r.Method+" "+r.URL.Path+" not found")
	})
	return s
}

// AddWorkspace registers (or replaces) a workspace.
func (s *Server) AddWorkspace(w Workspace) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.workspaces[w.Key] = w
}

// AddStaticToken registers an opaque bearer token (e.g. "pat-...") bound to
// a workspace and tenant.
func (s *Server) AddStaticToken(token, workspaceKey, tenantKey string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.staticTokens[token] = principal{workspaceKey: workspaceKey, tenantKey: tenantKey}
}

// Requests returns the calls served so far, in order.
func (s *Server) Requests() []Request {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]Request(nil), s.requests...)
}

// ResetRequests forgets the recorded calls.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// MintedTokensSeen is the number of distinct JWTs accepted so far.
func (s *Server) MintedTokensSeen() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.minted)
}

type ctxKey struct{}

// callState travels with a request so handlers can fill in its record.
type callState struct {
	rec Request
	who principal
}

// stateOf returns the request's state; ServeHTTP always sets it, so a
// missing one is a programming error.
func stateOf(r *http.Request) *callState {
	st, ok := r.Context().Value(ctxKey{}).(*callState)
	if !ok {
		panic("membraneapi: request without call state")
	}
	return st
}

// supportedVersions are the accepted membrane-api-version values.
var supportedVersions = []string{"legacy", "2025-10-21"}

// ServeHTTP authenticates the caller, checks the API version, routes the
// request and records it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	st := &callState{rec: Request{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Kind: kindOf(r.URL.Path), UserAgent: r.UserAgent(), Time: s.now()}}
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		st.rec.Status = sw.status()
		s.mu.Lock()
		s.requests = append(s.requests, st.rec)
		s.mu.Unlock()
	}()
	defer recoverInternal(sw)

	who, herr := s.authenticate(r.Header.Get("Authorization"))
	if herr != nil {
		st.rec.Kind = "auth"
		herr.write(sw)
		return
	}
	st.who = who
	if v, ok := r.Header["Membrane-Api-Version"]; ok && !slices.Contains(supportedVersions, strings.Join(v, ",")) {
		writeError(sw, http.StatusBadRequest, errBadRequest,
			"Unsupported membrane-api-version header value '"+strings.Join(v, ",")+"'; supported values: "+strings.Join(supportedVersions, ", "))
		return
	}
	s.mux.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), ctxKey{}, st)))
}

func kindOf(path string) string {
	switch {
	case strings.HasPrefix(path, "/connections/") && strings.Contains(path[len("/connections/"):], "/proxy/"):
		return "proxy"
	case path == "/connections" || strings.HasPrefix(path, "/connections/"):
		return "connections"
	case path == "/actions" || strings.HasPrefix(path, "/actions/"):
		return "action"
	case path == "/act":
		return "act"
	}
	return ""
}

// statusWriter remembers the status written through it.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}

// recoverInternal turns a panic into Membrane's 500 internal error, except
// http.ErrAbortHandler, which must reach net/http.
func recoverInternal(w *statusWriter) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	if w.code == 0 {
		writeError(w, http.StatusInternalServerError, errInternal, "Internal error")
	}
}
