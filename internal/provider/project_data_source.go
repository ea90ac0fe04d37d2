package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

var (
	_ datasource.DataSource              = &ProjectDataSource{}
	_ datasource.DataSourceWithConfigure = &ProjectDataSource{}
)

// ProjectDataSource reads a project: by default the one the provider's
// credentials belong to.
type ProjectDataSource struct{ dataSourceConfigured }

// ProjectDataSourceModel is the data source's configuration and state: the
// project's attributes, with `id` as an optional argument. The project's
// private key is never part of it.
type ProjectDataSourceModel struct {
	projectAttributes
}

// NewProjectDataSource returns the data source.
func NewProjectDataSource() datasource.DataSource { return &ProjectDataSource{} }

// Metadata implements datasource.DataSource.
func (d *ProjectDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

// Schema implements datasource.DataSource.
func (d *ProjectDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := projectDataSourceAttributes()
	attrs["id"] = schema.StringAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: "ID of the project (`proj_…`, without the `test-` prefix). Leave it out to read the connected project; " +
			"another project can be read only if the connected one may see it (for instance a project it supervises).",
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a ProcessOut project: without `id`, the project the provider's credentials belong to " +
			"(through Membrane, the project of the connection). The project's private key is never read.",
		Attributes: attrs,
	}
}

// Read implements datasource.DataSource.
func (d *ProjectDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state ProjectDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !d.ready(&resp.Diagnostics) {
		return
	}
	id, project := processout.CurrentProject, "the connected project"
	if !state.ID.IsNull() {
		id = state.ID.ValueString()
		project = fmt.Sprintf("the project %q", id)
	}
	p, err := d.data.api.GetProject(ctx, id)
	var wrong *processout.WrongObjectError
	if errors.As(err, &wrong) {
		// ProcessOut answered with the connected project: a project it
		// supervises is still in its list.
		if p, err = d.data.supervisedProject(ctx, id); err == nil && p == nil {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "Project not found",
				fmt.Sprintf("ProcessOut has no project %q visible with these credentials: %v, and it is not among the connected project's supervised projects. "+
					"Leave id out to read the connected project.", id, wrong))
			return
		}
	}
	if processout.IsNotFound(err) && !state.ID.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Project not found",
			fmt.Sprintf("ProcessOut has no project %q visible with these credentials (%v). Leave id out to read the connected project.", id, err))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "read "+project, err, nil)
		return
	}
	state.projectAttributes = newProjectAttributes(p)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
