package httpx

import "sync/atomic"

// Totals counts what every Client of the process did. The fault suite reads
// it to report how many retries absorbed the faults it injected; it is also
// a cheap health figure for anyone embedding the client.
type Totals struct {
	// Calls counts Do calls.
	Calls int64
	// Attempts counts the attempts Do made, the first of each call included.
	Attempts int64
	// Resent counts requests net/http sent again on its own within one
	// attempt: after a connection reset on a reused keep-alive connection it
	// replays GETs and requests carrying an Idempotency-Key before Do sees
	// any error. Each one is a retry the server saw but Do did not make.
	Resent int64
}

// Retries is every request sent again: by Do's retry loop, or by net/http.
func (t Totals) Retries() int64 { return t.Attempts - t.Calls + t.Resent }

// Sub returns the counts between two readings.
func (t Totals) Sub(earlier Totals) Totals {
	return Totals{Calls: t.Calls - earlier.Calls, Attempts: t.Attempts - earlier.Attempts, Resent: t.Resent - earlier.Resent}
}

var processTotals struct{ calls, attempts, resent atomic.Int64 }

// ProcessTotals returns the counts of every Client in this process so far.
func ProcessTotals() Totals {
	return Totals{Calls: processTotals.calls.Load(), Attempts: processTotals.attempts.Load(), Resent: processTotals.resent.Load()}
}
