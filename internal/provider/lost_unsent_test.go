package provider

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/httpx"
)

// createTo sends a create through httpx as the provider does, with a small
// retry budget.
func createTo(t *testing.T, host string) error {
	t.Helper()
	policy := httpx.Policy{MaxAttempts: 10, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond, MaxElapsed: 1500 * time.Millisecond, AttemptTimeout: 10 * time.Second}
	u := &url.URL{Scheme: "http", Host: host, Path: "/webhook-endpoints"}
	_, err := httpx.New(policy).Do(context.Background(), httpx.Call{Operation: "webhook_endpoint.create", Method: http.MethodPost, URL: u, Header: http.Header{}})
	if err == nil {
		t.Fatal("Do succeeded; want an error")
	}
	return err
}

// TestRefusedCreateIsNotAPlaceholder: a create whose every attempt met a
// refused connection sent nothing: no placeholder, no "ProcessOut may have
// made it".
func TestRefusedCreateIsNotAPlaceholder(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	host := l.Addr().String()
	_ = l.Close()
	if err := createTo(t, host); createMayHaveHappened(err) {
		t.Errorf("createMayHaveHappened(%v) = true for a create no attempt of which connected", err)
	}
}

// TestBudgetCutCreateIsOutcomeUnknown: a create whose attempt the retry
// budget cut short was sent: ProcessOut may have made the object, so the
// placeholder must be saved.
func TestBudgetCutCreateIsOutcomeUnknown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	held := make(chan net.Conn, 16)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			held <- c // accepted, never answered
		}
	}()
	defer func() {
		_ = l.Close()
		for len(held) > 0 {
			_ = (<-held).Close()
		}
	}()
	if err := createTo(t, l.Addr().String()); !createMayHaveHappened(err) {
		t.Errorf("createMayHaveHappened(%v) = false for a create the server received: its object would be untracked", err)
	}
}
