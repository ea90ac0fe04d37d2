package faults

import (
	"context"
	"errors"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// backend counts the requests that reach it and echoes their bodies.
type backend struct{ calls atomic.Int32 }

func (b *backend) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.calls.Add(1)
	body, _ := io.ReadAll(r.Body)
	w.Header().Set("X-Backend", "yes")
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"success":true,"echo":"` + string(body) + `"}`))
}

// start serves the backend behind inj and returns a client that opens a
// fresh connection per request, so transport retries cannot hide a reset.
func start(t *testing.T, inj *Injector) (*httptest.Server, *backend, *http.Client) {
	t.Helper()
	b := &backend{}
	srv := httptest.NewServer(inj.Wrap(b))
	t.Cleanup(func() {
		inj.Close()
		srv.Close()
	})
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	return srv, b, client
}

func do(t *testing.T, c *http.Client, method, url, body string) (*http.Response, string, error) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp, string(data), err
}

func TestNoRulePassesThrough(t *testing.T) {
	inj := New(1)
	srv, b, c := start(t, inj)
	resp, body, err := do(t, c, "POST", srv.URL+"/customers", "hi")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("X-Backend") != "yes" || !strings.Contains(body, `"echo":"hi"`) {
		t.Fatalf("got %d %v %q", resp.StatusCode, resp.Header, body)
	}
	if b.calls.Load() != 1 || len(inj.Injected()) != 0 || len(inj.Log()) != 0 {
		t.Fatalf("calls=%d injected=%v", b.calls.Load(), inj.Injected())
	}
}

func TestLatencyRule(t *testing.T) {
	inj := New(1)
	inj.Add(Rule{Kind: Latency, Probability: 1, Latency: 80 * time.Millisecond})
	srv, b, c := start(t, inj)
	begin := time.Now()
	resp, _, err := do(t, c, "GET", srv.URL+"/customers", "")
	if err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(begin); elapsed < 80*time.Millisecond {
		t.Fatalf("answered after %v, want at least 80ms", elapsed)
	}
	if resp.StatusCode != 200 || b.calls.Load() != 1 || inj.Injected()[Latency] != 1 {
		t.Fatalf("status=%d calls=%d injected=%v", resp.StatusCode, b.calls.Load(), inj.Injected())
	}
}

func TestSetLatencyDelaysEveryRequestUncounted(t *testing.T) {
	inj := New(1)
	inj.SetLatency(40 * time.Millisecond)
	srv, b, c := start(t, inj)
	begin := time.Now()
	for range 2 {
		if resp, _, err := do(t, c, "GET", srv.URL+"/", ""); err != nil || resp.StatusCode != 200 {
			t.Fatalf("err=%v", err)
		}
	}
	if elapsed := time.Since(begin); elapsed < 80*time.Millisecond {
		t.Fatalf("two requests took %v, want at least 80ms", elapsed)
	}
	if b.calls.Load() != 2 || len(inj.Injected()) != 0 {
		t.Fatalf("calls=%d injected=%v", b.calls.Load(), inj.Injected())
	}
}

func TestRateLimitKinds(t *testing.T) {
	tests := []struct {
		kind       Kind
		retryAfter time.Duration
		wantHeader string
	}{
		{RateLimit, 1500 * time.Millisecond, "2"},
		{RateLimit, 0, "1"},
		{RateLimitNoRetryAfter, 5 * time.Second, ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+"/"+tt.retryAfter.String(), func(t *testing.T) {
			inj := New(1)
			inj.Add(Rule{Kind: tt.kind, Probability: 1, RetryAfter: tt.retryAfter})
			srv, b, c := start(t, inj)
			resp, body, err := do(t, c, "GET", srv.URL+"/customers", "")
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusTooManyRequests {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if got := resp.Header.Get("Retry-After"); got != tt.wantHeader {
				t.Fatalf("Retry-After %q, want %q", got, tt.wantHeader)
			}
			if !strings.Contains(body, `"error_type":"request.rate.exceeded"`) || !strings.Contains(body, `"success":false`) {
				t.Fatalf("body %s", body)
			}
			if b.calls.Load() != 0 || inj.Injected()[tt.kind] != 1 {
				t.Fatalf("calls=%d injected=%v", b.calls.Load(), inj.Injected())
			}
		})
	}
}

func TestStatusPages(t *testing.T) {
	tests := []struct {
		kind   Kind
		status int
		text   string
	}{
		{Status500, 500, "500 Internal Server Error"},
		{Status502, 502, "502 Bad Gateway"},
		{Status503, 503, "503 Service Unavailable"},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			inj := New(1)
			inj.Add(Rule{Kind: tt.kind, Probability: 1})
			srv, b, c := start(t, inj)
			resp, body, err := do(t, c, "PUT", srv.URL+"/customers/cust_1", `{}`)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status || !strings.Contains(body, "<html>") || !strings.Contains(body, tt.text) {
				t.Fatalf("got %d %q", resp.StatusCode, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/html" {
				t.Fatalf("content type %q", ct)
			}
			if b.calls.Load() != 0 {
				t.Fatal("backend reached")
			}
		})
	}
}

// wantDropped asserts that the request failed at the transport level with
// no response: a reset or an unexpected EOF.
func wantDropped(t *testing.T, resp *http.Response, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("got a response (status %d), want a dropped connection", resp.StatusCode)
	}
	msg := err.Error()
	if !strings.Contains(msg, "reset") && !errors.Is(err, io.EOF) && !strings.Contains(msg, "EOF") {
		t.Fatalf("error %v, want a reset or EOF", err)
	}
}

func TestReset(t *testing.T) {
	inj := New(1)
	inj.Add(Rule{Kind: Reset, Probability: 1, PathPrefix: "/customers"})
	srv, b, c := start(t, inj)
	resp, _, err := do(t, c, "GET", srv.URL+"/customers", "")
	wantDropped(t, resp, err)
	if b.calls.Load() != 0 || inj.Injected()[Reset] != 1 {
		t.Fatalf("calls=%d injected=%v", b.calls.Load(), inj.Injected())
	}
	// Other paths are not affected.
	if resp, _, err := do(t, c, "GET", srv.URL+"/projects/x", ""); err != nil || resp.StatusCode != 200 {
		t.Fatalf("unaffected path failed: %v", err)
	}
}

func TestTimeoutHoldsUntilClientGivesUp(t *testing.T) {
	inj := New(1)
	inj.Add(Rule{Kind: Timeout, Probability: 1})
	srv, b, _ := start(t, inj)
	c := &http.Client{Timeout: 150 * time.Millisecond, Transport: &http.Transport{DisableKeepAlives: true}}
	begin := time.Now()
	_, _, err := do(t, c, "POST", srv.URL+"/customers", `{"email":"a@b.c"}`)
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("error %v, want a client timeout", err)
	}
	if elapsed := time.Since(begin); elapsed < 150*time.Millisecond || elapsed > 5*time.Second {
		t.Fatalf("gave up after %v", elapsed)
	}
	if b.calls.Load() != 0 || inj.Injected()[Timeout] != 1 {
		t.Fatalf("calls=%d injected=%v", b.calls.Load(), inj.Injected())
	}
	// The held handler notices the client left, so the server closes fast.
	done := make(chan struct{})
	go func() { srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("server still holding the request after the client left")
	}
}

func TestTimeoutReleasedByClose(t *testing.T) {
	inj := New(1)
	inj.Add(Rule{Kind: Timeout, Probability: 1})
	srv, _, c := start(t, inj)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/customers", nil)
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	time.Sleep(100 * time.Millisecond)
	inj.Close()
	select {
	case err := <-errc:
		wantDropped(t, nil, err)
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not release the held request")
	}
}

func TestCommitThenFail(t *testing.T) {
	inj := New(1)
	inj.Add(Rule{Kind: CommitThenFail, Probability: 1})
	srv, b, c := start(t, inj)
	resp, _, err := do(t, c, "POST", srv.URL+"/customers", `{"email":"a@b.c"}`)
	wantDropped(t, resp, err)
	if b.calls.Load() != 1 {
		t.Fatalf("backend calls %d, want 1 (the write commits)", b.calls.Load())
	}
	// Reads never match commit_then_fail.
	resp, _, err = do(t, c, "GET", srv.URL+"/customers", "")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET failed: %v", err)
	}
	if got := inj.Injected()[CommitThenFail]; got != 1 {
		t.Fatalf("injected %d", got)
	}
}

func TestRuleMatching(t *testing.T) {
	inj := New(1)
	inj.Add(Rule{Method: "POST", PathPrefix: "/customers", Kind: Status503, Probability: 1, MaxCount: 2})
	inj.Add(Rule{Kind: Status500, Probability: 1, WritesOnly: true, PathPrefix: "/webhook-endpoints"})
	srv, _, c := start(t, inj)
	steps := []struct {
		method, path string
		want         int
	}{
		{"GET", "/customers", 200},
		{"POST", "/projects", 200},
		{"POST", "/customers", 503},
		{"POST", "/customers/cust_1", 503},
		{"POST", "/customers", 200}, // MaxCount reached
		{"GET", "/webhook-endpoints", 200},
		{"DELETE", "/webhook-endpoints/we_1", 500},
	}
	for _, s := range steps {
		resp, _, err := do(t, c, s.method, srv.URL+s.path, "")
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != s.want {
			t.Errorf("%s %s: status %d, want %d", s.method, s.path, resp.StatusCode, s.want)
		}
	}
	log := inj.Log()
	if len(log) != 3 || log[0].Kind != Status503 || log[0].Path != "/customers" || log[2].Method != "DELETE" {
		t.Fatalf("log %+v", log)
	}
	inj.Clear()
	if resp, _, err := do(t, c, "DELETE", srv.URL+"/webhook-endpoints/we_1", ""); err != nil || resp.StatusCode != 200 {
		t.Fatalf("after Clear: %v", err)
	}
}

// sequence replays n requests through decide and returns the chosen kinds.
func sequence(seed int64, rules []Rule, n int) []Kind {
	inj := New(seed)
	for _, r := range rules {
		inj.Add(r)
	}
	out := make([]Kind, n)
	for k := range out {
		method := "GET"
		if k%3 == 0 {
			method = "POST"
		}
		rule, _ := inj.decide(httptest.NewRequest(method, "/customers", nil))
		if rule != nil {
			out[k] = rule.Kind
		}
	}
	return out
}

func TestSameSeedSameFaults(t *testing.T) {
	rules := []Rule{
		{Kind: Status502, Probability: 0.2},
		{Kind: CommitThenFail, Probability: 0.3},
		{Kind: RateLimit, Probability: 0.25},
	}
	a, b, other := sequence(42, rules, 500), sequence(42, rules, 500), sequence(43, rules, 500)
	same, differs := true, false
	for k := range a {
		same = same && a[k] == b[k]
		differs = differs || a[k] != other[k]
	}
	if !same {
		t.Fatal("same seed gave different faults")
	}
	if !differs {
		t.Fatal("different seeds gave identical faults")
	}
}

func TestSpreadSplitsRateEvenly(t *testing.T) {
	const n = 30000
	rules := Spread(0.6, Rule{}, TransientKinds...)
	if len(rules) != len(TransientKinds) {
		t.Fatalf("%d rules", len(rules))
	}
	inj := New(7)
	for _, r := range rules {
		inj.Add(r)
	}
	for range n {
		inj.decide(httptest.NewRequest("GET", "/x", nil))
	}
	got := inj.Injected()
	for _, k := range TransientKinds {
		if frac := float64(got[k]) / n; math.Abs(frac-0.1) > 0.01 {
			t.Errorf("%s: rate %.3f, want 0.100", k, frac)
		}
	}
	if Spread(0, Rule{}, Reset) != nil {
		t.Fatal("rate 0 should give no rules")
	}
}
