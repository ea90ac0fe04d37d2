// Package clitest holds what the suites that drive the real CLI (OpenTofu or
// Terraform) share: the provider's address, a provider binary built as
// released, a dev_overrides CLI configuration that loads it, and the CLI's
// environment. The acceptance tests of internal/provider, the fault suite and
// cmd/bench use it; each keeps its own way of running commands.
package clitest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/processout/terraform-provider-processout/internal/registry"
)

// ProviderSource is the provider's address in the configurations the suites
// write.
const ProviderSource = registry.Source

// RegistryHosts are the hosts ProviderSource resolves under: OpenTofu's and
// Terraform's default registries. Overrides name both, so either CLI finds
// the provider.
var RegistryHosts = registry.Hosts

// BinaryName is the file name the CLI looks for in a dev_overrides directory.
const BinaryName = "terraform-provider-processout"

// BuildProvider builds the provider's main package into output, from the
// module root whatever the working directory, with CGO_ENABLED=0 as
// released; flags go to `go build` (-trimpath, -ldflags…). The go tool's
// output goes to the returned error.
func BuildProvider(ctx context.Context, output string, flags ...string) error {
	gomod, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	path := strings.TrimSpace(string(gomod))
	if err != nil || !strings.HasSuffix(path, "go.mod") {
		return fmt.Errorf("building the provider needs the provider's module (go env GOMOD: %q, %v)", path, err)
	}
	build := exec.CommandContext(ctx, "go", append(append([]string{"build"}, flags...), "-o", output, ".")...)
	build.Dir = filepath.Dir(path)
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the provider: %w\n%s", err, out)
	}
	return nil
}

// WriteDevOverrides writes a CLI configuration to path that loads the
// provider from pluginDir (which holds BinaryName) under both registry
// hosts, and installs every other provider as usual. The CLI needs no
// `init` for an overridden provider.
func WriteDevOverrides(path, pluginDir string) error {
	var overrides strings.Builder
	for _, host := range RegistryHosts {
		fmt.Fprintf(&overrides, "    %q = %q\n", host+"/"+ProviderSource, pluginDir)
	}
	rc := "provider_installation {\n  dev_overrides {\n" + overrides.String() + "  }\n  direct {}\n}\n"
	return os.WriteFile(path, []byte(rc), 0o600)
}

// Env is the CLI's environment: this process's, without the TF_* variables
// (the machine's, and those terraform-exec manages or refuses, such as
// TF_LOG) and without provider settings (PROCESSOUT_*, MEMBRANE_*) that
// would mix with the provider blocks the suites write; with cliConfig as
// the CLI configuration and no update checks.
func Env(cliConfig string) map[string]string {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || strings.HasPrefix(k, "PROCESSOUT_") || strings.HasPrefix(k, "MEMBRANE_") {
			continue
		}
		env[k] = v
	}
	env["TF_CLI_CONFIG_FILE"] = cliConfig
	env["CHECKPOINT_DISABLE"] = "1"
	return env
}
