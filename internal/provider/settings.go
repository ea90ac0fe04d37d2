package provider

import (
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"

	"github.com/processout/terraform-provider-processout/internal/direct"
	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/membrane"
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
	// projectIDFrom and projectSecretFrom say where the two came from, as
	// "project_id" or "project_id (from PROCESSOUT_PROJECT_ID)".
	projectIDFrom, projectSecretFrom string

	actions map[string]string // operation → Membrane action

	maxRetries     int
	requestTimeout time.Duration
	retryBudget    time.Duration
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
		doc: "ProcessOut API base URL. The direct transport sends every call there; under Membrane, the calls made as a supervised project " +
			"(reading, updating and destroying a `processout_project` with its `private_key`) go there too, since Membrane cannot carry another project's credentials.",
		check: checkEndpoint,
		field: func(m *ProcessOutProviderModel) attr.Value { return m.ProcessOutAPIURL }}
	settingActions = setting{attr: "membrane_actions", kind: stringMapSetting,
		doc: "Routes provider operations to Membrane actions instead of proxy calls: a map from operation name " +
			"(such as `webhook_endpoint.create`; the list is in the provider documentation) to an action id or key " +
			"(see the `processout_membrane_actions` data source). Operations not listed go through the connection proxy. Membrane only.",
		field: func(m *ProcessOutProviderModel) attr.Value { return m.MembraneActions }}
	settingMaxRetries = setting{attr: "max_retries", kind: numberSetting, def: "9", check: checkRetries,
		doc: fmt.Sprintf("How many times a call is retried after a transient failure (rate limiting, 5xx, network errors), from %d to %d, "+
			"within `retry_budget`. Writes carry an idempotency key, so a retried create never creates twice.", retriesMin, retriesMax),
		field: func(m *ProcessOutProviderModel) attr.Value { return m.MaxRetries }}
	settingRequestTimeout = setting{attr: "request_timeout", def: "60s", check: checkTimeout,
		doc:   "Time limit of a single attempt of an API call, as a Go duration such as `30s`.",
		field: func(m *ProcessOutProviderModel) attr.Value { return m.RequestTimeout }}
	settingRetryBudget = setting{attr: "retry_budget", env: []string{"PROCESSOUT_RETRY_BUDGET"}, def: "2m", check: checkRetryBudget,
		doc: "Time limit of one API call, all its attempts and the waits between them included, as a Go duration such as `90s` or `5m`: " +
			"an API that accepts connections but does not answer is reported once it runs out. An attempt still running then is cut short, " +
			"and a retry starts only if at least a second of the budget is left for it. At least `1s`. " +
			"A refused connection (nothing listens at the API's URL) fails sooner, after 3 tries about a second apart. " +
			"Progress is logged at INFO (`TF_LOG=info`): one line per retry, with the attempt, the wait and what the last attempt met. " +
			"A resource's `timeouts` block bounds a whole operation, which may make several calls.",
		field: func(m *ProcessOutProviderModel) attr.Value { return m.RetryBudget }}
)

// providerSettings is every setting, in the order of the documentation's
// table.
var providerSettings = []*setting{
	&settingToken, &settingWorkspaceKey, &settingWorkspaceSecret, &settingTenantKey, &settingMembraneURL, &settingConnectionID,
	&settingProjectID, &settingProjectSecret, &settingProcessOutURL, &settingActions, &settingMaxRetries, &settingRequestTimeout,
	&settingRetryBudget,
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

func checkRetryBudget(subject, value string) error {
	if d, err := time.ParseDuration(value); err == nil && d > 0 && d < httpx.MinAttemptTime {
		return fmt.Errorf("%s must be at least %s, the least time an attempt is given, got %q", subject, httpx.MinAttemptTime, value)
	}
	return checkTimeout(subject, value)
}

func checkTimeout(subject, value string) error {
	if d, err := time.ParseDuration(value); err != nil || d <= 0 {
		return fmt.Errorf("%s must be a positive Go duration such as \"30s\" or \"2m\", got %q", subject, value)
	}
	return nil
}
