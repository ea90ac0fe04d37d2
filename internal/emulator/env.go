package emulator

import (
	"sort"
	"strings"
)

// Env returns the environment that points the provider at this emulator the
// default way: through Membrane with a ready token and the seeded
// connection. The provider refuses settings of two transports or two
// authentication methods at once, so the alternatives are separate.
func (e *Emulator) Env() map[string]string {
	return map[string]string{
		"MEMBRANE_API_URL":         e.MembraneURL,
		"MEMBRANE_ACCESS_TOKEN":    e.Token,
		"PROCESSOUT_CONNECTION_ID": e.Connection.ID,
	}
}

// WorkspaceEnv is Env with workspace credentials instead of a token: the
// provider mints its own tokens from them.
func (e *Emulator) WorkspaceEnv() map[string]string {
	return map[string]string{
		"MEMBRANE_API_URL":          e.MembraneURL,
		"MEMBRANE_WORKSPACE_KEY":    e.Workspace.Key,
		"MEMBRANE_WORKSPACE_SECRET": e.Workspace.Secret,
		"MEMBRANE_TENANT_KEY":       e.TenantKey,
		"PROCESSOUT_CONNECTION_ID":  e.Connection.ID,
	}
}

// DirectEnv points the provider straight at the ProcessOut side.
func (e *Emulator) DirectEnv() map[string]string {
	return map[string]string{
		"PROCESSOUT_API_URL":        e.ProcessOutURL,
		"PROCESSOUT_PROJECT_ID":     e.Project.ProjectID,
		"PROCESSOUT_PROJECT_SECRET": e.Project.Secret,
	}
}

// Exports renders Env as sorted shell lines `export K='V'`, then the two
// alternatives as commented lines a user can switch to.
func (e *Emulator) Exports() string {
	var b strings.Builder
	writeExports(&b, "", e.Env())
	b.WriteString("# Alternative: workspace credentials (the provider mints tokens); unset MEMBRANE_ACCESS_TOKEN first.\n")
	writeExports(&b, "# ", e.WorkspaceEnv())
	b.WriteString("# Alternative: the direct transport; unset MEMBRANE_* and PROCESSOUT_CONNECTION_ID first.\n")
	writeExports(&b, "# ", e.DirectEnv())
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
