package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// Unit tests of the gateway configuration's plan logic: they run the
// resource's ModifyPlan on plans built from its own schema, without a CLI.

func gatewayConfigurationSchema(t *testing.T) resource.SchemaResponse {
	t.Helper()
	var resp resource.SchemaResponse
	(&GatewayConfigurationResource{}).Schema(context.Background(), resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", resp.Diagnostics)
	}
	return resp
}

// storedStripeConfiguration is a configuration as state holds it after an
// apply with settings_wo version 1.
func storedStripeConfiguration() GatewayConfigurationResourceModel {
	null := types.StringNull()
	return GatewayConfigurationResourceModel{
		gatewayConfigurationAttributes: gatewayConfigurationAttributes{
			ID: types.StringValue("gway_conf_1"), GatewayName: types.StringValue("stripe"), GatewayID: types.Int64Value(6),
			Name: types.StringValue("Stripe"), Enabled: types.BoolValue(true), EnabledAt: types.StringValue("2026-01-02T03:04:05Z"),
			DefaultCurrency: types.StringValue("USD"), ProcessingRegion: null, MerchantAccountCountryCode: types.StringValue("US"),
			Metadata: types.MapNull(types.StringType), SubAccountsEnabled: types.SetNull(types.StringType),
			PublicKeys: stringMapValue(map[string]string{"public_key": "pk_test_public"}),
			Sandbox:    types.BoolValue(true), ProjectID: types.StringValue("proj_1"), CreatedAt: types.StringValue("2026-01-01T00:00:00Z"),
		},
		Settings: types.MapNull(types.StringType), SettingsWO: types.MapNull(types.StringType), SettingsWOVersion: types.Int64Value(1),
	}
}

// planAfterEdit is what the framework plans from the stored configuration
// after an edit: the computed attributes without UseStateForUnknown unknown.
func planAfterEdit(stored GatewayConfigurationResourceModel, edit func(*GatewayConfigurationResourceModel)) GatewayConfigurationResourceModel {
	plan := stored
	plan.PublicKeys = types.MapUnknown(types.StringType)
	plan.EnabledAt = types.StringUnknown()
	plan.MerchantAccountCountryCode = types.StringUnknown()
	edit(&plan)
	return plan
}

func runModifyPlan(t *testing.T, data *providerData, state, plan, config *GatewayConfigurationResourceModel) (GatewayConfigurationResourceModel, diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	sch := gatewayConfigurationSchema(t).Schema
	set := func(m *GatewayConfigurationResourceModel) tfsdk.Plan {
		p := tfsdk.Plan{Schema: sch, Raw: tftypes.NewValue(sch.Type().TerraformType(ctx), nil)}
		if m != nil {
			if len(m.Timeouts.AttributeTypes(ctx)) == 0 { // a model without timeouts: none set
				withNull := *m
				withNull.Timeouts = nullTimeouts()
				m = &withNull
			}
			if d := p.Set(ctx, m); d.HasError() {
				t.Fatalf("building a plan: %v", d)
			}
		}
		return p
	}
	statePlan, planPlan, configPlan := set(state), set(plan), set(config)
	req := resource.ModifyPlanRequest{
		State:  tfsdk.State{Schema: sch, Raw: statePlan.Raw},
		Plan:   planPlan,
		Config: tfsdk.Config{Schema: sch, Raw: configPlan.Raw},
	}
	resp := resource.ModifyPlanResponse{Plan: req.Plan}
	r := &GatewayConfigurationResource{configured{data: data}}
	r.ModifyPlan(ctx, req, &resp)
	var got GatewayConfigurationResourceModel
	if !resp.Diagnostics.HasError() {
		if d := resp.Plan.Get(ctx, &got); d.HasError() {
			t.Fatalf("reading the plan: %v", d)
		}
	}
	return got, resp.Diagnostics
}

// catalogData is provider data whose gateway catalog is already loaded, so
// ModifyPlan makes no call.
func catalogData() *providerData {
	data := &providerData{}
	data.gateways.gateways = map[string]processout.Gateway{
		"stripe": {Name: "stripe", RequiredSettings: []string{"secret_key"}, OptionalSettings: []string{"public_key"}},
	}
	return data
}

func TestModifyPlanKeepsCredentialFollowersWhenCredentialsStay(t *testing.T) {
	stored := storedStripeConfiguration()
	plan := planAfterEdit(stored, func(m *GatewayConfigurationResourceModel) { m.Name = types.StringValue("Stripe EU") })
	got, diags := runModifyPlan(t, nil, &stored, &plan, &plan)
	if diags.HasError() {
		t.Fatalf("diagnostics: %v", diags)
	}
	if !got.PublicKeys.Equal(stored.PublicKeys) || !got.MerchantAccountCountryCode.Equal(stored.MerchantAccountCountryCode) {
		t.Errorf("public_keys %v, merchant_account_country_code %v: want the stored %v and %v", got.PublicKeys, got.MerchantAccountCountryCode,
			stored.PublicKeys, stored.MerchantAccountCountryCode)
	}
	if !got.EnabledAt.Equal(stored.EnabledAt) {
		t.Errorf("enabled_at %v, want the stored %v: enabled did not change", got.EnabledAt, stored.EnabledAt)
	}
}

func TestModifyPlanLeavesFollowersUnknownWhenTheyMayChange(t *testing.T) {
	stored := storedStripeConfiguration()
	plan := planAfterEdit(stored, func(m *GatewayConfigurationResourceModel) {
		m.SettingsWOVersion = types.Int64Value(2)
		m.Enabled = types.BoolValue(false)
	})
	config := plan
	config.SettingsWO = stringMapValue(map[string]string{"secret_key": "sk_rotated"})
	got, diags := runModifyPlan(t, nil, &stored, &plan, &config)
	if diags.HasError() {
		t.Fatalf("diagnostics: %v", diags)
	}
	if !got.PublicKeys.IsUnknown() || !got.MerchantAccountCountryCode.IsUnknown() {
		t.Errorf("public_keys %v, merchant_account_country_code %v: want unknown, the credentials change", got.PublicKeys, got.MerchantAccountCountryCode)
	}
	if !got.EnabledAt.IsUnknown() {
		t.Errorf("enabled_at %v: want unknown, enabled changes", got.EnabledAt)
	}
}

func TestModifyPlanChecksCredentialKeysAgainstTheCatalog(t *testing.T) {
	for name, tc := range map[string]struct {
		settings map[string]string
		want     string // "" for no error
	}{
		"required key present":  {map[string]string{"secret_key": "sk"}, ""},
		"with an optional key":  {map[string]string{"secret_key": "sk", "public_key": "pk"}, ""},
		"required key missing":  {map[string]string{"public_key": "pk"}, "secret_key missing from settings_wo"},
		"key the gateway lacks": {map[string]string{"secret_key": "sk", "api_key": "x"}, "does not take api_key"},
		"no credentials at all": {map[string]string{}, "Missing gateway credentials"},
	} {
		t.Run(name, func(t *testing.T) {
			stored := storedStripeConfiguration()
			plan := planAfterEdit(stored, func(m *GatewayConfigurationResourceModel) { m.SettingsWOVersion = types.Int64Value(2) })
			config := plan
			config.SettingsWO = stringMapValue(tc.settings)
			_, diags := runModifyPlan(t, catalogData(), &stored, &plan, &config)
			if got := diagnosticsText(diags); (tc.want == "") != !diags.HasError() || !strings.Contains(got, tc.want) {
				t.Errorf("diagnostics %q, want one containing %q", got, tc.want)
			}
		})
	}
}

func TestModifyPlanRejectsAGatewayOutsideTheCatalog(t *testing.T) {
	plan := planAfterEdit(storedStripeConfiguration(), func(m *GatewayConfigurationResourceModel) {
		m.GatewayName = types.StringValue("strype")
		m.ID = types.StringUnknown()
	})
	config := plan
	config.SettingsWO = stringMapValue(map[string]string{"secret_key": "sk"})
	_, diags := runModifyPlan(t, catalogData(), nil, &plan, &config)
	if got := diagnosticsText(diags); !strings.Contains(got, `no gateway "strype". Known gateways: stripe.`) {
		t.Errorf("diagnostics %q, want the unknown gateway named with the known ones", got)
	}
}

func TestModifyPlanSkipsTheCatalogWhenNothingItChecksChanges(t *testing.T) {
	stored := storedStripeConfiguration()
	plan := planAfterEdit(stored, func(m *GatewayConfigurationResourceModel) { m.Name = types.StringValue("renamed") })
	data := &providerData{} // an empty catalog: loading it would need an API client and panic
	if _, diags := runModifyPlan(t, data, &stored, &plan, &plan); diags.HasError() {
		t.Fatalf("diagnostics: %v", diags)
	}
}

func diagnosticsText(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Summary() + ": " + d.Detail() + "\n")
	}
	return b.String()
}
