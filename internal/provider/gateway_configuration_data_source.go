package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

var (
	_ datasource.DataSource              = &GatewayConfigurationDataSource{}
	_ datasource.DataSourceWithConfigure = &GatewayConfigurationDataSource{}
)

// GatewayConfigurationDataSource reads one gateway configuration by ID.
type GatewayConfigurationDataSource struct{ dataSourceConfigured }

// GatewayConfigurationDataSourceModel is the data source's state: the
// configuration's attributes, with `id` as the argument.
type GatewayConfigurationDataSourceModel struct {
	gatewayConfigurationAttributes
}

// NewGatewayConfigurationDataSource returns the data source.
func NewGatewayConfigurationDataSource() datasource.DataSource {
	return &GatewayConfigurationDataSource{}
}

// Metadata implements datasource.DataSource.
func (d *GatewayConfigurationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gateway_configuration"
}

// Schema implements datasource.DataSource.
func (d *GatewayConfigurationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := gatewayConfigurationDataSourceAttributes()
	attrs["id"] = schema.StringAttribute{
		Required:            true,
		MarkdownDescription: "ID of the gateway configuration to read (`gway_conf_…`).",
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one gateway configuration of the project by ID, such as one set up in the dashboard. " +
			"Its credentials (`settings`) are write-only in ProcessOut and cannot be read; `public_keys` holds their public part.",
		Attributes: attrs,
	}
}

var gatewayConfigurationLookup = lookup[processout.GatewayConfiguration, GatewayConfigurationDataSourceModel]{
	key: "id", object: "gateway configuration",
	get: func(ctx context.Context, api *processout.Client, id string) (*processout.GatewayConfiguration, error) {
		return api.GetGatewayConfiguration(ctx, id)
	},
	convert: func(g *processout.GatewayConfiguration) GatewayConfigurationDataSourceModel {
		return GatewayConfigurationDataSourceModel{newGatewayConfigurationAttributes(g)}
	},
	notFound: func(_ context.Context, _ *providerData, id string, err error) string {
		return fmt.Sprintf("ProcessOut has no gateway configuration %q in this project (%v). "+
			"The processout_gateway_configurations data source lists the project's configurations.", id, err)
	},
}

// Read implements datasource.DataSource.
func (d *GatewayConfigurationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	gatewayConfigurationLookup.read(ctx, &d.dataSourceConfigured, req, resp)
}
