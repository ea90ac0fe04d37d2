// Package emutest holds the helpers the emulator packages' tests share. Only
// tests import it.
package emutest

import (
	"encoding/json"
	"io"
	"net/http"
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

// GetJSON sends a GET, authenticated by auth, and decodes the JSON answer.
func GetJSON(t testing.TB, url string, auth func(*http.Request)) (int, http.Header, map[string]any) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	auth(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("GET %s: %d %q is not JSON", url, resp.StatusCode, raw)
	}
	return resp.StatusCode, resp.Header, body
}
