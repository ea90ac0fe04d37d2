// Package provider is the Terraform provider for ProcessOut: its schemas,
// plan logic and the glue from Terraform's create/read/update/delete to the
// typed ProcessOut client.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/httpx"
)

var _ provider.Provider = &ProcessOutProvider{}

// ProcessOutProvider is the provider implementation.
type ProcessOutProvider struct {
	version string
	// httpObserver, when set (NewObserved), watches the HTTP client.
	httpObserver httpx.Observer
}

// ProcessOutProviderModel is the provider block.
type ProcessOutProviderModel struct {
	MembraneAPIURL          types.String `tfsdk:"membrane_api_url"`
	MembraneToken           types.String `tfsdk:"membrane_token"`
	MembraneWorkspaceKey    types.String `tfsdk:"membrane_workspace_key"`
	MembraneWorkspaceSecret types.String `tfsdk:"membrane_workspace_secret"`
	MembraneTenantKey       types.String `tfsdk:"membrane_tenant_key"`
	ConnectionID            types.String `tfsdk:"connection_id"`
	ProcessOutAPIURL        types.String `tfsdk:"processout_api_url"`
	ProjectID               types.String `tfsdk:"project_id"`
	ProjectSecret           types.String `tfsdk:"project_secret"`
	MembraneActions         types.Map    `tfsdk:"membrane_actions"`
	MaxRetries              types.Int64  `tfsdk:"max_retries"`
	RequestTimeout          types.String `tfsdk:"request_timeout"`
}

// New returns a constructor of the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &ProcessOutProvider{version: version} }
}

// Metadata implements provider.Provider.
func (p *ProcessOutProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "processout"
	resp.Version = p.version
}

// Schema implements provider.Provider.
func (p *ProcessOutProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manage a ProcessOut project (gateway configurations, webhook endpoints, supervised projects) " +
			"and read its customers and gateway catalog. The provider reaches ProcessOut through a **Membrane** connection " +
			"(Membrane holds the ProcessOut credentials) or, for teams without Membrane, **directly** with a project ID and secret key. " +
			"Every setting can come from the environment; settings of the two transports cannot be mixed.",
		Attributes: map[string]schema.Attribute{
			"membrane_api_url": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Membrane API base URL. Default `" + defaultMembraneURL + "`. Environment: `MEMBRANE_API_URI` (or `MEMBRANE_API_URL`). Plain `http://` is accepted only for loopback hosts.",
			},
			"membrane_token": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "A ready Membrane bearer token (from `membrane token`, or a `pat-…` key). Environment: `MEMBRANE_ACCESS_TOKEN` (or `MEMBRANE_TOKEN`). Exclusive with the workspace-key settings.",
			},
			"membrane_workspace_key": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Membrane workspace key; with `membrane_workspace_secret` and `membrane_tenant_key` the provider mints short-lived HS256 tokens itself and mints again before they expire. Environment: `MEMBRANE_WORKSPACE_KEY`.",
			},
			"membrane_workspace_secret": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "Membrane workspace secret, used only to sign tokens locally; it is never sent. Environment: `MEMBRANE_WORKSPACE_SECRET`.",
			},
			"membrane_tenant_key": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Membrane tenant (customer) key the minted tokens act for. Environment: `MEMBRANE_TENANT_KEY`.",
			},
			"connection_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Membrane connection to ProcessOut (`membrane connection list`). Without it the provider uses the tenant's only READY ProcessOut connection. Environment: `PROCESSOUT_CONNECTION_ID`.",
			},
			"processout_api_url": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Direct transport: ProcessOut API base URL. Default `" + defaultProcessOutURL + "`. Environment: `PROCESSOUT_API_URL`.",
			},
			"project_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Direct transport: ProcessOut project ID (a `test-` prefix selects the sandbox). Environment: `PROCESSOUT_PROJECT_ID`.",
			},
			"project_secret": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "Direct transport: ProcessOut project secret key. Environment: `PROCESSOUT_PROJECT_SECRET`.",
			},
			"membrane_actions": schema.MapAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Routes provider operations to Membrane actions instead of proxy calls: a map from operation name " +
					"(such as `webhook_endpoint.create`; the list is in the provider documentation) to an action id or key " +
					"(see the `processout_membrane_actions` data source). Operations not listed go through the connection proxy. Membrane only.",
			},
			"max_retries": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "How many times a call is retried after a transient failure (rate limiting, 5xx, network errors). Default 9. Writes carry an idempotency key, so a retried create never creates twice.",
			},
			"request_timeout": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Time limit of a single attempt of an API call, as a Go duration such as `30s`. Default `60s`.",
			},
		},
	}
}

// Configure implements provider.Provider.
func (p *ProcessOutProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var model ProcessOutProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg, ok := resolveSettings(model, lookupEnv, &resp.Diagnostics)
	if !ok {
		return
	}
	client := buildClient(ctx, cfg, p.version, p.httpObserver, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	resp.ResourceData = client
	resp.DataSourceData = client
	resp.EphemeralResourceData = client
}

// Resources implements provider.Provider.
func (p *ProcessOutProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewWebhookEndpointResource,
		NewGatewayConfigurationResource,
		NewProjectResource,
	}
}

// DataSources implements provider.Provider.
func (p *ProcessOutProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewCustomerDataSource,
		NewCustomersDataSource,
		NewGatewayDataSource,
		NewGatewaysDataSource,
		NewProjectDataSource,
		NewGatewayConfigurationDataSource,
		NewGatewayConfigurationsDataSource,
		NewWebhookEndpointsDataSource,
		NewMembraneConnectionDataSource,
		NewMembraneActionsDataSource,
	}
}
