package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// ModifyPlan implements resource.ResourceWithModifyPlan. It keeps the
// computed attributes that only change with the credentials or the enabled
// flag, and checks the gateway and its credential keys against the catalog
// at plan time.
func (r *GatewayConfigurationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	if req.Plan.Raw.Equal(req.State.Raw) {
		// Unchanged (the framework marks nothing unknown then): nothing to
		// keep or check, and no model to decode, for every object of a
		// no-change plan.
		return
	}
	var plan, config GatewayConfigurationResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	creating := req.State.Raw.IsNull()
	credentialsChange := creating
	gatewayChange := creating
	if !creating {
		var state GatewayConfigurationResourceModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if resp.Diagnostics.HasError() {
			return
		}
		credentialsChange = !plan.Settings.Equal(state.Settings) || !plan.SettingsWOVersion.Equal(state.SettingsWOVersion)
		gatewayChange = !plan.GatewayName.Equal(state.GatewayName)
		if !credentialsChange && !gatewayChange {
			plan.PublicKeys = state.PublicKeys
			plan.MerchantAccountCountryCode = state.MerchantAccountCountryCode
		}
		if plan.Enabled.Equal(state.Enabled) && !gatewayChange {
			plan.EnabledAt = state.EnabledAt
		}
		resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
	}
	if (!credentialsChange && !gatewayChange) || r.data == nil || plan.GatewayName.IsUnknown() {
		return
	}
	gateways, err := r.data.gateways.load(ctx, r.data.api)
	if err != nil {
		resp.Diagnostics.AddWarning("Gateway catalog unavailable",
			fmt.Sprintf("The gateway name and credential keys could not be checked at plan time (%v); ProcessOut will check them at apply.", err))
		return
	}
	gateway, ok := gateways[plan.GatewayName.ValueString()]
	if !ok {
		resp.Diagnostics.AddAttributeError(path.Root("gateway_name"), "Unknown gateway",
			fmt.Sprintf("ProcessOut's catalog has no gateway %q. Known gateways: %s.", plan.GatewayName.ValueString(), strings.Join(gatewayNames(gateways), ", ")))
		return
	}
	attr, keys, known := credentialKeys(plan, config)
	if known && credentialsChange {
		checkCredentialKeys(gateway, attr, keys, resp)
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

func checkCredentialKeys(g processout.Gateway, attr string, keys []string, resp *resource.ModifyPlanResponse) {
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
		resp.Diagnostics.AddAttributeError(path.Root("settings_wo"), "Missing gateway credentials",
			fmt.Sprintf("The %s gateway needs credentials with the keys %s. Set settings_wo (with settings_wo_version) or, on CLIs without write-only attributes, settings.",
				g.Name, strings.Join(g.RequiredSettings, ", ")))
		return
	}
	if len(missing) > 0 {
		resp.Diagnostics.AddAttributeError(path.Root(attr), "Missing gateway credential keys",
			fmt.Sprintf("The %s gateway needs %s; %s missing from %s.", g.Name, strings.Join(g.RequiredSettings, ", "), strings.Join(missing, ", "), attr))
	}
	if len(unknown) > 0 {
		resp.Diagnostics.AddAttributeError(path.Root(attr), "Unknown gateway credential keys",
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
