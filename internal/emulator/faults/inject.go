package faults

import (
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"
)

// defaultLatency is the delay of a Latency rule without Latency set.
const defaultLatency = 100 * time.Millisecond

// rateLimitBody is ProcessOut's error body for an exhausted rate limit.
const rateLimitBody = `{"success":false,"error_type":"request.rate.exceeded","message":"You have exceeded the rate limit of your project. Please slow down your requests."}`

// Wrap returns next with faults injected in front of it.
func (i *Injector) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rule, latency := i.decide(r)
		if latency > 0 && !sleep(r, latency) {
			return
		}
		if rule == nil {
			next.ServeHTTP(w, r)
			return
		}
		switch rule.Kind {
		case Latency:
			d := rule.Latency
			if d <= 0 {
				d = defaultLatency
			}
			if sleep(r, d) {
				next.ServeHTTP(w, r)
			}
		case RateLimit:
			writeRateLimit(w, true, rule.RetryAfter)
		case RateLimitNoRetryAfter:
			writeRateLimit(w, false, 0)
		case Status500:
			writePage(w, http.StatusInternalServerError)
		case Status502:
			writePage(w, http.StatusBadGateway)
		case Status503:
			writePage(w, http.StatusServiceUnavailable)
		case Reset:
			resetConn(w)
		case Timeout:
			i.hold(r)
			resetConn(w)
		case CommitThenFail:
			next.ServeHTTP(httptest.NewRecorder(), r)
			resetConn(w)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// sleep waits d, or until the client goes away (then it reports false).
func sleep(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// hold blocks until the client gives up, the injector closes, or TimeoutHold
// passes. It drains the body first: net/http notices a client hanging up
// only once the request body has been consumed.
func (i *Injector) hold(r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	t := time.NewTimer(TimeoutHold)
	defer t.Stop()
	select {
	case <-r.Context().Done():
	case <-i.closed:
	case <-t.C:
	}
}

// writeRateLimit answers 429 with ProcessOut's error body. withRetryAfter adds
// a Retry-After of retryAfter rounded up to whole seconds, at least one.
func writeRateLimit(w http.ResponseWriter, withRetryAfter bool, retryAfter time.Duration) {
	if withRetryAfter {
		secs := max(int(math.Ceil(retryAfter.Seconds())), 1)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = io.WriteString(w, rateLimitBody)
}

// writePage answers with the bare HTML page a proxy or load balancer serves.
func writePage(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(status)
	text := fmt.Sprintf("%d %s", status, http.StatusText(status))
	_, _ = fmt.Fprintf(w, "<html><head><title>%s</title></head><body><center><h1>%s</h1></center></body></html>\n", text, text)
}

// resetConn drops the connection without a response: a TCP RST where the
// connection is TCP. Without a hijackable connection (HTTP/2), it aborts the
// handler, which makes net/http drop the stream.
func resetConn(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	nc := conn
	if tc, ok := conn.(interface{ NetConn() net.Conn }); ok {
		nc = tc.NetConn()
	}
	if tcp, ok := nc.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}
