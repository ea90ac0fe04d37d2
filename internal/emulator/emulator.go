// Package emulator runs the whole offline world the provider talks to: the
// ProcessOut API emulator and the Membrane API emulator in front of it, each
// on its own local port, both behind one seeded fault injector, seeded with a
// sandbox project, a workspace, a tenant token and a READY connection.
// Scenes for rehearsals (the hand-built project to adopt) are set on a
// running emulator by package scenario.
package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator/faults"
	"github.com/processout/terraform-provider-processout/internal/emulator/membraneapi"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// Config shapes an emulator.
type Config struct {
	Seed      int64 // ids, keys and fault rolls derive from it
	Customers int   // customers seeded into the project
	// Latency is added to every request on both ports.
	Latency time.Duration
	// FaultRate is the chance that a request meets a transient fault. It is
	// split evenly over rate_limit, rate_limit_no_retry_after, status_500,
	// status_502, status_503 and reset, plus commit_then_fail for writes
	// (POST, PUT, PATCH, DELETE); see FaultRules.
	FaultRate          float64
	RateLimitPerMinute int    // ProcessOut per-project limit; 0 = none
	ConnectionState    string // the seeded connection's state; "" = READY
	// Readings picks the optimistic (zero) or worst reading of each
	// behaviour the contract leaves unverified (processoutapi.Readings).
	Readings processoutapi.Readings
	// Now is ProcessOut's clock (created_at, idempotency replay windows,
	// rate limits); nil = time.Now. Tests move it to let windows expire.
	Now func() time.Time
}

// Seeded names.
const (
	ProjectName    = "Emulated sandbox project"
	WorkspaceKey   = "ws_emulator"
	TenantKey      = "tenant-emulator"
	ConnectionName = "ProcessOut (emulator)"
	ConnectionKey  = "processout"
)

// Emulator is a running emulator. Its fields are read-only.
type Emulator struct {
	ProcessOut *processoutapi.Server
	Membrane   *membraneapi.Server
	Faults     *faults.Injector

	ProcessOutURL, MembraneURL string

	Project   processoutapi.ProjectCredentials // ProjectID carries the test- prefix
	ProjectID string                           // bare proj_…

	Workspace  membraneapi.Workspace
	TenantKey  string
	Token      string // static bearer token for the tenant
	Connection membraneapi.Connection

	servers   []*http.Server
	closeOnce sync.Once
}

// Start runs an emulator on two free local ports.
func Start(cfg Config) (*Emulator, error) {
	return StartOn(cfg, "127.0.0.1:0", "127.0.0.1:0")
}

// StartOn runs an emulator with ProcessOut on processoutAddr and Membrane
// on membraneAddr.
func StartOn(cfg Config, processoutAddr, membraneAddr string) (*Emulator, error) {
	e := build(cfg)
	poLn, err := net.Listen("tcp", processoutAddr)
	if err != nil {
		return nil, fmt.Errorf("listening for ProcessOut on %s: %w", processoutAddr, err)
	}
	mbLn, err := net.Listen("tcp", membraneAddr)
	if err != nil {
		_ = poLn.Close()
		return nil, fmt.Errorf("listening for Membrane on %s: %w", membraneAddr, err)
	}
	e.ProcessOutURL = "http://" + poLn.Addr().String()
	e.MembraneURL = "http://" + mbLn.Addr().String()
	e.serve(poLn, e.Faults.Wrap(e.ProcessOut))
	e.serve(mbLn, e.Faults.Wrap(e.Membrane))
	return e, nil
}

// build creates and seeds the servers.
func build(cfg Config) *Emulator {
	po := processoutapi.New(processoutapi.Options{RateLimitPerMinute: cfg.RateLimitPerMinute, Seed: cfg.Seed, Readings: cfg.Readings, Now: cfg.Now})
	creds := po.AddProject(ProjectName, true)
	bare := strings.TrimPrefix(creds.ProjectID, "test-")
	if cfg.Customers > 0 {
		po.SeedCustomers(bare, cfg.Customers)
	}

	e := &Emulator{
		ProcessOut: po,
		Membrane:   membraneapi.New(membraneapi.Options{Upstream: po}),
		Faults:     faults.New(cfg.Seed),
		Project:    creds,
		ProjectID:  bare,
		Workspace:  membraneapi.Workspace{Key: WorkspaceKey, Secret: randomHex(32)},
		TenantKey:  TenantKey,
		Token:      "pat-emulator-" + randomHex(16),
	}
	e.Membrane.AddWorkspace(e.Workspace)
	e.Membrane.AddStaticToken(e.Token, WorkspaceKey, TenantKey)
	state := cfg.ConnectionState
	if state == "" {
		state = membraneapi.StateReady
	}
	e.Connection = e.Membrane.AddConnection(membraneapi.Connection{
		Name: ConnectionName, Key: ConnectionKey, TenantKey: TenantKey, WorkspaceKey: WorkspaceKey,
		State: state, Connected: state == membraneapi.StateReady, IntegrationKey: "processout",
		ProjectID: creds.ProjectID, ProjectSecret: creds.Secret,
	})
	e.Faults.SetLatency(cfg.Latency)
	for _, r := range FaultRules(cfg.FaultRate) {
		e.Faults.Add(r)
	}
	return e
}

// FaultRules spreads rate over the transient fault kinds: a GET meets each
// of faults.TransientKinds with probability rate/6; a write meets each of
// those and commit_then_fail with probability rate/7. Other methods are
// never faulted. The fault suite adds finer rules with Faults.Add.
func FaultRules(rate float64) []faults.Rule {
	reads := faults.Spread(rate, faults.Rule{Method: http.MethodGet}, faults.TransientKinds...)
	writeKinds := append(slices.Clone(faults.TransientKinds), faults.CommitThenFail)
	writes := faults.Spread(rate, faults.Rule{WritesOnly: true}, writeKinds...)
	return append(reads, writes...)
}

func (e *Emulator) serve(ln net.Listener, h http.Handler) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 30 * time.Second}
	e.servers = append(e.servers, srv)
	go func() { _ = srv.Serve(ln) }() // returns ErrServerClosed on Close
}

// Close stops both servers at once, releasing requests held by faults.
func (e *Emulator) Close() {
	e.closeOnce.Do(func() {
		e.Faults.Close()
		for _, srv := range e.servers {
			_ = srv.Close()
		}
	})
}

// randomHex returns n random bytes in hex (crypto/rand.Read never fails).
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// ReadingsEnv names the variable through which the test suites pick the
// emulator's readings ("optimistic", the default, or "worst").
const ReadingsEnv = "EMULATOR_READINGS"

// ReadingsFromEnv is the readings EMULATOR_READINGS asks for; a value it
// does not know is an error, so a typo cannot run the optimistic suite
// while claiming the worst.
func ReadingsFromEnv(getenv func(string) string) (processoutapi.Readings, error) {
	r, err := processoutapi.ParseReadings(getenv(ReadingsEnv))
	if err != nil {
		return r, fmt.Errorf("%s: %w", ReadingsEnv, err)
	}
	return r, nil
}
