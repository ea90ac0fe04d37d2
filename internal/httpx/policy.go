package httpx

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// Policy says when and how long to wait before trying a call again.
type Policy struct {
	// MaxAttempts bounds the tries of one call, the first included.
	MaxAttempts int
	// MinBackoff and MaxBackoff bound the exponential backoff.
	MinBackoff, MaxBackoff time.Duration
	// MaxElapsed is the retry budget of one call: the time from its start
	// within which its attempts and the waits between them end. An attempt
	// still running when it runs out is cut short, and a retry starts only
	// when it leaves the attempt MinAttemptTime after its wait. 0 is no
	// budget.
	MaxElapsed time.Duration
	// AttemptTimeout bounds one attempt, so a server that never answers is
	// retried rather than waited on until MaxElapsed.
	AttemptTimeout time.Duration
	// RefusedAttempts bounds the attempts in a row that meet a refused
	// connection (refused.go); 0 is DefaultRefusedAttempts.
	RefusedAttempts int
	// Jitter returns a number in [0,1); nil uses math/rand.
	Jitter func() float64
}

// DefaultPolicy suits an interactive plan/apply: a blip is absorbed within
// seconds, a persistent outage is reported within two minutes, an address
// where nothing listens within a few seconds.
func DefaultPolicy() Policy {
	return Policy{
		MaxAttempts:    10,
		MinBackoff:     200 * time.Millisecond,
		MaxBackoff:     15 * time.Second,
		MaxElapsed:     2 * time.Minute,
		AttemptTimeout: 60 * time.Second,
	}
}

// RetryableStatus reports whether an HTTP status is worth another try: rate
// limiting, the gateway/availability family of server errors, and 409/425,
// which ProcessOut answers (request.still-processing) while a request with
// the same Idempotency-Key is still running: the retry then gets the first
// request's answer. ProcessOut's iOS SDK retries the same set.
func RetryableStatus(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusRequestTimeout, http.StatusConflict, http.StatusTooEarly,
		http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// Backoff returns the wait before attempt n+1 (n counts from 1): capped
// exponential with "full jitter" over its upper half, so concurrent callers
// spread out instead of retrying in lockstep.
func (p Policy) Backoff(n int) time.Duration {
	d := p.MinBackoff
	for i := 1; i < n && d < p.MaxBackoff; i++ {
		d *= 2
	}
	if d > p.MaxBackoff {
		d = p.MaxBackoff
	}
	jitter := rand.Float64
	if p.Jitter != nil {
		jitter = p.Jitter
	}
	half := d / 2
	return half + time.Duration(jitter()*float64(half))
}

// MaxRetryAfter caps a server's Retry-After: any longer wait is past every
// policy's MaxElapsed (the call gives up), and multiplying a larger number of
// seconds would overflow into a negative wait.
const MaxRetryAfter = 24 * time.Hour

// RetryAfter reads a Retry-After header given in seconds or as an HTTP date.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseUint(v, 10, 64); err == nil {
		return time.Duration(min(secs, uint64(MaxRetryAfter/time.Second))) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), MaxRetryAfter), true
	}
	return 0, false
}
