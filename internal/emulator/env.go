package emulator

import (
	"sort"
	"strings"
)

// Env returns the environment variables that point the provider (either
// transport) and the membrane tooling at this emulator.
func (e *Emulator) Env() map[string]string {
	return map[string]string{
		"MEMBRANE_API_URL":          e.MembraneURL,
		"MEMBRANE_ACCESS_TOKEN":     e.Token,
		"MEMBRANE_WORKSPACE_KEY":    e.Workspace.Key,
		"MEMBRANE_WORKSPACE_SECRET": e.Workspace.Secret,
		"MEMBRANE_TENANT_KEY":       e.TenantKey,
		"PROCESSOUT_CONNECTION_ID":  e.Connection.ID,
		"PROCESSOUT_API_URL":        e.ProcessOutURL,
		"PROCESSOUT_PROJECT_ID":     e.Project.ProjectID,
		"PROCESSOUT_PROJECT_SECRET": e.Project.Secret,
	}
}

// Exports renders Env as sorted shell lines `export K='V'`, one per line.
func (e *Emulator) Exports() string {
	env := e.Env()
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString("export " + k + "='" + strings.ReplaceAll(env[k], "'", `'\''`) + "'\n")
	}
	return b.String()
}
