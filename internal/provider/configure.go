package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// configured holds the provider data every resource and data source needs;
// embedding it gives them their Configure method.
type configured struct {
	data *providerData
}

func (c *configured) configure(raw any, diags *diag.Diagnostics) {
	if raw == nil {
		return // the provider is not configured yet (plan with unknown settings)
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", raw))
		return
	}
	c.data = data
}

// Configure implements resource.ResourceWithConfigure.
func (c *configured) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	c.configure(req.ProviderData, &resp.Diagnostics)
}

// ready reports whether the API client is available, with a diagnostic
// otherwise.
func (c *configured) ready(diags *diag.Diagnostics) bool {
	if c.data == nil {
		diags.AddError("Provider not configured",
			"The ProcessOut provider has no usable configuration yet: a provider setting is unknown until apply, or the configuration was rejected above.")
		return false
	}
	return true
}

// dataSourceConfigured is configured for data sources.
type dataSourceConfigured struct{ configured }

// Configure implements datasource.DataSourceWithConfigure.
func (c *dataSourceConfigured) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	c.configure(req.ProviderData, &resp.Diagnostics)
}
