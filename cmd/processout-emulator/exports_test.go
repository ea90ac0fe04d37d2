package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/emulator"
)

func TestEnvAndExports(t *testing.T) {
	e, err := emulator.Start(emulator.Config{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	sets := map[string]map[string]string{"active": tokenEnv(e), "workspace": workspaceEnv(e), "direct": directEnv(e)}
	wantKeys := map[string][]string{
		"active":    {"PROCESSOUT_API_URL", "MEMBRANE_API_URL", "MEMBRANE_ACCESS_TOKEN", "PROCESSOUT_CONNECTION_ID"},
		"workspace": {"PROCESSOUT_API_URL", "MEMBRANE_API_URL", "MEMBRANE_WORKSPACE_KEY", "MEMBRANE_WORKSPACE_SECRET", "MEMBRANE_TENANT_KEY", "PROCESSOUT_CONNECTION_ID"},
		"direct":    {"PROCESSOUT_API_URL", "PROCESSOUT_PROJECT_ID", "PROCESSOUT_PROJECT_SECRET"},
	}
	for name, keys := range wantKeys {
		if len(sets[name]) != len(keys) {
			t.Fatalf("%s env has %d keys: %v", name, len(sets[name]), sets[name])
		}
		for _, k := range keys {
			if sets[name][k] == "" {
				t.Errorf("%s: %s is empty", name, k)
			}
		}
	}
	active, direct := tokenEnv(e), directEnv(e)
	if active["MEMBRANE_API_URL"] != e.MembraneURL || direct["PROCESSOUT_API_URL"] != e.ProcessOutURL || active["PROCESSOUT_API_URL"] != e.ProcessOutURL ||
		direct["PROCESSOUT_PROJECT_ID"] != e.Project.ProjectID || active["PROCESSOUT_CONNECTION_ID"] != e.Connection.ID {
		t.Fatalf("env %v / %v", active, direct)
	}
	line := regexp.MustCompile(`^(# )?export ([A-Z_]+)='([^']*)'$`)
	exports := shellExports(e)
	n := 0
	for _, l := range strings.Split(strings.TrimSuffix(exports, "\n"), "\n") {
		if strings.HasPrefix(l, "# Alternative") {
			continue
		}
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("bad export line %q", l)
		}
		if m[1] == "" {
			n++
			if active[m[2]] != m[3] {
				t.Fatalf("active export %q does not match tokenEnv", l)
			}
		}
	}
	if n != len(active) {
		t.Fatalf("%d active exports, want %d:\n%s", n, len(active), exports)
	}
}

func TestExportsQuotesValues(t *testing.T) {
	e := &emulator.Emulator{MembraneURL: "http://x/it's"}
	if exports := shellExports(e); !strings.Contains(exports, `export MEMBRANE_API_URL='http://x/it'\''s'`) {
		t.Fatalf("exports:\n%s", exports)
	}
}
