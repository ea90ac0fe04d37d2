package provider

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// credentialsSent is what a create or an update sends as the gateway's
// credentials: the attribute they come from and its map. An empty attr means
// none are sent, and ProcessOut keeps the credentials it holds.
type credentialsSent struct {
	attr  string    // "settings_wo", "settings" or ""
	value types.Map // unknown while planning if the configuration does not know it yet
}

// sentCredentials decides which credentials go to ProcessOut. It is the one
// decision: the plan checks what it returns, and the create and the update
// send what it returns, so the two cannot disagree. prior is the stored
// configuration, nil for a new one (a create, or a replacement).
//
// settings_wo comes first (the schema lets only one of them be set; a value
// that slips past while unknown must still pick one, the same one everywhere).
// A new configuration gets the credentials the configuration gives. An update
// sends settings_wo when settings_wo_version changes, and settings when they
// change, except to null: an update carrying no credentials leaves
// ProcessOut's as they are, which is all that removing them from the
// configuration can mean, since ProcessOut cannot be told to forget them.
func sentCredentials(plan, config GatewayConfigurationResourceModel, prior *GatewayConfigurationResourceModel) credentialsSent {
	switch {
	case !config.SettingsWO.IsNull() && (prior == nil || !plan.SettingsWOVersion.Equal(prior.SettingsWOVersion)):
		return credentialsSent{attr: "settings_wo", value: config.SettingsWO}
	case !plan.Settings.IsNull() && (prior == nil || !plan.Settings.Equal(prior.Settings)):
		return credentialsSent{attr: "settings", value: plan.Settings}
	}
	return credentialsSent{}
}

// none reports whether no credentials are sent.
func (c credentialsSent) none() bool { return c.attr == "" }

// keys returns the credential keys in order; known is false while the map is
// not known yet.
func (c credentialsSent) keys() (keys []string, known bool) {
	if c.value.IsNull() || c.value.IsUnknown() {
		return nil, !c.value.IsUnknown()
	}
	for k := range c.value.Elements() {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys, true
}

// send returns the credentials to put in the request, nil for none, after
// checking at apply, when every value is known, that none is empty.
func (c credentialsSent) send(ctx context.Context, diags *diag.Diagnostics) map[string]string {
	if c.none() {
		return nil
	}
	checkCredentialValues(path.Root(c.attr), c.value, diags)
	if diags.HasError() {
		return nil
	}
	return stringMap(ctx, c.value, diags)
}

// stopsManaging reports whether the configuration drops the credentials
// Terraform managed: the stored configuration had settings or a
// settings_wo_version, the new one has neither. It returns the attribute the
// credentials were given in.
func stopsManaging(plan, state GatewayConfigurationResourceModel) (string, bool) {
	if !plan.Settings.IsNull() || !plan.SettingsWOVersion.IsNull() {
		return "", false
	}
	switch {
	case !state.SettingsWOVersion.IsNull():
		return "settings_wo", true
	case !state.Settings.IsNull():
		return "settings", true
	}
	return "", false
}

// warnCredentialsLeftOnProcessOut says, once per plan of the resource, that
// the credentials removed from the configuration stay on ProcessOut.
func warnCredentialsLeftOnProcessOut(attr string, diags *diag.Diagnostics) {
	given := "settings is"
	if attr == "settings_wo" {
		given = "settings_wo and settings_wo_version are"
	}
	diags.AddAttributeWarning(path.Root(attr), "Gateway credentials no longer managed by Terraform",
		fmt.Sprintf("%s no longer in the configuration, so the update sends no credentials: the ones ProcessOut holds stay as they are, "+
			"and Terraform no longer manages them. To manage them again, set settings_wo with a new settings_wo_version (or settings); "+
			"to remove them from ProcessOut, destroy the gateway configuration.", given))
}

// checkGatewayAndCredentials checks, at plan time, that the gateway is in
// ProcessOut's catalog, that the credentials sent have the keys the gateway
// takes, and that a new configuration of a gateway that needs credentials
// gets some. Without the catalog it only warns: ProcessOut checks them at
// apply.
func checkGatewayAndCredentials(ctx context.Context, data *providerData, gatewayName string, sent credentialsSent, newConfiguration bool, diags *diag.Diagnostics) {
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
	gateway, ok := gateways[gatewayName]
	if !ok {
		diags.AddAttributeError(path.Root("gateway_name"), "Unknown gateway",
			fmt.Sprintf("ProcessOut's catalog has no gateway %q. Known gateways: %s.", gatewayName, strings.Join(gatewayNames(gateways), ", ")))
		return
	}
	if sent.none() {
		if newConfiguration {
			checkCredentialKeys(gateway, "settings_wo", nil, diags)
		}
		return
	}
	if keys, known := sent.keys(); known {
		checkCredentialKeys(gateway, sent.attr, keys, diags)
	}
}

// checkCredentialKeys reports the keys the gateway needs that attr lacks,
// and those it does not take.
func checkCredentialKeys(g processout.Gateway, attr string, keys []string, diags *diag.Diagnostics) {
	var missing, unknown []string
	for _, k := range g.RequiredSettings {
		if !slices.Contains(keys, k) {
			missing = append(missing, k)
		}
	}
	for _, k := range keys {
		if !slices.Contains(g.RequiredSettings, k) && !slices.Contains(g.OptionalSettings, k) {
			unknown = append(unknown, k)
		}
	}
	if len(keys) == 0 && len(missing) > 0 {
		diags.AddAttributeError(path.Root(attr), "Missing gateway credentials",
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
