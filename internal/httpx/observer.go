package httpx

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
