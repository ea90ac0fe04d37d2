package httpx

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"
)

func fastPolicy() Policy {
	return Policy{MaxAttempts: 4, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, MaxElapsed: 10 * time.Second, AttemptTimeout: 2 * time.Second}
}

func call(t *testing.T, srv *httptest.Server, method string) Call {
	t.Helper()
	u, err := url.Parse(srv.URL + "/things")
	if err != nil {
		t.Fatal(err)
	}
	return Call{Operation: "thing.op", Method: method, URL: u, Header: http.Header{"Authorization": {"Bearer secret-token"}}}
}

// scripted answers with the given statuses in turn, then 200.
func scripted(statuses ...int) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i < len(statuses) {
			w.WriteHeader(statuses[i])
			return
		}
		_, _ = w.Write([]byte(`{"success":true}`))
	}))
	return srv, &n
}

func TestRetryPolicy(t *testing.T) {
	cases := []struct {
		name         string
		statuses     []int
		wantStatus   int
		wantAttempts int32
	}{
		{"success first time", nil, 200, 1},
		{"429 then success", []int{429}, 200, 2},
		{"500 502 503 then success", []int{500, 502, 503}, 200, 4},
		{"504 then success", []int{504}, 200, 2},
		{"400 is not retried", []int{400}, 400, 1},
		{"401 is not retried", []int{401}, 401, 1},
		{"403 is not retried", []int{403}, 403, 1},
		{"404 is not retried", []int{404}, 404, 1},
		{"409 still-processing then success", []int{409}, 200, 2},
		{"422 is not retried", []int{422}, 422, 1},
		{"persistent 503 gives up after MaxAttempts", []int{503, 503, 503, 503, 503}, 503, 4},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, n := scripted(tc.statuses...)
			defer srv.Close()
			res, err := New(fastPolicy()).Do(context.Background(), call(t, srv, http.MethodPost))
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			if res.Status != tc.wantStatus || n.Load() != tc.wantAttempts || res.Attempts != int(tc.wantAttempts) {
				t.Fatalf("status %d after %d calls (Attempts=%d), want %d after %d", res.Status, n.Load(), res.Attempts, tc.wantStatus, tc.wantAttempts)
			}
		})
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	var first time.Time
	var gap time.Duration
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			first = time.Now()
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		gap = time.Since(first)
	}))
	defer srv.Close()
	if _, err := New(fastPolicy()).Do(context.Background(), call(t, srv, http.MethodGet)); err != nil {
		t.Fatal(err)
	}
	if gap < 900*time.Millisecond {
		t.Fatalf("retried after %s, want the 1s Retry-After honoured", gap)
	}
}

func TestTransportErrorsAreRetried(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			conn := hijack(t, w)
			if tcp, ok := conn.(*net.TCPConn); ok {
				_ = tcp.SetLinger(0)
			}
			_ = conn.Close()
			return
		}
	}))
	defer srv.Close()
	res, err := New(fastPolicy()).Do(context.Background(), call(t, srv, http.MethodPut))
	if err != nil || res.Status != 200 || n.Load() != 3 {
		t.Fatalf("res=%v err=%v calls=%d, want 200 after 3 calls", res, err, n.Load())
	}
}

func TestPersistentTransportErrorGivesUp(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = hijack(t, w).Close()
	}))
	defer srv.Close()
	_, err := New(fastPolicy()).Do(context.Background(), call(t, srv, http.MethodGet))
	var giveUp *GiveUpError
	if !errors.As(err, &giveUp) || giveUp.Attempts != 4 {
		t.Fatalf("err = %v, want a GiveUpError after 4 attempts", err)
	}
}

func TestAttemptTimeoutRetriesAHangingServer(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			<-r.Context().Done()
		}
	}))
	defer srv.Close()
	p := fastPolicy()
	p.AttemptTimeout = 100 * time.Millisecond
	res, err := New(p).Do(context.Background(), call(t, srv, http.MethodGet))
	if err != nil || res.Status != 200 || n.Load() != 2 {
		t.Fatalf("res=%v err=%v calls=%d", res, err, n.Load())
	}
}

func TestCancellationStopsRetriesAtOnce(t *testing.T) {
	srv, n := scripted(503, 503, 503, 503, 503, 503)
	defer srv.Close()
	p := fastPolicy()
	p.MinBackoff, p.MaxBackoff, p.MaxAttempts = 10*time.Second, 10*time.Second, 10
	p.MaxElapsed = time.Minute // room for the retry: the call must be waiting out its backoff when cancelled
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := New(p).Do(ctx, call(t, srv, http.MethodGet))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second || n.Load() != 1 {
		t.Fatalf("stopped after %s and %d calls, want at once after 1", d, n.Load())
	}
}

func TestRedirectToAnotherHostIsNotFollowed(t *testing.T) {
	var leaked atomic.Bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(true)
	}))
	defer other.Close()
	srv := httptest.NewServer(http.RedirectHandler(other.URL+"/steal", http.StatusFound))
	defer srv.Close()
	_, err := New(fastPolicy()).Do(context.Background(), call(t, srv, http.MethodGet))
	var redirect *RedirectError
	if !errors.As(err, &redirect) || redirect.Status != http.StatusFound || redirect.To.String() != other.URL+"/steal" {
		t.Fatalf("err = %v, want a RedirectError naming the other host", err)
	}
	if leaked.Load() {
		t.Fatal("the other host was contacted: credentials must stay on their host")
	}
}

func TestOversizedAnswerIsRefused(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chunk := make([]byte, 1<<20)
		for range MaxBodyBytes>>20 + 1 {
			_, _ = w.Write(chunk)
		}
	}))
	defer srv.Close()
	_, err := New(fastPolicy()).Do(context.Background(), call(t, srv, http.MethodGet))
	if !IsTooLarge(err) {
		t.Fatalf("err = %v, want TooLargeError", err)
	}
}

func TestCheckEndpoint(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://api.processout.com":  true,
		"http://127.0.0.1:8080":       true,
		"http://localhost:1234/base":  true,
		"http://[::1]:99":             true,
		"http://api.processout.com":   false,
		"ftp://api.processout.com":    false,
		"api.processout.com":          false,
		"https://user:pw@example.com": false,
		"":                            false,
		"https://":                    false,
	} {
		if _, err := CheckEndpoint(raw); (err == nil) != ok {
			t.Errorf("CheckEndpoint(%q) err=%v, want ok=%t", raw, err, ok)
		}
	}
}

func TestBackoffIsCappedAndJittered(t *testing.T) {
	p := Policy{MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second, Jitter: func() float64 { return 0.999 }}
	if d := p.Backoff(1); d < 50*time.Millisecond || d > 100*time.Millisecond {
		t.Errorf("Backoff(1) = %s", d)
	}
	if d := p.Backoff(30); d > time.Second {
		t.Errorf("Backoff(30) = %s, want capped at 1s", d)
	}
	p.Jitter = func() float64 { return 0 }
	if d := p.Backoff(30); d != 500*time.Millisecond {
		t.Errorf("Backoff(30) with no jitter = %s, want half the cap", d)
	}
}

func TestPacerHoldsCallsWhenTheBucketIsEmpty(t *testing.T) {
	p := NewPacer()
	p.Observe(http.Header{"X-Ratelimit": {"600"}, "X-Ratelimit-Remaining": {"0"}})
	start := time.Now()
	if err := p.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 90*time.Millisecond {
		t.Fatalf("waited %s, want one refill interval (100ms at 600/min)", d)
	}
}

// hijack takes over the connection, to break it without an answer.
func hijack(t *testing.T, w http.ResponseWriter) net.Conn {
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Error("the test server cannot hijack connections")
		return nil
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Error(err)
	}
	return conn
}
