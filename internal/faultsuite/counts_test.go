package faultsuite

import (
	"sync/atomic"

	"github.com/processout/terraform-provider-processout/internal/httpx"
)

// totals counts what the provider's HTTP clients did.
type totals struct {
	// Calls counts Do calls.
	Calls int64
	// Attempts counts the attempts Do made, the first of each call included.
	Attempts int64
	// Resent counts requests net/http sent again on its own within one
	// attempt (see httpx.Observer): retries the server saw but Do did not
	// make.
	Resent int64
}

// Retries is every request sent again: by Do's retry loop, or by net/http.
func (t totals) Retries() int64 { return t.Attempts - t.Calls + t.Resent }

// Sub returns the counts between two readings.
func (t totals) Sub(earlier totals) totals {
	return totals{Calls: t.Calls - earlier.Calls, Attempts: t.Attempts - earlier.Attempts, Resent: t.Resent - earlier.Resent}
}

// clientCounter is the httpx.Observer of the providers a workspace serves:
// it counts, across the CLI commands, every call and attempt of their HTTP
// clients.
type clientCounter struct{ calls, attempts, resent atomic.Int64 }

var _ httpx.Observer = (*clientCounter)(nil)

func (c *clientCounter) CallStarted(httpx.Call) { c.calls.Add(1) }

func (c *clientCounter) AttemptDone(_ httpx.Call, _, resent int) {
	c.attempts.Add(1)
	c.resent.Add(int64(resent))
}

// totals returns the counts so far.
func (c *clientCounter) totals() totals {
	return totals{Calls: c.calls.Load(), Attempts: c.attempts.Load(), Resent: c.resent.Load()}
}
