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
	RetryBudget             types.String `tfsdk:"retry_budget"`
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

// Schema implements provider.Provider: one attribute per declared setting
// (settings.go).
func (p *ProcessOutProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	attrs := make(map[string]schema.Attribute, len(providerSettings))
	for _, s := range providerSettings {
		attrs[s.attr] = s.schemaAttribute()
	}
	resp.Schema = schema.Schema{MarkdownDescription: providerDescription(), Attributes: attrs}
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
	client := buildClient(ctx, cfg, userAgent(p.version, req.TerraformVersion), p.httpObserver, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	resp.ResourceData = client
	resp.DataSourceData = client
}

// Resources implements provider.Provider.
func (p *ProcessOutProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewWebhookEndpointResource,
		NewGatewayConfigurationResource,
		NewProjectResource,
		NewApplePayCertificateResource,
		NewProjectSFTPSettingsResource,
		NewProductResource,
		NewPlanResource,
		NewCouponResource,
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
		NewProjectsDataSource,
		NewProjectSFTPSettingsDataSource,
		NewGatewayConfigurationDataSource,
		NewGatewayConfigurationsDataSource,
		NewWebhookEndpointsDataSource,
		NewProductDataSource,
		NewProductsDataSource,
		NewPlanDataSource,
		NewPlansDataSource,
		NewCouponDataSource,
		NewCouponsDataSource,
		NewMembraneConnectionDataSource,
		NewMembraneActionsDataSource,
		NewApplePayCertificatesDataSource,
	}
}
