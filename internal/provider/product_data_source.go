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
	_ datasource.DataSource              = &ProductDataSource{}
	_ datasource.DataSourceWithConfigure = &ProductDataSource{}
)

// ProductDataSource reads one product by ID.
type ProductDataSource struct{ dataSourceConfigured }

// ProductDataSourceModel is the data source's state: the product's
// attributes, with `id` as the argument.
type ProductDataSourceModel struct {
	productAttributes
}

// NewProductDataSource returns the data source.
func NewProductDataSource() datasource.DataSource { return &ProductDataSource{} }

// Metadata implements datasource.DataSource.
func (d *ProductDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_product"
}

// Schema implements datasource.DataSource.
func (d *ProductDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := productDataSourceAttributes()
	attrs["id"] = schema.StringAttribute{
		Required: true, MarkdownDescription: "ID of the product to read (`prod_…`).",
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one product of the project by ID, such as one made in the dashboard, for its payment link (`url`) or its price.",
		Attributes:          attrs,
	}
}

var productLookup = lookup[processout.Product, ProductDataSourceModel]{
	key: "id", object: "product",
	get: func(ctx context.Context, api *processout.Client, id string) (*processout.Product, error) {
		return api.GetProduct(ctx, id)
	},
	convert: func(p *processout.Product) ProductDataSourceModel {
		return ProductDataSourceModel{newProductAttributes(p)}
	},
	notFound: func(_ context.Context, _ *providerData, id string, err error) string {
		return fmt.Sprintf("ProcessOut has no product %q in this project (%v). Check the ID, and that the credentials are those of "+
			"the product's project and mode (sandbox or live); the processout_products data source lists the project's products.", id, err)
	},
}

// Read implements datasource.DataSource.
func (d *ProductDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	productLookup.read(ctx, &d.dataSourceConfigured, req, resp)
}
