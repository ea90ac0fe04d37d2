package provider

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/httpx"
)

// stoppedCreate sends a create through httpx as the provider does, to a
// server that counts what it receives; stopBefore cancels the context
// before the call (the stop came first), otherwise the server cancels it
// while the request is in flight and answers 503 (the CLI's first Ctrl-C or
// SIGTERM came mid-request, and the answer asks for a retry that the stop
// forbids, so Do returns early with the context's error).
func stoppedCreate(t *testing.T, stopBefore bool) (int32, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var received atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		received.Add(1)
		cancel()
		time.Sleep(50 * time.Millisecond)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	if stopBefore {
		cancel()
	}
	u, err := url.Parse(srv.URL + "/webhook-endpoints")
	if err != nil {
		t.Fatal(err)
	}
	policy := httpx.Policy{MaxAttempts: 3, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond, MaxElapsed: time.Minute, AttemptTimeout: 10 * time.Second}
	_, err = httpx.New(policy).Do(ctx, httpx.Call{Operation: "webhook_endpoint.create", Method: http.MethodPost, URL: u, Header: http.Header{}})
	if err == nil {
		t.Fatal("Do succeeded; want the stop's error")
	}
	return received.Load(), err
}

// TestStoppedCreateSentIsOutcomeUnknown: a create stopped after its request
// reached the server (Do returns early on the context's error) may have been
// carried out: the placeholder must be saved.
func TestStoppedCreateSentIsOutcomeUnknown(t *testing.T) {
	received, err := stoppedCreate(t, false)
	if received != 1 {
		t.Fatalf("server saw %d requests, want 1", received)
	}
	if !createMayHaveHappened(err) {
		t.Errorf("createMayHaveHappened(%v) = false for a create the server received: its object would be untracked", err)
	}
}

// TestStoppedCreateUnsentIsNotAPlaceholder: a create stopped before any
// request was sent made nothing: no placeholder, no "ProcessOut may have
// made it".
func TestStoppedCreateUnsentIsNotAPlaceholder(t *testing.T) {
	received, err := stoppedCreate(t, true)
	if received != 0 {
		t.Fatalf("server saw %d requests, want 0", received)
	}
	if createMayHaveHappened(err) {
		t.Errorf("createMayHaveHappened(%v) = true for a create that sent nothing: the state would keep a placeholder for no object", err)
	}
}
