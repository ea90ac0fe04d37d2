package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/clitest"
)

// cliUnderTest is the real CLI of the acceptance run (TF_ACC_TERRAFORM_PATH)
// driving a provider binary built from this module through dev_overrides,
// as a user's CI would run a released provider: the provider is a separate
// process whose stderr the CLI reads, so TF_LOG captures its logs too.
type cliUnderTest struct {
	path         string
	version      string
	major, minor int
	writeOnly    bool   // write-only attributes and ephemeral variables (1.11+)
	rcFile       string // CLI configuration with the dev_overrides
}

// releasedVersion is the version stamped into the provider binary the CLI
// tests build, as goreleaser stamps a release's.
const releasedVersion = "1.0.0-acctest"

// newCLIUnderTest builds the provider binary and finds the CLI, or skips
// when the acceptance suite is not running.
func newCLIUnderTest(t *testing.T) *cliUnderTest {
	t.Helper()
	return newCLIAtLeast(t, 0, 0)
}

// newCLIAtLeast is newCLIUnderTest, skipping as well when the CLI is older
// than major.minor (checked before the provider is built).
func newCLIAtLeast(t *testing.T, major, minor int) *cliUnderTest {
	t.Helper()
	testAccPreCheck(t)
	cli := &cliUnderTest{path: os.Getenv("TF_ACC_TERRAFORM_PATH")}
	if cli.path == "" {
		var err error
		if cli.path, err = exec.LookPath("terraform"); err != nil {
			t.Skip("no CLI")
		}
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go tool to build the provider binary with")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	cli.rcFile = filepath.Join(dir, "cli.tfrc")
	if err := clitest.WriteDevOverrides(cli.rcFile, bin); err != nil {
		t.Fatal(err)
	}
	versionCmd := exec.Command(cli.path, "version", "-json")
	versionCmd.Env = cli.environ()
	out, err := versionCmd.Output()
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err != nil || json.Unmarshal(out, &v) != nil {
		t.Fatalf("%s version -json: %v\n%s", cli.path, err, out)
	}
	if _, err := fmt.Sscanf(v.Version, "%d.%d", &cli.major, &cli.minor); err != nil {
		t.Fatalf("CLI version %q: %v", v.Version, err)
	}
	cli.version = v.Version
	cli.writeOnly = cli.atLeast(1, 11)
	if !cli.atLeast(major, minor) {
		t.Skipf("%s %s: needs %d.%d or later", cli.path, cli.version, major, minor)
	}
	if err := clitest.BuildProvider(context.Background(), filepath.Join(bin, clitest.BinaryName), "-ldflags=-X main.version="+releasedVersion); err != nil {
		t.Fatal(err)
	}
	return cli
}

func (c *cliUnderTest) atLeast(major, minor int) bool {
	return c.major > major || c.major == major && c.minor >= minor
}

// environ is the CLI's environment: clitest.Env with the dev_overrides
// configuration.
func (c *cliUnderTest) environ() []string {
	var env []string
	for k, v := range clitest.Env(c.rcFile) {
		env = append(env, k+"="+v)
	}
	return env
}

// cliWorkspace is one working directory of the CLI under test; every run
// logs at TRACE to a file of its own and is kept as an artifact.
type cliWorkspace struct {
	t         *testing.T
	cli       *cliUnderTest
	dir       string
	env       []string
	artifacts []artifact
}

// artifact is something the CLI wrote that a user could end up sharing: its
// terminal output, a log, a plan as `show -json` renders it, a state file.
type artifact struct {
	name, kind string // kind: output, log, plan, state, config
	content    []byte
}

func (c *cliUnderTest) workspace(t *testing.T, extraEnv map[string]string) *cliWorkspace {
	env := append(c.environ(), "TF_IN_AUTOMATION=1", "TF_LOG=trace")
	for k, v := range extraEnv {
		env = append(env, k+"="+v)
	}
	return &cliWorkspace{t: t, cli: c, dir: t.TempDir(), env: env}
}

// writeConfig writes the configuration (main.tf) and keeps it as an
// artifact.
func (w *cliWorkspace) writeConfig(content string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(content), 0o600); err != nil {
		w.t.Fatal(err)
	}
	w.artifacts = append(w.artifacts, artifact{"main.tf", "config", []byte(content)})
}

// run runs one command under TF_LOG=trace; step names its log and output.
// It fails the test unless the exit code is one of okCodes (default 0).
func (w *cliWorkspace) run(step string, args []string, okCodes ...int) {
	w.t.Helper()
	w.runKeeping(step, "output", args, okCodes...)
}

// runKeeping is run, keeping stdout as an artifact of the given kind.
func (w *cliWorkspace) runKeeping(step, stdoutKind string, args []string, okCodes ...int) {
	w.t.Helper()
	logPath := filepath.Join(w.dir, step+".log")
	cmd := exec.Command(w.cli.path, args...)
	cmd.Dir = w.dir
	cmd.Env = append(append([]string(nil), w.env...), "TF_LOG_PATH="+logPath)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		w.t.Fatalf("%s: %v", step, err)
	}
	log, _ := os.ReadFile(logPath)
	w.artifacts = append(w.artifacts,
		artifact{step + " stdout", stdoutKind, stdout.Bytes()},
		artifact{step + " stderr", "output", stderr.Bytes()},
		artifact{step + " log", "log", log})
	if len(okCodes) == 0 {
		okCodes = []int{0}
	}
	if !slices.Contains(okCodes, code) {
		w.t.Fatalf("%s %s: exit code %d\nstdout:\n%s\nstderr:\n%s", filepath.Base(w.cli.path), strings.Join(args, " "), code, &stdout, &stderr)
	}
}

// planJSON renders a saved plan with `show -json` and keeps it.
func (w *cliWorkspace) planJSON(step, planFile string) {
	w.t.Helper()
	w.runKeeping(step+" show", "plan", []string{"show", "-json", "-no-color", planFile})
}

// state reads the local state file (and its backup) and keeps them.
func (w *cliWorkspace) state(step string) []byte {
	w.t.Helper()
	raw, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if err != nil {
		w.t.Fatalf("%s: reading the state: %v", step, err)
	}
	w.artifacts = append(w.artifacts, artifact{step + " state", "state", raw})
	if backup, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate.backup")); err == nil {
		w.artifacts = append(w.artifacts, artifact{step + " state backup", "state", backup})
	}
	return raw
}
