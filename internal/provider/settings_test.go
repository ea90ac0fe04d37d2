package provider

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func envOf(vars map[string]string) envLookup {
	return func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
}

func emptyModel() ProcessOutProviderModel {
	n := types.StringNull()
	return ProcessOutProviderModel{n, n, n, n, n, n, n, n, n, types.MapNull(types.StringType), types.Int64Null(), n, n}
}

func TestResolveSettings(t *testing.T) {
	cases := []struct {
		name      string
		model     func(*ProcessOutProviderModel)
		env       map[string]string
		transport transportKind
		wantErr   []string // substrings of the error details, each must appear
	}{
		{name: "token from env", env: map[string]string{"MEMBRANE_ACCESS_TOKEN": "tok"}, transport: transportMembrane},
		{name: "token alias and url alias", env: map[string]string{"MEMBRANE_TOKEN": "tok", "MEMBRANE_API_URL": "http://127.0.0.1:1"}, transport: transportMembrane},
		{name: "workspace credentials", env: map[string]string{"MEMBRANE_WORKSPACE_KEY": "k", "MEMBRANE_WORKSPACE_SECRET": "s", "MEMBRANE_TENANT_KEY": "t"}, transport: transportMembrane},
		{name: "direct from env", env: map[string]string{"PROCESSOUT_PROJECT_ID": "test-proj_1", "PROCESSOUT_PROJECT_SECRET": "key"}, transport: transportDirect},
		{name: "direct from config", model: func(m *ProcessOutProviderModel) {
			m.ProjectID, m.ProjectSecret = types.StringValue("proj_1"), types.StringValue("key")
		}, transport: transportDirect},
		{name: "nothing", wantErr: []string{"membrane_token", "project_id and project_secret", "membrane credentials --shell"}},
		{name: "mixed transports", model: func(m *ProcessOutProviderModel) { m.ProjectID = types.StringValue("proj_1") },
			env: map[string]string{"MEMBRANE_ACCESS_TOKEN": "tok"}, wantErr: []string{"membrane_token (from MEMBRANE_ACCESS_TOKEN)", "project_id"}},
		{name: "token and workspace", env: map[string]string{"MEMBRANE_ACCESS_TOKEN": "tok", "MEMBRANE_WORKSPACE_KEY": "k"}, wantErr: []string{"either a ready token"}},
		{name: "incomplete workspace", env: map[string]string{"MEMBRANE_WORKSPACE_KEY": "k"}, wantErr: []string{"membrane_workspace_secret (or MEMBRANE_WORKSPACE_SECRET) is missing", "membrane_tenant_key"}},
		{name: "incomplete direct", env: map[string]string{"PROCESSOUT_PROJECT_ID": "p"}, wantErr: []string{"project_secret (or PROCESSOUT_PROJECT_SECRET) is missing"}},
		{name: "plain http to a remote host", env: map[string]string{"MEMBRANE_ACCESS_TOKEN": "t", "MEMBRANE_API_URI": "http://membrane.example.com"}, wantErr: []string{"plain http"}},
		{name: "malformed url", model: func(m *ProcessOutProviderModel) { m.MembraneAPIURL = types.StringValue("not a url") },
			env: map[string]string{"MEMBRANE_ACCESS_TOKEN": "t"}, wantErr: []string{"membrane_api_url", "not an absolute http(s) URL"}},
		{name: "bad timeout", model: func(m *ProcessOutProviderModel) { m.RequestTimeout = types.StringValue("soon") },
			env: map[string]string{"MEMBRANE_ACCESS_TOKEN": "t"}, wantErr: []string{"request_timeout must be a positive Go duration"}},
		{name: "actions with the direct transport", model: func(m *ProcessOutProviderModel) {
			m.MembraneActions = types.MapValueMust(types.StringType, map[string]attr.Value{"customer.list": types.StringValue("list-customers")})
		}, env: map[string]string{"PROCESSOUT_PROJECT_ID": "p", "PROCESSOUT_PROJECT_SECRET": "s"}, wantErr: []string{"membrane_actions", "project_id (from PROCESSOUT_PROJECT_ID)"}},
		{name: "unknown operation", model: func(m *ProcessOutProviderModel) {
			m.MembraneActions = types.MapValueMust(types.StringType, map[string]attr.Value{"customers.list": types.StringValue("list-customers")})
		}, env: map[string]string{"MEMBRANE_ACCESS_TOKEN": "t"}, wantErr: []string{`"customers.list" is not an operation of the provider`, "customer.list"}},
		{name: "project writes routed to an action", model: func(m *ProcessOutProviderModel) {
			m.MembraneActions = types.MapValueMust(types.StringType, map[string]attr.Value{"project.delete": types.StringValue("delete-project")})
		}, env: map[string]string{"MEMBRANE_ACCESS_TOKEN": "t"}, wantErr: []string{"project.delete is always sent straight to ProcessOut (processout_api_url)", `Remove "project.delete" from membrane_actions`}},
		{name: "bad retries", model: func(m *ProcessOutProviderModel) { m.MaxRetries = types.Int64Value(-1) },
			env: map[string]string{"MEMBRANE_ACCESS_TOKEN": "t"}, wantErr: []string{"max_retries must be between 0 and 50"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := emptyModel()
			if tc.model != nil {
				tc.model(&m)
			}
			var diags diag.Diagnostics
			cfg, ok := resolveSettings(m, envOf(tc.env), &diags)
			var details []string
			for _, d := range diags.Errors() {
				details = append(details, d.Summary()+": "+d.Detail())
			}
			all := strings.Join(details, "\n")
			if len(tc.wantErr) == 0 {
				if !ok || diags.HasError() || cfg.transport != tc.transport {
					t.Fatalf("ok=%t transport=%q diags:\n%s", ok, cfg.transport, all)
				}
				return
			}
			if ok {
				t.Fatalf("accepted, want errors mentioning %q", tc.wantErr)
			}
			for _, want := range tc.wantErr {
				if !strings.Contains(all, want) {
					t.Errorf("diagnostics do not mention %q:\n%s", want, all)
				}
			}
		})
	}
}

func TestUnknownSettingsDeferConfiguration(t *testing.T) {
	m := emptyModel()
	m.ConnectionID = types.StringUnknown()
	var diags diag.Diagnostics
	if _, ok := resolveSettings(m, envOf(nil), &diags); ok || diags.HasError() {
		t.Fatalf("ok=%t diags=%v: an unknown setting should defer configuration quietly", ok, diags)
	}
}

// TestSettingValidators: a bad value in the provider block is refused by the
// schema at validate time, at its attribute, with the same words as the
// check of resolveSettings (one rule for the block and the environment).
func TestSettingValidators(t *testing.T) {
	ctx := context.Background()
	srv := providerserver.NewProtocol6(New("test")())()
	schemaResp, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemaResp.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %v %v", err, schemaResp.Diagnostics)
	}
	objType, ok := schemaResp.Provider.ValueType().(tftypes.Object)
	if !ok {
		t.Fatalf("the provider schema is a %T", schemaResp.Provider.ValueType())
	}
	cases := []struct {
		attr  string
		value any // string or int64
		model func(*ProcessOutProviderModel)
		want  string // the detail; "" when the value is accepted
	}{
		{"max_retries", int64(99), func(m *ProcessOutProviderModel) { m.MaxRetries = types.Int64Value(99) },
			"max_retries must be between 0 and 50, got 99."},
		{"max_retries", int64(-1), func(m *ProcessOutProviderModel) { m.MaxRetries = types.Int64Value(-1) },
			"max_retries must be between 0 and 50, got -1."},
		{"max_retries", int64(0), func(m *ProcessOutProviderModel) { m.MaxRetries = types.Int64Value(0) }, ""},
		{"request_timeout", "soon", func(m *ProcessOutProviderModel) { m.RequestTimeout = types.StringValue("soon") },
			`request_timeout must be a positive Go duration such as "30s" or "2m", got "soon".`},
		{"request_timeout", "-5s", func(m *ProcessOutProviderModel) { m.RequestTimeout = types.StringValue("-5s") },
			`request_timeout must be a positive Go duration such as "30s" or "2m", got "-5s".`},
		{"request_timeout", "", func(m *ProcessOutProviderModel) { m.RequestTimeout = types.StringValue("") }, ""},
		{"request_timeout", "2m", func(m *ProcessOutProviderModel) { m.RequestTimeout = types.StringValue("2m") }, ""},
		{"membrane_api_url", "not a url", func(m *ProcessOutProviderModel) { m.MembraneAPIURL = types.StringValue("not a url") },
			`membrane_api_url: "not a url" is not an absolute http(s) URL such as https://api.example.com.`},
		{"membrane_api_url", "http://127.0.0.1:1", func(m *ProcessOutProviderModel) { m.MembraneAPIURL = types.StringValue("http://127.0.0.1:1") }, ""},
		{"processout_api_url", "http://api.example.com", func(m *ProcessOutProviderModel) { m.ProcessOutAPIURL = types.StringValue("http://api.example.com") },
			`processout_api_url: "http://api.example.com" uses plain http to a non-loopback host; use https (plain http is only accepted for localhost).`},
		{"retry_budget", "500ms", func(m *ProcessOutProviderModel) { m.RetryBudget = types.StringValue("500ms") },
			`retry_budget must be at least 1s, the least time an attempt is given, got "500ms".`},
		{"retry_budget", "0s", func(m *ProcessOutProviderModel) { m.RetryBudget = types.StringValue("0s") },
			`retry_budget must be a positive Go duration such as "30s" or "2m", got "0s".`},
		{"retry_budget", "3s", func(m *ProcessOutProviderModel) { m.RetryBudget = types.StringValue("3s") }, ""},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s=%v", tc.attr, tc.value), func(t *testing.T) {
			attrs := map[string]tftypes.Value{}
			for name, typ := range objType.AttributeTypes {
				attrs[name] = tftypes.NewValue(typ, nil)
			}
			attrs[tc.attr] = tftypes.NewValue(objType.AttributeTypes[tc.attr], tc.value)
			config, err := tfprotov6.NewDynamicValue(objType, tftypes.NewValue(objType, attrs))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := srv.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: &config})
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" {
				if len(resp.Diagnostics) > 0 {
					t.Fatalf("refused: %s: %s", resp.Diagnostics[0].Summary, resp.Diagnostics[0].Detail)
				}
				return
			}
			if len(resp.Diagnostics) != 1 {
				t.Fatalf("want one diagnostic, got %d: %v", len(resp.Diagnostics), resp.Diagnostics)
			}
			d := resp.Diagnostics[0]
			if d.Summary != "Invalid "+tc.attr || d.Detail != tc.want || !d.Attribute.Equal(tftypes.NewAttributePath().WithAttributeName(tc.attr)) {
				t.Fatalf("got %q: %q at %v, want %q at %s", d.Summary, d.Detail, d.Attribute, tc.want, tc.attr)
			}
			// resolveSettings, which checks values from the environment,
			// applies the same rule to it with the same words.
			m := emptyModel()
			tc.model(&m)
			env := map[string]string{"MEMBRANE_ACCESS_TOKEN": "t"}
			if tc.attr == "processout_api_url" {
				env = map[string]string{"PROCESSOUT_PROJECT_ID": "p", "PROCESSOUT_PROJECT_SECRET": "s"}
			}
			var diags diag.Diagnostics
			resolveSettings(m, envOf(env), &diags)
			if !slices.ContainsFunc(diags.Errors(), func(e diag.Diagnostic) bool { return e.Summary() == d.Summary && e.Detail() == d.Detail }) {
				t.Fatalf("resolveSettings words it otherwise: %v", diags)
			}
		})
	}
}

// TestSettingFields: each declared setting reads the model field that
// carries its attribute, and the model has no other field.
func TestSettingFields(t *testing.T) {
	typ := reflect.TypeOf(ProcessOutProviderModel{})
	if typ.NumField() != len(providerSettings) {
		t.Fatalf("the model has %d fields, %d settings are declared", typ.NumField(), len(providerSettings))
	}
	unknown := map[reflect.Type]attr.Value{
		reflect.TypeOf(types.String{}): types.StringUnknown(),
		reflect.TypeOf(types.Int64{}):  types.Int64Unknown(),
		reflect.TypeOf(types.Map{}):    types.MapUnknown(types.StringType),
	}
	for i := range typ.NumField() {
		f := typ.Field(i)
		m := emptyModel()
		reflect.ValueOf(&m).Elem().Field(i).Set(reflect.ValueOf(unknown[f.Type]))
		for _, s := range providerSettings {
			if got, want := s.field(&m).IsUnknown(), s.attr == f.Tag.Get("tfsdk"); got != want {
				t.Errorf("setting %s reads field %s (tfsdk %q): %t, want %t", s.attr, f.Name, f.Tag.Get("tfsdk"), got, want)
			}
		}
	}
}

// TestProviderEnvironmentIsComplete: the bad-input suite's list of the
// provider's variables is every variable a setting declares.
func TestProviderEnvironmentIsComplete(t *testing.T) {
	var declared []string
	for _, s := range providerSettings {
		declared = append(declared, s.env...)
	}
	slices.Sort(declared)
	listed := slices.Sorted(slices.Values(providerEnvironment))
	if !slices.Equal(declared, listed) {
		t.Fatalf("declared %v, providerEnvironment lists %v", declared, listed)
	}
}

// TestProcessOutURLUnderMembrane: processout_api_url, where supervised
// projects are reached as themselves, resolves under Membrane too, from the
// block or the environment, and its default is ProcessOut's API.
func TestProcessOutURLUnderMembrane(t *testing.T) {
	for name, tc := range map[string]struct {
		model func(*ProcessOutProviderModel)
		env   map[string]string
		want  string
	}{
		"default":     {env: map[string]string{"MEMBRANE_ACCESS_TOKEN": "t"}, want: "https://api.processout.com"},
		"environment": {env: map[string]string{"MEMBRANE_ACCESS_TOKEN": "t", "PROCESSOUT_API_URL": "http://127.0.0.1:9"}, want: "http://127.0.0.1:9"},
		"block": {model: func(m *ProcessOutProviderModel) { m.ProcessOutAPIURL = types.StringValue("https://po.example.com") },
			env: map[string]string{"MEMBRANE_ACCESS_TOKEN": "t"}, want: "https://po.example.com"},
	} {
		t.Run(name, func(t *testing.T) {
			m := emptyModel()
			if tc.model != nil {
				tc.model(&m)
			}
			var diags diag.Diagnostics
			cfg, ok := resolveSettings(m, envOf(tc.env), &diags)
			if !ok || cfg.transport != transportMembrane || cfg.processoutURL == nil || cfg.processoutURL.String() != tc.want {
				t.Fatalf("ok=%t transport=%q processout URL %v, want %s; diags %v", ok, cfg.transport, cfg.processoutURL, tc.want, diags)
			}
		})
	}
}
