package httpx

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// stoppedMidRequest sends call through a server that answers status once
// the caller's context is cancelled (as a CLI's first Ctrl-C or SIGTERM
// cancels the provider's requests), and returns what Do returned and how
// many requests the server saw.
func stoppedMidRequest(t *testing.T, method string, status int) (*Result, int32, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var received atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		received.Add(1)
		cancel() // the stop arrives while the request is in flight
		time.Sleep(50 * time.Millisecond)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"success":true}`))
	}))
	defer srv.Close()
	res, err := New(fastPolicy()).Do(ctx, call(t, srv, method))
	return res, received.Load(), err
}

// TestStoppedWriteRunsToItsAnswer: a write whose request was sent when the
// stop came gets its answer, so the object it made reaches state.
func TestStoppedWriteRunsToItsAnswer(t *testing.T) {
	res, received, err := stoppedMidRequest(t, http.MethodPost, http.StatusOK)
	if err != nil || res == nil || res.Status != http.StatusOK {
		t.Fatalf("Do = %v, %v; want the 200 the server sent after the stop", res, err)
	}
	if received != 1 {
		t.Errorf("server saw %d requests, want 1", received)
	}
}

// TestStoppedWriteIsNotRetried: after the stop no new attempt starts, even
// when the answer in flight asks for a retry.
func TestStoppedWriteIsNotRetried(t *testing.T) {
	res, received, err := stoppedMidRequest(t, http.MethodPost, http.StatusServiceUnavailable)
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("Do = %v, %v; want context.Canceled", res, err)
	}
	if received != 1 {
		t.Errorf("server saw %d requests, want 1: no attempt after the stop", received)
	}
}

// TestStoppedReadEndsAtOnce: a read has nothing to lose; it ends with the
// stop.
func TestStoppedReadEndsAtOnce(t *testing.T) {
	if res, _, err := stoppedMidRequest(t, http.MethodGet, http.StatusOK); !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("Do = %v, %v; want context.Canceled", res, err)
	}
}

// TestNoWriteStartsAfterTheStop: a call made once stopped sends nothing.
func TestNoWriteStartsAfterTheStop(t *testing.T) {
	srv, n := scripted()
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(fastPolicy()).Do(ctx, call(t, srv, http.MethodPost)); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n.Load() != 0 {
		t.Errorf("server saw %d requests after the stop, want 0", n.Load())
	}
}
