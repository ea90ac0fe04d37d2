package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/processout/terraform-provider-processout/internal/registry"
)

// testAccProtoV6ProviderFactories serves the provider in the test process;
// the real CLI talks to it through reattach.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"processout": func() (tfprotov6.ProviderServer, error) { return NewServer("test")(), nil },
}

// TestMain gives the CLI a configuration file that exists: a missing
// TF_CLI_CONFIG_FILE makes both CLIs print a warning that breaks the version
// parsing of terraform-plugin-testing.
//
// It also points terraform-plugin-testing at the provider's own namespace:
// unless told, it serves the in-process provider in the hashicorp namespace, and
// the configurations name registry.Source.
func TestMain(m *testing.M) {
	os.Setenv("TF_ACC_PROVIDER_NAMESPACE", registry.Namespace)
	if path := os.Getenv("TF_CLI_CONFIG_FILE"); path == "" || !fileExists(path) {
		dir, err := os.MkdirTemp("", "processout-cli-config")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		path = filepath.Join(dir, "cli.tfrc")
		if err := os.WriteFile(path, []byte("# written by the acceptance test harness\n"), 0o600); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Setenv("TF_CLI_CONFIG_FILE", path)
		code := m.Run()
		_ = os.RemoveAll(dir)
		os.Exit(code)
	}
	os.Exit(m.Run())
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
