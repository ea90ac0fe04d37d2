package faultsuite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/processout/terraform-provider-processout/internal/clitest"
	"github.com/processout/terraform-provider-processout/internal/provider"

	"github.com/processout/terraform-provider-processout/internal/registry"
)

// requireCLI returns the CLI the acceptance harness points at, or skips:
// the suite drives a real CLI, never a stand-in.
func requireCLI(t *testing.T) string {
	t.Helper()
	requireAcceptance(t)
	path := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if path == "" {
		t.Skip("set TF_ACC_TERRAFORM_PATH to an OpenTofu binary (make faults builds and sets it)")
	}
	return path
}

// requireAcceptance skips unless the harness asks for runs of a real CLI.
func requireAcceptance(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("the fault suite runs with TF_ACC=1 and a CLI in TF_ACC_TERRAFORM_PATH (make faults)")
	}
}

// workspace is one working directory driven through terraform-exec. Each
// command gets a fresh in-process provider server, as each CLI command gets
// a fresh provider process in real use (a new HTTP client, a new pacer).
type workspace struct {
	t   *testing.T
	tf  *tfexec.Terraform
	dir string
	// cli and env are the CLI binary and its environment, for the runs
	// terraform-exec cannot make (a signalled apply).
	cli string
	env map[string]string
	// clients counts the calls and attempts of the HTTP clients of every
	// provider the workspace serves.
	clients *clientCounter
	// log receives the CLI's whole output; the test output only carries
	// summaries and diagnostics, 200 resources' worth of progress lines
	// would bury them.
	log *os.File
}

func newWorkspace(t *testing.T) *workspace {
	t.Helper()
	return newWorkspaceFor(t, requireCLI(t))
}

// newWorkspaceFor is a workspace driven by the CLI binary at cli.
func newWorkspaceFor(t *testing.T, cli string) *workspace {
	t.Helper()
	dir := t.TempDir()
	tf, err := tfexec.NewTerraform(dir, cli)
	if err != nil {
		t.Fatalf("terraform-exec: %v", err)
	}
	// The machine's TF_CLI_CONFIG_FILE names a missing file, which breaks
	// the CLI's version parsing: give it an existing, empty one.
	cliConfig := filepath.Join(dir, "cli.tfrc")
	if err := os.WriteFile(cliConfig, []byte("# empty CLI configuration of the fault suite\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := clitest.Env(cliConfig)
	if err := tf.SetEnv(env); err != nil {
		t.Fatalf("CLI environment: %v", err)
	}
	logPath := filepath.Join(logDir(t), sanitize(t.Name())+".cli.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = logFile.Close() })
	tf.SetStdout(logFile)
	tf.SetStderr(logFile)
	t.Logf("CLI output: %s", logPath)
	return &workspace{t: t, tf: tf, dir: dir, cli: cli, env: env, clients: &clientCounter{}, log: logFile}
}

// logDir is FAULTS_LOG_DIR when set (make faults keeps the logs), else the
// test's temporary directory.
func logDir(t *testing.T) string {
	if d := os.Getenv("FAULTS_LOG_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

func sanitize(name string) string {
	return regexp.MustCompile(`[^A-Za-z0-9_.-]+`).ReplaceAllString(name, "_")
}

// writeConfig replaces the configuration of the working directory.
func (w *workspace) writeConfig(hcl string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(registry.RequiredProviders()+hcl), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// supportsWriteOnly reports whether the CLI accepts write-only attributes
// (OpenTofu and Terraform 1.11 and later).
func (w *workspace) supportsWriteOnly(ctx context.Context) bool {
	w.t.Helper()
	return w.version(ctx).GreaterThanOrEqual(writeOnlySince)
}

// writeOnlySince is the first Terraform version with write-only attributes
// (every OpenTofu the suite runs reports a later one).
var writeOnlySince = version.Must(version.NewVersion("1.11.0"))

func (w *workspace) version(ctx context.Context) *version.Version {
	w.t.Helper()
	v, _, err := w.tf.Version(ctx, true)
	if err != nil {
		w.t.Fatalf("CLI version: %v", err)
	}
	return v
}

// run serves the provider for the duration of one CLI command and reports
// how long the command took.
func (w *workspace) run(ctx context.Context, name string, command func(ctx context.Context, reattach *tfexec.ReattachOption) error) (time.Duration, error) {
	w.t.Helper()
	fmt.Fprintf(w.log, "\n===== %s =====\n", name)
	reattach, stop, err := serveProvider(ctx, w.t, w.clients)
	if err != nil {
		w.t.Fatalf("serving the provider for %s: %v", name, err)
	}
	defer stop()
	start := time.Now()
	err = command(ctx, tfexec.Reattach(reattach))
	return time.Since(start), err
}

func (w *workspace) init(ctx context.Context) {
	w.t.Helper()
	if _, err := w.run(ctx, "init", func(ctx context.Context, r *tfexec.ReattachOption) error {
		return w.tf.Init(ctx, r)
	}); err != nil {
		w.t.Fatalf("init: %v", err)
	}
}

func (w *workspace) apply(ctx context.Context, parallelism int) (time.Duration, error) {
	return w.run(ctx, "apply", func(ctx context.Context, r *tfexec.ReattachOption) error {
		return w.tf.Apply(ctx, r, tfexec.Parallelism(parallelism))
	})
}

// plan reports whether the plan has changes.
func (w *workspace) plan(ctx context.Context) (changes bool, d time.Duration, err error) {
	d, err = w.run(ctx, "plan", func(ctx context.Context, r *tfexec.ReattachOption) error {
		var planErr error
		changes, planErr = w.tf.Plan(ctx, r)
		return planErr
	})
	return changes, d, err
}

func (w *workspace) destroy(ctx context.Context, parallelism int) (time.Duration, error) {
	return w.run(ctx, "destroy", func(ctx context.Context, r *tfexec.ReattachOption) error {
		return w.tf.Destroy(ctx, r, tfexec.Parallelism(parallelism))
	})
}

// state reads the state as `show -json` renders it (sensitive values
// included, which is what a field-by-field comparison needs).
func (w *workspace) state(ctx context.Context) *tfjson.State {
	w.t.Helper()
	var st *tfjson.State
	if _, err := w.run(ctx, "show", func(ctx context.Context, r *tfexec.ReattachOption) error {
		var err error
		st, err = w.tf.Show(ctx, r)
		return err
	}); err != nil {
		w.t.Fatalf("show: %v", err)
	}
	return st
}

// serveProvider starts the provider's real gRPC server in this process, in
// the debug mode the CLI reattaches to, and returns the reattach
// configuration and a function that stops the server. clients counts what
// the provider's HTTP client sends. Its logs go to the test logging sink, as
// under terraform-plugin-testing: dropped unless TF_LOG (with
// TF_ACC_LOG_PATH or TF_LOG_PATH_MASK) asks for them.
func serveProvider(ctx context.Context, t *testing.T, clients *clientCounter) (tfexec.ReattachInfo, func(), error) {
	ctx, cancel := context.WithCancel(ctx)
	configCh := make(chan *plugin.ReattachConfig)
	closeCh := make(chan struct{})
	errCh := make(chan error, 1)
	go func() {
		errCh <- tf6server.Serve(clitest.RegistryHosts[0]+"/"+clitest.ProviderSource,
			provider.ServerOf(provider.NewObserved("faultsuite", clients)),
			tf6server.WithDebug(ctx, configCh, closeCh),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t))
	}()
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-configCh:
	case err := <-errCh:
		cancel()
		return nil, nil, fmt.Errorf("the provider server stopped at once: %w", err)
	case <-time.After(10 * time.Second):
		cancel()
		return nil, nil, errors.New("no reattach configuration from the provider server within 10s")
	}
	reattach := tfexec.ReattachConfig{
		Protocol: string(cfg.Protocol), ProtocolVersion: cfg.ProtocolVersion, Pid: cfg.Pid, Test: cfg.Test,
		Addr: tfexec.ReattachConfigAddr{Network: cfg.Addr.Network(), String: cfg.Addr.String()},
	}
	// The configurations name the provider by its implicit address: reattach
	// it under both registries, so OpenTofu and Terraform alike find it.
	info := tfexec.ReattachInfo{}
	for _, host := range clitest.RegistryHosts {
		info[host+"/"+clitest.ProviderSource] = reattach
	}
	stop := func() {
		cancel()
		<-closeCh
	}
	return info, stop, nil
}

// diagnostics extracts the "Error: …" blocks of a failed command, the part
// a user reads, without the progress lines around them.
func diagnostics(err error) string {
	if err == nil {
		return ""
	}
	var blocks []string
	lines := strings.Split(err.Error(), "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(strings.TrimLeft(lines[i], "│ "), "Error:") {
			continue
		}
		block := []string{strings.TrimSpace(strings.TrimLeft(lines[i], "│"))}
		for i+1 < len(lines) && !strings.HasPrefix(lines[i+1], "╵") && len(block) < 12 {
			i++
			if l := strings.TrimSpace(strings.TrimLeft(lines[i], "│")); l != "" {
				block = append(block, l)
			}
		}
		blocks = append(blocks, strings.Join(block, " "))
	}
	if len(blocks) == 0 {
		return strings.TrimSpace(err.Error())
	}
	return strings.Join(blocks, "\n")
}

// signalled is what an apply interrupted by applySignalled went through.
type signalled struct {
	sent   bool      // false when the apply ended before its moment came
	sentAt time.Time // when the signal was sent
	took   time.Duration
	err    error // the CLI's exit: an *exec.ExitError after a stop
}

// cliExitWithin bounds how long a signalled CLI may take to exit: it waits
// for the writes in flight, each bounded by the provider's request_timeout.
const cliExitWithin = 2 * time.Minute

// applySignalled runs `apply` as a child process of its own, since
// terraform-exec has no way to signal the CLI, with the environment
// terraform-exec would give it, and sends sig to that process alone (not
// to the test's process group) as soon as moment reports true. It then
// waits for the CLI to exit.
func (w *workspace) applySignalled(ctx context.Context, parallelism int, sig os.Signal, moment func() bool) signalled {
	w.t.Helper()
	fmt.Fprintf(w.log, "\n===== apply, %s when its moment comes =====\n", sig)
	reattach, stop, err := serveProvider(ctx, w.t, w.clients)
	if err != nil {
		w.t.Fatalf("serving the provider for the signalled apply: %v", err)
	}
	defer stop()
	reattachJSON, err := json.Marshal(reattach) // as terraform-exec encodes it
	if err != nil {
		w.t.Fatal(err)
	}
	env := maps.Clone(w.env)
	env["TF_REATTACH_PROVIDERS"] = string(reattachJSON)
	env["TF_IN_AUTOMATION"] = "1"
	for _, k := range []string{"TF_LOG", "TF_LOG_CORE", "TF_LOG_PATH", "TF_LOG_PROVIDER"} {
		env[k] = ""
	}
	cmd := exec.Command(w.cli, "apply", "-auto-approve", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", parallelism))
	cmd.Dir, cmd.Stdout, cmd.Stderr = w.dir, w.log, w.log
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	if err := cmd.Start(); err != nil {
		w.t.Fatalf("starting %s apply: %v", w.cli, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-exited:
			return signalled{err: err}
		case <-tick.C:
			if !moment() {
				continue
			}
			s := signalled{sent: true, sentAt: time.Now()}
			if err := cmd.Process.Signal(sig); err != nil {
				w.t.Fatalf("signalling the CLI: %v", err)
			}
			select {
			case s.err = <-exited:
				s.took = time.Since(s.sentAt)
				return s
			case <-time.After(cliExitWithin):
				_ = cmd.Process.Kill()
				w.t.Fatalf("the CLI still ran %s after %s; killed it (%v)", cliExitWithin, sig, <-exited)
			}
		}
	}
}
