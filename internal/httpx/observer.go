package httpx

import (
	"context"
	"fmt"
	"time"
)

// Observer is told what a Client sends: each call before its first attempt,
// and each attempt once it is over. A harness that serves the provider
// in-process (the fault suite) counts retries with it; a Client has none
// unless Observe sets one. Its methods may be called concurrently.
type Observer interface {
	// CallStarted is told of a call to Do before its first attempt.
	CallStarted(call Call)
	// AttemptDone is told of each attempt (numbered from 1) once it is
	// over, with the times net/http wrote the request again on its own
	// within it: after a connection reset on a reused keep-alive connection
	// it replays GETs and requests carrying an Idempotency-Key before Do
	// sees any error. Each one is a retry the server saw but Do did not make.
	AttemptDone(call Call, attempt, resent int)
}

// Observe makes c tell o of its calls and attempts. Call it before c's first
// Do.
func (c *Client) Observe(o Observer) { c.observer = o }

// Retry is a retry Do is about to make, told before its wait.
type Retry struct {
	Call        Call
	Attempt     int // the attempt to come, numbered from 1 (2 is the first retry)
	MaxAttempts int
	Wait        time.Duration // before the attempt
	Reason      string        // what the last attempt met: "HTTP 503", or the transport error
	Elapsed     time.Duration // since the call began
	Budget      time.Duration // the call's retry budget; 0 for none
}

// OnRetry makes c call hook before waiting out each retry, with the call's
// context, which masks c's secrets in tflog lines. The provider logs the
// retries with it, so that TF_LOG=info shows a call that is being retried.
// Call it before c's first Do.
func (c *Client) OnRetry(hook func(context.Context, Retry)) { c.onRetry = hook }

func (c *Client) retrying(ctx context.Context, r Retry) {
	if c.onRetry != nil {
		c.onRetry(ctx, r)
	}
}

// retryReason is what an attempt met, in a few words.
func retryReason(res *Result, err error) string {
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("HTTP %d", res.Status)
}
