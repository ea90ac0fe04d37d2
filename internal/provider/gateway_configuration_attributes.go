package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// gatewayConfigurationAttributes are a gateway configuration's values as
// Terraform holds them: the processout_gateway_configuration resource's model
// embeds them, and they are the state of the processout_gateway_configuration
// data source and one element of processout_gateway_configurations. The
// credentials are write-only in ProcessOut and never part of them.
type gatewayConfigurationAttributes struct {
	ID                         types.String `tfsdk:"id"`
	GatewayName                types.String `tfsdk:"gateway_name"`
	GatewayID                  types.Int64  `tfsdk:"gateway_id"`
	Name                       types.String `tfsdk:"name"`
	Enabled                    types.Bool   `tfsdk:"enabled"`
	EnabledAt                  types.String `tfsdk:"enabled_at"`
	DefaultCurrency            types.String `tfsdk:"default_currency"`
	ProcessingRegion           types.String `tfsdk:"processing_region"`
	MerchantAccountCountryCode types.String `tfsdk:"merchant_account_country_code"`
	Metadata                   types.Map    `tfsdk:"metadata"`
	SubAccountsEnabled         types.Set    `tfsdk:"sub_accounts_enabled"`
	PublicKeys                 types.Map    `tfsdk:"public_keys"`
	Sandbox                    types.Bool   `tfsdk:"sandbox"`
	ProjectID                  types.String `tfsdk:"project_id"`
	CreatedAt                  types.String `tfsdk:"created_at"`
}

// newGatewayConfigurationAttributes converts an API gateway configuration.
func newGatewayConfigurationAttributes(g *processout.GatewayConfiguration) gatewayConfigurationAttributes {
	gatewayID := types.Int64Null()
	if g.GatewayID != "" {
		gatewayID = types.Int64Value(g.GatewayID.Int())
	}
	return gatewayConfigurationAttributes{
		ID:                         types.StringValue(g.ID),
		GatewayName:                stringOrNull(g.GatewayName),
		GatewayID:                  gatewayID,
		Name:                       ptrStringOrNull(g.Name),
		Enabled:                    types.BoolValue(g.Enabled),
		EnabledAt:                  ptrTimeValue(g.EnabledAt),
		DefaultCurrency:            stringOrNull(g.DefaultCurrency),
		ProcessingRegion:           ptrStringOrNull(g.ProcessingRegion),
		MerchantAccountCountryCode: ptrStringOrNull(g.MerchantAccountCountryCode),
		Metadata:                   stringMapValue(g.Metadata),
		SubAccountsEnabled:         stringSetValue(g.SubAccountsEnabled),
		PublicKeys:                 stringMapValue(g.PublicKeys),
		Sandbox:                    types.BoolValue(g.Sandbox),
		ProjectID:                  stringOrNull(g.ProjectID),
		CreatedAt:                  timeValue(g.CreatedAt),
	}
}

// gatewayConfigurationDataSourceAttributes is the read-only schema of
// gatewayConfigurationAttributes; the processout_gateway_configuration data
// source makes `id` its required argument.
func gatewayConfigurationDataSourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           computedString("ID of the gateway configuration (`gway_conf_…`)."),
		"gateway_name": computedString("Name (slug) of the configured gateway, such as `stripe`."),
		"gateway_id": schema.Int64Attribute{
			Computed: true, MarkdownDescription: "Catalog ID of the configured gateway (the `id` of `processout_gateway`, there as a string).",
		},
		"name":                          computedString("Name of the configuration, if set."),
		"enabled":                       computedBool("Whether the configuration is enabled for payments."),
		"enabled_at":                    computedString("When the configuration was last enabled (RFC 3339), if it was."),
		"default_currency":              computedString("ISO 4217 default currency of the configuration."),
		"processing_region":             computedString("Processing region, such as `EEA` or `UK`, if set."),
		"merchant_account_country_code": computedString("Country of the merchant account at the gateway, if known."),
		"metadata":                      computedStringMap("Metadata of the configuration (empty when there is none)."),
		"sub_accounts_enabled":          computedStringSet("Sub-accounts enabled on the configuration (empty when there are none)."),
		"public_keys":                   computedStringMap("Public (non-secret) part of the gateway credentials, such as `public_key`. The secret `settings` are never returned."),
		"sandbox":                       computedBool("Whether the configuration belongs to the sandbox."),
		"project_id":                    computedString("ID of the project the configuration belongs to."),
		"created_at":                    computedString("Creation time (RFC 3339)."),
	}
}
