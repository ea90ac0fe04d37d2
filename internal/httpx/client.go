package httpx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// MaxBodyBytes bounds how much of an answer is read; ProcessOut pages are
// far below it, so more is a broken or hostile server.
const MaxBodyBytes = 16 << 20

// Call is one HTTP exchange to send, retried as a whole.
type Call struct {
	Operation string // for logs and errors: "webhook_endpoint.create"
	Method    string
	URL       *url.URL
	Header    http.Header
	Body      []byte
}

// Result is the final answer to a Call.
type Result struct {
	Status   int
	Header   http.Header
	Body     []byte
	Attempts int
	Elapsed  time.Duration
}

// Client sends Calls. It is safe for concurrent use and meant to be built
// once per provider run: its connection pool is what makes keep-alive work.
type Client struct {
	http    *http.Client
	policy  Policy
	pacer   *Pacer
	secrets []string
	now     func() time.Time
	// observer, when set, is told of every call and attempt (Observe).
	observer Observer
	// onRetry, when set, is told of every retry before its wait (OnRetry).
	onRetry func(context.Context, Retry)
	// endpoints names sites for errors (NameEndpoint).
	endpoints map[string]string
}

// New returns a Client with the given retry policy. secrets are masked in
// every log line the client writes.
func New(policy Policy, secrets ...string) *Client {
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &Client{
		http:      &http.Client{Transport: transport, CheckRedirect: sameHostRedirects},
		policy:    policy,
		pacer:     NewPacer(),
		secrets:   nonEmpty(secrets),
		now:       time.Now,
		endpoints: map[string]string{},
	}
}

// WithSecrets is a Client that shares c's connection pool, policy and
// observer and masks secrets as well as c's in its logs, for calls made
// with other credentials (a supervised project's key). It has its own
// pacer: those credentials have their own rate limit.
func (c *Client) WithSecrets(secrets ...string) *Client {
	cp := *c
	cp.secrets = append(slices.Clone(c.secrets), nonEmpty(secrets)...)
	cp.pacer = NewPacer()
	return &cp
}

func nonEmpty(secrets []string) []string {
	var out []string
	for _, s := range secrets {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// sameHostRedirects follows a redirect only to the same scheme and host, so
// credentials never travel to a host they were not configured for. Any other
// redirect is returned to the caller as the 3xx it is.
func sameHostRedirects(req *http.Request, via []*http.Request) error {
	first := via[0].URL
	if req.URL.Host != first.Host || req.URL.Scheme != first.Scheme || len(via) >= 5 {
		return http.ErrUseLastResponse
	}
	return nil
}

// CheckEndpoint refuses URLs credentials must not be sent to: anything but
// https, except plain http to a loopback host (the emulator, a local proxy).
func CheckEndpoint(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("%q is not an absolute http(s) URL such as https://api.example.com", RedactURL(raw))
	}
	if u.User != nil {
		return nil, fmt.Errorf("%q carries credentials in the URL; set them in their own settings instead", u.Redacted())
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("%q uses plain http to a non-loopback host; use https (plain http is only accepted for localhost)", raw)
	}
	return u, nil
}

// RedactURL is raw fit for an error message: as typed, except that a
// password in it is masked, and when raw does not even parse, whatever
// precedes an "@" is dropped.
func RedactURL(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		if u.User == nil {
			return raw
		}
		return u.Redacted()
	}
	if i := strings.LastIndex(raw, "@"); i >= 0 {
		return "…" + raw[i:]
	}
	return raw
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Do sends the call, retrying transient failures (transport errors, 429,
// 5xx) under the policy, within its retry budget (Policy.MaxElapsed). It
// stops at once when ctx ends.
func (c *Client) Do(ctx context.Context, call Call) (*Result, error) {
	start := c.now()
	logs := !providerLogsOff()
	if logs {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, c.secrets...)
		ctx = tflog.MaskMessageStrings(ctx, c.secrets...)
	}
	if c.observer != nil {
		c.observer.CallStarted(call)
	}
	var lastErr error
	sent := false // whether any attempt may have reached the server
	refused := 0  // attempts in a row that met a refused connection
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, &StoppedError{Err: err, Sent: sent} // stopped: nothing new is sent
		}
		if err := c.pacer.Wait(ctx); err != nil {
			return nil, &StoppedError{Err: err, Sent: sent}
		}
		res, trace, err := c.attempt(ctx, call, c.attemptTimeout(start))
		sent = sent || trace.mayHaveSent(err)
		if c.observer != nil {
			c.observer.AttemptDone(call, attempt, trace.resent)
		}
		var header http.Header // nil without an answer
		if res != nil {
			header = res.Header
		}
		c.pacer.Done(header)
		elapsed := c.now().Sub(start)
		if logs {
			c.log(ctx, call, attempt, trace.resent, res, err, elapsed)
		}
		if ctx.Err() != nil && (err != nil || RetryableStatus(res.Status)) {
			return nil, &StoppedError{Err: ctx.Err(), Sent: sent} // stopped: no new attempt
		}
		var wait time.Duration
		switch {
		case IsTooLarge(err), IsRedirect(err):
			return nil, err
		case isRefused(err):
			lastErr, refused = err, refused+1
			wait = max(c.policy.Backoff(attempt), refusedBackoff)
		case err != nil:
			lastErr, refused = err, 0
			wait = c.policy.Backoff(attempt)
		case RetryableStatus(res.Status):
			refused = 0
			wait = c.policy.Backoff(attempt)
			if ra, ok := RetryAfter(res.Header, c.now()); ok {
				wait = ra
			}
			if res.Status == http.StatusTooManyRequests {
				c.pacer.Hold(wait)
			}
		default:
			res.Attempts, res.Elapsed = attempt, elapsed
			return res, nil
		}
		if why := c.giveUp(attempt, refused, elapsed, wait); why != keepTrying {
			if err == nil {
				res.Attempts, res.Elapsed = attempt, elapsed
				return res, nil // the last answer says why
			}
			return nil, c.gaveUp(call, why, attempt, refused, elapsed, sent, lastErr)
		}
		c.retrying(ctx, Retry{Call: call, Attempt: attempt + 1, MaxAttempts: c.policy.MaxAttempts, Wait: wait,
			Reason: retryReason(res, err), Elapsed: elapsed, Budget: c.policy.MaxElapsed})
		if err := sleep(ctx, wait); err != nil {
			return nil, &StoppedError{Err: err, Sent: sent}
		}
	}
}

// attemptTrace is what an attempt's client trace saw.
type attemptTrace struct {
	// resent counts the times net/http wrote the request again on its own
	// (see Observer.AttemptDone).
	resent int
	// wrote says whether net/http began writing the request at all.
	wrote bool
}

// mayHaveSent reports whether the attempt may have reached the server:
// anything but a failure to connect before a byte was written.
func (t attemptTrace) mayHaveSent(err error) bool {
	return t.wrote || !isDialError(err)
}

// attempt sends the call once, as far as Do can tell, for at most timeout
// (0: no limit of its own). The deferred function fills the trace whichever
// way attempt returns.
func (c *Client) attempt(ctx context.Context, call Call, timeout time.Duration) (res *Result, trace attemptTrace, err error) {
	var writes, tries atomic.Int32
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			tries.Add(1)
			if info.Err == nil {
				writes.Add(1)
			}
		},
	})
	defer func() { trace = attemptTrace{resent: max(int(writes.Load())-1, 0), wrote: tries.Load() > 0} }()
	if isWrite(call.Method) {
		// A stop (the CLI's first Ctrl-C, or the SIGTERM of a cancelled CI
		// job, cancels ctx) must not drop a write ProcessOut may already
		// have carried out: the attempt runs to its answer, bounded by the
		// attempt timeout, so the object reaches state. Do starts no new
		// attempt once ctx is done. A deadline of ctx (a resource's
		// timeouts) still bounds it: the user chose that limit, and a
		// create it cuts short leaves its lost-create placeholder.
		var cancel context.CancelFunc
		ctx, cancel = keepDeadline(ctx)
		defer cancel()
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	var body io.Reader
	if call.Body != nil {
		body = bytes.NewReader(call.Body)
	}
	req, err := http.NewRequestWithContext(ctx, call.Method, call.URL.String(), body)
	if err != nil {
		return nil, trace, err
	}
	for k, vs := range call.Header {
		req.Header[k] = vs
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, trace, err
	}
	defer resp.Body.Close()
	if loc, err := resp.Location(); err == nil && (loc.Host != resp.Request.URL.Host || loc.Scheme != resp.Request.URL.Scheme) {
		// sameHostRedirects left it unfollowed: say so rather than hand
		// back a bodiless 3xx that reads like a broken API.
		return &Result{Status: resp.StatusCode, Header: resp.Header}, trace,
			&RedirectError{Operation: call.Operation, Status: resp.StatusCode, From: resp.Request.URL, To: loc}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxBodyBytes+1))
	if err != nil {
		return nil, trace, fmt.Errorf("reading the answer: %w", err)
	}
	if len(data) > MaxBodyBytes {
		// Not retried as a transport error would be: the server answered,
		// and answering again will not make it smaller.
		return &Result{Status: resp.StatusCode, Header: resp.Header, Body: nil}, trace, &TooLargeError{Operation: call.Operation}
	}
	return &Result{Status: resp.StatusCode, Header: resp.Header, Body: data}, trace, nil
}

// keepDeadline is ctx without its cancellation but with its deadline.
func keepDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	detached := context.WithoutCancel(ctx)
	if deadline, ok := ctx.Deadline(); ok {
		return context.WithDeadline(detached, deadline)
	}
	return detached, func() {}
}

func (c *Client) log(ctx context.Context, call Call, attempt, resent int, res *Result, err error, elapsed time.Duration) {
	fields := map[string]any{
		"operation":   call.Operation,
		"method":      call.Method,
		"host":        call.URL.Host,
		"path":        call.URL.Path,
		"attempt":     attempt,
		"duration_ms": elapsed.Milliseconds(),
	}
	if resent > 0 {
		fields["resent_by_net_http"] = resent
	}
	if key := call.Header.Get("Idempotency-Key"); key != "" {
		fields["idempotency_key"] = key
	}
	if err != nil {
		fields["error"] = err.Error()
		tflog.Warn(ctx, "API call failed", fields)
		return
	}
	fields["status"] = res.Status
	tflog.Debug(ctx, "API call", fields)
}

// GiveUpError reports a call abandoned after repeated transport failures:
// its attempts are spent, or its retry budget is (Budget is then set).
type GiveUpError struct {
	Operation string
	Attempts  int
	Elapsed   time.Duration
	// Budget is the retry budget when running out of it ended the call; 0
	// when the attempts ran out first.
	Budget time.Duration
	// Sent says whether an attempt may have reached the server.
	Sent bool
	Last error
}

func (e *GiveUpError) Error() string {
	if e.Budget > 0 {
		return fmt.Sprintf("%s: gave up after %s over %s, when its retry budget of %s ran out: %v",
			e.Operation, attempts(e.Attempts), e.Elapsed.Round(time.Millisecond), e.Budget, e.Last)
	}
	return fmt.Sprintf("%s: gave up after %s over %s: %v", e.Operation, attempts(e.Attempts), e.Elapsed.Round(time.Millisecond), e.Last)
}

// attempts is "1 attempt", "3 attempts".
func attempts(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return fmt.Sprintf("%d attempts", n)
}

func (e *GiveUpError) Unwrap() error { return e.Last }

// StoppedError is the end of a call whose context ended (a stop, or a
// deadline). It reads and unwraps as the context's error. Sent says whether
// an attempt was made before: a write that was sent may have been carried
// out; one that was not made nothing.
type StoppedError struct {
	Err  error
	Sent bool
}

func (e *StoppedError) Error() string { return e.Err.Error() }
func (e *StoppedError) Unwrap() error { return e.Err }

// StoppedUnsent reports whether err is the stop of a call before any of its
// attempts was sent.
func StoppedUnsent(err error) bool {
	var e *StoppedError
	return errors.As(err, &e) && !e.Sent
}

// NeverSent reports whether err proves that no attempt of the call reached
// the server: it was stopped before one was sent, or every attempt failed
// to connect (a refused connection, an unknown host).
func NeverSent(err error) bool {
	var giveUp *GiveUpError
	var refused *RefusedError
	switch {
	case errors.As(err, &giveUp):
		return !giveUp.Sent
	case errors.As(err, &refused):
		return !refused.Sent
	}
	return StoppedUnsent(err)
}

// TooLargeError reports an answer over MaxBodyBytes.
type TooLargeError struct{ Operation string }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: the answer is larger than %d MiB, which no API answer should be", e.Operation, MaxBodyBytes>>20)
}

// IsTooLarge reports whether err is a TooLargeError.
func IsTooLarge(err error) bool {
	var e *TooLargeError
	return errors.As(err, &e)
}

// RedirectError reports an answer redirecting to another host, which is
// not followed: credentials only go to the host they were configured for.
type RedirectError struct {
	Operation string
	Status    int
	From, To  *url.URL
}

func (e *RedirectError) Error() string {
	site := func(u *url.URL) string { return u.Scheme + "://" + u.Host }
	return fmt.Sprintf("%s: the API at %s redirected the call to %s%s (HTTP %d); credentials are only sent to the configured host, "+
		"so the redirect was not followed. If the API has moved, set its URL (membrane_api_url or processout_api_url) to the new address",
		e.Operation, site(e.From), site(e.To), e.To.EscapedPath(), e.Status)
}

// IsRedirect reports whether err is a RedirectError.
func IsRedirect(err error) bool {
	var e *RedirectError
	return errors.As(err, &e)
}

// isWrite reports whether a request of this method may change what
// ProcessOut holds.
func isWrite(method string) bool {
	return method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
}
