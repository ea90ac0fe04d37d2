package faultsuite

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/faults"
	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/membrane"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// TestCancellationStopsRetries is Ctrl-C through the whole client stack (the
// typed ProcessOut client over the Membrane proxy transport and the shared
// HTTP client) against an emulator that never succeeds: cancelling the
// context ends a call waiting out a backoff at once; a write whose attempt
// is in flight runs to its answer or its attempt timeout (ProcessOut may
// have carried it out: the answer must reach state), and nothing is sent
// after either.
func TestCancellationStopsRetries(t *testing.T) {
	// The backoff (3s) is far longer than the second a cancelled call may
	// take to return; a held write ends with its attempt timeout (2s).
	const attemptTimeout, quietFor = 2 * time.Second, 3500 * time.Millisecond
	policy := httpx.Policy{MaxAttempts: 50, MinBackoff: 3 * time.Second, MaxBackoff: 3 * time.Second, MaxElapsed: 10 * time.Minute, AttemptTimeout: attemptTimeout}
	for name, tc := range map[string]struct {
		kind                      faults.Kind
		returnAfter, returnWithin time.Duration
	}{
		"persistent 503, cancelled during the backoff": {faults.Status503, 0, time.Second},
		"held write, cancelled while the attempt runs": {faults.Timeout, attemptTimeout - 500*time.Millisecond, attemptTimeout + time.Second},
	} {
		kind := tc.kind
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			emu := startEmulator(t, emulator.Config{Seed: 1})
			emu.Faults.Add(faults.Rule{Kind: kind, Probability: 1})
			base, err := url.Parse(emu.MembraneURL)
			if err != nil {
				t.Fatal(err)
			}
			mc := membrane.NewClient(base, membrane.StaticToken(emu.Token), httpx.New(policy, emu.Token), "faultsuite")
			api := processout.New(membrane.NewProxyTransport(mc, emu.Connection.ID))

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := make(chan error, 1)
			go func() {
				_, err := api.CreateWebhookEndpoint(ctx, processout.WebhookEndpointInput{URL: "https://hooks.example.com/cancelled"})
				done <- err
			}()
			waitFor(t, func() bool { return len(emu.Faults.Log()) > 0 }, "the first attempt to meet its fault")
			cancelled := time.Now()
			cancel()
			select {
			case err := <-done:
				if took := time.Since(cancelled); took > tc.returnWithin || took < tc.returnAfter {
					t.Errorf("the call returned %s after the cancellation, want between %s and %s", took.Round(time.Millisecond), tc.returnAfter, tc.returnWithin)
				}
				if !errors.Is(err, context.Canceled) {
					t.Errorf("err = %v, want context.Canceled", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the call still runs 10s after the cancellation")
			}
			// A retry that escaped the cancellation would come within one
			// backoff (at most 3s): none may.
			time.Sleep(quietFor - time.Since(cancelled))
			if n := len(emu.Faults.Log()); n != 1 {
				t.Errorf("%d requests reached the emulator, want the one cancelled: %v", n, emu.Faults.Log())
			}
			if mb, po := emu.Membrane.Requests(), emu.ProcessOut.Requests(); len(mb)+len(po) != 0 {
				t.Errorf("the faults let requests through: Membrane served %v, ProcessOut %v", mb, po)
			}
		})
	}
}

func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
