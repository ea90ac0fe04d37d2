package processoutapi

import (
	"net/http"
	"strings"
	"time"
)

// Idempotency-Key emulation (CONTRACT.md §8, [U] convention):
//   - the key is scoped to (project, mode, method, path); the same key on a
//     different path or method is independent;
//   - the final answer (status, body, content type) is cached for 24 h (one
//     minute under the worst readings, Readings.IdempotencyTTL) and
//     replayed byte for byte to an identical request, which creates nothing;
//   - "identical" compares the JSON body after canonicalisation (key order
//     and whitespace do not matter); DELETE bodies are ignored, so any
//     repeated DELETE is identical;
//   - the same key with a different body is 400 request.idempotency-key.invalid;
//   - while the first request is still being handled, a repeat is 409
//     request.still-processing (retryable, as iOS treats it);
//   - decision: every final answer below 500 is cached, 4xx included (a
//     retried invalid request replays its 400, as with Stripe); a 5xx, or a
//     handler that panics, frees the key so that a retry runs again. 401 and
//     429 happen before the cache is consulted and are never cached;
//   - keys longer than 255 characters are 400 request.idempotency-key.invalid.
//
// POST, PUT and DELETE use it; on GET the header has no effect.
const (
	idempotencyTTL       = 24 * time.Hour
	maxIdempotencyKeyLen = 255
	idempotencySweep     = time.Minute
)

// takesIdempotencyKey reports whether requests of a method honour
// Idempotency-Key.
func takesIdempotencyKey(method string) bool { return hasBody(method) || method == http.MethodDelete }

// runIdempotent runs the route's handler for a write that carries an
// Idempotency-Key, through the cache: a key too long, reused with another
// body or still in use is refused, a repeat replays the cached answer, and
// a new key's answer is cached for replay.
func (s *Server) runIdempotent(method, key string, m routeMatch, c *reqCtx) response {
	if len(key) > maxIdempotencyKeyLen {
		return errorResponse(newError(http.StatusBadRequest, "request.idempotency-key.invalid",
			"The Idempotency-Key header must not exceed %d characters.", maxIdempotencyKeyLen))
	}
	path := "/" + strings.Join(m.segs, "/") // decoded: %7Bproject_id%7D and {project_id} are one path
	ik := idemKey{project: c.projectID, sandbox: c.sandbox, method: method, path: path, key: key}
	fingerprint := ""
	if hasBody(method) { // DELETE bodies are ignored, so they never differ
		fingerprint = string(encodeJSON(c.body)) // map keys sorted: canonical
	}
	s.mu.Lock()
	replay, ierr := s.idem.begin(ik, fingerprint, s.clock())
	s.mu.Unlock()
	if ierr != nil {
		return errorResponse(ierr)
	}
	if replay != nil {
		return *replay
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	done := false
	defer func() {
		if !done { // the handler panicked: free the key
			s.idem.abort(ik)
		}
	}()
	resp := m.handler(s, c)
	s.idem.finish(ik, resp, s.clock())
	done = true
	return resp
}

type idemKey struct {
	project string
	sandbox bool
	method  string
	path    string
	key     string
}

type idemEntry struct {
	fingerprint string
	done        bool
	resp        response
	expires     time.Time
}

type idempotencyCache struct {
	entries   map[idemKey]*idemEntry
	lastSweep time.Time
	ttl       time.Duration
}

func newIdempotencyCache(ttl time.Duration) *idempotencyCache {
	return &idempotencyCache{entries: map[idemKey]*idemEntry{}, ttl: ttl}
}

// begin reserves k for a new request, or returns the answer to replay, or
// an error. Called with the server lock held.
func (ic *idempotencyCache) begin(k idemKey, fingerprint string, now time.Time) (*response, *apiError) {
	ic.sweep(now)
	e := ic.entries[k]
	if e != nil && e.done && !now.Before(e.expires) {
		delete(ic.entries, k)
		e = nil
	}
	switch {
	case e == nil:
		ic.entries[k] = &idemEntry{fingerprint: fingerprint}
		return nil, nil
	case e.fingerprint != fingerprint:
		return nil, newError(http.StatusBadRequest, "request.idempotency-key.invalid",
			"The Idempotency-Key %q was already used with a different request body.", k.key)
	case !e.done:
		return nil, newError(http.StatusConflict, "request.still-processing",
			"A request with the Idempotency-Key %q is still being processed. Please retry later.", k.key)
	}
	replay := e.resp
	replay.replayed = true
	return &replay, nil
}

// finish stores the final answer of a reserved key.
func (ic *idempotencyCache) finish(k idemKey, resp response, now time.Time) {
	e := ic.entries[k]
	if e == nil {
		return
	}
	if resp.status >= 500 {
		delete(ic.entries, k)
		return
	}
	e.done, e.resp, e.expires = true, resp, now.Add(ic.ttl)
}

func (ic *idempotencyCache) abort(k idemKey) { delete(ic.entries, k) }

func (ic *idempotencyCache) sweep(now time.Time) {
	if now.Sub(ic.lastSweep) < idempotencySweep {
		return
	}
	ic.lastSweep = now
	for k, e := range ic.entries {
		if e.done && !now.Before(e.expires) {
			delete(ic.entries, k)
		}
	}
}
