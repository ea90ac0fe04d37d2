package main

import (
	"sort"
	"strings"

	"github.com/processout/terraform-provider-processout/internal/emulator"
)

// tokenEnv is the environment that points the provider at the emulator the
// default way: through Membrane with a ready token and the seeded
// connection. The provider refuses settings of two transports or two
// authentication methods at once, so the alternatives are separate.
// PROCESSOUT_API_URL is in every set: a supervised project is reached there,
// as itself, under Membrane too.
func tokenEnv(e *emulator.Emulator) map[string]string {
	return map[string]string{
		"PROCESSOUT_API_URL":       e.ProcessOutURL,
		"MEMBRANE_API_URL":         e.MembraneURL,
		"MEMBRANE_ACCESS_TOKEN":    e.Token,
		"PROCESSOUT_CONNECTION_ID": e.Connection.ID,
	}
}

// workspaceEnv is tokenEnv with workspace credentials instead of a token:
// the provider mints its own tokens from them.
func workspaceEnv(e *emulator.Emulator) map[string]string {
	return map[string]string{
		"PROCESSOUT_API_URL":        e.ProcessOutURL,
		"MEMBRANE_API_URL":          e.MembraneURL,
		"MEMBRANE_WORKSPACE_KEY":    e.Workspace.Key,
		"MEMBRANE_WORKSPACE_SECRET": e.Workspace.Secret,
		"MEMBRANE_TENANT_KEY":       e.TenantKey,
		"PROCESSOUT_CONNECTION_ID":  e.Connection.ID,
	}
}

// directEnv points the provider straight at the ProcessOut side.
func directEnv(e *emulator.Emulator) map[string]string {
	return map[string]string{
		"PROCESSOUT_API_URL":        e.ProcessOutURL,
		"PROCESSOUT_PROJECT_ID":     e.Project.ProjectID,
		"PROCESSOUT_PROJECT_SECRET": e.Project.Secret,
	}
}

// shellExports renders tokenEnv as sorted shell lines `export K='V'`, then
// the two alternatives as commented lines a user can switch to.
func shellExports(e *emulator.Emulator) string {
	var b strings.Builder
	writeExports(&b, "", tokenEnv(e))
	b.WriteString("# Alternative: workspace credentials (the provider mints tokens); unset MEMBRANE_ACCESS_TOKEN first.\n")
	writeExports(&b, "# ", workspaceEnv(e))
	b.WriteString("# Alternative: the direct transport; unset MEMBRANE_* and PROCESSOUT_CONNECTION_ID first.\n")
	writeExports(&b, "# ", directEnv(e))
	return b.String()
}

func writeExports(b *strings.Builder, prefix string, env map[string]string) {
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString(prefix + "export " + k + "='" + strings.ReplaceAll(env[k], "'", `'\''`) + "'\n")
	}
}
