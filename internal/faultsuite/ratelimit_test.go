package faultsuite

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator"
)

// TestRateLimitPacing applies RATELIMIT_OBJECTS objects (default 100) at
// -parallelism=30 against an emulator that enforces RATELIMIT_PER_MINUTE
// requests per minute (default 60, so the apply needs more than the bucket
// holds). The apply must succeed on its first run, with the provider's
// default retry settings: the client paces itself from the x-ratelimit
// headers and the 429s it meets instead of failing. It reports how many
// 429s the emulator answered.
func TestRateLimitPacing(t *testing.T) {
	objects := envInt(t, "RATELIMIT_OBJECTS", 100)
	limit := envInt(t, "RATELIMIT_PER_MINUTE", 60)
	const parallelism = 30
	ctx := context.Background()
	ws := newWorkspace(t)
	if !ws.supportsWriteOnly(ctx) {
		t.Skip("the fleet declares stripe credentials as settings_wo, which needs OpenTofu (or Terraform 1.11+): run make faults")
	}
	emu := startEmulator(t, emulator.Config{Seed: 1, RateLimitPerMinute: limit})
	declared := newFleet(objects)
	ws.writeConfig(declared.config(fmt.Sprintf(`provider "processout" {
  membrane_api_url = %q
  membrane_token   = %q
  connection_id    = %q
}
`, emu.MembraneURL, emu.Token, emu.Connection.ID)))
	ws.init(ctx)

	before := ws.clients.totals()
	d, err := ws.apply(ctx, parallelism)
	if err != nil {
		t.Fatalf("the apply failed under the rate limit instead of pacing itself:\n%s", diagnostics(err))
	}
	client := ws.clients.totals().Sub(before)
	log := emu.ProcessOut.Requests()
	limited := 0
	for _, r := range log {
		if r.Status == http.StatusTooManyRequests {
			limited++
		}
	}
	f := auditState(emu, ws.state(ctx), declared)
	for _, msg := range f.problems() {
		t.Errorf("state mismatch: %s", msg)
	}
	if len(f.duplicates)+len(f.orphans) > 0 {
		t.Errorf("duplicates %v, orphans %v", f.duplicates, f.orphans)
	}
	keys := auditKeys(log)
	for _, v := range keys.violations {
		t.Errorf("idempotency: %s", v)
	}
	// Pacing is only proven if the apply needed more requests than the
	// bucket holds (a minute's worth): the rest had to wait for refills.
	if len(log) <= limit {
		t.Errorf("the apply made %d ProcessOut requests, within the %d the bucket holds: raise RATELIMIT_OBJECTS", len(log), limit)
	}
	t.Logf("ratelimit: objects=%d limit=%d/min parallelism=%d requests=%d 429s=%d retries=%d apply=%s",
		objects, limit, parallelism, len(log), limited, client.Retries(), d.Round(time.Millisecond))
}
