package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func envOf(vars map[string]string) envLookup {
	return func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
}

func emptyModel() ProcessOutProviderModel {
	n := types.StringNull()
	return ProcessOutProviderModel{n, n, n, n, n, n, n, n, n, types.MapNull(types.StringType), types.Int64Null(), n}
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
