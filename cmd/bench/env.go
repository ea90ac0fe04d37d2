//go:build unix

package main

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/processout/terraform-provider-processout/internal/clitest"
	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/registry"
)

// benchEnv is the scratch directory, the freshly built provider and the CLI
// configuration that points the CLI at it.
type benchEnv struct {
	opts       options
	dir        string
	provider   string // the provider binary
	cliConfig  string // dev_overrides → dir/plugins (the provider itself)
	rssConfig  string // dev_overrides → dir/measured (the provider behind the peak-memory wrapper)
	cliVersion string
}

func newBenchEnv(ctx context.Context, opts options) (*benchEnv, error) {
	cli, err := exec.LookPath(opts.cli)
	if err != nil {
		return nil, fmt.Errorf("CLI %q: %w", opts.cli, err)
	}
	opts.cli, err = filepath.Abs(cli)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "processout-bench-")
	if err != nil {
		return nil, err
	}
	e := &benchEnv{opts: opts, dir: dir, provider: filepath.Join(dir, "plugins", clitest.BinaryName)}
	if err := e.setUp(ctx); err != nil {
		e.close()
		return nil, err
	}
	return e, nil
}

func (e *benchEnv) setUp(ctx context.Context) error {
	fmt.Fprintln(os.Stderr, "bench: building the provider")
	if err := clitest.BuildProvider(ctx, e.provider); err != nil {
		return err
	}
	// The wrapper is this very program, run under the provider's name: it
	// starts the real provider and reports its peak RSS when it exits.
	self, err := os.Executable()
	if err != nil {
		return err
	}
	measured := filepath.Join(e.dir, "measured")
	if err := os.MkdirAll(measured, 0o755); err != nil {
		return err
	}
	if err := os.Symlink(self, filepath.Join(measured, clitest.BinaryName)); err != nil {
		return err
	}
	e.cliConfig = filepath.Join(e.dir, "cli.tfrc")
	e.rssConfig = filepath.Join(e.dir, "cli-measured.tfrc")
	if err := clitest.WriteDevOverrides(e.cliConfig, filepath.Dir(e.provider)); err != nil {
		return err
	}
	if err := clitest.WriteDevOverrides(e.rssConfig, measured); err != nil {
		return err
	}
	tf, err := e.terraform(filepath.Join(e.dir, "version"), e.cliConfig, nil)
	if err != nil {
		return err
	}
	v, _, err := tf.Version(ctx, true)
	if err != nil {
		return fmt.Errorf("%s version: %w", e.opts.cli, err)
	}
	name := "Terraform"
	if strings.Contains(filepath.Base(e.opts.cli), "tofu") {
		name = "OpenTofu"
	}
	e.cliVersion = name + " " + v.String()
	return nil
}

func (e *benchEnv) close() {
	if e.opts.keep {
		fmt.Fprintln(os.Stderr, "bench: kept", e.dir)
		return
	}
	_ = os.RemoveAll(e.dir)
}

// terraform returns the CLI driven in workDir (created if needed) with the
// given CLI configuration and extra environment. The version is read once
// here, so no timed command pays for tfexec's version check.
func (e *benchEnv) terraform(workDir, cliConfig string, extraEnv map[string]string) (*tfexec.Terraform, error) {
	if err := os.MkdirAll(workDir, 0o755); err != nil {
		return nil, err
	}
	tf, err := tfexec.NewTerraform(workDir, e.opts.cli)
	if err != nil {
		return nil, err
	}
	if err := tf.SetEnv(cliEnv(cliConfig, extraEnv)); err != nil {
		return nil, err
	}
	if _, _, err := tf.Version(context.Background(), false); err != nil {
		return nil, err
	}
	return tf, nil
}

// cliEnv is the environment of a CLI run by the bench: the harness's, with
// the CLI configuration and the extra variables.
func cliEnv(cliConfig string, extraEnv map[string]string) map[string]string {
	env := clitest.Env(cliConfig)
	maps.Copy(env, extraEnv)
	return env
}

// providerBlock configures the provider for the emulator over the chosen
// transport; url overrides the endpoint (the filter-stripping proxy).
func (e *benchEnv) providerBlock(emu *emulator.Emulator, url string) string {
	head := requiredProviders()
	if e.opts.transport == "direct" {
		if url == "" {
			url = emu.ProcessOutURL
		}
		return head + fmt.Sprintf("provider \"processout\" {\n  processout_api_url = %q\n  project_id         = %q\n  project_secret     = %q\n}\n\n",
			url, emu.Project.ProjectID, emu.Project.Secret)
	}
	if url == "" {
		url = emu.MembraneURL
	}
	return head + fmt.Sprintf("provider \"processout\" {\n  membrane_api_url = %q\n  membrane_token   = %q\n  connection_id    = %q\n}\n\n",
		url, emu.Token, emu.Connection.ID)
}

// requiredProviders names the provider's source, which dev_overrides map to
// the fresh binary.
func requiredProviders() string {
	return registry.RequiredProviders()
}

// writeConfig writes main.tf into a workspace.
func writeConfig(workDir, hcl string) error {
	if err := os.MkdirAll(workDir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(workDir, "main.tf"), []byte(hcl), 0o600)
}
