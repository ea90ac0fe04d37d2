package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

var (
	_ datasource.DataSource              = &CustomerDataSource{}
	_ datasource.DataSourceWithConfigure = &CustomerDataSource{}
)

// CustomerDataSource reads one customer by ID.
type CustomerDataSource struct{ dataSourceConfigured }

// CustomerDataSourceModel is the data source's state: the customer's
// attributes, with `id` as the argument.
type CustomerDataSourceModel struct {
	customerAttributes
}

// NewCustomerDataSource returns the data source.
func NewCustomerDataSource() datasource.DataSource { return &CustomerDataSource{} }

// Metadata implements datasource.DataSource.
func (d *CustomerDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customer"
}

// Schema implements datasource.DataSource.
func (d *CustomerDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := customerDataSourceAttributes()
	attrs["id"] = schema.StringAttribute{Required: true, MarkdownDescription: "ID of the customer to read (`cust_…`)."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one customer of the project by its ID. To find customers by email, reference or metadata, use `processout_customers`.",
		Attributes:          attrs,
	}
}

var customerLookup = lookup[processout.Customer, CustomerDataSourceModel]{
	key: "id", object: "customer",
	get: func(ctx context.Context, api *processout.Client, id string) (*processout.Customer, error) {
		return api.GetCustomer(ctx, id)
	},
	convert: func(c *processout.Customer) CustomerDataSourceModel {
		return CustomerDataSourceModel{newCustomerAttributes(c)}
	},
	notFound: func(_ context.Context, _ *providerData, id string, err error) string {
		return fmt.Sprintf("ProcessOut has no customer %q in this project (%v). Check the ID, and that the credentials are those of "+
			"the customer's project and mode (sandbox or live); processout_customers finds customers by email, reference or metadata.", id, err)
	},
}

// Read implements datasource.DataSource.
func (d *CustomerDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	customerLookup.read(ctx, &d.dataSourceConfigured, req, resp)
}
