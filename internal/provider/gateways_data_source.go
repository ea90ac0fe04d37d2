package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

var (
	_ datasource.DataSource              = &GatewaysDataSource{}
	_ datasource.DataSourceWithConfigure = &GatewaysDataSource{}
)

// GatewaysDataSource lists ProcessOut's gateway catalog.
type GatewaysDataSource struct{ dataSourceConfigured }

// GatewaysDataSourceModel is the data source's configuration and state.
type GatewaysDataSourceModel struct {
	ID           types.String        `tfsdk:"id"`
	NameContains types.String        `tfsdk:"name_contains"`
	Flow         types.String        `tfsdk:"flow"`
	Tag          types.String        `tfsdk:"tag"`
	Gateways     []gatewayAttributes `tfsdk:"gateways"`
}

// NewGatewaysDataSource returns the data source.
func NewGatewaysDataSource() datasource.DataSource { return &GatewaysDataSource{} }

// Metadata implements datasource.DataSource.
func (d *GatewaysDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gateways"
}

// catalogNote flags the catalog endpoints as a convention.
const catalogNote = "~> ProcessOut documents no public API for its gateway catalog; these data sources read `GET /gateways` and " +
	"`GET /gateways/{name}` by the convention described in the provider documentation. `required_settings`, `optional_settings` " +
	"and `public_settings` are extensions of that convention."

// Schema implements datasource.DataSource.
func (d *GatewaysDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the gateways ProcessOut can connect to (its catalog), sorted by name, keeping those that match every filter given. " +
			"Use it to find a gateway's `name` for `processout_gateway_configuration`, or the settings it needs.\n\n" + catalogNote,
		Attributes: map[string]schema.Attribute{
			"id": computedString("Identifier of this query, made of the filters."),
			"name_contains": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Keep only the gateways whose `name` or `display_name` contains this text (without regard to case).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"flow": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Keep only the gateways supporting this payment flow: `one-off`, `subscription` or `tokenization`.",
				Validators:          []validator.String{stringvalidator.OneOf(gatewayFlows...)},
			},
			"tag": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Keep only the gateways carrying this tag, such as `credit-card`, `apm`, `e-wallet` or `bnpl`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"gateways": computedObjectList("The matching gateways, sorted by name, with the same attributes as the `processout_gateway` data source.", gatewayDataSourceAttributes()),
		},
	}
}

// match reports whether a catalog entry passes the configured filters.
func (m GatewaysDataSourceModel) match(g *processout.Gateway) bool {
	if s := strings.ToLower(m.NameContains.ValueString()); s != "" &&
		!strings.Contains(strings.ToLower(g.Name), s) && !strings.Contains(strings.ToLower(g.DisplayName), s) {
		return false
	}
	if f := m.Flow.ValueString(); f != "" && !slices.Contains(g.Flows, f) {
		return false
	}
	if t := m.Tag.ValueString(); t != "" && !slices.Contains(g.Tags, t) {
		return false
	}
	return true
}

// Read implements datasource.DataSource.
func (d *GatewaysDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readList(ctx, &d.dataSourceConfigured, req, resp, &GatewaysDataSourceModel{})
}

func (m *GatewaysDataSourceModel) objects() string { return "gateway catalog" }

// run reads the provider-wide catalog: read once per provider run, shared
// with the plan-time checks of processout_gateway_configuration.
func (m *GatewaysDataSourceModel) run(ctx context.Context, data *providerData, _ *diag.Diagnostics) error {
	catalog, err := data.gateways.load(ctx, data.api)
	if err != nil {
		return err
	}
	m.Gateways = []gatewayAttributes{}
	for _, name := range gatewayNames(catalog) { // sorted by name
		if g := catalog[name]; m.match(&g) {
			m.Gateways = append(m.Gateways, newGatewayAttributes(&g))
		}
	}
	m.ID = types.StringValue("gateways?name_contains=" + m.NameContains.ValueString() +
		"&flow=" + m.Flow.ValueString() + "&tag=" + m.Tag.ValueString())
	return nil
}
