package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// gatewayConfigurationModel is one gateway configuration as the gateway
// configuration data sources expose it. The credentials (`settings`) are
// write-only in ProcessOut and never part of it.
type gatewayConfigurationModel struct {
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
	SubAccountsEnabled         types.List   `tfsdk:"sub_accounts_enabled"`
	PublicKeys                 types.Map    `tfsdk:"public_keys"`
	Sandbox                    types.Bool   `tfsdk:"sandbox"`
	ProjectID                  types.String `tfsdk:"project_id"`
	CreatedAt                  types.String `tfsdk:"created_at"`
}

// newGatewayConfigurationModel converts an API gateway configuration; both
// gateway configuration data sources use it.
func newGatewayConfigurationModel(g *processout.GatewayConfiguration) gatewayConfigurationModel {
	gatewayID := types.Int64Null()
	if g.GatewayID != "" {
		gatewayID = types.Int64Value(g.GatewayID.Int())
	}
	return gatewayConfigurationModel{
		ID:                         types.StringValue(g.ID),
		GatewayName:                stringOrNull(g.GatewayName),
		GatewayID:                  gatewayID,
		Name:                       ptrStringOrNull(g.Name),
		Enabled:                    types.BoolValue(g.Enabled),
		EnabledAt:                  ptrTimeValue(g.EnabledAt),
		DefaultCurrency:            stringOrNull(g.DefaultCurrency),
		ProcessingRegion:           ptrStringOrNull(g.ProcessingRegion),
		MerchantAccountCountryCode: ptrStringOrNull(g.MerchantAccountCountryCode),
		Metadata:                   stringMapOrEmpty(g.Metadata),
		SubAccountsEnabled:         stringListValue(g.SubAccountsEnabled),
		PublicKeys:                 stringMapOrEmpty(g.PublicKeys),
		Sandbox:                    types.BoolValue(g.Sandbox),
		ProjectID:                  stringOrNull(g.ProjectID),
		CreatedAt:                  timeValue(g.CreatedAt),
	}
}

// gatewayConfigurationAttributesRO is the schema of
// gatewayConfigurationModel, every attribute read-only;
// processout_gateway_configuration makes `id` its required argument.
func gatewayConfigurationAttributesRO() map[string]schema.Attribute {
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
		"sub_accounts_enabled":          computedStringList("Sub-accounts enabled on the configuration (empty when there are none)."),
		"public_keys":                   computedStringMap("Public (non-secret) part of the gateway credentials, such as `public_key`. The secret `settings` are never returned."),
		"sandbox":                       computedBool("Whether the configuration belongs to the sandbox."),
		"project_id":                    computedString("ID of the project the configuration belongs to."),
		"created_at":                    computedString("Creation time (RFC 3339)."),
	}
}
