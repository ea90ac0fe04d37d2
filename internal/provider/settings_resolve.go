package provider

import (
	"fmt"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// resolved is a setting's value and where it came from, for diagnostics.
type resolved struct {
	*setting
	value  string // the default when source is ""
	source string // "" when unset, else the attribute or the variable
}

func (r resolved) set() bool { return r.source != "" }

func (r resolved) describe() string {
	if r.source == "" || r.source == r.attr {
		return r.attr
	}
	return fmt.Sprintf("%s (from %s)", r.attr, r.source)
}

// checked reports whether the value meets the setting's rule, with an error
// at the attribute when it does not.
func (r resolved) checked(diags *diag.Diagnostics) bool {
	if r.check == nil {
		return true
	}
	err := r.check(r.describe(), r.value)
	if err != nil {
		diags.AddAttributeError(path.Root(r.attr), "Invalid "+r.attr, err.Error()+".")
	}
	return err == nil
}

type envLookup func(string) (string, bool)

func lookupEnv(name string) (string, bool) { return os.LookupEnv(name) }

func (s *setting) resolve(m *ProcessOutProviderModel, env envLookup) resolved {
	if v := blockValue(s.field(m)); v != "" {
		return resolved{setting: s, value: v, source: s.attr}
	}
	for _, name := range s.env {
		if val, ok := env(name); ok && val != "" {
			return resolved{setting: s, value: val, source: name}
		}
	}
	return resolved{setting: s, value: s.def}
}

// resolveSettings merges the provider block with the environment and the
// defaults and checks that exactly one transport and one way of
// authenticating is configured. It returns false when the configuration
// cannot be used yet, with an error diagnostic for each problem, or without
// one when a value is still unknown (it will be known at apply).
func resolveSettings(m ProcessOutProviderModel, env envLookup, diags *diag.Diagnostics) (settings, bool) {
	r := make(map[*setting]resolved, len(providerSettings))
	for _, s := range providerSettings {
		if s.field(&m).IsUnknown() {
			return settings{}, false
		}
		r[s] = s.resolve(&m, env)
	}

	var cfg settings
	if retries := r[&settingMaxRetries]; retries.checked(diags) {
		cfg.maxRetries, _ = strconv.Atoi(retries.value)
	}
	if timeout := r[&settingRequestTimeout]; timeout.checked(diags) {
		cfg.requestTimeout, _ = time.ParseDuration(timeout.value)
	}
	if budget := r[&settingRetryBudget]; budget.checked(diags) {
		cfg.retryBudget, _ = time.ParseDuration(budget.value)
	}

	cfg.actions = resolveActions(m.MembraneActions, diags)
	membraneSet := pick(r, &settingToken, &settingWorkspaceKey, &settingWorkspaceSecret, &settingTenantKey, &settingConnectionID)
	if len(cfg.actions) > 0 {
		membraneSet = append(membraneSet, resolved{setting: &settingActions, value: "set", source: settingActions.attr})
	}
	directSet := pick(r, directSettings...)
	// The API URLs alone do not choose a transport, but naming Membrane's
	// with the direct transport is a mistake worth reporting. ProcessOut's
	// serves both: supervised projects are reached there with their own
	// key (supervisedAccess).
	if u := r[&settingMembraneURL]; u.source == u.attr {
		membraneSet = append(membraneSet, u)
	}
	switch {
	case len(membraneSet) > 0 && len(directSet) > 0:
		diags.AddError("Settings of both transports are configured",
			fmt.Sprintf("The provider reaches ProcessOut either through Membrane or directly, not both. Membrane settings found: %s. Direct settings found: %s. "+
				"Remove one group (from the provider block or the environment).", describeAll(membraneSet), describeAll(directSet)))
		return cfg, false
	case len(directSet) > 0:
		cfg.transport = transportDirect
		resolveDirect(&cfg, r, diags)
	case len(membraneSet) > 0 || r[&settingMembraneURL].set():
		cfg.transport = transportMembrane
		resolveMembrane(&cfg, r, diags)
	default:
		diags.AddError("No ProcessOut credentials configured",
			"Configure one of:\n"+
				"  - Membrane with a token: "+orEnv(&settingToken)+", and optionally "+orEnv(&settingConnectionID)+";\n"+
				"  - Membrane with workspace credentials: "+orEnv(workspaceSettings...)+";\n"+
				"  - ProcessOut directly: "+orEnv(directSettings...)+".\n"+
				"`membrane credentials --shell` prints the Membrane variables for a logged-in CLI.")
	}
	return cfg, !diags.HasError()
}

func resolveMembrane(cfg *settings, r map[*setting]resolved, diags *diag.Diagnostics) {
	cfg.membraneURL = endpoint(r[&settingMembraneURL], diags)
	cfg.processoutURL = endpoint(r[&settingProcessOutURL], diags)
	cfg.token = r[&settingToken].value
	cfg.workspaceKey = r[&settingWorkspaceKey].value
	cfg.workspaceSecret = r[&settingWorkspaceSecret].value
	cfg.tenantKey = r[&settingTenantKey].value
	cfg.connectionID = r[&settingConnectionID].value
	workspace := pick(r, workspaceSettings...)
	tokenPath := path.Root(settingToken.attr)
	switch {
	case cfg.token != "" && len(workspace) > 0:
		diags.AddAttributeError(tokenPath, "Two Membrane authentication methods configured",
			fmt.Sprintf("Use either a ready token (%s) or workspace credentials (%s), not both.", r[&settingToken].describe(), describeAll(workspace)))
	case cfg.token == "" && len(workspace) == 0:
		diags.AddAttributeError(tokenPath, "No Membrane credentials configured",
			fmt.Sprintf("Set %s, or %s.", orEnv(&settingToken), attrList(workspaceSettings)))
	case cfg.token == "":
		missing(r, workspaceSettings, "Incomplete Membrane workspace credentials", "Minting Membrane tokens needs", diags)
	}
}

func resolveDirect(cfg *settings, r map[*setting]resolved, diags *diag.Diagnostics) {
	cfg.processoutURL = endpoint(r[&settingProcessOutURL], diags)
	cfg.projectID = r[&settingProjectID].value
	cfg.projectSecret = r[&settingProjectSecret].value
	cfg.projectIDFrom, cfg.projectSecretFrom = r[&settingProjectID].describe(), r[&settingProjectSecret].describe()
	missing(r, directSettings, "Incomplete ProcessOut credentials", "The direct transport needs", diags)
}

// missing reports each of group that is unset: "<needs> a, b and c; b (or B) is missing.".
func missing(r map[*setting]resolved, group []*setting, summary, needs string, diags *diag.Diagnostics) {
	for _, s := range group {
		if !r[s].set() {
			diags.AddAttributeError(path.Root(s.attr), summary, fmt.Sprintf("%s %s; %s is missing.", needs, attrList(group), orEnv(s)))
		}
	}
}

func endpoint(r resolved, diags *diag.Diagnostics) *url.URL {
	if !r.checked(diags) {
		return nil
	}
	u, _ := httpx.CheckEndpoint(r.value)
	return u
}

func pick(r map[*setting]resolved, of ...*setting) []resolved {
	var out []resolved
	for _, s := range of {
		if r[s].set() {
			out = append(out, r[s])
		}
	}
	return out
}

func describeAll(rs []resolved) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.describe()
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// attrList is "a, b and c".
func attrList(of []*setting) string {
	names := make([]string, len(of))
	for i, s := range of {
		names[i] = s.attr
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// orEnv is "a, b and c (or A, B, C)": the attributes and their first
// variables.
func orEnv(of ...*setting) string {
	vars := make([]string, len(of))
	for i, s := range of {
		vars[i] = s.env[0]
	}
	return attrList(of) + " (or " + strings.Join(vars, ", ") + ")"
}

// supervisedOnly are the operations only ever made as the supervised
// project itself (supervisedAccess), never through Membrane.
var supervisedOnly = map[string]bool{"project.update": true, "project.delete": true}

// resolveActions reads membrane_actions, refusing operation names the
// provider never issues (a typo would silently fall back to the proxy).
func resolveActions(m types.Map, diags *diag.Diagnostics) map[string]string {
	if m.IsNull() {
		return nil
	}
	known := map[string]bool{}
	for _, op := range processout.Operations() {
		known[op] = true
	}
	actions := map[string]string{}
	at := path.Root(settingActions.attr)
	for op, v := range m.Elements() {
		s, _ := v.(types.String)
		switch {
		case s.IsUnknown():
			continue // known at apply; the proxy serves the plan
		case !known[op]:
			diags.AddAttributeError(at.AtMapKey(op), "Unknown operation in membrane_actions",
				fmt.Sprintf("%q is not an operation of the provider. Operations: %s.", op, strings.Join(processout.Operations(), ", ")))
		case supervisedOnly[op]:
			diags.AddAttributeError(at.AtMapKey(op), "Operation not routed through Membrane",
				fmt.Sprintf("%s is always sent straight to ProcessOut (processout_api_url), authenticated as the supervised project with its private_key: "+
					"an action would run as the connected project, which ProcessOut may take for the project to change. Remove %q from membrane_actions.", op, op))
		case s.IsNull() || s.ValueString() == "":
			diags.AddAttributeError(at.AtMapKey(op), "Empty action in membrane_actions",
				fmt.Sprintf("Give the id or key of the Membrane action that performs %s.", op))
		default:
			actions[op] = s.ValueString()
		}
	}
	return actions
}
