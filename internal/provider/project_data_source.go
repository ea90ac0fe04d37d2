package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

var (
	_ datasource.DataSource              = &ProjectDataSource{}
	_ datasource.DataSourceWithConfigure = &ProjectDataSource{}
)

// ProjectDataSource reads a project: by default the one the provider's
// credentials belong to.
type ProjectDataSource struct{ dataSourceConfigured }

// ProjectDataSourceModel is the data source's configuration and state. The
// project's private key is never part of it.
type ProjectDataSourceModel struct {
	ID                   types.String         `tfsdk:"id"`
	Name                 types.String         `tfsdk:"name"`
	LogoURL              types.String         `tfsdk:"logo_url"`
	Email                types.String         `tfsdk:"email"`
	DefaultCurrency      types.String         `tfsdk:"default_currency"`
	DunningConfiguration []dunningActionModel `tfsdk:"dunning_configuration"`
	SupervisorProjectID  types.String         `tfsdk:"supervisor_project_id"`
	RegionName           types.String         `tfsdk:"region_name"`
	Sandbox              types.Bool           `tfsdk:"sandbox"`
	CreatedAt            types.String         `tfsdk:"created_at"`
	PublicMetadata       types.Map            `tfsdk:"public_metadata"`
}

// dunningActionModel is one step of a project's dunning configuration.
type dunningActionModel struct {
	Action      types.String `tfsdk:"action"`
	DelayInDays types.Int64  `tfsdk:"delay_in_days"`
}

// NewProjectDataSource returns the data source.
func NewProjectDataSource() datasource.DataSource { return &ProjectDataSource{} }

// Metadata implements datasource.DataSource.
func (d *ProjectDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

// Schema implements datasource.DataSource.
func (d *ProjectDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a ProcessOut project: without `id`, the project the provider's credentials belong to " +
			"(through Membrane, the project of the connection). The project's private key is never read.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "ID of the project (`proj_…`, without the `test-` prefix). Leave it out to read the connected project; " +
					"another project can be read only if the connected one may see it (for instance a project it supervises).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name":             computedString("Name of the project."),
			"logo_url":         computedString("URL of the project's logo."),
			"email":            computedString("Contact email of the project."),
			"default_currency": computedString("ISO 4217 currency the project's analytics are computed in."),
			"dunning_configuration": computedObjectList("What happens, in order, when a subscription payment fails (empty when not configured).",
				map[string]schema.Attribute{
					"action":        computedString("`retry`, `cancel`, `set_past_due` or `leave_unchanged`."),
					"delay_in_days": schema.Int64Attribute{Computed: true, MarkdownDescription: "Days to wait before the action."},
				}),
			"supervisor_project_id": computedString("ID of the project that supervises this one, if any."),
			"region_name":           computedString("Region the project's data lives in, such as `aws-us-east-1`."),
			"sandbox":               computedBool("Whether the project is read in sandbox mode."),
			"created_at":            computedString("Creation time (RFC 3339)."),
			"public_metadata":       computedStringMap("Public metadata of the project (empty when there is none)."),
		},
	}
}

// Read implements datasource.DataSource.
func (d *ProjectDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state ProjectDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !d.ready(&resp.Diagnostics) {
		return
	}
	id, what := processout.CurrentProject, "the connected project"
	if !state.ID.IsNull() {
		id = state.ID.ValueString()
		what = fmt.Sprintf("the project %q", id)
	}
	p, err := d.data.api.GetProject(ctx, id)
	if processout.IsNotFound(err) && !state.ID.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Project not found",
			fmt.Sprintf("ProcessOut has no project %q visible with these credentials (%v). Leave id out to read the connected project.", id, err))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "read "+what, err, nil)
		return
	}
	state.ID = types.StringValue(p.ID)
	state.Name = stringOrNull(p.Name)
	state.LogoURL = stringOrNull(p.LogoURL)
	state.Email = stringOrNull(p.Email)
	state.DefaultCurrency = stringOrNull(p.DefaultCurrency)
	state.DunningConfiguration = make([]dunningActionModel, len(p.DunningConfiguration))
	for i, a := range p.DunningConfiguration {
		state.DunningConfiguration[i] = dunningActionModel{Action: types.StringValue(a.Action), DelayInDays: types.Int64Value(a.DelayInDays)}
	}
	state.SupervisorProjectID = ptrStringOrNull(p.SupervisorProjectID)
	state.RegionName = stringOrNull(p.RegionName)
	state.Sandbox = types.BoolValue(p.Sandbox)
	state.CreatedAt = timeValue(p.CreatedAt)
	state.PublicMetadata = stringMapOrEmpty(p.PublicMetadata)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
