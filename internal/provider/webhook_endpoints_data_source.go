package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

var (
	_ datasource.DataSource              = &WebhookEndpointsDataSource{}
	_ datasource.DataSourceWithConfigure = &WebhookEndpointsDataSource{}
)

// WebhookEndpointsDataSource lists the project's webhook endpoints.
type WebhookEndpointsDataSource struct{ dataSourceConfigured }

// WebhookEndpointsDataSourceModel is the data source's configuration and
// state.
type WebhookEndpointsDataSourceModel struct {
	ID               types.String                `tfsdk:"id"`
	URLContains      types.String                `tfsdk:"url_contains"`
	WebhookEndpoints []webhookEndpointAttributes `tfsdk:"webhook_endpoints"`
}

// NewWebhookEndpointsDataSource returns the data source.
func NewWebhookEndpointsDataSource() datasource.DataSource { return &WebhookEndpointsDataSource{} }

// Metadata implements datasource.DataSource.
func (d *WebhookEndpointsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook_endpoints"
}

// Schema implements datasource.DataSource.
func (d *WebhookEndpointsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the project's webhook endpoints, oldest first, including those set up in the dashboard.\n\n" +
			"~> ProcessOut documents no public API for webhook endpoints; this data source reads `GET /webhook-endpoints` " +
			"by the convention described in the provider documentation.",
		Attributes: map[string]schema.Attribute{
			"id":                computedString("Identifier of this query, made of the filter."),
			"url_contains":      containsFilterAttribute("Keep only the endpoints whose URL contains this text (without regard to case), such as a host name."),
			"webhook_endpoints": computedObjectList("The matching webhook endpoints, oldest first.", webhookEndpointDataSourceAttributes()),
		},
	}
}

// Read implements datasource.DataSource.
func (d *WebhookEndpointsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readList(ctx, &d.dataSourceConfigured, req, resp, &WebhookEndpointsDataSourceModel{})
}

func (m *WebhookEndpointsDataSourceModel) objects() string { return "webhook endpoints" }

func (m *WebhookEndpointsDataSourceModel) run(ctx context.Context, data *providerData, _ *diag.Diagnostics) error {
	urlMatches := containsFold(m.URLContains)
	match := func(w *processout.WebhookEndpoint) bool { return urlMatches(w.URL) }
	endpoints, err := collect(data.api.WebhookEndpoints(ctx, processout.ListOptions{Order: "asc"}), match, newWebhookEndpointAttributes, 0)
	if err != nil {
		return err
	}
	m.WebhookEndpoints = endpoints
	m.ID = types.StringValue("webhook-endpoints?url_contains=" + m.URLContains.ValueString())
	return nil
}
