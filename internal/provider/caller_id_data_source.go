package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/processout/terraform-provider-processout/internal/processout"
	"github.com/processout/terraform-provider-processout/internal/validate"
)

// callerIDDataSource reads one object of a kind with caller-chosen IDs (a
// plan, a coupon) by its ID: the processout_plan and processout_coupon data
// sources, which differ only in their kind.
type callerIDDataSource[T, M any] struct {
	dataSourceConfigured
	kind        callerIDKind[T]
	typeName    string // "_plan"
	example     string // an ID: "silver-plan"
	list        string // the list data source: "processout_plans"
	description string
	attributes  func() map[string]schema.Attribute
	convert     func(*T) M
}

var _ datasource.DataSourceWithConfigure = &callerIDDataSource[processout.Plan, PlanDataSourceModel]{}

// Metadata implements datasource.DataSource.
func (d *callerIDDataSource[T, M]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.typeName
}

// Schema implements datasource.DataSource.
func (d *callerIDDataSource[T, M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := d.attributes()
	attrs["id"] = schema.StringAttribute{
		Required: true, MarkdownDescription: fmt.Sprintf("ID of the %s to read, such as `%s`.", d.kind.object, d.example),
		Validators: []validator.String{validate.CallerID()},
	}
	resp.Schema = schema.Schema{MarkdownDescription: d.description + "\n\n" + legacySubscriptionsNote, Attributes: attrs}
}

// Read implements datasource.DataSource.
func (d *callerIDDataSource[T, M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	lookup[T, M]{
		key: "id", object: d.kind.object, get: d.kind.get, convert: d.convert,
		notFound: func(_ context.Context, _ *providerData, id string, err error) string {
			return fmt.Sprintf("ProcessOut has no %s %q in this project (%v). Check the ID, and that the credentials are those of the %s's "+
				"project and mode (sandbox or live); the %s data source lists the project's %ss.", d.kind.object, id, err, d.kind.object, d.list, d.kind.object)
		},
	}.read(ctx, &d.dataSourceConfigured, req, resp)
}

// PlanDataSourceModel is the processout_plan data source's state: the
// plan's attributes, with `id` as the argument.
type PlanDataSourceModel struct {
	planAttributes
}

// NewPlanDataSource returns the processout_plan data source.
func NewPlanDataSource() datasource.DataSource {
	return &callerIDDataSource[processout.Plan, PlanDataSourceModel]{
		kind: planKind, typeName: "_plan", example: "silver-plan", list: "processout_plans",
		description: "Reads one subscription plan of the project by its ID, such as one set up in the dashboard.",
		attributes:  planDataSourceAttributes,
		convert:     func(p *processout.Plan) PlanDataSourceModel { return PlanDataSourceModel{newPlanAttributes(p)} },
	}
}

// CouponDataSourceModel is the processout_coupon data source's state: the
// coupon's attributes, with `id` as the argument.
type CouponDataSourceModel struct {
	couponAttributes
}

// NewCouponDataSource returns the processout_coupon data source.
func NewCouponDataSource() datasource.DataSource {
	return &callerIDDataSource[processout.Coupon, CouponDataSourceModel]{
		kind: couponKind, typeName: "_coupon", example: "25percentoff", list: "processout_coupons",
		description: "Reads one coupon of the project by its ID, such as one set up in the dashboard.",
		attributes:  couponDataSourceAttributes,
		convert:     func(c *processout.Coupon) CouponDataSourceModel { return CouponDataSourceModel{newCouponAttributes(c)} },
	}
}
