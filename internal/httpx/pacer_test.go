package httpx

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func rateHeader(limit, remaining int) http.Header {
	return http.Header{"X-Ratelimit": {strconv.Itoa(limit)}, "X-Ratelimit-Remaining": {strconv.Itoa(remaining)}}
}

// letThrough lets n calls through the pacer, as n concurrent attempts.
func letThrough(t *testing.T, p *Pacer, n int) {
	t.Helper()
	for range n {
		if err := p.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPacerKeepsBurstsWhileTheBucketCoversTheCallsInFlight(t *testing.T) {
	p := NewPacer()
	letThrough(t, p, 3)
	p.Done(rateHeader(6000, 50)) // 2 others in flight, 50 left
	if d := p.Pacing(); d != 0 {
		t.Fatalf("pacing at %s with 50 calls left for 2 in flight", d)
	}
}

func TestPacerPacesOnceTheCallsInFlightWouldEmptyTheBucket(t *testing.T) {
	p := NewPacer()
	letThrough(t, p, 3)
	start := time.Now()
	p.Done(rateHeader(6000, 1)) // 2 others in flight, 1 left: one call short
	interval := 10*time.Millisecond + 10*time.Millisecond/paceMargin
	if d := p.Pacing(); d != interval {
		t.Fatalf("pacing at %s, want one call per refill interval (%s at 6000/min, with the margin)", d, interval)
	}
	// The bucket is one call short: the next call waits for two refills
	// (one for the deficit, one for itself), each later one for one more.
	const calls = 5
	letThrough(t, p, calls)
	if got, want := time.Since(start), time.Duration(calls+1)*interval; got < want {
		t.Fatalf("%d paced calls went out within %s, want at least %s", calls, got, want)
	}
}

func TestPacerStopsPacingOnceTheBucketHasRefilled(t *testing.T) {
	p := NewPacer()
	letThrough(t, p, 1)
	p.Done(rateHeader(600, 0))
	if p.Pacing() == 0 {
		t.Fatal("not pacing with the bucket empty")
	}
	letThrough(t, p, 1) // waits one refill (100ms)
	p.Done(rateHeader(600, 40))
	if d := p.Pacing(); d != 0 {
		t.Fatalf("still pacing at %s with 40 calls left and none in flight", d)
	}
	start := time.Now()
	letThrough(t, p, 3)
	if d := time.Since(start); d > 50*time.Millisecond {
		t.Fatalf("three calls took %s after pacing stopped, want no wait", d)
	}
}

func TestPacerReadsNoHeadersAsNoInformation(t *testing.T) {
	p := NewPacer()
	letThrough(t, p, 1)
	p.Done(nil)
	letThrough(t, p, 1)
	p.Done(http.Header{"X-Ratelimit": {"garbage"}, "X-Ratelimit-Remaining": {"0"}})
	if d := p.Pacing(); d != 0 || p.inFlight != 0 {
		t.Fatalf("pacing=%s inFlight=%d after answers without usable headers", d, p.inFlight)
	}
}

func TestPacerWaitStopsWithTheContext(t *testing.T) {
	p := NewPacer()
	p.Hold(time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := p.Wait(ctx); err == nil {
		t.Fatal("Wait returned without error through an hour's hold")
	}
	if p.inFlight != 0 {
		t.Fatalf("a call that never went out is counted in flight (%d)", p.inFlight)
	}
}

// tokenBucketServer answers 429 (with ProcessOut's headers) once its bucket
// of capacity calls, refilled at limit per minute, is empty.
func tokenBucketServer(limit, capacity int) (*httptest.Server, *atomic.Int32) {
	var mu sync.Mutex
	tokens, last := float64(capacity), time.Now()
	var limited atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		now := time.Now()
		tokens = min(float64(capacity), tokens+now.Sub(last).Seconds()*float64(limit)/60)
		last = now
		allowed := tokens >= 1
		if allowed {
			tokens--
		}
		remaining := int(tokens)
		mu.Unlock()
		w.Header().Set("X-Ratelimit", strconv.Itoa(limit))
		w.Header().Set("X-Ratelimit-Remaining", strconv.Itoa(remaining))
		if !allowed {
			limited.Add(1)
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}))
	return srv, &limited
}

// TestConcurrentCallsPaceThemselvesThroughARateLimit sends 40 calls from 20
// goroutines through a bucket of 10 refilled at 20 per second: all succeed,
// and after the burst the calls are paced rather than sent at each refill
// to collect 429s (without pacing, about ten 429s per success).
func TestConcurrentCallsPaceThemselvesThroughARateLimit(t *testing.T) {
	srv, limited := tokenBucketServer(1200, 10)
	defer srv.Close()
	p := fastPolicy()
	p.MaxAttempts = 10
	client := New(p)
	var wg sync.WaitGroup
	var failed atomic.Int32
	work := make(chan struct{}, 40)
	for range cap(work) {
		work <- struct{}{}
	}
	close(work)
	for range 20 {
		wg.Go(func() {
			for range work {
				res, err := client.Do(context.Background(), call(t, srv, http.MethodGet))
				if err != nil || res.Status != http.StatusOK {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if failed.Load() != 0 {
		t.Fatalf("%d of 40 calls failed under the rate limit", failed.Load())
	}
	// 30 calls beyond the bucket; the burst may meet one 429 per call in
	// flight when the bucket runs dry, pacing must spare the rest.
	if n := limited.Load(); n > 20 {
		t.Fatalf("%d answers were 429 for 30 calls beyond the bucket: the client did not pace itself", n)
	}
	t.Logf("429s: %d", limited.Load())
}

// counter is an Observer that counts calls, attempts and the requests
// net/http resent on its own.
type counter struct{ calls, attempts, resent atomic.Int64 }

func (c *counter) CallStarted(Call) { c.calls.Add(1) }

func (c *counter) AttemptDone(_ Call, _, resent int) {
	c.attempts.Add(1)
	c.resent.Add(int64(resent))
}

// TestObserverCountsTheRequestsNetHTTPResendsOnItsOwn resets the second
// request, which arrives on a reused keep-alive connection: net/http sends it
// again by itself, so Do sees one attempt while the server saw two requests.
func TestObserverCountsTheRequestsNetHTTPResendsOnItsOwn(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 2 {
			resetConnection(w)
		}
	}))
	defer srv.Close()
	client := New(fastPolicy())
	var got counter
	client.Observe(&got)
	for range 2 {
		res, err := client.Do(context.Background(), call(t, srv, http.MethodGet))
		if err != nil || res.Attempts != 1 {
			t.Fatalf("res=%+v err=%v, want success at the first attempt", res, err)
		}
	}
	calls, attempts, resent := got.calls.Load(), got.attempts.Load(), got.resent.Load()
	if calls != 2 || attempts != 2 || resent != 1 || n.Load() != 3 {
		t.Fatalf("%d calls, %d attempts, %d resent by net/http with %d requests served, want 2 calls, 2 attempts and 1 resent over 3 requests",
			calls, attempts, resent, n.Load())
	}
}

// TestObserverSeesEveryAttemptOfARetriedCall: a call that meets two 503s
// is one call of three attempts, numbered from 1.
func TestObserverSeesEveryAttemptOfARetriedCall(t *testing.T) {
	srv, served := scripted(http.StatusServiceUnavailable, http.StatusServiceUnavailable)
	defer srv.Close()
	var numbers []int
	var got counter
	client := New(fastPolicy())
	client.Observe(observerFuncs{&got, func(attempt int) { numbers = append(numbers, attempt) }})
	res, err := client.Do(context.Background(), call(t, srv, http.MethodGet))
	if err != nil || res.Status != http.StatusOK {
		t.Fatalf("res=%+v err=%v, want a 200 after two retries", res, err)
	}
	if got.calls.Load() != 1 || got.attempts.Load() != 3 || got.resent.Load() != 0 || served.Load() != 3 || !slices.Equal(numbers, []int{1, 2, 3}) {
		t.Fatalf("%d calls, %d attempts %v, %d resent, %d requests served; want 1 call, attempts [1 2 3], none resent, 3 requests",
			got.calls.Load(), got.attempts.Load(), numbers, got.resent.Load(), served.Load())
	}
}

// observerFuncs is a counter that also reports each attempt's number.
type observerFuncs struct {
	*counter
	attempt func(int)
}

func (o observerFuncs) AttemptDone(c Call, attempt, resent int) {
	o.counter.AttemptDone(c, attempt, resent)
	o.attempt(attempt)
}

// resetConnection drops the connection with a TCP RST, no answer.
func resetConnection(w http.ResponseWriter) {
	hijacker, ok := w.(http.Hijacker)
	if !ok {
		panic("the test server's ResponseWriter cannot be hijacked")
	}
	conn, _, err := hijacker.Hijack()
	if err != nil {
		panic(err)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}
