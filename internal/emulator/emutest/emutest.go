// Package emutest holds the helpers the emulator packages' tests share. Only
// tests import it.
package emutest

import (
	"sync"
	"testing"
	"time"
)

// Start is the tests' fixed starting time.
var Start = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// Clock is a settable clock, safe to change while a server runs.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock is a Clock at Start.
func NewClock() *Clock { return &Clock{t: Start} }

func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// As asserts v's type, failing the test instead of panicking.
func As[T any](t testing.TB, v any) T {
	t.Helper()
	x, ok := v.(T)
	if !ok {
		t.Fatalf("%v (%T) is not a %T", v, v, x)
	}
	return x
}
