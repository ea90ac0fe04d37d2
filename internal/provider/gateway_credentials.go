package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// checkGatewayAndCredentials checks, at plan time, that the gateway is in
// ProcessOut's catalog and, when the credentials change, that their keys are
// those the gateway takes. Without the catalog it only warns: ProcessOut
// checks them at apply.
func checkGatewayAndCredentials(ctx context.Context, data *providerData, plan, config GatewayConfigurationResourceModel, credentialsChange bool, diags *diag.Diagnostics) {
	gateways, err := data.gateways.load(ctx, data.api)
	if unserved, first := data.gateways.firstUnservedWarning(); unserved {
		if first {
			diags.AddWarning("Gateway catalog not served: plan-time checks off",
				fmt.Sprintf("%v\nProcessOut publishes no API for its gateway catalog, and it is not served here, so in this run no gateway_name or "+
					"credential keys of processout_gateway_configuration are checked at plan time; ProcessOut checks them at apply, "+
					"and creates and updates proceed. To have them checked, route gateway.list to a Membrane action with the provider's membrane_actions setting.", err))
		}
		return
	}
	if err != nil {
		diags.AddWarning("Gateway catalog unavailable",
			fmt.Sprintf("The gateway name and credential keys could not be checked at plan time (%v); ProcessOut will check them at apply.", err))
		return
	}
	gateway, ok := gateways[plan.GatewayName.ValueString()]
	if !ok {
		diags.AddAttributeError(path.Root("gateway_name"), "Unknown gateway",
			fmt.Sprintf("ProcessOut's catalog has no gateway %q. Known gateways: %s.", plan.GatewayName.ValueString(), strings.Join(gatewayNames(gateways), ", ")))
		return
	}
	attr, keys, known := credentialKeys(plan, config)
	if known && credentialsChange {
		checkCredentialKeys(gateway, attr, keys, diags)
	}
}

// credentialKeys returns the attribute holding the credentials and its keys;
// known is false while the map is not known yet.
func credentialKeys(plan, config GatewayConfigurationResourceModel) (string, []string, bool) {
	attr, value := "settings_wo", config.SettingsWO
	if !plan.Settings.IsNull() {
		attr, value = "settings", plan.Settings
	}
	if value.IsUnknown() {
		return attr, nil, false
	}
	keys := make([]string, 0, len(value.Elements()))
	for k := range value.Elements() {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return attr, keys, true
}

// checkCredentialKeys reports the keys the gateway needs that attr lacks,
// and those it does not take.
func checkCredentialKeys(g processout.Gateway, attr string, keys []string, diags *diag.Diagnostics) {
	have := map[string]bool{}
	for _, k := range keys {
		have[k] = true
	}
	allowed := map[string]bool{}
	var missing []string
	for _, k := range g.RequiredSettings {
		allowed[k] = true
		if !have[k] {
			missing = append(missing, k)
		}
	}
	for _, k := range g.OptionalSettings {
		allowed[k] = true
	}
	var unknown []string
	for _, k := range keys {
		if !allowed[k] {
			unknown = append(unknown, k)
		}
	}
	if len(keys) == 0 && len(missing) > 0 {
		diags.AddAttributeError(path.Root("settings_wo"), "Missing gateway credentials",
			fmt.Sprintf("The %s gateway needs credentials with the keys %s. Set settings_wo (with settings_wo_version) or, on CLIs without write-only attributes, settings.",
				g.Name, strings.Join(g.RequiredSettings, ", ")))
		return
	}
	if len(missing) > 0 {
		diags.AddAttributeError(path.Root(attr), "Missing gateway credential keys",
			fmt.Sprintf("The %s gateway needs %s; %s missing from %s.", g.Name, strings.Join(g.RequiredSettings, ", "), strings.Join(missing, ", "), attr))
	}
	if len(unknown) > 0 {
		diags.AddAttributeError(path.Root(attr), "Unknown gateway credential keys",
			fmt.Sprintf("The %s gateway does not take %s. Its keys are: required %s; optional %s.", g.Name, strings.Join(unknown, ", "),
				listOrNone(g.RequiredSettings), listOrNone(g.OptionalSettings)))
	}
}

func listOrNone(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	return strings.Join(items, ", ")
}
