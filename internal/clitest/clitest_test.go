package clitest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteDevOverridesNamesBothRegistries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cli.tfrc")
	if err := WriteDevOverrides(path, "/plugins dir"); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := `provider_installation {
  dev_overrides {
    "registry.opentofu.org/processout/processout" = "/plugins dir"
    "registry.terraform.io/processout/processout" = "/plugins dir"
  }
  direct {}
}
`
	if string(raw) != want {
		t.Fatalf("CLI configuration:\n%s\nwant:\n%s", raw, want)
	}
}

func TestEnvDropsCLIAndProviderSettings(t *testing.T) {
	t.Setenv("TF_LOG", "trace")
	t.Setenv("TF_CLI_CONFIG_FILE", "/missing.tfrc")
	t.Setenv("PROCESSOUT_PROJECT_ID", "proj_x")
	t.Setenv("MEMBRANE_TOKEN", "tok")
	t.Setenv("CLITEST_KEPT", "kept")
	env := Env("/work/cli.tfrc")
	for _, k := range []string{"TF_LOG", "PROCESSOUT_PROJECT_ID", "MEMBRANE_TOKEN"} {
		if v, ok := env[k]; ok {
			t.Errorf("%s=%q reaches the CLI", k, v)
		}
	}
	want := map[string]string{"TF_CLI_CONFIG_FILE": "/work/cli.tfrc", "CHECKPOINT_DISABLE": "1", "CLITEST_KEPT": "kept"}
	for k, v := range want {
		if env[k] != v {
			t.Errorf("%s = %q, want %q", k, env[k], v)
		}
	}
}
