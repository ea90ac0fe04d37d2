package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
	"github.com/processout/terraform-provider-processout/internal/validate"
)

var (
	_ datasource.DataSource                   = &CustomersDataSource{}
	_ datasource.DataSourceWithConfigure      = &CustomersDataSource{}
	_ datasource.DataSourceWithValidateConfig = &CustomersDataSource{}
)

const (
	defaultCustomersMaxResults = 100
	maxCustomersMaxResults     = 10000
	defaultCustomersOrder      = "desc"
)

// CustomersDataSource lists the project's customers, optionally filtered.
type CustomersDataSource struct{ dataSourceConfigured }

// CustomersDataSourceModel is the data source's configuration and state.
type CustomersDataSourceModel struct {
	ID            types.String         `tfsdk:"id"`
	Email         types.String         `tfsdk:"email"`
	ReferenceID   types.String         `tfsdk:"reference_id"`
	Metadata      types.Map            `tfsdk:"metadata"`
	CreatedAfter  types.String         `tfsdk:"created_after"`
	CreatedBefore types.String         `tfsdk:"created_before"`
	Sandbox       types.Bool           `tfsdk:"sandbox"`
	MaxResults    types.Int64          `tfsdk:"max_results"`
	Order         types.String         `tfsdk:"order"`
	Customers     []customerAttributes `tfsdk:"customers"`
}

// NewCustomersDataSource returns the data source.
func NewCustomersDataSource() datasource.DataSource { return &CustomersDataSource{} }

// Metadata implements datasource.DataSource.
func (d *CustomersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_customers"
}

// Schema implements datasource.DataSource.
func (d *CustomersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the project's customers, newest first unless `order` says otherwise, keeping those that match every filter given.\n\n" +
			"The list is read page by page (100 customers a call) and reading stops as soon as `max_results` customers are found. " +
			"The filters are sent to ProcessOut as query parameters and also applied by the provider to every page, " +
			"so the result is exact even where the API does not filter.\n\n" +
			"~> ProcessOut documents no field filters on its customer list: the `email`, `reference_id`, `metadata[…]`, " +
			"`created_after`, `created_before` and `sandbox` query parameters are an extension (the local emulator understands them). " +
			"Against an API that ignores them, a narrow filter may read many pages before it finds its matches.",
		Attributes: map[string]schema.Attribute{
			"id": computedString("Stable identifier of this query: a hash of the filters, `order` and `max_results`."),
			"email": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Keep only the customers with this email address (compared without regard to case).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"reference_id": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Keep only the customers with this merchant reference (exact match).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"metadata": schema.MapAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Keep only the customers whose metadata holds **every** key of this map with the same value, such as `{ tier = \"gold\" }`.",
			},
			"created_after": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Keep only the customers created strictly after this time (RFC 3339, such as `2024-01-31T00:00:00Z`).",
				Validators: []validator.String{validate.RFC3339()},
			},
			"created_before": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Keep only the customers created strictly before this time (RFC 3339).",
				Validators: []validator.String{validate.RFC3339()},
			},
			"sandbox": schema.BoolAttribute{
				Optional: true, MarkdownDescription: "Keep only sandbox (`true`) or live (`false`) customers. The credentials in use already decide which of the two the API shows.",
			},
			"max_results": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Largest number of customers returned; reading stops once it is reached. Default 100, at most 10000.",
				Validators:          []validator.Int64{int64validator.Between(1, maxCustomersMaxResults)},
			},
			"order": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "`desc` (default: newest first) or `asc` (oldest first), by creation time.",
				Validators:          []validator.String{stringvalidator.OneOf("asc", "desc")},
			},
			"customers": computedObjectList("The matching customers, in the requested order, with the same attributes as the `processout_customer` data source.", customerDataSourceAttributes()),
		},
	}
}

// ValidateConfig implements datasource.DataSourceWithValidateConfig: a time
// window that cannot hold anything is a mistake worth reporting at plan time.
func (d *CustomersDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var config CustomersDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	after, before := optionalTime(config.CreatedAfter), optionalTime(config.CreatedBefore)
	if after != nil && before != nil && !after.Before(*before) {
		resp.Diagnostics.AddAttributeError(path.Root("created_before"), "Empty time window",
			"created_before ("+config.CreatedBefore.ValueString()+") must be later than created_after ("+config.CreatedAfter.ValueString()+"): no customer can match both.")
	}
}

// filter is the configuration as the client's customer filter.
func (m CustomersDataSourceModel) filter(ctx context.Context, diags *diag.Diagnostics) processout.CustomerFilter {
	return processout.CustomerFilter{
		Email:         m.Email.ValueString(),
		ReferenceID:   m.ReferenceID.ValueString(),
		Metadata:      stringMap(ctx, m.Metadata, diags),
		CreatedAfter:  optionalTime(m.CreatedAfter),
		CreatedBefore: optionalTime(m.CreatedBefore),
		Sandbox:       optionalBool(m.Sandbox),
	}
}

// queryID hashes what selects the customers, so the same query always has
// the same id. The filter's query encoding is canonical: sorted keys,
// timestamps in UTC.
func queryID(f processout.CustomerFilter, order string, maxResults int64) string {
	q := f.Query()
	q.Set("order", order)
	q.Set("max_results", strconv.FormatInt(maxResults, 10))
	sum := sha256.Sum256([]byte(q.Encode()))
	return "customers-" + hex.EncodeToString(sum[:8])
}

// Read implements datasource.DataSource.
func (d *CustomersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readList(ctx, &d.dataSourceConfigured, req, resp, &CustomersDataSourceModel{})
}

func (m *CustomersDataSourceModel) objects() string { return "customers" }

func (m *CustomersDataSourceModel) run(ctx context.Context, data *providerData, diags *diag.Diagnostics) error {
	if m.MaxResults.IsNull() {
		m.MaxResults = types.Int64Value(defaultCustomersMaxResults)
	}
	if m.Order.IsNull() {
		m.Order = types.StringValue(defaultCustomersOrder)
	}
	limit := m.MaxResults.ValueInt64()
	filter := m.filter(ctx, diags)
	if diags.HasError() {
		return nil
	}
	opts := processout.ListOptions{Order: m.Order.ValueString(), PageSize: processout.MaxPageSize}
	if filter.IsZero() && limit < processout.MaxPageSize {
		opts.PageSize = int(limit) // every item of the page is kept: fetch no more than needed
	}
	customers, err := collect(data.api.FilteredCustomers(ctx, filter, opts), nil, newCustomerAttributes, limit)
	if err != nil {
		return err
	}
	m.Customers = customers
	m.ID = types.StringValue(queryID(filter, m.Order.ValueString(), limit))
	return nil
}
