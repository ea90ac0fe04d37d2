package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Removing the credentials from a configuration sends none: ProcessOut
// keeps those it holds, so the plan asks for none (on create only are they
// required), and the public keys they give stay as stored.
func TestModifyPlanAllowsRemovingTheCredentials(t *testing.T) {
	withSettings := storedStripeConfiguration()
	withSettings.SettingsWOVersion = types.Int64Null()
	withSettings.Settings = stringMapValue(map[string]string{"secret_key": "sk_test_stored"})
	for name, stored := range map[string]GatewayConfigurationResourceModel{
		"settings_wo and settings_wo_version": storedStripeConfiguration(),
		"settings":                            withSettings,
	} {
		t.Run(name, func(t *testing.T) {
			plan := planAfterEdit(stored, func(m *GatewayConfigurationResourceModel) {
				m.Settings, m.SettingsWOVersion = types.MapNull(types.StringType), types.Int64Null()
			})
			got, diags := runModifyPlan(t, catalogData(), &stored, &plan, &plan)
			if diags.HasError() {
				t.Fatalf("diagnostics: %v", diags)
			}
			if !got.PublicKeys.Equal(stored.PublicKeys) || !got.MerchantAccountCountryCode.Equal(stored.MerchantAccountCountryCode) {
				t.Errorf("public_keys %v, merchant_account_country_code %v: want the stored %v and %v, no credentials are sent",
					got.PublicKeys, got.MerchantAccountCountryCode, stored.PublicKeys, stored.MerchantAccountCountryCode)
			}
		})
	}
}
