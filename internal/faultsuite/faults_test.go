package faultsuite

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/faults"
)

// Fault mix of the suite: 20% of requests meet a transient fault, spread
// evenly over these kinds, and 5% of writes commit and then lose their
// answer.
const (
	transientRate      = 0.20
	commitThenFailRate = 0.05
	// The provider's own settings: timeouts cost seconds, not a minute, and
	// 13 attempts make a call fail under 20% faults once in ~10⁹.
	// FAULTS_MAX_RETRIES lowers it to see runs fail and converge on the
	// second apply.
	suiteRequestTimeout = "2s"
	suiteMaxRetries     = 12
)

var transientKinds = []faults.Kind{
	faults.RateLimit, faults.RateLimitNoRetryAfter,
	faults.Status500, faults.Status502, faults.Status503,
	faults.Reset, faults.Timeout,
}

// injectFaults adds the suite's rules. commit_then_fail comes after the
// transient rules, which hit first; its probability is conditioned on them
// not hitting, so that 5% of all writes meet it.
func injectFaults(inj *faults.Injector) {
	for _, r := range faults.Spread(transientRate, faults.Rule{RetryAfter: time.Second}, transientKinds...) {
		inj.Add(r)
	}
	inj.Add(faults.Rule{Kind: faults.CommitThenFail, WritesOnly: true, Probability: commitThenFailRate / (1 - transientRate)})
}

func envInt(t *testing.T, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		t.Fatalf("%s=%q is not a non-negative integer", name, v)
	}
	return n
}

func startEmulator(t *testing.T, cfg emulator.Config) *emulator.Emulator {
	t.Helper()
	readings, err := emulator.ReadingsFromEnv(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Readings = readings
	emu, err := emulator.Start(cfg)
	if err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	t.Cleanup(emu.Close)
	return emu
}

// providerBlock points the provider at the emulator through Membrane, the
// default transport, with the suite's retry settings. The supervised
// project is reached as itself at processout_api_url. Under the
// unserved-routes reading the webhook endpoints go through Membrane actions,
// the way out the provider's error names.
func providerBlock(emu *emulator.Emulator, maxRetries int, requestTimeout string) string {
	actions := ""
	if emu.ProcessOut.Readings().UnservedRoutes {
		actions = webhookActions
	}
	return fmt.Sprintf(`provider "processout" {
  membrane_api_url   = %q
  membrane_token     = %q
  connection_id      = %q
  processout_api_url = %q
  max_retries        = %d
  request_timeout    = %q
%s}
`, emu.MembraneURL, emu.Token, emu.Connection.ID, emu.ProcessOutURL, maxRetries, requestTimeout, actions)
}

// webhookActions routes every webhook-endpoint operation to the emulator's
// actions (internal/emulator/membraneapi/ACTIONS.md).
const webhookActions = `  membrane_actions = {
    "webhook_endpoint.create" = "create-webhook-endpoint"
    "webhook_endpoint.read"   = "get-webhook-endpoint"
    "webhook_endpoint.update" = "update-webhook-endpoint"
    "webhook_endpoint.delete" = "delete-webhook-endpoint"
    "webhook_endpoint.list"   = "list-webhook-endpoints"
  }
`

// run is one fault-suite run: the running figures and what went wrong.
type run struct {
	t   *testing.T
	ctx context.Context
	ws  *workspace
	emu *emulator.Emulator

	parallelism int
	maxRetries  int
	duplicates  map[string]string
	orphans     map[string]string
	mismatches  int
	failedRuns  int // CLI commands that failed and were run again
}

// mark is where the logs stood when a phase began.
type mark struct {
	start      time.Time
	poRequests int
	mbRequests int
	faults     int
	totals     totals
}

func (r *run) mark() mark {
	return mark{
		start:      time.Now(),
		poRequests: len(r.emu.ProcessOut.Requests()),
		mbRequests: len(r.emu.Membrane.Requests()),
		faults:     len(r.emu.Faults.Log()),
		totals:     r.ws.clients.totals(),
	}
}

// twice runs a CLI command; when it fails (a call gave up, which 20% faults
// may cause), the failure must carry a diagnostic and a second run must
// succeed.
func (r *run) twice(name string, command func() error) {
	r.t.Helper()
	err := command()
	if err == nil {
		return
	}
	r.failedRuns++
	r.t.Logf("%s failed under faults; running it again. Diagnostic:\n%s", name, diagnostics(err))
	if !strings.Contains(err.Error(), "Error:") {
		r.t.Errorf("%s failed without a diagnostic: %v", name, err)
	}
	if err := command(); err != nil {
		r.t.Fatalf("%s did not converge on the second run:\n%s", name, diagnostics(err))
	}
}

// converge applies cfg (twice if need be), checks that a plan then has
// nothing to do, and audits state against the emulator.
func (r *run) converge(phase string, declared fleet, wantCreates int) {
	r.t.Helper()
	m := r.mark()
	r.ws.writeConfig(declared.config(providerBlock(r.emu, r.maxRetries, suiteRequestTimeout)))
	r.twice(phase+" apply", func() error {
		d, err := r.ws.apply(r.ctx, r.parallelism)
		r.t.Logf("%s apply: %s", phase, d.Round(time.Millisecond))
		return err
	})
	r.report(phase, m, wantCreates)
	r.planIsEmpty(phase)
	r.audit(phase, declared)
}

// planIsEmpty runs a plan under the same faults; it must succeed (twice at
// most) and find nothing to change.
func (r *run) planIsEmpty(after string) {
	r.t.Helper()
	m := r.mark()
	var changes bool
	r.twice("plan after "+after, func() error {
		var err error
		var d time.Duration
		changes, d, err = r.ws.plan(r.ctx)
		r.t.Logf("plan after %s: %s", after, d.Round(time.Millisecond))
		return err
	})
	if changes {
		r.t.Errorf("the plan after %s has changes: the apply did not converge", after)
	}
	r.report("plan after "+after, m, 0)
}

// audit compares state and emulator and folds the findings into the run.
func (r *run) audit(phase string, declared fleet) {
	r.t.Helper()
	f := auditState(r.emu, r.ws.state(r.ctx), declared)
	for id, ident := range f.duplicates {
		r.duplicates[id] = ident
		r.t.Errorf("%s: duplicate %s of %s in the emulator", phase, id, ident)
	}
	for id, ident := range f.orphans {
		r.orphans[id] = ident
		r.t.Errorf("%s: orphan %s (%s) in the emulator", phase, id, ident)
	}
	problems := f.problems()
	for _, msg := range problems {
		r.t.Errorf("%s: state mismatch: %s", phase, msg)
	}
	r.mismatches += len(problems)
	counts := declared.count()
	for _, kind := range fleetKinds {
		if got := len(r.emu.ProcessOut.Objects(r.emu.ProjectID, kind)); got != counts[kind] {
			r.t.Errorf("%s: the emulator holds %d %s objects, %d are declared", phase, got, kind, counts[kind])
		}
	}
}

// report logs a phase's figures and checks its request log: keys reused on
// every retried write, creates matching the objects declared, and every
// request the clients sent received by the emulator.
func (r *run) report(phase string, m mark, wantCreates int) {
	r.t.Helper()
	po := r.emu.ProcessOut.Requests()[m.poRequests:]
	events := r.emu.Faults.Log()[m.faults:]
	counts := faultCounts(events)
	client := r.ws.clients.totals().Sub(m.totals)

	keys := auditKeys(po)
	for _, v := range keys.violations {
		r.t.Errorf("%s: idempotency: %s", phase, v)
	}
	creates := 0
	for _, n := range keys.creates {
		creates += n
	}
	if creates != wantCreates {
		r.t.Errorf("%s: ProcessOut created %d objects, %d were to be created (%v)", phase, creates, wantCreates, keys.creates)
	}
	if lost := lostWriteAnswers(events); keys.replayed+keys.selfDeletes != lost {
		r.t.Errorf("%s: %d answers were replayed (and %d supervised projects' deletes could not be) for %d commit_then_fail faults: each committed write whose answer was lost must be retried with its key, once it reaches ProcessOut",
			phase, keys.replayed, keys.selfDeletes, lost)
	}

	// Every request a client sent reached the Membrane port, or the
	// ProcessOut port for the calls made as the supervised project, where
	// it was served (and logged) or answered by a blocking fault.
	received := len(r.emu.Membrane.Requests()) - m.mbRequests
	for _, req := range po {
		if req.ProjectID != r.emu.ProjectID { // not relayed by Membrane, which acts as the connected project
			received++
		}
	}
	for kind, n := range counts {
		if blockingKinds[kind] {
			received += n
		}
	}
	sent := client.Attempts + client.Resent
	if int64(received) != sent {
		r.t.Errorf("%s: the clients sent %d requests (%d attempts + %d resent by net/http), the emulator received %d", phase, sent, client.Attempts, client.Resent, received)
	}
	r.t.Logf("%s: %s; %d calls, %d retries (%d by net/http); %d faults injected (%s); %d writes reached ProcessOut, %d of them more than once, %d replayed answers",
		phase, time.Since(m.start).Round(time.Millisecond), client.Calls, client.Retries(), client.Resent,
		total(counts), describeCounts(counts), keys.writes, keys.retriedWrites, keys.replayed)
}

// TestFaultSuite applies FAULTS_OBJECTS objects (default 200) through the
// real CLI under 20% transient faults and 5% commit_then_fail writes, then
// plans, updates half of them and destroys them all, checking after each
// step that the emulator holds exactly what the configuration declares.
func TestFaultSuite(t *testing.T) {
	objects := envInt(t, "FAULTS_OBJECTS", 200)
	seed := envInt(t, "FAULTS_SEED", 1)
	if objects < 6 {
		t.Fatalf("FAULTS_OBJECTS=%d: the fleet needs at least 6 objects (a project, the SFTP settings and one of each other kind)", objects)
	}
	ctx := context.Background()
	ws := newWorkspace(t)
	if !ws.supportsWriteOnly(ctx) {
		t.Skip("the suite declares stripe credentials as settings_wo, which needs OpenTofu (or Terraform 1.11+): run make faults")
	}
	emu := startEmulator(t, emulator.Config{Seed: int64(seed)})
	r := &run{t: t, ctx: ctx, ws: ws, emu: emu,
		parallelism: envInt(t, "FAULTS_PARALLELISM", 10), maxRetries: envInt(t, "FAULTS_MAX_RETRIES", suiteMaxRetries),
		duplicates: map[string]string{}, orphans: map[string]string{}}

	declared := newFleet(objects)
	ws.writeConfig(declared.config(providerBlock(emu, r.maxRetries, suiteRequestTimeout)))
	ws.init(ctx)
	injectFaults(emu.Faults)
	start, before := time.Now(), ws.clients.totals()
	t.Logf("seed %d, %d objects (%v), parallelism %d, max_retries %d, faults: %.0f%% transient over %v, %.0f%% commit_then_fail on writes",
		seed, objects, declared.count(), r.parallelism, r.maxRetries, transientRate*100, transientKinds, commitThenFailRate*100)

	r.converge("create", declared, declared.creates())
	updated, changed := declared.updateHalf()
	t.Logf("update: %d of %d objects change", changed, len(updated))
	r.converge("update", updated, 0)

	m := r.mark()
	r.twice("destroy", func() error {
		d, err := ws.destroy(ctx, r.parallelism)
		t.Logf("destroy: %s", d.Round(time.Millisecond))
		return err
	})
	r.report("destroy", m, 0)
	r.audit("destroy", nil)

	injected := total(emu.Faults.Injected())
	retries := ws.clients.totals().Sub(before).Retries()
	t.Logf("whole run: %s, %d CLI commands run a second time", time.Since(start).Round(time.Second), r.failedRuns)
	// Every retry answers a fault, and while no call gave up, every fault
	// was answered by exactly one retry (its own, or net/http's).
	if r.failedRuns == 0 && retries != int64(injected) {
		t.Errorf("%d faults injected, %d requests sent again: each fault must cost exactly one retry", injected, retries)
	}
	// The summary is the last line of the test's output.
	fmt.Printf("faults: objects=%d injected=%d retries=%d duplicates=%d orphans=%d state_mismatches=%d\n",
		objects, injected, retries, len(r.duplicates), len(r.orphans), r.mismatches)
}
