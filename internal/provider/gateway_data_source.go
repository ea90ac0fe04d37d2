package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

var (
	_ datasource.DataSource              = &GatewayDataSource{}
	_ datasource.DataSourceWithConfigure = &GatewayDataSource{}
)

// GatewayDataSource reads one gateway of ProcessOut's catalog by name.
type GatewayDataSource struct{ dataSourceConfigured }

// GatewayDataSourceModel is the data source's state: the catalog entry's
// attributes, with `name` as the argument.
type GatewayDataSourceModel struct {
	gatewayAttributes
}

// NewGatewayDataSource returns the data source.
func NewGatewayDataSource() datasource.DataSource { return &GatewayDataSource{} }

// Metadata implements datasource.DataSource.
func (d *GatewayDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gateway"
}

// Schema implements datasource.DataSource.
func (d *GatewayDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := gatewayDataSourceAttributes()
	attrs["name"] = schema.StringAttribute{
		Required:            true,
		MarkdownDescription: "Name (slug) of the gateway, such as `stripe` or `adyen`; `processout_gateways` lists them.",
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one gateway of ProcessOut's catalog by name: what it supports, and which `settings` a " +
			"`processout_gateway_configuration` for it needs.\n\n" + catalogNote,
		Attributes: attrs,
	}
}

var gatewayLookup = lookup[processout.Gateway, GatewayDataSourceModel]{
	key: "name", object: "gateway",
	get: func(ctx context.Context, api *processout.Client, name string) (*processout.Gateway, error) {
		return api.GetGateway(ctx, name)
	},
	convert: func(g *processout.Gateway) GatewayDataSourceModel {
		return GatewayDataSourceModel{newGatewayAttributes(g)}
	},
	notFound: func(ctx context.Context, data *providerData, name string, _ error) string {
		return fmt.Sprintf("ProcessOut's catalog has no gateway named %q. %s", name, knownGatewayNames(ctx, data))
	},
}

// Read implements datasource.DataSource.
func (d *GatewayDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	gatewayLookup.read(ctx, &d.dataSourceConfigured, req, resp)
}

// knownGatewayNames tells how to find a gateway's name, listing the
// catalog's names when it can be read.
func knownGatewayNames(ctx context.Context, data *providerData) string {
	const how = "Gateway names are lowercase slugs such as \"stripe\"; the processout_gateways data source lists the catalog with each gateway's name and display_name."
	gateways, err := data.gateways.load(ctx, data.api)
	if err != nil || len(gateways) == 0 {
		return how
	}
	return fmt.Sprintf("Known names: %s.\n%s", strings.Join(gatewayNames(gateways), ", "), how)
}
