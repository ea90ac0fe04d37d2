package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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
// state. Each endpoint has exactly the attributes of the
// processout_webhook_endpoint resource, and is converted by the same code.
type WebhookEndpointsDataSourceModel struct {
	ID               types.String                   `tfsdk:"id"`
	URLContains      types.String                   `tfsdk:"url_contains"`
	WebhookEndpoints []WebhookEndpointResourceModel `tfsdk:"webhook_endpoints"`
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
			"id": computedString("Identifier of this query, made of the filter."),
			"url_contains": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Keep only the endpoints whose URL contains this text (without regard to case), such as a host name.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"webhook_endpoints": computedObjectList("The matching webhook endpoints, oldest first.",
				map[string]schema.Attribute{
					"id":  computedString("ID of the webhook endpoint."),
					"url": computedString("URL that receives the events."),
					"events_whitelist": schema.SetAttribute{
						Computed: true, ElementType: types.StringType,
						MarkdownDescription: "Names of the events delivered, such as `transaction.captured`; null when every event is delivered.",
					},
					"sandbox":    computedBool("Whether the endpoint belongs to the sandbox."),
					"project_id": computedString("ID of the project the endpoint belongs to."),
					"created_at": computedString("Creation time (RFC 3339)."),
				}),
		},
	}
}

// Read implements datasource.DataSource.
func (d *WebhookEndpointsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state WebhookEndpointsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !d.ready(&resp.Diagnostics) {
		return
	}
	contains := strings.ToLower(state.URLContains.ValueString())
	keep := func(w *processout.WebhookEndpoint) bool {
		return contains == "" || strings.Contains(strings.ToLower(w.URL), contains)
	}
	convert := func(w *processout.WebhookEndpoint) WebhookEndpointResourceModel {
		var m WebhookEndpointResourceModel
		m.fill(w) // the resource's own conversion: both always agree
		return m
	}
	endpoints, err := collect(d.data.api.WebhookEndpoints(ctx, processout.ListOptions{Order: "asc"}), keep, convert, 0)
	if err != nil {
		addAPIError(&resp.Diagnostics, "list the webhook endpoints", err, nil)
		return
	}
	state.WebhookEndpoints = endpoints
	state.ID = types.StringValue("webhook-endpoints?url_contains=" + state.URLContains.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
