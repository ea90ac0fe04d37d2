package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// gatewayFlows are the payment flows a catalog entry can support.
var gatewayFlows = []string{"one-off", "subscription", "tokenization"}

// gatewayAttributes are a gateway catalog entry's values as Terraform holds
// them: the state of the processout_gateway data source and one element of
// processout_gateways.
type gatewayAttributes struct {
	ID                    types.String `tfsdk:"id"`
	Name                  types.String `tfsdk:"name"`
	DisplayName           types.String `tfsdk:"display_name"`
	LogoURL               types.String `tfsdk:"logo_url"`
	URL                   types.String `tfsdk:"url"`
	Flows                 types.List   `tfsdk:"flows"`
	Tags                  types.List   `tfsdk:"tags"`
	CanPullTransactions   types.Bool   `tfsdk:"can_pull_transactions"`
	CanRefund             types.Bool   `tfsdk:"can_refund"`
	IsOAuthAuthentication types.Bool   `tfsdk:"is_oauth_authentication"`
	Description           types.String `tfsdk:"description"`
	RequiredSettings      types.List   `tfsdk:"required_settings"`
	OptionalSettings      types.List   `tfsdk:"optional_settings"`
	PublicSettings        types.List   `tfsdk:"public_settings"`
}

// newGatewayAttributes converts a catalog entry.
func newGatewayAttributes(g *processout.Gateway) gatewayAttributes {
	return gatewayAttributes{
		ID:                    stringOrNull(string(g.ID)),
		Name:                  types.StringValue(g.Name),
		DisplayName:           stringOrNull(g.DisplayName),
		LogoURL:               stringOrNull(g.LogoURL),
		URL:                   stringOrNull(g.URL),
		Flows:                 stringListValue(g.Flows),
		Tags:                  stringListValue(g.Tags),
		CanPullTransactions:   types.BoolValue(g.CanPullTransactions),
		CanRefund:             types.BoolValue(g.CanRefund),
		IsOAuthAuthentication: types.BoolValue(g.IsOAuthAuthentication),
		Description:           stringOrNull(g.Description),
		RequiredSettings:      stringListValue(g.RequiredSettings),
		OptionalSettings:      stringListValue(g.OptionalSettings),
		PublicSettings:        stringListValue(g.PublicSettings),
	}
}

// gatewayDataSourceAttributes is the read-only schema of gatewayAttributes;
// the processout_gateway data source makes `name` its required argument.
func gatewayDataSourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":                      computedString("Catalog ID of the gateway, as a string (such as `\"6\"`); gateway configurations carry it as `gateway_id`."),
		"name":                    computedString("Name (slug) of the gateway, such as `stripe`: the `gateway_name` of `processout_gateway_configuration`."),
		"display_name":            computedString("Human-readable name, such as `Stripe`."),
		"logo_url":                computedString("URL of the gateway's logo."),
		"url":                     computedString("URL of the gateway's website."),
		"flows":                   computedStringList("Payment flows the gateway supports: `one-off`, `subscription`, `tokenization`."),
		"tags":                    computedStringList("Tags of the gateway, such as `credit-card`, `apm` or `e-wallet`."),
		"can_pull_transactions":   computedBool("Whether ProcessOut can pull the gateway's transactions."),
		"can_refund":              computedBool("Whether payments through the gateway can be refunded."),
		"is_oauth_authentication": computedBool("Whether the gateway is connected through OAuth rather than credentials."),
		"description":             computedString("Description of the gateway."),
		"required_settings":       computedStringList("Keys a gateway configuration's `settings` must hold (such as `secret_key`)."),
		"optional_settings":       computedStringList("Keys a gateway configuration's `settings` may also hold."),
		"public_settings":         computedStringList("Keys of `settings` that are not secret: ProcessOut returns them in the configuration's `public_keys`."),
	}
}
