package provider

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/processout/terraform-provider-processout/internal/emulator/membraneapi"

	"github.com/processout/terraform-provider-processout/internal/registry"
)

// badInput is one thing a user can get wrong, or one answer a server can
// get wrong, and the diagnostic the user reads for it.
type badInput struct {
	name  string
	group string // groupSettings, groupArguments or groupAnswers
	// provider is the provider block; nil is the test environment's own
	// (Membrane with a token, or direct when transport says so).
	provider  func(env *testEnv) string
	transport transportKind // "" is Membrane
	setup     func(env *testEnv)
	// answer, when set, is what a fake API answers to every call: the
	// ProcessOut API behind the direct transport, or Membrane when
	// membraneAnswer is set.
	answer         *cannedAnswer
	membraneAnswer bool
	config         string
	importID       string // the config's resource is imported with this ID
	importTo       string // the address imported to; the webhook endpoint of anyWebhook when empty
	writeOnly      bool   // needs a CLI with write-only attributes (1.11+)
	// lostCreate: the answer may follow a commit (5xx, 429 after the
	// retries), so the state keeps the tainted placeholder of a lost create
	// for the next run to resolve, and nothing else.
	lostCreate bool
	// want is the diagnostic's text; " … " separates parts that appear in
	// this order with anything between them (a quoted answer, say).
	want string
}

// wantText matches the parts of a badInput's want, in order.
func wantText(want string) *regexp.Regexp {
	parts := strings.Split(want, " … ")
	for i, p := range parts {
		parts[i] = errorText(p).String()
	}
	return regexp.MustCompile(strings.Join(parts, `[\s\S]*?`))
}

const (
	groupSettings  = "provider settings"
	groupArguments = "resource and data source arguments"
	groupAnswers   = "server answers"
)

// cannedAnswer is one HTTP answer.
type cannedAnswer struct {
	status      int
	contentType string
	header      map[string]string
	body        []byte
}

func jsonAnswer(status int, body string) *cannedAnswer {
	return &cannedAnswer{status: status, contentType: "application/json", body: []byte(body)}
}

func htmlAnswer(status int) *cannedAnswer {
	return &cannedAnswer{status: status, contentType: "text/html",
		body: []byte("<!DOCTYPE html>\n<html><head><title>Error</title></head><body><h1>Something went wrong</h1></body></html>\n")}
}

// cannedAPI answers every call with the same answer and counts the calls.
type cannedAPI struct {
	*httptest.Server
	calls atomic.Int32
}

func newCannedAPI(t *testing.T, a *cannedAnswer) *cannedAPI {
	api := &cannedAPI{}
	api.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		api.calls.Add(1)
		for k, v := range a.header {
			w.Header().Set(k, v)
		}
		if a.contentType != "" {
			w.Header().Set("Content-Type", a.contentType)
		}
		w.WriteHeader(a.status)
		_, _ = w.Write(a.body)
	}))
	t.Cleanup(api.Close)
	return api
}

// Provider blocks of the table.

// providerBlockWith is a provider block of these lines; calls are not
// retried unless a line sets max_retries, so failures show at once.
func providerBlockWith(lines ...string) string {
	retries := "  max_retries = 0\n"
	for _, l := range lines {
		if strings.HasPrefix(l, "  max_retries") {
			retries = ""
		}
	}
	return registry.RequiredProviders() + "provider \"processout\" {\n" + retries + strings.Join(lines, "\n") + "\n}\n"
}

func attrLine(name, value string) string { return fmt.Sprintf("  %s = %q", name, value) }

func (e *testEnv) tokenLines() []string {
	return []string{attrLine("membrane_api_url", e.emu.MembraneURL), attrLine("membrane_token", e.emu.Token), attrLine("connection_id", e.emu.Connection.ID)}
}

func (e *testEnv) directLines(url string) []string {
	return []string{attrLine("processout_api_url", url), attrLine("project_id", e.emu.Project.ProjectID), attrLine("project_secret", e.emu.Project.Secret)}
}

func (e *testEnv) workspaceLines(key, secret string) []string {
	return []string{attrLine("membrane_api_url", e.emu.MembraneURL), attrLine("membrane_workspace_key", key),
		attrLine("membrane_workspace_secret", secret), attrLine("membrane_tenant_key", e.emu.TenantKey), attrLine("connection_id", e.emu.Connection.ID)}
}

// withURL replaces the Membrane URL of the token lines.
func (e *testEnv) tokenLinesAt(membraneURL string) []string {
	lines := e.tokenLines()
	lines[0] = attrLine("membrane_api_url", membraneURL)
	return lines
}

const (
	anyWebhook   = "resource \"processout_webhook_endpoint\" \"test\" {\n  url = \"https://hooks.example.com/bad-input\"\n}\n"
	webhookList  = "data \"processout_webhook_endpoints\" \"all\" {}\n"
	connectionDS = "data \"processout_membrane_connection\" \"in_use\" {}\n"
)

func testResource(kind, body string) string {
	return fmt.Sprintf("resource %q \"test\" {\n%s\n}\n", kind, body)
}

func testData(kind, body string) string {
	return fmt.Sprintf("data %q \"test\" {\n%s\n}\n", kind, body)
}

const successWebhook = `{"success":true,"webhook_endpoint":{"id":"whe_1","url":"https://hooks.example.com/bad-input","created_at":"2024-01-01T00:00:00Z"}}`

// badInputs is the table. Every entry is a distinct input; the comments of
// the groups say where the check lives.
func badInputs() []badInput {
	settings := func(name string, provider func(env *testEnv) string, want string) badInput {
		return badInput{name: name, group: groupSettings, provider: provider, config: anyWebhook, want: want}
	}
	membraneWith := func(extra ...string) func(env *testEnv) string {
		return func(env *testEnv) string { return providerBlockWith(append(env.tokenLines(), extra...)...) }
	}
	directWith := func(extra ...string) func(env *testEnv) string {
		return func(env *testEnv) string {
			return providerBlockWith(append(env.directLines(env.emu.ProcessOutURL), extra...)...)
		}
	}
	membraneURL := func(url string) func(env *testEnv) string {
		return func(env *testEnv) string { return providerBlockWith(env.tokenLinesAt(url)...) }
	}
	processoutURL := func(url string) func(env *testEnv) string {
		return func(env *testEnv) string { return providerBlockWith(env.directLines(url)...) }
	}
	arg := func(name, config, want string) badInput {
		return badInput{name: name, group: groupArguments, config: config, want: want}
	}
	webhook := func(body string) string { return testResource("processout_webhook_endpoint", body) }
	gateway := func(body string) string { return testResource("processout_gateway_configuration", body) }
	project := func(body string) string { return testResource("processout_project", body) }
	answer := func(name string, a *cannedAnswer, config, want string) badInput {
		return badInput{name: name, group: groupAnswers, answer: a, config: config, want: want}
	}
	membraneAnswer := func(name string, a *cannedAnswer, want string) badInput {
		return badInput{name: name, group: groupAnswers, answer: a, membraneAnswer: true, config: anyWebhook, want: want}
	}
	hugeBody := bytes.Repeat([]byte(" "), 17<<20)
	copy(hugeBody, `{"success":true,"webhook_endpoint":{"id":"whe_1"}}`)

	return []badInput{
		// Provider settings: resolveSettings (settings.go) and the
		// connection checks of buildClient (client.go), at plan time.
		settings("no credentials at all", func(*testEnv) string { return providerBlockWith() },
			"Configure one of: - Membrane with a token: membrane_token (or MEMBRANE_ACCESS_TOKEN)"),
		settings("settings of both transports", membraneWith(attrLine("project_id", "test-proj_x")),
			"The provider reaches ProcessOut either through Membrane or directly, not both."),
		settings("membrane_actions with the direct transport", directWith(`  membrane_actions = { "customer.list" = "list-customers" }`),
			"Settings of both transports are configured"),
		settings("token and workspace credentials", membraneWith(attrLine("membrane_workspace_key", "ws_emulator")),
			"Use either a ready token (membrane_token) or workspace credentials (membrane_workspace_key), not both."),
		settings("workspace credentials without a tenant key", func(env *testEnv) string {
			return providerBlockWith(attrLine("membrane_api_url", env.emu.MembraneURL), attrLine("membrane_workspace_key", env.emu.Workspace.Key), attrLine("membrane_workspace_secret", env.emu.Workspace.Secret))
		}, "membrane_tenant_key (or MEMBRANE_TENANT_KEY) is missing"),
		settings("direct without a project secret", func(env *testEnv) string {
			return providerBlockWith(attrLine("processout_api_url", env.emu.ProcessOutURL), attrLine("project_id", env.emu.Project.ProjectID))
		}, "project_secret (or PROCESSOUT_PROJECT_SECRET) is missing"),
		settings("malformed membrane_api_url", membraneURL("not a url"), `membrane_api_url: "not a url" is not an absolute http(s) URL`),
		settings("processout_api_url with another scheme", processoutURL("ftp://api.processout.com"), `processout_api_url: "ftp://api.processout.com" is not an absolute http(s) URL`),
		settings("API URL without a host name", processoutURL("https://:443"), `processout_api_url: "https://:443" is not an absolute http(s) URL`),
		settings("plain http to Membrane", membraneURL("http://membrane.example.com"), `"http://membrane.example.com" uses plain http to a non-loopback host; use https`),
		settings("plain http to ProcessOut", processoutURL("http://api.example.com"), `"http://api.example.com" uses plain http to a non-loopback host; use https`),
		settings("plain http to a look-alike of localhost", processoutURL("http://localhost.example.com"), `uses plain http to a non-loopback host`),
		settings("credentials in the API URL", processoutURL("https://proj:hunter22@api.example.com"), `"https://proj:xxxxx@api.example.com" carries credentials in the URL; set them in their own settings instead`),
		settings("max_retries out of range", membraneWith("  max_retries = 99"), "max_retries must be between 0 and 50, got 99."),
		settings("request_timeout that is not a duration", membraneWith(attrLine("request_timeout", "soon")), `request_timeout must be a positive Go duration such as "30s" or "2m", got "soon"`),
		settings("negative request_timeout", membraneWith(attrLine("request_timeout", "-5s")), `request_timeout must be a positive Go duration such as "30s" or "2m", got "-5s"`),
		settings("unknown operation in membrane_actions", membraneWith(`  membrane_actions = { "webhooks.create" = "create-webhook-endpoint" }`),
			`"webhooks.create" is not an operation of the provider. Operations:`),
		settings("empty action in membrane_actions", membraneWith(`  membrane_actions = { "webhook_endpoint.create" = "" }`),
			"Give the id or key of the Membrane action that performs webhook_endpoint.create."),
		settings("expired token", func(env *testEnv) string {
			return providerBlockWith(attrLine("membrane_api_url", env.emu.MembraneURL), attrLine("membrane_token", expiredJWT(env)), attrLine("connection_id", env.emu.Connection.ID))
		}, "Access token has expired. Check membrane_token (MEMBRANE_ACCESS_TOKEN)"),
		settings("malformed token", func(env *testEnv) string {
			return providerBlockWith(attrLine("membrane_api_url", env.emu.MembraneURL), attrLine("membrane_token", "not-a-token"), attrLine("connection_id", env.emu.Connection.ID))
		}, "Access token is not a valid JWT or a known token. Check membrane_token"),
		settings("wrong workspace secret", func(env *testEnv) string {
			return providerBlockWith(env.workspaceLines(env.emu.Workspace.Key, "not-the-workspace-secret")...)
		}, "Access token signature is invalid. Check membrane_token (MEMBRANE_ACCESS_TOKEN) or the workspace key, secret and tenant key"),
		settings("unknown workspace key", func(env *testEnv) string {
			return providerBlockWith(env.workspaceLines("ws_unknown", env.emu.Workspace.Secret)...)
		}, "Access token names an unknown workspace."),
		settings("unknown connection", func(env *testEnv) string {
			return providerBlockWith(attrLine("membrane_api_url", env.emu.MembraneURL), attrLine("membrane_token", env.emu.Token), attrLine("connection_id", "conn_does_not_exist"))
		},
			`Membrane has no connection "conn_does_not_exist" visible to this tenant`),
		{name: "configured connection not READY", group: groupSettings, config: anyWebhook,
			setup: func(env *testEnv) {
				env.emu.Membrane.SetConnectionState(env.emu.Connection.ID, membraneapi.StateDisconnecting, false)
			},
			want: "is not usable: state DISCONNECTING, connected=false; reconnect it (membrane connect --connectionId"},
		{name: "no READY connection to discover", group: groupSettings, config: anyWebhook,
			setup: func(env *testEnv) {
				env.emu.Membrane.SetConnectionState(env.emu.Connection.ID, membraneapi.StateDisconnecting, false)
			},
			provider: func(env *testEnv) string {
				return providerBlockWith(attrLine("membrane_api_url", env.emu.MembraneURL), attrLine("membrane_token", env.emu.Token))
			},
			want: "has no READY ProcessOut connection. Connections found:"},
		{name: "two READY connections to choose from", group: groupSettings, config: anyWebhook,
			setup: func(env *testEnv) {
				env.emu.Membrane.AddConnection(membraneapi.Connection{Name: "ProcessOut EU", IntegrationKey: "processout", TenantKey: env.emu.TenantKey,
					WorkspaceKey: env.emu.Workspace.Key, State: membraneapi.StateReady, Connected: true})
			},
			provider: func(env *testEnv) string {
				return providerBlockWith(attrLine("membrane_api_url", env.emu.MembraneURL), attrLine("membrane_token", env.emu.Token))
			},
			want: "has 2 usable ProcessOut connections. Connections found:"},
		{name: "tenant without a connection", group: groupSettings, config: anyWebhook,
			setup: func(env *testEnv) {
				env.emu.Membrane.AddStaticToken("pat-lonely-tenant", env.emu.Workspace.Key, "tenant-without-connections")
			},
			provider: func(env *testEnv) string {
				return providerBlockWith(attrLine("membrane_api_url", env.emu.MembraneURL), attrLine("membrane_token", "pat-lonely-tenant"))
			},
			want: "has no ProcessOut connection. Connections found: none. Set connection_id (or PROCESSOUT_CONNECTION_ID)"},
		settings("wrong project secret", func(env *testEnv) string {
			return providerBlockWith(attrLine("processout_api_url", env.emu.ProcessOutURL), attrLine("project_id", env.emu.Project.ProjectID), attrLine("project_secret", "key_sandbox_wrong"))
		}, "ProcessOut refused project … (project_id) with the secret of project_secret, so nothing was planned or changed."),
		{name: "Membrane data source on the direct transport", group: groupSettings, transport: transportDirect, config: connectionDS,
			want: "The provider is configured for the direct transport (project_id and project_secret): there is no Membrane connection to read."},

		// Resource and data source arguments: schema validators, ModifyPlan
		// and ValidateConfig, at plan time; unknown IDs at read.
		arg("webhook url that is a path", webhook(`  url = "/hooks"`), `url must start with https:// (or http://), got "/hooks"`),
		arg("webhook url without a host", webhook(`  url = "https://"`), "url must name a host, as in https://hooks.example.com/processout"),
		arg("webhook url with credentials", webhook(`  url = "https://user:hunter22@hooks.example.com"`), `url must not carry credentials (user:password@), got "https://user:xxxxx@hooks.example.com"`),
		arg("webhook url with a space", webhook(`  url = "https://hooks.example.com/pay ments"`), "url must not contain spaces or control characters (escape a space as %20)"),
		arg("webhook url over 2048 characters", webhook(`  url = "https://hooks.example.com/`+strings.Repeat("a", 2048)+`"`), "url must be at most 2048 characters long, got 2074"),
		arg("webhook url that does not parse", webhook(`  url = "https://[::1/x"`), `url is not a URL, got "https://[::1/x"`),
		arg("empty events_whitelist", webhook("  url = \"https://hooks.example.com\"\n  events_whitelist = []"), "Attribute events_whitelist set must contain at least 1 elements, got: 0"),
		arg("event name with spaces and capitals", webhook("  url = \"https://hooks.example.com\"\n  events_whitelist = [\"Transaction Captured\"]"),
			`events_whitelist: "Transaction Captured" is not an event name: event names are lowercase words separated by dots, such as "transaction.captured".`),
		arg("event name over 255 characters", webhook("  url = \"https://hooks.example.com\"\n  events_whitelist = [\"a."+strings.Repeat("b", 260)+"\"]"),
			"is 262 characters long; an event name has at most 255."),
		arg("gateway_name that is not a slug", gateway(`  gateway_name = "Stripe!"`), `gateway_name must be a gateway name such as "stripe" (lowercase letters, digits, dashes), got "Stripe!"; the processout_gateways data source lists the names`),
		arg("gateway not in the catalog", gateway(`  gateway_name = "stripey"`), `ProcessOut's catalog has no gateway "stripey". Known gateways: adyen,`),
		arg("empty gateway configuration name", gateway("  gateway_name = \"sandbox\"\n  name = \"\""), "Attribute name string length must be between 1 and 255, got: 0"),
		arg("gateway default_currency not ISO 4217", gateway("  gateway_name = \"sandbox\"\n  default_currency = \"euro\""),
			`default_currency must be an ISO 4217 currency code of three capital letters, such as "USD" or "EUR", got "euro"`),
		arg("unknown processing_region", gateway("  gateway_name = \"sandbox\"\n  processing_region = \"Mars\""),
			`Attribute processing_region value must be one of: ["EEA" "EEA-UK" "UK" "US"], got: "Mars"`),
		arg("empty metadata key", gateway("  gateway_name = \"sandbox\"\n  metadata = { \"\" = \"x\" }"), "string length must be between 1 and 255, got: 0"),
		arg("missing credential key", gateway("  gateway_name = \"stripe\"\n  settings = { public_key = \"pk\" }"),
			"The stripe gateway needs secret_key, public_key; secret_key missing from settings."),
		arg("unknown credential key", gateway("  gateway_name = \"stripe\"\n  settings = { public_key = \"pk\", secret_key = \"sk\", api_token = \"t\" }"),
			"The stripe gateway does not take api_token. Its keys are: required secret_key, public_key;"),
		arg("no credentials for a gateway that needs them", gateway(`  gateway_name = "adyen"`),
			"The adyen gateway needs credentials with the keys merchant_account, api_key, client_key. Set settings_wo (with settings_wo_version)"),
		{name: "settings and settings_wo together", group: groupArguments, writeOnly: true,
			config: gateway("  gateway_name = \"stripe\"\n  settings = { public_key = \"pk\", secret_key = \"sk\" }\n  settings_wo = { public_key = \"pk\", secret_key = \"sk\" }\n  settings_wo_version = 1"),
			want:   `Attribute "settings_wo" cannot be specified when "settings" is specified`},
		{name: "settings_wo without settings_wo_version", group: groupArguments, writeOnly: true,
			config: gateway("  gateway_name = \"stripe\"\n  settings_wo = { public_key = \"pk\", secret_key = \"sk\" }"),
			want:   `Attribute "settings_wo_version" must be specified when "settings_wo" is specified`},
		{name: "settings_wo_version without settings_wo", group: groupArguments, writeOnly: true,
			config: gateway("  gateway_name = \"sandbox\"\n  settings_wo_version = 1"),
			want:   `Attribute "settings_wo" must be specified when "settings_wo_version" is specified`},
		arg("empty project name", project(`  name = ""`), "Attribute name string length must be between 1 and 255, got: 0"),
		arg("project name over 255 characters", project(`  name = "`+strings.Repeat("n", 256)+`"`), "Attribute name string length must be between 1 and 255, got: 256"),
		arg("project default_currency in lower case", project("  name = \"p\"\n  default_currency = \"eur\""), `default_currency is "eur", which is not an ISO 4217 currency code: codes are upper case, write "EUR".`),
		arg("project logo_url over ftp", project("  name = \"p\"\n  logo_url = \"ftp://cdn.example.com/logo.png\""), `logo_url must start with https:// (or http://), got "ftp://cdn.example.com/logo.png"`),
		arg("project email without a domain", project("  name = \"p\"\n  email = \"payments\""), `email must be an email address such as payments@example.com, got "payments"`),
		arg("project email with a display name", project("  name = \"p\"\n  email = \"Payments <payments@example.com>\""), `email must be an email address such as payments@example.com, got "Payments <payments@example.com>"`),
		arg("unknown dunning action", project("  name = \"p\"\n  dunning_configuration = [{ action = \"refund\", delay_in_days = 1 }]"),
			`value must be one of: ["retry" "cancel" "set_past_due" "leave_unchanged"], got: "refund"`),
		arg("dunning delay over a year", project("  name = \"p\"\n  dunning_configuration = [{ action = \"retry\", delay_in_days = 400 }]"),
			"delay_in_days value must be between 0 and 365, got: 400"),
		arg("customers filter on an empty email", testData("processout_customers", `  email = ""`), "Attribute email string length must be at least 1, got: 0"),
		arg("customers created_after not RFC 3339", testData("processout_customers", `  created_after = "2024-01-31"`),
			`created_after must be an RFC 3339 timestamp with a time zone, such as "2024-01-31T00:00:00Z"`),
		arg("customers time window that is empty", testData("processout_customers", "  created_after = \"2024-02-01T00:00:00Z\"\n  created_before = \"2024-01-01T00:00:00Z\""),
			"created_before (2024-01-01T00:00:00Z) must be later than created_after (2024-02-01T00:00:00Z): no customer can match both."),
		arg("customers max_results of 0", testData("processout_customers", "  max_results = 0"), "Attribute max_results value must be between 1 and 10000, got: 0"),
		arg("customers order that is not asc or desc", testData("processout_customers", `  order = "sideways"`), `Attribute order value must be one of: ["asc" "desc"], got: "sideways"`),
		arg("customer that does not exist", testData("processout_customer", `  id = "cust_doesnotexist"`), `ProcessOut has no customer "cust_doesnotexist" in this project`),
		arg("customer with an empty id", testData("processout_customer", `  id = ""`), `customer.read: "" is not a valid id: an ID cannot be empty, "." or ".."`),
		arg("gateway configuration id that climbs the path", testData("processout_gateway_configuration", `  id = ".."`),
			`gateway_configuration.read: ".." is not a valid id: an ID cannot be empty, "." or ".."`),
		arg("gateway flow that does not exist", testData("processout_gateways", `  flow = "recurring"`), `Attribute flow value must be one of: ["one-off" "subscription" "tokenization"], got: "recurring"`),
		arg("gateway name not in the catalog", testData("processout_gateway", `  name = "strype"`), `ProcessOut's catalog has no gateway named "strype". Known names:`),
		arg("webhook endpoints filter on an empty url_contains", testData("processout_webhook_endpoints", `  url_contains = ""`), "Attribute url_contains string length must be at least 1, got: 0"),
		arg("project that is not visible", testData("processout_project", `  id = "proj_doesnotexist"`), `ProcessOut has no project "proj_doesnotexist" visible with these credentials`),
		arg("membrane actions intent over 200 characters", testData("processout_membrane_actions", `  intent = "`+strings.Repeat("x", 201)+`"`),
			"Attribute intent string length must be between 1 and 200, got: 201"),
		{name: "import of an ID that does not exist", group: groupArguments, config: anyWebhook, importID: "whe_doesnotexist",
			want: `No webhook endpoint with the ID "whe_doesnotexist" exists in the project of the Membrane connection … so nothing was imported`},
		{name: "import of a dot-dot ID", group: groupArguments, config: anyWebhook, importID: "..",
			want: `webhook_endpoint.read: ".." is not a valid id: an ID cannot be empty, "." or ".."`},

		// Server answers: a fake ProcessOut API behind processout_api_url
		// (or a fake Membrane), answering every call the same way.
		lostAnswer(answer("HTML error page", htmlAnswer(http.StatusBadGateway), anyWebhook,
			`ProcessOut answered 502 to webhook_endpoint.create: Bad Gateway (body: "<!DOCTYPE html> … `+lostWebhookText)),
		answer("HTML page with a 200", htmlAnswer(http.StatusOK), anyWebhook,
			`could not understand ProcessOut's answer to webhook_endpoint.create (HTTP 200): the body is not a JSON object; the answer began with "<!DOCTYPE html> … This is not an answer the ProcessOut API gives: check that processout_api_url (direct transport) or the Membrane connection points at ProcessOut's API.`),
		answer("truncated JSON", jsonAnswer(http.StatusOK, `{"success":true,"webhook_endpoint":{"id":"whe_1","url":"https://hooks.exa`), anyWebhook,
			`the body is not a JSON object; the answer began with "{\"success\":true,\"webhook_endpoint\":{\"id\":\"whe_1\" … This is not an answer the ProcessOut API gives: check that processout_api_url (direct transport) or the Membrane connection points at ProcessOut's API.`),
		answer("wrong types", jsonAnswer(http.StatusOK, `{"success":true,"webhook_endpoint":{"id":42,"url":["https://hooks.example.com"]}}`), anyWebhook,
			`the "webhook_endpoint" field does not have the expected shape: json: cannot unmarshal number into Go struct field WebhookEndpoint.id of type string … This is not an answer the ProcessOut API gives: check that processout_api_url (direct transport) or the Membrane connection points at ProcessOut's API.`),
		answer("empty 200", &cannedAnswer{status: http.StatusOK}, anyWebhook, "could not understand ProcessOut's answer to webhook_endpoint.create (HTTP 200): the body is empty … This is not an answer the ProcessOut API gives: check that processout_api_url (direct transport) or the Membrane connection points at ProcessOut's API."),
		answer("body over 16 MiB", &cannedAnswer{status: http.StatusOK, contentType: "application/json", body: hugeBody}, anyWebhook,
			"webhook_endpoint.create: the answer is larger than 16 MiB, which no API answer should be … This is not an answer the ProcessOut API gives: check that processout_api_url (direct transport) or the Membrane connection points at ProcessOut's API."),
		answer("200 with success false", jsonAnswer(http.StatusOK, `{"success":false,"error_type":"request.failed","message":"The webhook endpoint could not be created."}`), anyWebhook,
			"ProcessOut answered 200 request.failed to webhook_endpoint.create: The webhook endpoint could not be created."),
		answer("success without the object", jsonAnswer(http.StatusOK, `{"success":true}`), anyWebhook, `the "webhook_endpoint" field is missing … This is not an answer the ProcessOut API gives: check that processout_api_url (direct transport) or the Membrane connection points at ProcessOut's API.`),
		answer("success flag that is not a boolean", jsonAnswer(http.StatusOK, `{"success":"yes","webhook_endpoint":{"id":"whe_1"}}`), anyWebhook, `the "success" field is missing or not a boolean; the answer began with … This is not an answer the ProcessOut API gives: check that processout_api_url (direct transport) or the Membrane connection points at ProcessOut's API.`),
		answer("JSON array instead of an object", jsonAnswer(http.StatusOK, `[`+successWebhook+`]`), anyWebhook, "the body is not a JSON object … This is not an answer the ProcessOut API gives: check that processout_api_url (direct transport) or the Membrane connection points at ProcessOut's API."),
		answer("field errors from the API", jsonAnswer(http.StatusBadRequest, `{"success":false,"error_type":"request.validation.invalid-url","message":"The url must be reachable.","invalid_fields":[{"name":"url","message":"The url must be reachable from the internet."}]}`),
			anyWebhook, "ProcessOut rejected url: The url must be reachable from the internet. (request.validation.invalid-url)."),
		lostAnswer(answer("rate limited until giving up", &cannedAnswer{status: http.StatusTooManyRequests, contentType: "application/json", header: map[string]string{"Retry-After": "0"},
			body: []byte(`{"success":false,"error_type":"request.rate.exceeded","message":"You have exceeded the rate limit."}`)}, anyWebhook,
			"ProcessOut answered 429 request.rate.exceeded to webhook_endpoint.create: You have exceeded the rate limit. … "+lostWebhookText)),
		answer("redirect to another host", &cannedAnswer{status: http.StatusMovedPermanently, header: map[string]string{"Location": "https://api.processout.example/webhook-endpoints"}}, anyWebhook,
			"redirected the call to https://api.processout.example/webhook-endpoints (HTTP 301); credentials are only sent to the configured host"),
		answer("list with has_more not a boolean", jsonAnswer(http.StatusOK, `{"success":true,"webhook_endpoints":[],"has_more":"no"}`), webhookList, `"has_more" is not a boolean … This is not an answer the ProcessOut API gives: check that processout_api_url (direct transport) or the Membrane connection points at ProcessOut's API.`),
		answer("list that is an object", jsonAnswer(http.StatusOK, `{"success":true,"webhook_endpoints":{"id":"whe_1"},"has_more":false}`), webhookList,
			`the "webhook_endpoints" list does not have the expected shape … This is not an answer the ProcessOut API gives: check that processout_api_url (direct transport) or the Membrane connection points at ProcessOut's API.`),
		// Its item is whole (an item lacking a field is read with its own
		// GET, which this canned answer would fail first).
		answer("list that repeats its page", jsonAnswer(http.StatusOK, `{"success":true,"webhook_endpoints":[{"id":"whe_1","project_id":"proj_1","url":"https://a.example","events_whitelist":[],"sandbox":false,"created_at":"2024-01-01T00:00:00Z"}],"has_more":true}`),
			webhookList, `the API answered a page it had already sent (start_after "whe_1" did not advance the list) … This is not an answer the ProcessOut API gives: check that processout_api_url (direct transport) or the Membrane connection points at ProcessOut's API.`),
		membraneAnswer("Membrane answering an HTML page", htmlAnswer(http.StatusOK), `membrane.connection.read: could not decode Membrane's answer … Check membrane_api_url (or MEMBRANE_API_URL): it must be Membrane's API`),
		membraneAnswer("Membrane answering an empty 200", &cannedAnswer{status: http.StatusOK}, "membrane.connection.read: could not decode Membrane's answer: unexpected end of JSON input … Check membrane_api_url (or MEMBRANE_API_URL): it must be Membrane's API"),
		membraneAnswer("Membrane connection with wrong types", jsonAnswer(http.StatusOK, `{"id":5,"state":true}`), "membrane.connection.read: could not decode Membrane's answer: json: cannot unmarshal … Check membrane_api_url (or MEMBRANE_API_URL): it must be Membrane's API"),
		membraneAnswer("Membrane 500 without a body", &cannedAnswer{status: http.StatusInternalServerError}, `Membrane answered 500 (unknown/): membrane.connection.read: unexpected answer "" … Check membrane_api_url (or MEMBRANE_API_URL): it must be Membrane's API`),
	}
}

// providerEnvironment is every variable the provider reads settings from.
var providerEnvironment = []string{
	"MEMBRANE_API_URI", "MEMBRANE_API_URL", "MEMBRANE_ACCESS_TOKEN", "MEMBRANE_TOKEN", "MEMBRANE_WORKSPACE_KEY", "MEMBRANE_WORKSPACE_SECRET",
	"MEMBRANE_TENANT_KEY", "PROCESSOUT_CONNECTION_ID", "PROCESSOUT_API_URL", "PROCESSOUT_PROJECT_ID", "PROCESSOUT_PROJECT_SECRET",
	"PROCESSOUT_RETRY_BUDGET",
}

// TestAccBadInput runs every bad input of the table through the CLI and
// expects the user to read the diagnostic that says what to fix; afterwards
// the emulator holds no new object and the state no resource: nothing half
// written, whichever way the run failed. A panic would fail the run with
// another text, or crash the test binary.
func TestAccBadInput(t *testing.T) {
	testAccPreCheck(t)
	for _, name := range providerEnvironment {
		if os.Getenv(name) != "" {
			t.Fatalf("%s is set: the bad-input suite configures the provider explicitly, unset it", name)
		}
	}
	cases := badInputs()
	groups := map[string]int{}
	names := map[string]bool{}
	for _, tc := range cases {
		if names[tc.name] {
			t.Fatalf("two bad inputs are named %q", tc.name)
		}
		names[tc.name] = true
		groups[tc.group]++
	}
	var summary []string
	for g, n := range groups {
		summary = append(summary, fmt.Sprintf("%d %s", n, g))
	}
	sort.Strings(summary)
	t.Logf("bad inputs: %d (%s)", len(cases), strings.Join(summary, ", "))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { runBadInput(t, tc) })
	}
}

// runBadInput runs one bad input through the CLI: the diagnostic is the
// one wanted, and nothing is left half written.
func runBadInput(t *testing.T, tc badInput) {
	transport := tc.transport
	if transport == "" {
		transport = transportMembrane
	}
	env := newTestEnv(t, transport, emulatorConfigDefault())
	// Of the kinds whose lost creates these cases declare (webhook
	// endpoints and products), only webhook endpoints are hidden by the
	// unserved-routes reading.
	if tc.lostCreate && strings.Contains(tc.config, `resource "processout_webhook_endpoint"`) {
		env.skipUnroutedLostCreate("a create answered " + tc.name)
	}
	if tc.setup != nil {
		tc.setup(env)
	}
	block := env.providerBlock()
	var api *cannedAPI
	switch {
	case tc.answer != nil && tc.membraneAnswer:
		api = newCannedAPI(t, tc.answer)
		block = providerBlockWith(env.tokenLinesAt(api.URL)...)
	case tc.answer != nil:
		api = newCannedAPI(t, tc.answer)
		block = providerBlockWith(env.directLines(api.URL)...)
	case tc.provider != nil:
		block = tc.provider(env)
	}
	baseline := env.objectCounts()
	first := resource.TestStep{Config: block + tc.config, ExpectError: wantText(tc.want)}
	if tc.importID != "" {
		first.ResourceName, first.ImportState, first.ImportStateId = cmp.Or(tc.importTo, "processout_webhook_endpoint.test"), true, tc.importID
	}
	var versionChecks []tfversion.TerraformVersionCheck
	if tc.writeOnly {
		versionChecks = append(versionChecks, tfversion.SkipBelow(tfversion.Version1_11_0))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   versionChecks,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			first,
			{ // nothing half written: the emulator and the state are as before
				PreConfig: func() {
					if err := env.expectCounts(baseline)(); err != nil {
						t.Error(err)
					}
					if api != nil && api.calls.Load() == 0 {
						t.Error("the fake API was never called: the answer under test was not read")
					}
				},
				// A direct-transport block reads only the project
				// when it is configured (its credential check),
				// whatever the case did to Membrane.
				Config:           providerBlockWith(env.directLines(env.emu.ProcessOutURL)...),
				PlanOnly:         !tc.lostCreate,
				ConfigPlanChecks: noResourceLeft(tc.lostCreate),
			},
		},
	})
}

// expectNoResourceInState fails when the plan's prior state holds any
// managed resource.
type expectNoResourceInState struct{}

func (expectNoResourceInState) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if req.Plan.PriorState == nil || req.Plan.PriorState.Values == nil {
		return
	}
	var left []string
	for _, r := range req.Plan.PriorState.Values.RootModule.Resources {
		if r.Mode == "managed" {
			left = append(left, r.Address)
		}
	}
	if len(left) > 0 {
		resp.Error = fmt.Errorf("the failed run left resources in state: %v", left)
	}
}

// lostWebhookText is the diagnostic of a webhook endpoint create whose
// outcome is unknown.
const lostWebhookText = "ProcessOut may have made the webhook endpoint before its answer was lost"

// lostAnswer marks a bad input whose answer may follow a commit.
func lostAnswer(tc badInput) badInput {
	tc.lostCreate = true
	return tc
}

// noResourceLeft checks the state after the failed run: empty, or, for an
// answer that may follow a commit, only the tainted placeholder of the lost
// create, which the next run's refresh resolves (the emulator holds no such
// object, so it leaves state before anything is planned).
func noResourceLeft(lostCreate bool) resource.ConfigPlanChecks {
	if !lostCreate {
		return resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{expectNoResourceInState{}}}
	}
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{expectNoResourceInState{}}}
}
