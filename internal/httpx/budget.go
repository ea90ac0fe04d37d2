package httpx

import (
	"time"
)

// MinAttemptTime is the least time an attempt is given: a retry starts only
// when the retry budget leaves it this long after its wait, and no attempt's
// timeout is cut below it (a healthy API answers in well under a second).
const MinAttemptTime = time.Second

// stopReason says why Do stops retrying a call, if it does.
type stopReason int

const (
	keepTrying    stopReason = iota
	attemptsSpent            // Policy.MaxAttempts reached
	budgetSpent              // the next attempt could not start and run MinAttemptTime within Policy.MaxElapsed
	refusedSpent             // Policy.RefusedAttempts refused connections in a row
)

// giveUp decides whether the call stops after attempt, which ended elapsed
// after the call's start, given the wait before the next one and the
// refused connections met in a row.
func (c *Client) giveUp(attempt, refused int, elapsed, wait time.Duration) stopReason {
	switch {
	case refused >= c.policy.refusedAttempts():
		return refusedSpent
	case attempt >= c.policy.MaxAttempts:
		return attemptsSpent
	case c.policy.MaxElapsed > 0 && elapsed+wait+MinAttemptTime > c.policy.MaxElapsed:
		return budgetSpent
	}
	return keepTrying
}

// attemptTimeout is the time the next attempt of a call that began at start
// may take: Policy.AttemptTimeout, cut to what is left of the retry budget,
// but never below MinAttemptTime (nor above the budget itself). 0 is no
// limit.
func (c *Client) attemptTimeout(start time.Time) time.Duration {
	limit := c.policy.AttemptTimeout
	if budget := c.policy.MaxElapsed; budget > 0 {
		left := max(budget-c.now().Sub(start), min(MinAttemptTime, budget))
		if limit <= 0 || left < limit {
			limit = left
		}
	}
	return limit
}

// gaveUp is the error of a call abandoned for why after a transport error.
func (c *Client) gaveUp(call Call, why stopReason, attempts, refused int, elapsed time.Duration, sent bool, last error) error {
	if isRefused(last) {
		return &RefusedError{Operation: call.Operation, URL: siteOf(call), Attempts: attempts, Refused: refused, Elapsed: elapsed,
			Sent: sent, Setting: c.endpoints[siteOf(call)], Last: last}
	}
	e := &GiveUpError{Operation: call.Operation, Attempts: attempts, Elapsed: elapsed, Sent: sent, Last: last}
	if why == budgetSpent || elapsed >= c.policy.MaxElapsed && c.policy.MaxElapsed > 0 {
		e.Budget = c.policy.MaxElapsed
	}
	return e
}
