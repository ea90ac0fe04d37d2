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
//
// ProcessOut reports its limit in x-ratelimit (requests per minute) and what
// is left in x-ratelimit-remaining. While what is left covers the calls
// already in flight, calls go out freely (the bucket absorbs bursts). Once
// it does not, the pacer hands out one slot per refill interval, a little
// slower than the refill, so a whole -parallelism=30 apply drains through
// the limit instead of sending 30 calls at each refill and collecting 29
// 429s. Pacing ends when the answers show the bucket has refilled.
type Pacer struct {
	mu        sync.Mutex
	now       func() time.Time
	notBefore time.Time     // Hold: no call goes out before
	interval  time.Duration // while pacing, the gap between two calls; 0 = not pacing
	next      time.Time     // while pacing, the earliest free slot
	inFlight  int           // calls Wait let through and Done has not ended
}

// paceMargin slows paced calls a little below the refill rate, so that
// jitter in arrival times does not meet an empty bucket.
const paceMargin = 20 // interval += interval/paceMargin (5%)

// NewPacer returns a Pacer that lets everything through until told otherwise.
func NewPacer() *Pacer { return &Pacer{now: time.Now} }

// Wait blocks until the call may go out, or ctx ends. A call that Wait lets
// through is in flight until Done.
func (p *Pacer) Wait(ctx context.Context) error {
	p.mu.Lock()
	slot := p.now()
	if p.interval > 0 {
		slot = maxTime(slot, p.next)
		p.next = slot.Add(p.interval)
	}
	p.mu.Unlock()
	for {
		// A Hold may come while the call waits for its slot: re-read it.
		p.mu.Lock()
		wait := maxTime(slot, p.notBefore).Sub(p.now())
		if wait <= 0 {
			p.inFlight++
			p.mu.Unlock()
			return nil
		}
		p.mu.Unlock()
		if err := sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// Done ends a call that Wait let through; header is its answer's (nil when
// there was none), read as Observe does.
func (p *Pacer) Done(header http.Header) {
	p.Observe(header)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inFlight = max(p.inFlight-1, 0)
}

// Observe reads x-ratelimit (requests per minute) and x-ratelimit-remaining.
// When fewer calls are left than are in flight, calls are paced at the
// refill rate, the next one no sooner than the bucket can have a token for
// it; when the bucket has refilled well beyond the calls in flight, pacing
// stops.
func (p *Pacer) Observe(h http.Header) {
	limit, err1 := strconv.Atoi(h.Get("X-Ratelimit"))
	remaining, err2 := strconv.Atoi(h.Get("X-Ratelimit-Remaining"))
	if err1 != nil || err2 != nil || limit <= 0 || remaining < 0 {
		return
	}
	interval := time.Minute / time.Duration(limit)
	interval += interval / paceMargin
	p.mu.Lock()
	defer p.mu.Unlock()
	// When the answer comes through Done, inFlight still counts its own
	// call; each of the others may take a token before the next call.
	others := max(p.inFlight-1, 0)
	switch {
	case remaining <= others:
		p.interval = interval
		deficit := others - remaining
		p.next = maxTime(p.next, p.now().Add(time.Duration(deficit+1)*interval))
	case remaining > 2*others+2:
		p.interval = 0
	}
}

// Hold delays every call for at least d from now.
func (p *Pacer) Hold(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if until := p.now().Add(d); until.After(p.notBefore) {
		p.notBefore = until
	}
}

// Pacing reports the gap the pacer keeps between calls (0 when it does not
// pace).
func (p *Pacer) Pacing() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.interval
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
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
