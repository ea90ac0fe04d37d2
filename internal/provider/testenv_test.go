package provider

import (
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// transports the acceptance suite runs every resource test through, so
// neither can rot.
var transports = []transportKind{transportMembrane, transportDirect}

// testEnv is one acceptance test's world: its own emulator, and the provider
// block that points at it through one transport.
type testEnv struct {
	t         *testing.T
	emu       *emulator.Emulator
	transport transportKind
	readings  processoutapi.Readings
}

// testAccPreCheck skips acceptance tests when no CLI is at hand, instead of
// letting terraform-plugin-testing exit the whole test binary.
func testAccPreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests run with TF_ACC=1 (make testacc)")
	}
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		if _, err := exec.LookPath("terraform"); err != nil {
			t.Skip("no CLI: set TF_ACC_TERRAFORM_PATH (make testacc builds and sets it)")
		}
	}
}

// eachTransport runs body once per transport, as parallel subtests.
func eachTransport(t *testing.T, body func(t *testing.T, env *testEnv)) {
	for _, tr := range transports {
		t.Run(string(tr), func(t *testing.T) {
			body(t, newTestEnv(t, tr, emulatorConfigDefault()))
		})
	}
}

func newTestEnv(t *testing.T, tr transportKind, cfg emulator.Config) *testEnv {
	t.Helper()
	testAccPreCheck(t)
	if cfg.Readings == (processoutapi.Readings{}) {
		cfg.Readings = suiteReadings(t)
	}
	emu, err := emulator.Start(cfg)
	if err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	t.Cleanup(emu.Close)
	return &testEnv{t: t, emu: emu, transport: tr, readings: cfg.Readings}
}

// providerBlock configures the provider explicitly (never through the
// environment, which parallel tests would share).
func (e *testEnv) providerBlock() string { return e.providerBlockRetries(3) }

// providerBlockRetries is providerBlock with maxRetries (a proxy in front of
// the emulator takes unroutedBlockVia).
func (e *testEnv) providerBlockRetries(maxRetries int) string {
	return e.blockVia(maxRetries, "", e.unservedRouting())
}

// unroutedBlockVia is providerBlockRetries with the API URL replaced by via
// (a proxy in front of the emulator), and without the routing the
// unserved-routes reading takes (testenv_readings_test.go): for tests whose
// every call is answered before it reaches ProcessOut (a front that answers
// instead, a fault on every attempt), so the reading changes nothing, and
// whose subject is the proxy's or the direct transport's handling.
func (e *testEnv) unroutedBlockVia(maxRetries int, via string) string {
	return e.blockVia(maxRetries, via, nil)
}

func (e *testEnv) blockVia(maxRetries int, via string, routing []string) string {
	// Supervised projects are reached at processout_api_url, as
	// themselves, under Membrane too: never the real API from a test.
	lines := append(e.tokenLinesAt(cmp.Or(via, e.emu.MembraneURL)), attrLine("processout_api_url", e.emu.ProcessOutURL))
	lines = append(lines, routing...)
	if e.transport == transportDirect {
		lines = e.directLines(cmp.Or(via, e.emu.ProcessOutURL))
	}
	return providerBlockWith(append(lines, fmt.Sprintf("  max_retries = %d", maxRetries))...)
}

// config prepends the provider block to a configuration.
func (e *testEnv) config(body string) string { return e.providerBlock() + body }

// objects returns the emulator's stored objects of a kind.
func (e *testEnv) objects(kind string) []map[string]any {
	return e.emu.ProcessOut.Objects(e.emu.ProjectID, kind)
}

// idOf returns an emulator object's id.
func idOf(obj map[string]any) string {
	id, _ := obj["id"].(string)
	return id
}

// deleteOutOfBand deletes every object of a kind behind Terraform's back.
func (e *testEnv) deleteOutOfBand(kind string) {
	e.t.Helper()
	objs := e.objects(kind)
	if len(objs) == 0 {
		e.t.Errorf("no %s to delete out of band: the drift step would test nothing", kind)
	}
	for _, o := range objs {
		e.emu.ProcessOut.DeleteObject(kind, idOf(o))
	}
}

// editOutOfBand changes fields of every object of a kind behind
// Terraform's back.
func (e *testEnv) editOutOfBand(kind string, fields map[string]any) {
	e.t.Helper()
	objs := e.objects(kind)
	if len(objs) == 0 {
		e.t.Errorf("no %s to edit out of band: the drift step would test nothing", kind)
	}
	for _, o := range objs {
		if !e.emu.ProcessOut.PatchObject(kind, idOf(o), fields) {
			e.t.Errorf("the emulator refused to edit %s %s with %v", kind, idOf(o), fields)
		}
	}
}

// calls counts the ProcessOut calls matching method and path prefix since
// the log was last reset.
func (e *testEnv) calls(method, pathPrefix string) int {
	n := 0
	for _, r := range e.emu.ProcessOut.Requests() {
		if r.Method == method && strings.HasPrefix(r.Path, pathPrefix) {
			n++
		}
	}
	return n
}

// expectCalls is a check that the calls since the last reset are exactly
// the given ones ("POST /webhook-endpoints" → 1).
func (e *testEnv) expectCalls(want map[string]int) func(*terraform.State) error {
	return func(*terraform.State) error {
		got := map[string]int{}
		for _, r := range e.emu.ProcessOut.Requests() {
			got[r.Method+" "+collapseID(r.Path)]++
		}
		for k, n := range want {
			if got[k] != n {
				return fmt.Errorf("%s was called %d times, want %d (all calls: %v)", k, got[k], n, got)
			}
		}
		return nil
	}
}

// collapseID turns /webhook-endpoints/whe_123 into /webhook-endpoints/{id}.
func collapseID(path string) string {
	parts := strings.Split(path, "/")
	if len(parts) >= 3 && parts[2] != "" {
		parts[2] = "{id}"
	}
	return strings.Join(parts, "/")
}

// checkDestroyed asks the emulator that no object of kind is left.
func (e *testEnv) checkDestroyed(kind string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if left := e.objects(kind); len(left) > 0 {
			return fmt.Errorf("%d %s objects left in the emulator after destroy: %v", len(left), kind, left)
		}
		return nil
	}
}

func emulatorConfigDefault() emulator.Config { return emulator.Config{Seed: 1} }

// suiteReadings is the emulator reading the suite runs under
// (EMULATOR_READINGS: make testacc-worst sets "worst").
func suiteReadings(t *testing.T) processoutapi.Readings {
	t.Helper()
	r, err := emulator.ReadingsFromEnv(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// errorText matches a diagnostic text however the CLI wrapped its lines.
func errorText(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}
