package httpx

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Pacer spaces out calls when the server says the rate limit is (nearly)
// spent. It is shared by every call of a provider run, so concurrent
// resources slow down together instead of each discovering the 429 itself.
type Pacer struct {
	mu        sync.Mutex
	notBefore time.Time
	now       func() time.Time
}

// NewPacer returns a Pacer that lets everything through until told otherwise.
func NewPacer() *Pacer { return &Pacer{now: time.Now} }

// Wait blocks until calls may go out again, or ctx ends.
func (p *Pacer) Wait(ctx context.Context) error {
	p.mu.Lock()
	wait := p.notBefore.Sub(p.now())
	p.mu.Unlock()
	if wait <= 0 {
		return nil
	}
	return sleep(ctx, wait)
}

// Observe reads x-ratelimit (requests per minute) and x-ratelimit-remaining.
// With the bucket empty, the next call waits one refill interval.
func (p *Pacer) Observe(h http.Header) {
	limit, err1 := strconv.Atoi(h.Get("X-Ratelimit"))
	remaining, err2 := strconv.Atoi(h.Get("X-Ratelimit-Remaining"))
	if err1 != nil || err2 != nil || limit <= 0 || remaining > 0 {
		return
	}
	p.Hold(time.Minute / time.Duration(limit))
}

// Hold delays every call for at least d from now.
func (p *Pacer) Hold(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if until := p.now().Add(d); until.After(p.notBefore) {
		p.notBefore = until
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
