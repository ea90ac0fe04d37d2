package provider

import (
	"context"
	"net/url"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

var (
	_ datasource.DataSource              = &GatewayConfigurationsDataSource{}
	_ datasource.DataSourceWithConfigure = &GatewayConfigurationsDataSource{}
)

// GatewayConfigurationsDataSource lists the project's gateway configurations.
type GatewayConfigurationsDataSource struct{ dataSourceConfigured }

// GatewayConfigurationsDataSourceModel is the data source's configuration
// and state.
type GatewayConfigurationsDataSourceModel struct {
	ID                    types.String                     `tfsdk:"id"`
	GatewayName           types.String                     `tfsdk:"gateway_name"`
	Enabled               types.Bool                       `tfsdk:"enabled"`
	GatewayConfigurations []gatewayConfigurationAttributes `tfsdk:"gateway_configurations"`
}

// NewGatewayConfigurationsDataSource returns the data source.
func NewGatewayConfigurationsDataSource() datasource.DataSource {
	return &GatewayConfigurationsDataSource{}
}

// Metadata implements datasource.DataSource.
func (d *GatewayConfigurationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gateway_configurations"
}

// Schema implements datasource.DataSource.
func (d *GatewayConfigurationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the project's gateway configurations, disabled ones included, oldest first, keeping those that match every filter given. " +
			"Credentials (`settings`) are write-only in ProcessOut and never listed.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("Identifier of this query, made of the filters."),
			"gateway_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Keep only the configurations of this gateway, such as `stripe`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"enabled": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Keep only the enabled (`true`) or the disabled (`false`) configurations.",
			},
			"gateway_configurations": computedObjectList("The matching configurations, with the same attributes as the `processout_gateway_configuration` data source.", gatewayConfigurationDataSourceAttributes()),
		},
	}
}

// Read implements datasource.DataSource.
func (d *GatewayConfigurationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readList(ctx, &d.dataSourceConfigured, req, resp, &GatewayConfigurationsDataSourceModel{})
}

func (m *GatewayConfigurationsDataSourceModel) objects() string { return "gateway configurations" }

func (m *GatewayConfigurationsDataSourceModel) run(ctx context.Context, data *providerData, _ *diag.Diagnostics) error {
	gatewayName, enabled := m.GatewayName.ValueString(), optionalBool(m.Enabled)
	// with_disabled: without it ProcessOut may hide disabled configurations.
	opts := processout.ListOptions{Order: "asc", Filters: url.Values{"with_disabled": {"true"}}}
	match := func(g *processout.GatewayConfiguration) bool {
		return (gatewayName == "" || g.GatewayName == gatewayName) && (enabled == nil || g.Enabled == *enabled)
	}
	configurations, err := collect(data.api.GatewayConfigurations(ctx, opts), match, newGatewayConfigurationAttributes, 0)
	if err != nil {
		return err
	}
	m.GatewayConfigurations = configurations
	id := url.Values{}
	if gatewayName != "" {
		id.Set("gateway_name", gatewayName)
	}
	if enabled != nil {
		id.Set("enabled", strconv.FormatBool(*enabled))
	}
	m.ID = types.StringValue("gateway-configurations?" + id.Encode())
	return nil
}
