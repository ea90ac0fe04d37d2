// Package faults injects transport faults into an http.Handler on demand:
// latency, rate limiting, 5xx pages, connection resets, requests held until
// the client gives up, and writes that commit before the response is lost.
//
// Every decision comes from one seeded PCG generator behind a mutex, so a run
// is reproducible for a given seed as long as requests arrive in the same
// order.
package faults

import (
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Kind names a fault.
type Kind string

// The fault kinds.
const (
	// Latency sleeps Rule.Latency, then serves the request normally.
	Latency Kind = "latency"
	// RateLimit answers 429 with a Retry-After header and ProcessOut's
	// request.rate.exceeded error body.
	RateLimit Kind = "rate_limit"
	// RateLimitNoRetryAfter answers 429 like RateLimit, without Retry-After.
	RateLimitNoRetryAfter Kind = "rate_limit_no_retry_after"
	// Status500, Status502 and Status503 answer with a plain HTML error page,
	// as a load balancer in front of the API would.
	Status500 Kind = "status_500"
	Status502 Kind = "status_502"
	Status503 Kind = "status_503"
	// Reset closes the connection (TCP RST) without any response.
	Reset Kind = "reset"
	// Timeout holds the request until the client gives up (its context ends),
	// the injector is closed, or TimeoutHold passes; then drops the connection.
	Timeout Kind = "timeout"
	// CommitThenFail serves a write (POST, PUT, PATCH, DELETE) into a
	// recorder, so its effect commits, then resets the connection: the client
	// never sees the response. It never matches reads.
	CommitThenFail Kind = "commit_then_fail"
)

// TransientKinds are the kinds a client is expected to survive by retrying
// (reads and idempotent writes): every kind but Latency, Timeout and
// CommitThenFail.
var TransientKinds = []Kind{RateLimit, RateLimitNoRetryAfter, Status500, Status502, Status503, Reset}

// TimeoutHold bounds how long a Timeout fault holds a request.
const TimeoutHold = 2 * time.Minute

// Rule selects requests and the fault to inject into them.
type Rule struct {
	Method      string // "" matches any method
	PathPrefix  string // "" matches any path; compared with r.URL.Path
	Kind        Kind
	Probability float64       // 0..1, rolled once per matching request
	Latency     time.Duration // for Latency; 0 means 100ms
	RetryAfter  time.Duration // for RateLimit; rounded up to whole seconds, at least 1
	WritesOnly  bool          // match only POST, PUT, PATCH and DELETE
	MaxCount    int           // stop injecting after this many hits; 0 = unlimited
}

// Event records one injected fault.
type Event struct {
	Method, Path string
	Kind         Kind
	Time         time.Time
}

// Injector decides, per request, which fault (if any) to inject.
type Injector struct {
	mu       sync.Mutex
	rng      *rand.Rand
	rules    []*ruleState
	latency  time.Duration
	counts   map[Kind]int
	log      []Event
	closed   chan struct{}
	closeOne sync.Once
}

type ruleState struct {
	Rule
	hits int
}

// New returns an injector without rules whose rolls derive from seed.
func New(seed int64) *Injector {
	return &Injector{
		rng:    rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15)),
		counts: map[Kind]int{},
		closed: make(chan struct{}),
	}
}

// SetLatency adds a fixed delay to every request (for benchmarks); it is not
// counted as an injected fault.
func (i *Injector) SetLatency(d time.Duration) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.latency = d
}

// Add appends a rule; rules are tried in the order they were added.
func (i *Injector) Add(r Rule) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.rules = append(i.rules, &ruleState{Rule: r})
}

// Clear removes every rule (the fixed latency, counts and log stay).
func (i *Injector) Clear() {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.rules = nil
}

// Close releases requests held by Timeout faults and makes later Timeout
// faults drop the connection at once. Call it before shutting servers down.
func (i *Injector) Close() {
	i.closeOne.Do(func() { close(i.closed) })
}

// Injected returns how many faults of each kind were injected so far.
func (i *Injector) Injected() map[Kind]int {
	i.mu.Lock()
	defer i.mu.Unlock()
	out := make(map[Kind]int, len(i.counts))
	for k, n := range i.counts {
		out[k] = n
	}
	return out
}

// Log returns the injected faults in order.
func (i *Injector) Log() []Event {
	i.mu.Lock()
	defer i.mu.Unlock()
	return append([]Event(nil), i.log...)
}

// Spread returns one rule per kind, copied from base, whose probabilities
// make each kind hit a request that all of them match with probability
// rate/len(kinds), so the total fault rate is rate. Rules are tried in order,
// which is why the later ones carry a higher conditional probability.
func Spread(rate float64, base Rule, kinds ...Kind) []Rule {
	if rate <= 0 || len(kinds) == 0 {
		return nil
	}
	rate = min(rate, 1)
	share := rate / float64(len(kinds))
	rules := make([]Rule, len(kinds))
	for n, k := range kinds {
		r := base
		r.Kind = k
		remaining := 1 - share*float64(n) // chance that no earlier rule hit
		r.Probability = min(share/remaining, 1)
		rules[n] = r
	}
	return rules
}

// isWrite reports whether the method changes state.
func isWrite(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// decide picks the fault for r: the first matching rule whose roll hits.
// It returns the rule (nil for none) and the fixed latency.
func (i *Injector) decide(r *http.Request) (*Rule, time.Duration) {
	i.mu.Lock()
	defer i.mu.Unlock()
	for _, rs := range i.rules {
		if !rs.matches(r) {
			continue
		}
		if i.rng.Float64() >= rs.Probability {
			continue
		}
		rs.hits++
		i.counts[rs.Kind]++
		i.log = append(i.log, Event{Method: r.Method, Path: r.URL.Path, Kind: rs.Kind, Time: time.Now()})
		rule := rs.Rule
		return &rule, i.latency
	}
	return nil, i.latency
}

func (rs *ruleState) matches(r *http.Request) bool {
	if rs.MaxCount > 0 && rs.hits >= rs.MaxCount {
		return false
	}
	if rs.Method != "" && rs.Method != r.Method {
		return false
	}
	if !strings.HasPrefix(r.URL.Path, rs.PathPrefix) {
		return false
	}
	if (rs.WritesOnly || rs.Kind == CommitThenFail) && !isWrite(r.Method) {
		return false
	}
	return rs.Probability > 0
}
