// Package processoutapi is a stateful, in-memory emulator of ProcessOut's
// REST API (the contract it keeps: CONTRACT.md), served as an http.Handler.
// It covers projects and supervised projects, the gateway catalog, gateway
// configurations, webhook endpoints, customers, products, plans, coupons,
// Apple Pay certificates and a project's SFTP settings, with Basic
// authentication, the success/error/list envelopes, cursor pagination,
// expansions, Idempotency-Key replay and per-project rate limiting.
//
// Facts not verified against the live API are emulated by a convention;
// each such decision is marked "[U]" (unverified) in a comment where it is
// implemented.
//
// All state sits behind one mutex; every operation is in-memory and short.
package processoutapi

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"math/rand"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configure a Server.
type Options struct {
	// RateLimitPerMinute: 0 = not enforced (x-ratelimit reports a nominal
	// 3000); >0 = a token bucket per project (sandbox and live traffic
	// counted apart) answering 429 request.rate.exceeded when exhausted.
	RateLimitPerMinute int
	// Now is the clock; nil = time.Now.
	Now func() time.Time
	// Seed makes ids and keys deterministic when non-zero.
	Seed int64
	// Readings picks the optimistic (zero) or worst reading of each
	// unverified behaviour (readings.go).
	Readings Readings
}

// ProjectCredentials are Basic-auth credentials. ProjectID is the username
// (it carries the "test-" prefix for sandbox credentials); Secret the password.
type ProjectCredentials struct {
	ProjectID, Secret string
}

// Request is one entry of the request log.
type Request struct {
	Method         string
	Path           string // r.URL.Path (decoded)
	RawQuery       string
	Status         int
	IdempotencyKey string
	Replayed       bool   // answered from the idempotency cache
	ProjectID      string // bare id of the authenticated project, "" if authentication failed
	Sandbox        bool   // authenticated with "test-" credentials
	ErrorType      string
	UserAgent      string
	Time           time.Time
}

// Server is the emulator. Create it with New.
type Server struct {
	mu            sync.Mutex
	now           func() time.Time
	rng           *rand.Rand
	seq           uint64
	st            *store
	secrets       map[string]string            // project id → secret key
	settings      map[string]map[string]string // gateway configuration id → last settings received
	gatewayByName map[string]*Gateway
	seeded        map[string]int  // project id → customers seeded so far (numbering)
	applePayOff   map[string]bool // project id → Apple Pay not set up (SetApplePayConfigured)
	idem          *idempotencyCache
	readings      Readings
	limiter       *rateLimiter
	requests      []Request
	routes        []*route
	// sftpCredentials are the credentials of each project's SFTP settings.
	sftpCredentials map[string]SFTPCredentials
}

// New returns an empty emulator holding only the gateway catalog.
func New(opts Options) *Server {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	seed := opts.Seed
	if seed == 0 {
		seed = time.Now().UnixNano()
	}
	s := &Server{
		now:             now,
		rng:             rand.New(rand.NewSource(seed)),
		st:              newStore(),
		secrets:         map[string]string{},
		settings:        map[string]map[string]string{},
		gatewayByName:   map[string]*Gateway{},
		seeded:          map[string]int{},
		applePayOff:     map[string]bool{},
		idem:            newIdempotencyCache(opts.Readings.idempotencyTTL()),
		readings:        opts.Readings,
		limiter:         newRateLimiter(opts.RateLimitPerMinute),
		sftpCredentials: map[string]SFTPCredentials{},
	}
	s.loadCatalog()
	s.routes = buildRoutes()
	return s
}

func (s *Server) clock() time.Time { return s.now().UTC() }

func (s *Server) nextSeq() uint64 {
	s.seq++
	return s.seq
}

const (
	alnum      = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"
)

func (s *Server) randomString(n int, charset string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = charset[s.rng.Intn(len(charset))]
	}
	return string(b)
}

// newID returns prefix + 32 random characters, unique within kind.
func (s *Server) newID(kind, prefix, charset string) string {
	for {
		id := prefix + s.randomString(32, charset)
		if s.st.get(kind, id) == nil {
			return id
		}
	}
}

// insertObject stores a new object and returns its record.
func (s *Server) insertObject(kind string, obj object) *record {
	rec := &record{kind: kind, ident: obj.ident(), seq: s.nextSeq(), obj: obj}
	s.st.insert(rec)
	return rec
}

// removeRecord deletes an object; a project takes its own objects, its
// supervised projects (recursively) and its credentials with it.
func (s *Server) removeRecord(rec *record) {
	s.st.remove(rec)
	s.forget(rec)
}

func (s *Server) forget(rec *record) {
	switch rec.kind {
	case KindGatewayConfiguration:
		delete(s.settings, rec.id)
	case KindSFTPSettings:
		delete(s.sftpCredentials, rec.id)
	case KindProject:
		delete(s.secrets, rec.id)
		delete(s.seeded, rec.id)
		delete(s.applePayOff, rec.id)
		for _, owned := range s.st.removeOwner(rec.id) {
			s.forget(owned)
		}
	}
}

// reqCtx is one authenticated request as handlers see it.
type reqCtx struct {
	params    []string // decoded path placeholders, in order
	query     url.Values
	body      map[string]any // POST/PUT body; bodies of GET and DELETE are ignored
	projectID string         // bare id of the authenticated project
	sandbox   bool           // "test-" credentials
	publicKey bool           // project id with an empty secret (client-side SDKs)
	expand    []string       // every expand encoding clients send, merged (CONTRACT.md §6)
}

func (c *reqCtx) lastParam() string { return c.params[len(c.params)-1] }

// pathNames reports whether id is the object the path names, rather than,
// say, a list's cursor.
func (c *reqCtx) pathNames(id string) bool { return len(c.params) > 0 && c.lastParam() == id }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	entry := Request{
		UserAgent:      r.UserAgent(),
		Method:         r.Method,
		Path:           r.URL.Path,
		RawQuery:       r.URL.RawQuery,
		IdempotencyKey: idempotencyKey(r),
		Time:           s.clock(),
	}
	limit, remaining := s.limiter.limitHeader(), s.limiter.limitHeader()
	resp := s.dispatch(r, &entry, &remaining)

	entry.Status, entry.ErrorType, entry.Replayed = resp.status, resp.errorType, resp.replayed
	// Log before answering, so a client that got its answer sees its entry.
	s.mu.Lock()
	s.requests = append(s.requests, entry)
	s.mu.Unlock()

	h := w.Header()
	h.Set("Content-Type", resp.contentType)
	h.Set("X-Ratelimit", strconv.Itoa(limit))
	h.Set("X-Ratelimit-Remaining", strconv.Itoa(remaining))
	if resp.allow != "" {
		h.Set("Allow", resp.allow)
	}
	w.WriteHeader(resp.status)
	_, _ = w.Write(resp.body)
}

const maxBodyBytes = 10 << 20

// dispatch runs the request pipeline: route lookup (routes.go),
// authentication and rate limiting, refusal of unknown routes and methods,
// request reading, then the route's handler, through the idempotency cache
// for a write that carries a key (idempotency.go).
func (s *Server) dispatch(r *http.Request, entry *Request, remaining *int) response {
	m := s.lookup(r)
	// Authentication comes first on every path, known or not.
	c, aerr := s.admit(r, m.public(r.Method), entry, remaining)
	if aerr != nil {
		return errorResponse(aerr)
	}
	if s.readings.unservedRoute(m.segs) && !internalCall(r.Context()) {
		return unservedAnswer(m.segs)
	}
	if refusal, refused := m.refuse(r); refused {
		return refusal
	}
	if aerr = c.read(r, m.params); aerr != nil {
		return errorResponse(aerr)
	}
	if key := entry.IdempotencyKey; key != "" && takesIdempotencyKey(r.Method) {
		return s.runIdempotent(r.Method, key, m, c)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return m.handler(s, c)
}

// admit authenticates the request (401), records its project in entry,
// then takes a token from the project's rate-limit bucket (429) and leaves
// what is left of it in remaining.
func (s *Server) admit(r *http.Request, publicRoute bool, entry *Request, remaining *int) (*reqCtx, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, aerr := s.authenticate(r, publicRoute)
	if aerr != nil {
		return nil, aerr
	}
	entry.ProjectID, entry.Sandbox = c.projectID, c.sandbox
	var allowed bool
	allowed, *remaining = s.limiter.take(bucketKey{project: c.projectID, sandbox: c.sandbox}, s.clock())
	if !allowed {
		return nil, newError(http.StatusTooManyRequests, "request.rate.exceeded",
			"You have exceeded your rate limit of %d requests per minute. Please slow down and retry later.", s.limiter.limit)
	}
	return c, nil
}

// read fills in the rest of what handlers see: the path parameters, the
// query, the body of a POST or PUT, and the expansions.
func (c *reqCtx) read(r *http.Request, params []string) *apiError {
	c.params = params
	c.query = r.URL.Query()
	if hasBody(r.Method) {
		body, aerr := readBody(r)
		if aerr != nil {
			return aerr
		}
		c.body = body
	}
	c.expand = parseExpand(c.query, c.body)
	return nil
}

// hasBody reports whether requests of a method carry a body handlers read.
func hasBody(method string) bool { return method == http.MethodPost || method == http.MethodPut }

func idempotencyKey(r *http.Request) string {
	key := r.Header.Get("Idempotency-Key")
	if strings.TrimSpace(key) == "" {
		return "" // Ruby sends it empty: absent (CONTRACT.md §2, §8)
	}
	return key
}

// authenticate checks Basic auth: username = project id ("test-" prefix =
// sandbox), password = the project's secret key. An empty password is the
// public-key mode of client-side SDKs and is accepted only on public routes.
// Must be called with s.mu held.
func (s *Server) authenticate(r *http.Request, publicRoute bool) (*reqCtx, *apiError) {
	fail := newError(http.StatusUnauthorized, "request.authentication.invalid",
		"Could not read your project ID. Please make sure to use Basic HTTP authentication using your project ID as the username and your project secret key as the password.")
	user, pass, ok := r.BasicAuth()
	if !ok || user == "" {
		return nil, fail
	}
	c := &reqCtx{projectID: user}
	if bare, isSandbox := strings.CutPrefix(user, "test-"); isSandbox {
		c.projectID, c.sandbox = bare, true
	}
	secret, exists := s.secrets[c.projectID]
	switch {
	case !exists:
		return nil, fail
	case pass == "" && publicRoute:
		c.publicKey = true
	case subtle.ConstantTimeCompare([]byte(pass), []byte(secret)) != 1:
		return nil, fail
	}
	return c, nil
}

// readBody parses a POST/PUT body. Empty or "null" is {}; anything that is
// not one JSON object is 400 request.bad-format. Content-Type is not checked.
func readBody(r *http.Request) (map[string]any, *apiError) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return nil, newError(http.StatusBadRequest, "request.bad-format", "The request body could not be read.")
	}
	if len(raw) > maxBodyBytes {
		return nil, newError(http.StatusBadRequest, "request.bad-format", "The request body must not exceed %d bytes.", maxBodyBytes)
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return map[string]any{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var body map[string]any
	bad := newError(http.StatusBadRequest, "request.bad-format", "The request body must be a valid JSON object.")
	if err := dec.Decode(&body); err != nil || body == nil {
		return nil, bad
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, bad // trailing data
	}
	return body, nil
}

// Requests returns the request log, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}
