package httpx

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// hungServer accepts connections and never answers, as an API whose
// process hangs or a firewall that swallows the traffic; it counts the
// connections.
func hungServer(t *testing.T) (*url.URL, *atomic.Int32) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var accepted atomic.Int32
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		_ = l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return &url.URL{Scheme: "http", Host: l.Addr().String(), Path: "/things"}, &accepted
}

// closedPort is a loopback address where nothing listens.
func closedPort(t *testing.T) *url.URL {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return &url.URL{Scheme: "http", Host: addr, Path: "/things"}
}

func callTo(u *url.URL, method string) Call {
	return Call{Operation: "thing.op", Method: method, URL: u, Header: http.Header{}}
}

// TestBudgetCutsAHungAttempt: an API that never answers costs the retry
// budget, not the attempt timeout: the attempt is cut when the budget runs
// out, and the error says so.
func TestBudgetCutsAHungAttempt(t *testing.T) {
	u, accepted := hungServer(t)
	p := fastPolicy()
	p.MaxElapsed, p.AttemptTimeout = 1500*time.Millisecond, time.Minute
	start := time.Now()
	_, err := New(p).Do(context.Background(), callTo(u, http.MethodPost))
	took := time.Since(start)
	var giveUp *GiveUpError
	if !errors.As(err, &giveUp) || giveUp.Budget != p.MaxElapsed || !strings.Contains(err.Error(), "retry budget of 1.5s ran out") {
		t.Fatalf("err = %v, want a GiveUpError saying the 1.5s retry budget ran out", err)
	}
	if took < p.MaxElapsed || took > p.MaxElapsed+time.Second {
		t.Errorf("Do returned after %s, want about the 1.5s budget (the attempt timeout is a minute)", took)
	}
	if accepted.Load() != 1 || !giveUp.Sent || NeverSent(err) {
		t.Errorf("%d connections, Sent=%t: want the one attempt, which may have reached the server", accepted.Load(), giveUp.Sent)
	}
}

// TestBudgetStartsNoAttemptItCannotFinish: a retry starts only if the
// budget leaves it MinAttemptTime; an attempt that would be cut at once is
// never sent.
func TestBudgetStartsNoAttemptItCannotFinish(t *testing.T) {
	u, accepted := hungServer(t)
	p := fastPolicy()
	p.MaxAttempts, p.MaxElapsed, p.AttemptTimeout = 10, 2500*time.Millisecond, time.Second
	start := time.Now()
	_, err := New(p).Do(context.Background(), callTo(u, http.MethodGet))
	took := time.Since(start)
	var giveUp *GiveUpError
	if !errors.As(err, &giveUp) || giveUp.Budget == 0 || giveUp.Attempts != 2 {
		t.Fatalf("err = %v, want a GiveUpError on the budget after 2 attempts", err)
	}
	// Two 1s attempts leave 0.5s: less than MinAttemptTime, so no third.
	if accepted.Load() != 2 || took > 2400*time.Millisecond {
		t.Errorf("%d attempts over %s; want 2, giving up after the second (about 2s)", accepted.Load(), took)
	}
}

// TestRetryAfterBeyondTheBudgetGivesUpAtOnce: a wait that would outlast
// the budget is not waited out.
func TestRetryAfterBeyondTheBudgetGivesUpAtOnce(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	p := fastPolicy()
	p.MaxElapsed = 5 * time.Second
	start := time.Now()
	res, err := New(p).Do(context.Background(), call(t, srv, http.MethodGet))
	if err != nil || res.Status != http.StatusTooManyRequests || n.Load() != 1 {
		t.Fatalf("res=%v err=%v calls=%d, want the 429 after 1 call", res, err, n.Load())
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("returned after %s, want at once", took)
	}
}

// TestRefusedConnectionFailsFast: nothing listens at the address: the call
// gives up after DefaultRefusedAttempts quick tries, not after its whole
// retry budget, names the address, and proves nothing was sent.
func TestRefusedConnectionFailsFast(t *testing.T) {
	u := closedPort(t)
	c := New(DefaultPolicy())
	c.NameEndpoint(&url.URL{Scheme: u.Scheme, Host: u.Host}, "the_api_url")
	start := time.Now()
	_, err := c.Do(context.Background(), callTo(u, http.MethodPost))
	took := time.Since(start)
	var refused *RefusedError
	if !errors.As(err, &refused) || refused.Attempts != DefaultRefusedAttempts || refused.Refused != DefaultRefusedAttempts {
		t.Fatalf("err = %v, want a RefusedError after %d attempts", err, DefaultRefusedAttempts)
	}
	for _, want := range []string{"http://" + u.Host + ", the address in the_api_url", "refused on 3 attempts over"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("err = %q, want it to say %q", err, want)
		}
	}
	if !NeverSent(err) {
		t.Errorf("NeverSent(%v) = false: a refused connection sends nothing", err)
	}
	if took > 5*time.Second {
		t.Errorf("gave up after %s, want a few seconds", took)
	}
}

// TestRefusedAfterASentAttemptMaySendNothingMore: when the API went away
// after an attempt reached it, the call still fails fast, but the outcome
// of that attempt is open.
func TestRefusedAfterASentAttemptMaySendNothingMore(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_ = srv.Listener.Close() // the API goes away while answering
		w.Header().Set("Connection", "close")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	p := fastPolicy()
	p.MaxAttempts = 10
	_, err := New(p).Do(context.Background(), call(t, srv, http.MethodPost))
	var refused *RefusedError
	if !errors.As(err, &refused) || refused.Attempts != 1+DefaultRefusedAttempts || !refused.Sent || NeverSent(err) {
		t.Fatalf("err = %v (%+v), want a RefusedError after 1+%d attempts, the first sent", err, refused, DefaultRefusedAttempts)
	}
}

// TestDeadlineBoundsAStoppedWrite: a write runs past a stop (its answer
// must reach state), but not past its context's deadline (a resource's
// timeouts): the call ends at the deadline, its outcome open.
func TestDeadlineBoundsAStoppedWrite(t *testing.T) {
	u, accepted := hungServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := New(fastPolicy()).Do(ctx, callTo(u, http.MethodPost))
	took := time.Since(start)
	var stopped *StoppedError
	if !errors.As(err, &stopped) || !errors.Is(err, context.DeadlineExceeded) || !stopped.Sent {
		t.Fatalf("err = %v, want a StoppedError on the deadline, after a sent attempt", err)
	}
	if took > time.Second || accepted.Load() != 1 {
		t.Errorf("returned after %s and %d attempts, want at the 300ms deadline after 1 (the attempt timeout is 2s)", took, accepted.Load())
	}
}

// TestRetriesAreTold: the retry hook hears of each retry before its wait,
// with the attempt to come, the attempts allowed and what the last met.
func TestRetriesAreTold(t *testing.T) {
	srv, _ := scripted(503, 503)
	defer srv.Close()
	var told []Retry
	c := New(fastPolicy())
	c.OnRetry(func(_ context.Context, r Retry) { told = append(told, r) })
	if _, err := c.Do(context.Background(), call(t, srv, http.MethodGet)); err != nil {
		t.Fatal(err)
	}
	if len(told) != 2 {
		t.Fatalf("told of %d retries, want 2: %+v", len(told), told)
	}
	for i, r := range told {
		if r.Attempt != i+2 || r.MaxAttempts != 4 || r.Reason != "HTTP 503" || r.Call.Operation != "thing.op" || r.Budget != fastPolicy().MaxElapsed {
			t.Errorf("retry %d: %+v", i+1, r)
		}
	}
}

// TestRefusedErrorCountsTheRefusals: the error counts the refusals
// among the attempts.
func TestRefusedErrorCountsTheRefusals(t *testing.T) {
	e := &RefusedError{Operation: "thing.op", URL: "http://127.0.0.1:1", Attempts: 4, Refused: 3, Elapsed: 2 * time.Second}
	if want := "thing.op: nothing accepts connections at http://127.0.0.1:1: the connection was refused on the last 3 of 4 attempts over 2s"; e.Error() != want {
		t.Errorf("%q, want %q", e.Error(), want)
	}
}
