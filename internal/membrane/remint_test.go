package membrane

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/httpx"
)

// TestMinterRemintsBeforeTheEmulatorRejects keeps calling Membrane for
// longer than a token lives: the emulator enforces expiry, so every call
// succeeding proves fresh tokens were minted in time.
func TestMinterRemintsBeforeTheEmulatorRejects(t *testing.T) {
	emu, err := emulator.Start(emulator.Config{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	minter := &WorkspaceKeyMinter{WorkspaceKey: emu.Workspace.Key, WorkspaceSecret: emu.Workspace.Secret, TenantKey: emu.TenantKey, TTL: 2 * time.Second}
	base, _ := url.Parse(emu.MembraneURL)
	p := httpx.DefaultPolicy()
	p.MaxAttempts = 1 // a rejected token must fail the test, not be retried away
	client := NewClient(base, minter, httpx.New(p), "test")
	deadline := time.Now().Add(3500 * time.Millisecond)
	calls := 0
	for time.Now().Before(deadline) {
		if _, err := client.GetConnection(context.Background(), emu.Connection.ID); err != nil {
			t.Fatalf("call %d failed: %v", calls, err)
		}
		calls++
		time.Sleep(100 * time.Millisecond)
	}
	if minter.Minted() < 2 || emu.Membrane.MintedTokensSeen() < 2 {
		t.Fatalf("%d calls over 3.5s with 2s tokens: minted %d, emulator saw %d distinct tokens; want at least 2",
			calls, minter.Minted(), emu.Membrane.MintedTokensSeen())
	}
}

// TestExpiredTokenIsRejected checks the emulator really enforces expiry, so
// the test above cannot pass by accident.
func TestExpiredTokenIsRejected(t *testing.T) {
	emu, err := emulator.Start(emulator.Config{Seed: 6})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	past := time.Now().Add(-2 * time.Hour)
	minter := &WorkspaceKeyMinter{WorkspaceKey: emu.Workspace.Key, WorkspaceSecret: emu.Workspace.Secret, TenantKey: emu.TenantKey, Now: func() time.Time { return past }}
	base, _ := url.Parse(emu.MembraneURL)
	_, err = NewClient(base, minter, httpx.New(httpx.DefaultPolicy()), "test").GetConnection(context.Background(), emu.Connection.ID)
	if me, ok := err.(*Error); !ok || !me.IsAuthentication() {
		t.Fatalf("err = %v, want a Membrane authentication error for an expired token", err)
	}
}
