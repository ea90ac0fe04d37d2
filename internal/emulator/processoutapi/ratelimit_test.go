package processoutapi

import (
	"net/http"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
)

func TestRateLimit(t *testing.T) {
	clock := emutest.NewClock()
	s, c := newTestServer(t, Options{RateLimitPerMinute: 3, Now: clock.Now})
	for i, want := range []string{"2", "1", "0"} {
		r := c.do("GET", "/customers", nil)
		r.ok(t)
		if r.header.Get("X-Ratelimit") != "3" || r.header.Get("X-Ratelimit-Remaining") != want {
			t.Errorf("request %d headers: %v", i, r.header)
		}
	}
	limited := c.do("GET", "/customers", nil)
	limited.fails(t, http.StatusTooManyRequests, "request.rate.exceeded")
	if limited.header.Get("X-Ratelimit") != "3" || limited.header.Get("X-Ratelimit-Remaining") != "0" || limited.header.Get("Retry-After") != "" {
		t.Errorf("429 headers: %v", limited.header)
	}
	// Writes are limited too, and a rejected request creates nothing.
	c.do("POST", "/customers", map[string]any{}).fails(t, http.StatusTooManyRequests, "request.rate.exceeded")
	if n := len(s.Objects(c.user, KindCustomer)); n != 0 {
		t.Errorf("rate-limited POST created %d customers", n)
	}
	if last := s.Requests()[len(s.Requests())-1]; last.Status != 429 || last.ErrorType != "request.rate.exceeded" {
		t.Errorf("log entry %+v", last)
	}

	// Other projects and the sandbox mode have their own buckets.
	other := s.client(t, s.AddProject("Other", false))
	other.do("GET", "/customers", nil).ok(t)
	sandbox := client{t: t, h: s, user: "test-" + c.user, secret: c.secret}
	sandbox.do("GET", "/customers", nil).ok(t)

	// The bucket refills at limit/minute: one token per 20 s here.
	clock.Advance(20 * time.Second)
	c.do("GET", "/customers", nil).ok(t)
	c.do("GET", "/customers", nil).fails(t, http.StatusTooManyRequests, "request.rate.exceeded")
	clock.Advance(time.Hour)
	if r := c.do("GET", "/customers", nil); r.header.Get("X-Ratelimit-Remaining") != "2" {
		t.Errorf("bucket not full after an hour: %v", r.header)
	}

	// Failed authentication consumes nothing and is not limited.
	clock.Advance(time.Hour)
	client{t: t, h: s}.do("GET", "/customers", nil).fails(t, http.StatusUnauthorized, "request.authentication.invalid")
	if r := c.do("GET", "/customers", nil); r.header.Get("X-Ratelimit-Remaining") != "2" {
		t.Errorf("auth failure consumed a token: %v", r.header)
	}
}
