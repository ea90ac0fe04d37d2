package provider

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/processout/terraform-provider-processout/internal/emulator"

	"github.com/processout/terraform-provider-processout/internal/registry"
)

// providerSetting is one provider setting a team passes in: a variable on
// CLIs with ephemeral variables, else the provider's environment variable
// (on older CLIs a variable's value is stored in every plan file).
type providerSetting struct {
	setting
	value  string
	secret bool
}

// authSetups are the three ways to authenticate the provider.
var authSetups = []struct {
	name      string
	transport transportKind
	settings  func(e *emulator.Emulator) []providerSetting
}{
	{"membrane_token", transportMembrane, func(e *emulator.Emulator) []providerSetting {
		return []providerSetting{{settingMembraneURL, e.MembraneURL, false}, {settingToken, e.Token, true}, {settingConnectionID, e.Connection.ID, false},
			{settingProcessOutURL, e.ProcessOutURL, false}}
	}},
	{"workspace_key", transportMembrane, func(e *emulator.Emulator) []providerSetting {
		return []providerSetting{{settingMembraneURL, e.MembraneURL, false}, {settingWorkspaceKey, e.Workspace.Key, false},
			{settingWorkspaceSecret, e.Workspace.Secret, true}, {settingTenantKey, e.TenantKey, false}, {settingConnectionID, e.Connection.ID, false},
			{settingProcessOutURL, e.ProcessOutURL, false}}
	}},
	{"direct", transportDirect, func(e *emulator.Emulator) []providerSetting {
		return []providerSetting{{settingProcessOutURL, e.ProcessOutURL, false}, {settingProjectID, e.Project.ProjectID, false}, {settingProjectSecret, e.Project.Secret, true}}
	}},
}

// secretsConfig is the configuration of the secrets test: every resource
// that handles a credential, credentials from variables. sftpCredential is
// the SFTP settings' credential, "password" or "private_key": write-only
// on CLIs that support it, else the sensitive fallback.
func secretsConfig(settings []providerSetting, cli *cliUnderTest, routing []string, sftpCredential string) string {
	var b strings.Builder
	b.WriteString(registry.RequiredProviders())
	provider := "provider \"processout\" {\n  max_retries = 3\n"
	for _, line := range routing {
		provider += line + "\n"
	}
	if cli.writeOnly {
		for _, s := range settings {
			fmt.Fprintf(&b, "variable %q {\n  type = string\n", s.attr)
			if s.secret {
				b.WriteString("  sensitive = true\n  ephemeral = true\n")
			}
			b.WriteString("}\n\n")
			provider += fmt.Sprintf("  %s = var.%s\n", s.attr, s.attr)
		}
	}
	b.WriteString(provider + "}\n\n")
	b.WriteString(`variable "adyen_api_key" {
  type      = string
  sensitive = true
}

resource "processout_gateway_configuration" "adyen" {
  gateway_name = "adyen"
  name         = "Adyen (credentials in state)"
  settings = {
    merchant_account = "AcmeECOM"
    api_key          = var.adyen_api_key
    client_key       = "test_PUBLICCLIENTKEY"
  }
}

resource "processout_project" "child" {
  name = "Secrets test child"
}

resource "processout_webhook_endpoint" "hook" {
  url              = "https://hooks.example.com/secrets"
  events_whitelist = ["transaction.captured"]
}

data "processout_project" "current" {}
`)
	ephemeral := ""
	credential := fmt.Sprintf("  %s = var.sftp_%s", sftpCredential, sftpCredential)
	if cli.writeOnly {
		ephemeral = "\n  ephemeral = true"
		credential = fmt.Sprintf("  %s_wo         = var.sftp_%s\n  %s_wo_version = 1", sftpCredential, sftpCredential, sftpCredential)
	}
	for _, name := range []string{"sftp_password", "sftp_private_key"} {
		fmt.Fprintf(&b, "\nvariable %q {\n  type      = string\n  sensitive = true%s\n}\n", name, ephemeral)
	}
	fmt.Fprintf(&b, "\nresource \"processout_project_sftp_settings\" \"exports\" {\n  endpoint = \"sftp.example.com:22\"\n  username = \"payouts\"\n%s\n}\n", credential)
	if cli.writeOnly {
		b.WriteString(`
variable "stripe_secret_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "processout_gateway_configuration" "stripe" {
  gateway_name = "stripe"
  settings_wo = {
    secret_key = var.stripe_secret_key
    public_key = "pk_test_public"
  }
  settings_wo_version = 1
}
`)
	}
	return b.String()
}

// secret is a value that must not be written down: never (nowhere at all),
// or, when inState, only in state and in plans, at places the state or plan
// marks sensitive.
type secret struct {
	name, value string
	inState     bool
}

// fragments are what a leak of the secret shows: the whole value, or its
// last 16 characters (a log that cut the front off still leaks it).
func (s secret) fragments() []string {
	if len(s.value) >= 32 {
		return []string{s.value, s.value[len(s.value)-16:]}
	}
	return []string{s.value}
}

func randomSecret(prefix string) string {
	b := make([]byte, 20)
	for i := range b {
		b[i] = byte(rand.IntN(256))
	}
	return prefix + hex.EncodeToString(b)
}

// TestAccSecretsNeverLeak applies, plans, imports and destroys with
// TF_LOG=trace through the real CLI and a built provider binary, for each
// way of authenticating, and scans everything written (terminal output,
// CLI and provider logs, plans as `show -json` renders them, state files)
// for every secret involved: the Membrane token, workspace secret and the
// JWTs minted from it, the project secret (and its Basic header), gateway
// credentials given write-only (nowhere) or as `settings` (state only,
// marked sensitive), the SFTP settings' password and then private key
// (write-only on CLIs ≥ 1.11: nowhere; else sensitive: state only), and the
// private key of a created project (state only).
func TestAccSecretsNeverLeak(t *testing.T) {
	cli := newCLIUnderTest(t)
	for _, auth := range authSetups {
		t.Run(auth.name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, auth.transport, emulatorConfigDefault())
			env.skipWhereUnserved("webhook endpoints")
			settings := auth.settings(env.emu)
			adyenKey, stripeKey := randomSecret("adyen_api_key_"), randomSecret("sk_test_wo_")
			sftpPassword := randomSecret("sftp_password_")
			sftpKey := base64.StdEncoding.EncodeToString([]byte("-----BEGIN OPENSSH PRIVATE KEY-----\n" + randomSecret("") + "\n-----END OPENSSH PRIVATE KEY-----\n"))
			vars := map[string]string{"TF_VAR_adyen_api_key": adyenKey, "TF_VAR_sftp_password": sftpPassword, "TF_VAR_sftp_private_key": sftpKey}
			if cli.writeOnly {
				vars["TF_VAR_stripe_secret_key"] = stripeKey
			}
			for _, s := range settings {
				if cli.writeOnly {
					vars["TF_VAR_"+s.attr] = s.value
				} else {
					vars[s.env[0]] = s.value
				}
			}
			w := cli.workspace(t, vars)
			w.writeConfig(secretsConfig(settings, cli, env.unservedRouting(), "password"))
			baseline := env.objectCounts()

			w.run("plan", []string{"plan", "-input=false", "-no-color", "-out=create.tfplan"})
			w.planJSON("plan", "create.tfplan")
			w.run("apply", []string{"apply", "-input=false", "-no-color", "create.tfplan"})
			state := parseState(t, w.state("apply"))
			privateKey := state.attribute(t, "processout_project.child", "private_key")
			adyenID := state.attribute(t, "processout_gateway_configuration.adyen", "id")
			if got := env.emu.ProcessOut.ReceivedSettings(adyenID)["api_key"]; got != adyenKey {
				t.Fatalf("the emulator received adyen api_key %q…, want the variable's value", prefix(got))
			}
			if got, _ := env.emu.ProcessOut.SFTPCredentials(env.emu.ProjectID); got.Password != sftpPassword {
				t.Fatalf("the emulator received the SFTP password %q…, want the variable's value", prefix(got.Password))
			}
			if cli.writeOnly {
				stripeID := state.attribute(t, "processout_gateway_configuration.stripe", "id")
				if got := env.emu.ProcessOut.ReceivedSettings(stripeID)["secret_key"]; got != stripeKey {
					t.Fatalf("the emulator received stripe secret_key %q…, want the write-only value", prefix(got))
				}
			}

			w.run("steady plan", []string{"plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=steady.tfplan"})
			w.planJSON("steady plan", "steady.tfplan")

			// An import forgets the credentials: the next apply sends them again.
			w.run("state rm", []string{"state", "rm", "-no-color", "processout_gateway_configuration.adyen"})
			w.run("import", []string{"import", "-input=false", "-no-color", "processout_gateway_configuration.adyen", adyenID})
			w.state("import")
			w.run("plan after import", []string{"plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=reimport.tfplan"}, 2)
			w.planJSON("plan after import", "reimport.tfplan")
			w.run("apply after import", []string{"apply", "-input=false", "-no-color", "reimport.tfplan"})
			w.state("apply after import")

			// The SFTP settings move from a password to a private key.
			w.writeConfig(secretsConfig(settings, cli, env.unservedRouting(), "private_key"))
			w.run("sftp key plan", []string{"plan", "-input=false", "-no-color", "-out=sftpkey.tfplan"})
			w.planJSON("sftp key plan", "sftpkey.tfplan")
			w.run("sftp key apply", []string{"apply", "-input=false", "-no-color", "sftpkey.tfplan"})
			w.state("sftp key apply")
			if got, _ := env.emu.ProcessOut.SFTPCredentials(env.emu.ProjectID); got.PrivateKey != sftpKey || got.Password != "" {
				t.Fatalf("the emulator received the SFTP private key %q… and password %q…, want only the key", prefix(got.PrivateKey), prefix(got.Password))
			}

			w.run("destroy", []string{"destroy", "-input=false", "-no-color", "-auto-approve"})
			w.state("destroy")
			if err := env.expectCounts(baseline)(); err != nil {
				t.Fatal(err)
			}

			for _, step := range []string{"plan", "apply", "steady plan", "import", "apply after import", "sftp key apply", "destroy"} {
				if log := w.artifact(t, step+" log"); !strings.Contains(log, "@module=processout") || !strings.Contains(log, "API call") {
					t.Fatalf("the %s log has no provider API call lines: the scan would not see the provider's logs", step)
				}
			}
			secrets := []secret{
				{"Membrane token", env.emu.Token, false},
				{"Membrane workspace secret", env.emu.Workspace.Secret, false},
				{"project secret", env.emu.Project.Secret, false},
				{"Basic credentials", base64.StdEncoding.EncodeToString([]byte(env.emu.Project.ProjectID + ":" + env.emu.Project.Secret)), false},
				{"adyen settings api_key", adyenKey, true},
				{"project private key", privateKey, true},
				// Write-only on CLIs that support it: nowhere; else sensitive, in state.
				{"SFTP password", sftpPassword, !cli.writeOnly},
				{"SFTP private key", sftpKey, !cli.writeOnly},
			}
			if cli.writeOnly {
				secrets = append(secrets, secret{"stripe settings_wo secret_key", stripeKey, false})
			}
			minted := env.emu.Membrane.MintedTokens()
			if auth.name == "workspace_key" && len(minted) == 0 {
				t.Fatal("the emulator accepted no minted JWT: the workspace-key run did not mint")
			}
			for i, jwt := range minted {
				secrets = append(secrets, secret{fmt.Sprintf("minted JWT #%d", i+1), jwt, false})
			}
			scanned := w.expectNoLeak(secrets)
			if !strings.Contains(w.artifact(t, "apply state"), adyenKey) {
				t.Fatal("the state after apply lacks the adyen settings: the state scan looks at the wrong thing")
			}
			if !cli.writeOnly && !strings.Contains(w.artifact(t, "sftp key apply state"), sftpKey) {
				t.Fatal("the state lacks the SFTP private key given as private_key: the state scan looks at the wrong thing")
			}
			if !t.Failed() {
				t.Logf("%s, CLI %s: %d secrets looked for, none found in %d artifacts (%s)", auth.name, cli.version, len(secrets), len(w.artifacts), scanned)
			}
		})
	}
}

// artifact returns the content of the named artifact.
func (w *cliWorkspace) artifact(t *testing.T, name string) string {
	t.Helper()
	for _, a := range w.artifacts {
		if a.name == name {
			return string(a.content)
		}
	}
	t.Fatalf("no artifact %q", name)
	return ""
}

// expectNoLeak scans every artifact for every secret and returns a summary
// of what it scanned. Secrets allowed in state are looked for in state and
// plans once the values those mark sensitive are masked.
func (w *cliWorkspace) expectNoLeak(secrets []secret) string {
	w.t.Helper()
	kinds := map[string]int{}
	for _, a := range w.artifacts {
		kinds[a.kind]++
		masked := a.content
		if a.kind == "plan" || a.kind == "state" {
			var err error
			if masked, err = maskSensitive(a.content, a.kind); err != nil {
				w.t.Fatalf("%s: %v", a.name, err)
			}
		}
		for _, s := range secrets {
			content := a.content
			if s.inState {
				content = masked
			}
			for _, frag := range s.fragments() {
				if i := strings.Index(string(content), frag); i >= 0 {
					w.t.Errorf("the %s appears in the %s (%s), near %q", s.name, a.name, a.kind, around(content, i, len(frag)))
				}
			}
		}
	}
	return fmt.Sprintf("%d outputs, %d logs, %d plans, %d states, %d configs", kinds["output"], kinds["log"], kinds["plan"], kinds["state"], kinds["config"])
}

// around is the text around a leak, the secret itself masked, so a failure
// shows where it leaked without leaking it again.
func around(content []byte, at, n int) string {
	from, to := max(at-60, 0), min(at+n+60, len(content))
	return string(content[from:at]) + "<SECRET>" + string(content[at+n:to])
}

const maskedValue = "(sensitive)"

// schemaSensitive lists, per resource type, the attributes the provider's
// schema declares sensitive. The CLI hides them because of the schema, and
// older CLIs (Terraform 1.5) record no mark for them in state or in the
// planned values of an unchanged resource, so they are masked by schema too.
func schemaSensitive() map[string]map[string]bool {
	ctx := context.Background()
	out := map[string]map[string]bool{}
	for _, newResource := range New("test")().Resources(ctx) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "processout"}, &meta)
		var sch resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sch)
		out[meta.TypeName] = map[string]bool{}
		for name, a := range sch.Schema.Attributes {
			if a.IsSensitive() {
				out[meta.TypeName][name] = true
			}
		}
	}
	return out
}

// maskBySchema masks the schema-sensitive attributes of a resource's values.
func maskBySchema(values any, resourceType string, sensitive map[string]map[string]bool) {
	v := asMap(values)
	for name := range sensitive[resourceType] {
		if x, ok := v[name]; ok && x != nil {
			v[name] = maskedValue
		}
	}
}

// maskSensitive replaces what a plan (`show -json`) or a state file marks
// sensitive, or what the provider's schema declares sensitive. Anything left
// is what the file shows in the clear.
func maskSensitive(raw []byte, kind string) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	sensitive := schemaSensitive()
	if kind == "state" {
		for _, r := range asList(doc["resources"]) {
			for _, inst := range asList(asMap(r)["instances"]) {
				i := asMap(inst)
				for _, p := range asList(i["sensitive_attributes"]) {
					i["attributes"] = maskPath(i["attributes"], asList(p))
				}
				maskBySchema(i["attributes"], fmt.Sprint(asMap(r)["type"]), sensitive)
			}
		}
		return json.Marshal(doc)
	}
	maskModule(asMap(doc["planned_values"])["root_module"], sensitive)
	maskModule(asMap(asMap(doc["prior_state"])["values"])["root_module"], sensitive)
	for _, section := range []string{"resource_changes", "resource_drift"} {
		for _, rc := range asList(doc[section]) {
			change := asMap(asMap(rc)["change"])
			change["before"] = maskMarked(change["before"], change["before_sensitive"])
			change["after"] = maskMarked(change["after"], change["after_sensitive"])
			maskBySchema(change["before"], fmt.Sprint(asMap(rc)["type"]), sensitive)
			maskBySchema(change["after"], fmt.Sprint(asMap(rc)["type"]), sensitive)
		}
	}
	declared := asMap(asMap(asMap(doc["configuration"])["root_module"])["variables"])
	for name, v := range asMap(doc["variables"]) {
		if asMap(declared[name])["sensitive"] == true {
			asMap(v)["value"] = maskedValue
		}
	}
	return json.Marshal(doc)
}

func maskModule(module any, sensitive map[string]map[string]bool) {
	m := asMap(module)
	for _, r := range asList(m["resources"]) {
		res := asMap(r)
		res["values"] = maskMarked(res["values"], res["sensitive_values"])
		maskBySchema(res["values"], fmt.Sprint(res["type"]), sensitive)
	}
	for _, child := range asList(m["child_modules"]) {
		maskModule(child, sensitive)
	}
}

// maskMarked masks value where marks (a plan's *_sensitive tree) say true.
func maskMarked(value, marks any) any {
	switch m := marks.(type) {
	case bool:
		if m {
			return maskedValue
		}
	case map[string]any:
		if v, ok := value.(map[string]any); ok {
			for k, sub := range m {
				if _, has := v[k]; has {
					v[k] = maskMarked(v[k], sub)
				}
			}
		}
	case []any:
		if v, ok := value.([]any); ok {
			for i := range min(len(m), len(v)) {
				v[i] = maskMarked(v[i], m[i])
			}
		}
	}
	return value
}

// maskPath masks the value at a state's sensitive path: a list of
// {"type": "get_attr"|"index", "value": …} steps.
func maskPath(value any, steps []any) any {
	if len(steps) == 0 {
		return maskedValue
	}
	step := asMap(steps[0])
	key := step["value"]
	if step["type"] == "index" {
		key = asMap(key)["value"]
	}
	switch v := value.(type) {
	case map[string]any:
		if name, ok := key.(string); ok {
			if sub, has := v[name]; has {
				v[name] = maskPath(sub, steps[1:])
			}
		}
	case []any:
		if n, ok := key.(float64); ok && int(n) >= 0 && int(n) < len(v) {
			v[int(n)] = maskPath(v[int(n)], steps[1:])
		}
	}
	return value
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	if m == nil {
		return map[string]any{}
	}
	return m
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// cliState is a state file, parsed.
type cliState struct {
	Resources []struct {
		Mode, Type, Name string
		Instances        []struct {
			Attributes map[string]any `json:"attributes"`
		}
	}
}

func parseState(t *testing.T, raw []byte) cliState {
	t.Helper()
	var s cliState
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("the state is not JSON: %v", err)
	}
	return s
}

// attribute is a string attribute of a managed resource ("type.name").
func (s cliState) attribute(t *testing.T, addr, name string) string {
	t.Helper()
	for _, r := range s.Resources {
		if r.Mode == "managed" && r.Type+"."+r.Name == addr && len(r.Instances) == 1 {
			if v, ok := r.Instances[0].Attributes[name].(string); ok && v != "" {
				return v
			}
		}
	}
	t.Fatalf("the state has no %s.%s", addr, name)
	return ""
}
