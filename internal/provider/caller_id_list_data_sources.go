package provider

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// listDataSource is a list data source whose model is a listQuery (its
// filters, and what it found): processout_plans and processout_coupons,
// which differ only in their kind and filter.
type listDataSource[Q listQuery] struct {
	dataSourceConfigured
	typeName    string // "_plans"
	description string
	attributes  map[string]schema.Attribute
	newQuery    func() Q
}

var _ datasource.DataSourceWithConfigure = &listDataSource[*PlansDataSourceModel]{}

// Metadata implements datasource.DataSource.
func (d *listDataSource[Q]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.typeName
}

// Schema implements datasource.DataSource.
func (d *listDataSource[Q]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{MarkdownDescription: d.description, Attributes: d.attributes}
}

// Read implements datasource.DataSource.
func (d *listDataSource[Q]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readList(ctx, &d.dataSourceConfigured, req, resp, d.newQuery())
}

// inventoryNote is what the list data sources of plans and coupons say of
// adopting what they list.
const inventoryNote = " Each one's `id` is the one to import it by (an `import` block with `id = \"<id>\"`): " +
	"the example below writes one `import` block per object for `plan -generate-config-out`.\n\n" + legacySubscriptionsNote

// PlansDataSourceModel is the processout_plans data source's configuration
// and state.
type PlansDataSourceModel struct {
	ID           types.String     `tfsdk:"id"`
	NameContains types.String     `tfsdk:"name_contains"`
	Plans        []planAttributes `tfsdk:"plans"`
}

// NewPlansDataSource returns the processout_plans data source.
func NewPlansDataSource() datasource.DataSource {
	return &listDataSource[*PlansDataSourceModel]{
		typeName:    "_plans",
		description: "Lists the project's subscription plans, oldest first, including those set up in the dashboard." + inventoryNote,
		attributes: map[string]schema.Attribute{
			"id":            computedString("Identifier of this query, made of the filter."),
			"name_contains": containsFilterAttribute("Keep only the plans whose name contains this text (without regard to case)."),
			"plans":         computedObjectList("The matching plans, oldest first.", planDataSourceAttributes()),
		},
		newQuery: func() *PlansDataSourceModel { return &PlansDataSourceModel{} },
	}
}

func (m *PlansDataSourceModel) objects() string { return "plans" }

func (m *PlansDataSourceModel) run(ctx context.Context, data *providerData, _ *diag.Diagnostics) (err error) {
	m.ID = types.StringValue("plans?name_contains=" + m.NameContains.ValueString())
	m.Plans, err = listContaining(data.api.Plans(ctx, processout.ListOptions{Order: "asc"}), m.NameContains,
		func(p *processout.Plan) string { return p.Name }, newPlanAttributes)
	return err
}

// CouponsDataSourceModel is the processout_coupons data source's
// configuration and state.
type CouponsDataSourceModel struct {
	ID         types.String       `tfsdk:"id"`
	IDContains types.String       `tfsdk:"id_contains"`
	Coupons    []couponAttributes `tfsdk:"coupons"`
}

// NewCouponsDataSource returns the processout_coupons data source.
func NewCouponsDataSource() datasource.DataSource {
	return &listDataSource[*CouponsDataSourceModel]{
		typeName:    "_coupons",
		description: "Lists the project's coupons, oldest first, including those set up in the dashboard." + inventoryNote,
		attributes: map[string]schema.Attribute{
			"id":          computedString("Identifier of this query, made of the filter."),
			"id_contains": containsFilterAttribute("Keep only the coupons whose ID contains this text (without regard to case), such as `spring`."),
			"coupons":     computedObjectList("The matching coupons, oldest first.", couponDataSourceAttributes()),
		},
		newQuery: func() *CouponsDataSourceModel { return &CouponsDataSourceModel{} },
	}
}

func (m *CouponsDataSourceModel) objects() string { return "coupons" }

func (m *CouponsDataSourceModel) run(ctx context.Context, data *providerData, _ *diag.Diagnostics) (err error) {
	m.ID = types.StringValue("coupons?id_contains=" + m.IDContains.ValueString())
	m.Coupons, err = listContaining(data.api.Coupons(ctx, processout.ListOptions{Order: "asc"}), m.IDContains,
		func(c *processout.Coupon) string { return c.ID }, newCouponAttributes)
	return err
}

// listContaining drains a list, keeping the items whose text contains
// filter without regard to case (all of them when it is null), converted.
func listContaining[T, E any](seq iter.Seq2[T, error], filter types.String, text func(*T) string, convert func(*T) E) ([]E, error) {
	matches := containsFold(filter)
	return collect(seq, func(item *T) bool { return matches(text(item)) }, convert, 0)
}
