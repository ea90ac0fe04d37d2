package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
	"github.com/processout/terraform-provider-processout/internal/validate"
)

var (
	_ datasource.DataSource              = &ProductsDataSource{}
	_ datasource.DataSourceWithConfigure = &ProductsDataSource{}
)

// ProductsDataSource lists the project's products.
type ProductsDataSource struct{ dataSourceConfigured }

// ProductsDataSourceModel is the data source's configuration and state.
type ProductsDataSourceModel struct {
	ID           types.String        `tfsdk:"id"`
	NameContains types.String        `tfsdk:"name_contains"`
	Currency     types.String        `tfsdk:"currency"`
	Products     []productAttributes `tfsdk:"products"`
}

// NewProductsDataSource returns the data source.
func NewProductsDataSource() datasource.DataSource { return &ProductsDataSource{} }

// Metadata implements datasource.DataSource.
func (d *ProductsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_products"
}

// Schema implements datasource.DataSource.
func (d *ProductsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the project's products, oldest first, including those made in the dashboard, keeping those that match every filter given. " +
			"ProcessOut's list takes no filter: every product is read, and the filters apply here. " +
			"Its `products` give the `import` blocks that bring products made by hand under Terraform (see the adoption guide).",
		Attributes: map[string]schema.Attribute{
			"id":            computedString("Identifier of this query, made of the filters."),
			"name_contains": containsFilterAttribute("Keep only the products whose name contains this text (without regard to case)."),
			"currency": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Keep only the products priced in this ISO 4217 currency, such as `EUR`.",
				Validators: []validator.String{validate.Currency()},
			},
			"products": computedObjectList("The matching products, oldest first, with the same attributes as the `processout_product` data source.", productDataSourceAttributes()),
		},
	}
}

// Read implements datasource.DataSource.
func (d *ProductsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readList(ctx, &d.dataSourceConfigured, req, resp, &ProductsDataSourceModel{})
}

func (m *ProductsDataSourceModel) objects() string { return "products" }

func (m *ProductsDataSourceModel) run(ctx context.Context, data *providerData, _ *diag.Diagnostics) error {
	nameMatches := containsFold(m.NameContains)
	match := func(p *processout.Product) bool {
		return nameMatches(p.Name) && (m.Currency.IsNull() || p.Currency == m.Currency.ValueString())
	}
	products, err := collect(data.api.Products(ctx, processout.ListOptions{Order: "asc"}), match, newProductAttributes, 0)
	if err != nil {
		return err
	}
	m.Products = products
	m.ID = types.StringValue("products?name_contains=" + m.NameContains.ValueString() + "&currency=" + m.Currency.ValueString())
	return nil
}
