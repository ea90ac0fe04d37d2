package provider

import (
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/direct"
	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/membrane"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

const (
	defaultMembraneURL   = membrane.DefaultURL
	defaultProcessOutURL = direct.DefaultURL
	defaultMaxRetries    = 9
	defaultTimeout       = 60 * time.Second
)

type transportKind string

const (
	transportMembrane transportKind = "membrane"
	transportDirect   transportKind = "direct"
)

// settings is the provider configuration once the environment has filled
// what the provider block left out.
type settings struct {
	transport transportKind

	membraneURL     *url.URL
	token           string
	workspaceKey    string
	workspaceSecret string
	tenantKey       string
	connectionID    string

	processoutURL *url.URL
	projectID     string
	projectSecret string

	actions map[string]string // operation → Membrane action

	maxRetries     int
	requestTimeout time.Duration
}

// setting is one provider attribute with its environment fallbacks.
type setting struct {
	attr string
	env  []string
}

var (
	settingMembraneURL     = setting{"membrane_api_url", []string{"MEMBRANE_API_URI", "MEMBRANE_API_URL"}}
	settingToken           = setting{"membrane_token", []string{"MEMBRANE_ACCESS_TOKEN", "MEMBRANE_TOKEN"}}
	settingWorkspaceKey    = setting{"membrane_workspace_key", []string{"MEMBRANE_WORKSPACE_KEY"}}
	settingWorkspaceSecret = setting{"membrane_workspace_secret", []string{"MEMBRANE_WORKSPACE_SECRET"}}
	settingTenantKey       = setting{"membrane_tenant_key", []string{"MEMBRANE_TENANT_KEY"}}
	settingConnectionID    = setting{"connection_id", []string{"PROCESSOUT_CONNECTION_ID"}}
	settingProcessOutURL   = setting{"processout_api_url", []string{"PROCESSOUT_API_URL"}}
	settingProjectID       = setting{"project_id", []string{"PROCESSOUT_PROJECT_ID"}}
	settingProjectSecret   = setting{"project_secret", []string{"PROCESSOUT_PROJECT_SECRET"}}
)

// resolved is a setting's value and where it came from, for diagnostics.
type resolved struct {
	setting
	value  string
	source string // "" when unset, else the attribute or the variable
}

func (r resolved) set() bool { return r.value != "" }

func (r resolved) describe() string {
	if r.source == r.attr {
		return r.attr
	}
	return fmt.Sprintf("%s (from %s)", r.attr, r.source)
}

type envLookup func(string) (string, bool)

func lookupEnv(name string) (string, bool) { return os.LookupEnv(name) }

func resolve(s setting, v types.String, env envLookup) resolved {
	if !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" {
		return resolved{setting: s, value: v.ValueString(), source: s.attr}
	}
	for _, name := range s.env {
		if val, ok := env(name); ok && val != "" {
			return resolved{setting: s, value: val, source: name}
		}
	}
	return resolved{setting: s}
}

// resolveSettings merges the provider block with the environment and checks
// that exactly one transport and one way of authenticating is configured. It
// returns false when the configuration cannot be used yet, with an error
// diagnostic for each problem, or without one when a value is still unknown
// (it will be known at apply).
func resolveSettings(m ProcessOutProviderModel, env envLookup, diags *diag.Diagnostics) (settings, bool) {
	given := []struct {
		setting
		value types.String
	}{
		{settingMembraneURL, m.MembraneAPIURL}, {settingToken, m.MembraneToken},
		{settingWorkspaceKey, m.MembraneWorkspaceKey}, {settingWorkspaceSecret, m.MembraneWorkspaceSecret},
		{settingTenantKey, m.MembraneTenantKey}, {settingConnectionID, m.ConnectionID},
		{settingProcessOutURL, m.ProcessOutAPIURL}, {settingProjectID, m.ProjectID}, {settingProjectSecret, m.ProjectSecret},
	}
	for _, g := range given {
		if g.value.IsUnknown() {
			return settings{}, false
		}
	}
	if m.RequestTimeout.IsUnknown() || m.MaxRetries.IsUnknown() || m.MembraneActions.IsUnknown() {
		return settings{}, false
	}
	r := make(map[string]resolved, len(given))
	for _, g := range given {
		r[g.attr] = resolve(g.setting, g.value, env)
	}

	var cfg settings
	cfg.maxRetries = defaultMaxRetries
	if !m.MaxRetries.IsNull() {
		n := m.MaxRetries.ValueInt64()
		if n < 0 || n > 50 {
			diags.AddAttributeError(path.Root("max_retries"), "Invalid max_retries",
				fmt.Sprintf("max_retries must be between 0 and 50, got %d.", n))
		}
		cfg.maxRetries = int(n)
	}
	cfg.requestTimeout = defaultTimeout
	if v := m.RequestTimeout.ValueString(); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			diags.AddAttributeError(path.Root("request_timeout"), "Invalid request_timeout",
				fmt.Sprintf("request_timeout must be a positive Go duration such as \"30s\" or \"2m\", got %q.", v))
		}
		cfg.requestTimeout = d
	}

	cfg.actions = resolveActions(m.MembraneActions, diags)
	membraneSet := pick(r, "membrane_token", "membrane_workspace_key", "membrane_workspace_secret", "membrane_tenant_key", "connection_id")
	if len(cfg.actions) > 0 {
		membraneSet = append(membraneSet, resolved{setting: setting{attr: "membrane_actions"}, value: "set", source: "membrane_actions"})
	}
	directSet := pick(r, "project_id", "project_secret")
	// The API URLs alone do not choose a transport, but naming one of the
	// other transport is a mistake worth reporting.
	if r["processout_api_url"].source == "processout_api_url" {
		directSet = append(directSet, r["processout_api_url"])
	}
	if r["membrane_api_url"].source == "membrane_api_url" {
		membraneSet = append(membraneSet, r["membrane_api_url"])
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
	case len(membraneSet) > 0 || r["membrane_api_url"].set():
		cfg.transport = transportMembrane
		resolveMembrane(&cfg, r, diags)
	default:
		diags.AddError("No ProcessOut credentials configured",
			"Configure one of:\n"+
				"  - Membrane with a token: membrane_token (or MEMBRANE_ACCESS_TOKEN), and optionally connection_id (or PROCESSOUT_CONNECTION_ID);\n"+
				"  - Membrane with workspace credentials: membrane_workspace_key, membrane_workspace_secret and membrane_tenant_key (or MEMBRANE_WORKSPACE_KEY, MEMBRANE_WORKSPACE_SECRET, MEMBRANE_TENANT_KEY);\n"+
				"  - ProcessOut directly: project_id and project_secret (or PROCESSOUT_PROJECT_ID, PROCESSOUT_PROJECT_SECRET).\n"+
				"`membrane credentials --shell` prints the Membrane variables for a logged-in CLI.")
	}
	return cfg, !diags.HasError()
}

func resolveMembrane(cfg *settings, r map[string]resolved, diags *diag.Diagnostics) {
	cfg.membraneURL = endpointURL(r["membrane_api_url"], defaultMembraneURL, diags)
	cfg.token = r["membrane_token"].value
	cfg.workspaceKey = r["membrane_workspace_key"].value
	cfg.workspaceSecret = r["membrane_workspace_secret"].value
	cfg.tenantKey = r["membrane_tenant_key"].value
	cfg.connectionID = r["connection_id"].value
	workspace := pick(r, "membrane_workspace_key", "membrane_workspace_secret", "membrane_tenant_key")
	switch {
	case cfg.token != "" && len(workspace) > 0:
		diags.AddAttributeError(path.Root("membrane_token"), "Two Membrane authentication methods configured",
			fmt.Sprintf("Use either a ready token (%s) or workspace credentials (%s), not both.", r["membrane_token"].describe(), describeAll(workspace)))
	case cfg.token == "" && len(workspace) == 0:
		diags.AddAttributeError(path.Root("membrane_token"), "No Membrane credentials configured",
			"Set membrane_token (or MEMBRANE_ACCESS_TOKEN), or membrane_workspace_key, membrane_workspace_secret and membrane_tenant_key.")
	case cfg.token == "":
		for _, attr := range []string{"membrane_workspace_key", "membrane_workspace_secret", "membrane_tenant_key"} {
			if !r[attr].set() {
				diags.AddAttributeError(path.Root(attr), "Incomplete Membrane workspace credentials",
					fmt.Sprintf("Minting Membrane tokens needs membrane_workspace_key, membrane_workspace_secret and membrane_tenant_key; %s (or %s) is missing.", attr, r[attr].env[0]))
			}
		}
	}
}

func resolveDirect(cfg *settings, r map[string]resolved, diags *diag.Diagnostics) {
	cfg.processoutURL = endpointURL(r["processout_api_url"], defaultProcessOutURL, diags)
	cfg.projectID = r["project_id"].value
	cfg.projectSecret = r["project_secret"].value
	for _, attr := range []string{"project_id", "project_secret"} {
		if !r[attr].set() {
			diags.AddAttributeError(path.Root(attr), "Incomplete ProcessOut credentials",
				fmt.Sprintf("The direct transport needs project_id and project_secret; %s (or %s) is missing.", attr, r[attr].env[0]))
		}
	}
}

func endpointURL(r resolved, fallback string, diags *diag.Diagnostics) *url.URL {
	raw := r.value
	if raw == "" {
		raw = fallback
	}
	u, err := httpx.CheckEndpoint(raw)
	if err != nil {
		diags.AddAttributeError(path.Root(r.attr), "Invalid "+r.attr, fmt.Sprintf("%s: %v.", r.describe(), err))
	}
	return u
}

func pick(r map[string]resolved, attrs ...string) []resolved {
	var out []resolved
	for _, a := range attrs {
		if r[a].set() {
			out = append(out, r[a])
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
	for op, v := range m.Elements() {
		s, _ := v.(types.String)
		switch {
		case s.IsUnknown():
			continue // known at apply; the proxy serves the plan
		case !known[op]:
			diags.AddAttributeError(path.Root("membrane_actions").AtMapKey(op), "Unknown operation in membrane_actions",
				fmt.Sprintf("%q is not an operation of the provider. Operations: %s.", op, strings.Join(processout.Operations(), ", ")))
		case s.IsNull() || s.ValueString() == "":
			diags.AddAttributeError(path.Root("membrane_actions").AtMapKey(op), "Empty action in membrane_actions",
				fmt.Sprintf("Give the id or key of the Membrane action that performs %s.", op))
		default:
			actions[op] = s.ValueString()
		}
	}
	return actions
}
