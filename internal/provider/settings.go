package provider

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/direct"
	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/membrane"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

type transportKind string

const (
	transportMembrane transportKind = "membrane"
	transportDirect   transportKind = "direct"
)

// settings is the provider configuration once the environment and the
// defaults have filled what the provider block left out.
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

// setting is one attribute of the provider block, declared once: its schema
// attribute and description, its validator, its resolution (the block's
// value, else the first variable of env that is set, else def) and its row
// of the documentation's table are all made from this declaration.
type setting struct {
	attr      string
	kind      settingKind
	env       []string // variables that stand in for the attribute, first set wins
	def       string   // default, written as in the block; "" for none
	sensitive bool
	doc       string // what it is, in markdown; the default and the variables are appended
	row       string // row of the documentation's settings table; "" when not listed there
	// check is the rule on a value: nil, or an error that is a sentence
	// about subject (the attribute, or "attr (from VAR)"). The schema
	// validator runs it on the block's value at validate time, and the
	// resolution on the value it chose at configure time, so a variable's
	// value meets the same rule with the same words.
	check func(subject, value string) error
	field func(*ProcessOutProviderModel) attr.Value // the block's value
}

type settingKind int

const (
	stringSetting settingKind = iota
	numberSetting
	stringMapSetting
)

// Rows of the documentation's settings table.
const (
	rowToken      = "Membrane, ready token"
	rowWorkspace  = "Membrane, workspace credentials (the provider mints HS256 tokens, valid one hour, and mints again before they expire)"
	rowMembrane   = "Membrane API"
	rowConnection = "Membrane connection (when unset: the tenant's only READY ProcessOut connection)"
	rowDirect     = "Direct"
)

const retriesMin, retriesMax = 0, 50

var (
	settingToken = setting{attr: "membrane_token", env: []string{"MEMBRANE_ACCESS_TOKEN", "MEMBRANE_TOKEN"}, sensitive: true, row: rowToken,
		doc:   "A ready Membrane bearer token (from `membrane token`, or a `pat-…` key). Exclusive with the workspace-key settings.",
		field: func(m *ProcessOutProviderModel) attr.Value { return m.MembraneToken }}
	settingWorkspaceKey = setting{attr: "membrane_workspace_key", env: []string{"MEMBRANE_WORKSPACE_KEY"}, row: rowWorkspace,
		doc:   "Membrane workspace key; with `membrane_workspace_secret` and `membrane_tenant_key` the provider mints short-lived HS256 tokens itself and mints again before they expire.",
		field: func(m *ProcessOutProviderModel) attr.Value { return m.MembraneWorkspaceKey }}
	settingWorkspaceSecret = setting{attr: "membrane_workspace_secret", env: []string{"MEMBRANE_WORKSPACE_SECRET"}, sensitive: true, row: rowWorkspace,
		doc:   "Membrane workspace secret, used only to sign tokens locally; it is never sent.",
		field: func(m *ProcessOutProviderModel) attr.Value { return m.MembraneWorkspaceSecret }}
	settingTenantKey = setting{attr: "membrane_tenant_key", env: []string{"MEMBRANE_TENANT_KEY"}, row: rowWorkspace,
		doc:   "Membrane tenant (customer) key the minted tokens act for.",
		field: func(m *ProcessOutProviderModel) attr.Value { return m.MembraneTenantKey }}
	settingMembraneURL = setting{attr: "membrane_api_url", env: []string{"MEMBRANE_API_URI", "MEMBRANE_API_URL"}, def: membrane.DefaultURL, row: rowMembrane,
		doc: "Membrane API base URL. Plain `http://` is accepted only for loopback hosts.", check: checkEndpoint,
		field: func(m *ProcessOutProviderModel) attr.Value { return m.MembraneAPIURL }}
	settingConnectionID = setting{attr: "connection_id", env: []string{"PROCESSOUT_CONNECTION_ID"}, row: rowConnection,
		doc:   "Membrane connection to ProcessOut (`membrane connection list`). Without it the provider uses the tenant's only READY ProcessOut connection.",
		field: func(m *ProcessOutProviderModel) attr.Value { return m.ConnectionID }}
	settingProjectID = setting{attr: "project_id", env: []string{"PROCESSOUT_PROJECT_ID"}, row: rowDirect,
		doc:   "Direct transport: ProcessOut project ID (a `test-` prefix selects the sandbox).",
		field: func(m *ProcessOutProviderModel) attr.Value { return m.ProjectID }}
	settingProjectSecret = setting{attr: "project_secret", env: []string{"PROCESSOUT_PROJECT_SECRET"}, sensitive: true, row: rowDirect,
		doc:   "Direct transport: ProcessOut project secret key.",
		field: func(m *ProcessOutProviderModel) attr.Value { return m.ProjectSecret }}
	settingProcessOutURL = setting{attr: "processout_api_url", env: []string{"PROCESSOUT_API_URL"}, def: direct.DefaultURL, row: rowDirect,
		doc: "Direct transport: ProcessOut API base URL.", check: checkEndpoint,
		field: func(m *ProcessOutProviderModel) attr.Value { return m.ProcessOutAPIURL }}
	settingActions = setting{attr: "membrane_actions", kind: stringMapSetting,
		doc: "Routes provider operations to Membrane actions instead of proxy calls: a map from operation name " +
			"(such as `webhook_endpoint.create`; the list is in the provider documentation) to an action id or key " +
			"(see the `processout_membrane_actions` data source). Operations not listed go through the connection proxy. Membrane only.",
		field: func(m *ProcessOutProviderModel) attr.Value { return m.MembraneActions }}
	settingMaxRetries = setting{attr: "max_retries", kind: numberSetting, def: "9", check: checkRetries,
		doc: fmt.Sprintf("How many times a call is retried after a transient failure (rate limiting, 5xx, network errors), from %d to %d. "+
			"Writes carry an idempotency key, so a retried create never creates twice.", retriesMin, retriesMax),
		field: func(m *ProcessOutProviderModel) attr.Value { return m.MaxRetries }}
	settingRequestTimeout = setting{attr: "request_timeout", def: "60s", check: checkTimeout,
		doc:   "Time limit of a single attempt of an API call, as a Go duration such as `30s`.",
		field: func(m *ProcessOutProviderModel) attr.Value { return m.RequestTimeout }}
)

// providerSettings is every setting, in the order of the documentation's
// table.
var providerSettings = []*setting{
	&settingToken, &settingWorkspaceKey, &settingWorkspaceSecret, &settingTenantKey, &settingMembraneURL, &settingConnectionID,
	&settingProjectID, &settingProjectSecret, &settingProcessOutURL, &settingActions, &settingMaxRetries, &settingRequestTimeout,
}

var (
	workspaceSettings = []*setting{&settingWorkspaceKey, &settingWorkspaceSecret, &settingTenantKey}
	directSettings    = []*setting{&settingProjectID, &settingProjectSecret}
)

func checkEndpoint(subject, value string) error {
	if _, err := httpx.CheckEndpoint(value); err != nil {
		return fmt.Errorf("%s: %w", subject, err)
	}
	return nil
}

func checkRetries(subject, value string) error {
	n, err := strconv.ParseInt(value, 10, 64)
	switch {
	case err != nil:
		return fmt.Errorf("%s must be a whole number, got %q", subject, value)
	case n < retriesMin || n > retriesMax:
		return fmt.Errorf("%s must be between %d and %d, got %d", subject, retriesMin, retriesMax, n)
	}
	return nil
}

func checkTimeout(subject, value string) error {
	if d, err := time.ParseDuration(value); err != nil || d <= 0 {
		return fmt.Errorf("%s must be a positive Go duration such as \"30s\" or \"2m\", got %q", subject, value)
	}
	return nil
}

// schemaAttribute is the setting's attribute of the provider schema.
func (s *setting) schemaAttribute() schema.Attribute {
	desc := s.doc
	if s.def != "" {
		desc += " Default `" + s.def + "`."
	}
	if len(s.env) > 0 {
		desc += " Environment: " + envDoc(s) + "."
	}
	rule := settingRule{s}
	switch s.kind {
	case numberSetting:
		a := schema.Int64Attribute{Optional: true, Sensitive: s.sensitive, MarkdownDescription: desc}
		if s.check != nil {
			a.Validators = []validator.Int64{rule}
		}
		return a
	case stringMapSetting:
		return schema.MapAttribute{Optional: true, Sensitive: s.sensitive, ElementType: types.StringType, MarkdownDescription: desc}
	default:
		a := schema.StringAttribute{Optional: true, Sensitive: s.sensitive, MarkdownDescription: desc}
		if s.check != nil {
			a.Validators = []validator.String{rule}
		}
		return a
	}
}

// envDoc is "`A` (or `B`)".
func envDoc(s *setting) string {
	doc := "`" + s.env[0] + "`"
	if len(s.env) > 1 {
		doc += " (or `" + strings.Join(s.env[1:], "`, `") + "`)"
	}
	return doc
}

// providerDescription is the description of the provider block: how the
// environment stands in for the settings, and the table of them, which the
// documentation's Authentication section renders (templates/index.md.tmpl).
func providerDescription() string {
	var b strings.Builder
	b.WriteString("Every setting can come from the environment; a value in the provider block wins over it.\n\n" +
		"| Transport | Settings | Environment |\n|---|---|---|\n")
	type row struct{ settings, env []string }
	var order []string
	rows := map[string]*row{}
	for _, s := range providerSettings {
		if s.row == "" {
			continue
		}
		if rows[s.row] == nil {
			order, rows[s.row] = append(order, s.row), &row{}
		}
		name := "`" + s.attr + "`"
		if s.def != "" {
			name += " (default `" + s.def + "`)"
		}
		r := rows[s.row]
		r.settings, r.env = append(r.settings, name), append(r.env, envDoc(s))
	}
	for _, name := range order {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", name, strings.Join(rows[name].settings, ", "), strings.Join(rows[name].env, ", "))
	}
	return b.String()
}

// settingRule is the schema validator of a setting with a check: the check
// on the block's value, reported at the attribute at validate time.
type settingRule struct{ s *setting }

func (v settingRule) Description(context.Context) string {
	return "a value " + v.s.attr + " accepts (see its description)"
}

func (v settingRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v settingRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	v.validate(req.ConfigValue, &resp.Diagnostics)
}

func (v settingRule) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	v.validate(req.ConfigValue, &resp.Diagnostics)
}

// validate checks a value of the block; an unknown one is checked at
// configure time, and "" stands for unset.
func (v settingRule) validate(value attr.Value, diags *diag.Diagnostics) {
	if s := blockValue(value); s != "" {
		resolved{setting: v.s, value: s, source: v.s.attr}.checked(diags)
	}
}

// blockValue is a string or number of the block as text, "" when null or
// unknown.
func blockValue(v attr.Value) string {
	switch v := v.(type) {
	case types.String:
		return v.ValueString()
	case types.Int64:
		if !v.IsNull() && !v.IsUnknown() {
			return strconv.FormatInt(v.ValueInt64(), 10)
		}
	}
	return ""
}

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

	cfg.actions = resolveActions(m.MembraneActions, diags)
	membraneSet := pick(r, &settingToken, &settingWorkspaceKey, &settingWorkspaceSecret, &settingTenantKey, &settingConnectionID)
	if len(cfg.actions) > 0 {
		membraneSet = append(membraneSet, resolved{setting: &settingActions, value: "set", source: settingActions.attr})
	}
	directSet := pick(r, directSettings...)
	// The API URLs alone do not choose a transport, but naming one of the
	// other transport is a mistake worth reporting.
	if u := r[&settingProcessOutURL]; u.source == u.attr {
		directSet = append(directSet, u)
	}
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
		case s.IsNull() || s.ValueString() == "":
			diags.AddAttributeError(at.AtMapKey(op), "Empty action in membrane_actions",
				fmt.Sprintf("Give the id or key of the Membrane action that performs %s.", op))
		default:
			actions[op] = s.ValueString()
		}
	}
	return actions
}
