package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Unit tests of the credentials a gateway configuration's plan checks and
// its apply sends (sentCredentials), against the in-process emulator.

// newStripePlan is the plan of a new Stripe configuration, before the
// credentials are added.
func newStripePlan() GatewayConfigurationResourceModel {
	unknown := types.StringUnknown()
	return GatewayConfigurationResourceModel{
		gatewayConfigurationAttributes: gatewayConfigurationAttributes{
			ID: unknown, GatewayName: types.StringValue("stripe"), GatewayID: types.Int64Unknown(),
			Name: types.StringValue("Stripe"), Enabled: types.BoolValue(true), EnabledAt: unknown,
			DefaultCurrency: types.StringValue("EUR"), ProcessingRegion: types.StringValue("EEA"), MerchantAccountCountryCode: unknown,
			Metadata: types.MapNull(types.StringType), SubAccountsEnabled: types.SetNull(types.StringType),
			PublicKeys: types.MapUnknown(types.StringType), Sandbox: types.BoolUnknown(), ProjectID: unknown, CreatedAt: unknown,
		},
		Settings: types.MapNull(types.StringType), SettingsWO: types.MapNull(types.StringType), SettingsWOVersion: types.Int64Null(),
		Timeouts: nullTimeouts(),
	}
}

// runCreate runs the resource's Create and returns the ID it stored.
func runCreate(t *testing.T, data *providerData, plan, config GatewayConfigurationResourceModel) (string, diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	sch := gatewayConfigurationSchema(t).Schema
	p := tfsdk.Plan{Schema: sch}
	c := tfsdk.Plan{Schema: sch}
	if d := p.Set(ctx, plan); d.HasError() {
		t.Fatalf("building the plan: %v", d)
	}
	if d := c.Set(ctx, config); d.HasError() {
		t.Fatalf("building the configuration: %v", d)
	}
	req := resource.CreateRequest{Plan: p, Config: tfsdk.Config{Schema: sch, Raw: c.Raw}}
	resp := resource.CreateResponse{State: tfsdk.State{Schema: sch, Raw: tftypes.NewValue(sch.Type().TerraformType(ctx), nil)}}
	(&GatewayConfigurationResource{configured{data: data}}).Create(ctx, req, &resp)
	var created GatewayConfigurationResourceModel
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Get(ctx, &created)...)
	}
	return created.ID.ValueString(), resp.Diagnostics
}

// When settings and settings_wo both reach the provider (the schema refuses
// the two together, but waits while one of them is unknown, so a plan sees
// both), the plan used to check settings while the create sent settings_wo. Whichever of the two is wrong, the plan must refuse exactly
// the credentials the create would send.
func TestPlanAndCreatePickTheSameCredentials(t *testing.T) {
	good := map[string]string{"secret_key": "sk_test_good", "public_key": "pk_test"}
	bad := map[string]string{"public_key": "pk_test"} // Stripe needs secret_key
	for name, tc := range map[string]struct{ settings, settingsWO map[string]string }{
		"settings wrong, settings_wo right": {bad, good},
		"settings right, settings_wo wrong": {good, bad},
	} {
		t.Run(name, func(t *testing.T) {
			api, client := emulatedAPI()
			data := &providerData{api: client}
			plan := newStripePlan()
			plan.Settings = stringMapValue(tc.settings)
			config := plan
			config.SettingsWO = stringMapValue(tc.settingsWO)
			config.SettingsWOVersion = types.Int64Value(1)
			plan.SettingsWOVersion = types.Int64Value(1)

			_, planDiags := runModifyPlan(t, data, nil, &plan, &config)
			id, applyDiags := runCreate(t, data, plan, config)
			if planDiags.HasError() == !applyDiags.HasError() {
				t.Fatalf("the plan and the create disagree on the credentials:\nplan: %s\ncreate: %s", diagnosticsText(planDiags), diagnosticsText(applyDiags))
			}
			if planDiags.HasError() {
				if got := diagnosticsText(planDiags); !strings.Contains(got, "secret_key missing from settings_wo") {
					t.Errorf("plan diagnostics %q, want settings_wo named (the credentials the create sends)", got)
				}
				return
			}
			if got := api.ReceivedSettings(id)["secret_key"]; got != good["secret_key"] {
				t.Errorf("the emulator received secret_key %q, want settings_wo's", got)
			}
		})
	}
}

func TestSentCredentials(t *testing.T) {
	stored := storedStripeConfiguration() // settings_wo version 1
	withSettings := stored
	withSettings.Settings = stringMapValue(map[string]string{"secret_key": "sk"})
	wo := stringMapValue(map[string]string{"secret_key": "sk_wo"})
	for name, tc := range map[string]struct {
		plan, config GatewayConfigurationResourceModel
		prior        *GatewayConfigurationResourceModel
		want         string
	}{
		"create with settings_wo":              {plan: stored, config: withWO(stored, wo), want: "settings_wo"},
		"create with settings":                 {plan: withSettings, config: withSettings, want: "settings"},
		"create with none":                     {plan: newStripePlan(), config: newStripePlan(), want: ""},
		"settings_wo, same version":            {plan: stored, config: withWO(stored, wo), prior: &stored, want: ""},
		"settings_wo, new version":             {plan: withVersion(stored, 2), config: withWO(withVersion(stored, 2), wo), prior: &stored, want: "settings_wo"},
		"settings_wo and its version removed":  {plan: withVersion(stored, 0), config: withVersion(stored, 0), prior: &stored, want: ""},
		"settings unchanged":                   {plan: withSettings, config: withSettings, prior: &withSettings, want: ""},
		"settings removed":                     {plan: withVersion(stored, 0), config: withVersion(stored, 0), prior: &withSettings, want: ""},
		"settings_wo and settings, both given": {plan: withSettings, config: withWO(withSettings, wo), want: "settings_wo"},
	} {
		t.Run(name, func(t *testing.T) {
			if got := sentCredentials(tc.plan, tc.config, tc.prior).attr; got != tc.want {
				t.Errorf("credentials sent from %q, want %q", got, tc.want)
			}
		})
	}
}

func withWO(m GatewayConfigurationResourceModel, wo types.Map) GatewayConfigurationResourceModel {
	m.SettingsWO = wo
	return m
}

// withVersion sets settings_wo_version (0: null).
func withVersion(m GatewayConfigurationResourceModel, v int64) GatewayConfigurationResourceModel {
	m.SettingsWOVersion = types.Int64Value(v)
	if v == 0 {
		m.SettingsWOVersion = types.Int64Null()
	}
	return m
}

// Removing the credentials from an existing configuration plans an update
// that sends none: no error, the followers of the credentials kept, and
// one warning that they stay on ProcessOut.
func TestModifyPlanLetsCredentialsGo(t *testing.T) {
	withSettings := storedStripeConfiguration()
	withSettings.SettingsWOVersion = types.Int64Null()
	withSettings.Settings = stringMapValue(map[string]string{"secret_key": "sk", "public_key": "pk"})
	for name, stored := range map[string]GatewayConfigurationResourceModel{
		"settings_wo and settings_wo_version": storedStripeConfiguration(),
		"settings":                            withSettings,
	} {
		t.Run(name, func(t *testing.T) {
			plan := planAfterEdit(stored, func(m *GatewayConfigurationResourceModel) {
				m.Settings = types.MapNull(types.StringType)
				m.SettingsWOVersion = types.Int64Null()
			})
			got, diags := runModifyPlan(t, catalogData(), &stored, &plan, &plan)
			if diags.HasError() || diags.WarningsCount() != 1 {
				t.Fatalf("diagnostics %q, want exactly one warning", diagnosticsText(diags))
			}
			if w := diagnosticsText(diags); !strings.Contains(w, name+" ") || !strings.Contains(w, "the ones ProcessOut holds stay as they are, and Terraform no longer manages them") {
				t.Errorf("warning %q, want one naming %s and saying the credentials stay on ProcessOut", w, name)
			}
			if !got.PublicKeys.Equal(stored.PublicKeys) {
				t.Errorf("public_keys %v, want the stored %v: no credentials are sent", got.PublicKeys, stored.PublicKeys)
			}
		})
	}
}

func TestModifyPlanRefusesANewConfigurationWithoutCredentials(t *testing.T) {
	plan := newStripePlan()
	_, diags := runModifyPlan(t, catalogData(), nil, &plan, &plan)
	if got := diagnosticsText(diags); !strings.Contains(got, "Missing gateway credentials: The stripe gateway needs credentials with the keys secret_key") {
		t.Errorf("diagnostics %q, want the missing credentials", got)
	}
}

func TestEmptyCredentialValues(t *testing.T) {
	ctx := context.Background()
	known := stringMapValue(map[string]string{"secret_key": "", "public_key": "pk", "api_key": "  "})
	withUnknown := types.MapValueMust(types.StringType, map[string]attr.Value{"secret_key": types.StringUnknown()})
	t.Run("validator", func(t *testing.T) {
		for _, tc := range []struct {
			value types.Map
			want  string
		}{
			{known, `settings_wo["api_key"] is blank (only white space).` + "\n" + `settings_wo["secret_key"] is empty.`},
			{withUnknown, ""}, // checked again at apply
		} {
			var resp validator.MapResponse
			credentialValues{}.ValidateMap(ctx, validator.MapRequest{Path: path.Root("settings_wo"), ConfigValue: tc.value}, &resp)
			var got []string
			for _, d := range resp.Diagnostics {
				got = append(got, strings.SplitAfter(d.Detail(), ".")[0])
			}
			if strings.Join(got, "\n") != tc.want {
				t.Errorf("diagnostics %q, want %q", got, tc.want)
			}
		}
	})
	t.Run("at apply", func(t *testing.T) {
		var diags diag.Diagnostics
		if sent := (credentialsSent{attr: "settings_wo", value: known}).send(ctx, &diags); sent != nil {
			t.Errorf("sent %d credentials with empty values", len(sent))
		}
		want := path.Root("settings_wo").AtMapKey("secret_key")
		found := false
		for _, d := range diags {
			if wp, ok := d.(diag.DiagnosticWithPath); ok && wp.Path().Equal(want) {
				found = true
			}
		}
		if !found {
			t.Errorf("diagnostics %q, want one at %s", diagnosticsText(diags), want)
		}
	})
}
