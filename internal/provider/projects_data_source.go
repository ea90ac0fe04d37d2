package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

var (
	_ datasource.DataSource              = &ProjectsDataSource{}
	_ datasource.DataSourceWithConfigure = &ProjectsDataSource{}
)

// ProjectsDataSource lists the projects the connected project supervises.
type ProjectsDataSource struct{ dataSourceConfigured }

// ProjectsDataSourceModel is the data source's configuration and state.
// Its projects are projectAttributes, which have no private key: ProcessOut
// returns a project's key only when it creates the project, and whatever a
// list answer carried, nothing but these attributes is kept.
type ProjectsDataSourceModel struct {
	ID           types.String        `tfsdk:"id"`
	NameContains types.String        `tfsdk:"name_contains"`
	Projects     []projectAttributes `tfsdk:"projects"`
}

// NewProjectsDataSource returns the data source.
func NewProjectsDataSource() datasource.DataSource { return &ProjectsDataSource{} }

// Metadata implements datasource.DataSource.
func (d *ProjectsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_projects"
}

// Schema implements datasource.DataSource.
func (d *ProjectsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the projects the connected project supervises (`GET /supervised-projects`), oldest first, " +
			"including those created in the dashboard: the inventory from which supervised projects are imported as `processout_project`.\n\n" +
			"A project's private key is never listed (ProcessOut returns it only when it creates the project) and is not part of this data source.",
		Attributes: map[string]schema.Attribute{
			"id":            computedString("Identifier of this query, made of the filter."),
			"name_contains": containsFilterAttribute("Keep only the projects whose name contains this text (without regard to case)."),
			"projects":      computedObjectList("The matching supervised projects, oldest first, with the same attributes as the `processout_project` data source.", projectDataSourceAttributes()),
		},
	}
}

// Read implements datasource.DataSource.
func (d *ProjectsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readList(ctx, &d.dataSourceConfigured, req, resp, &ProjectsDataSourceModel{})
}

func (m *ProjectsDataSourceModel) objects() string { return "supervised projects" }

func (m *ProjectsDataSourceModel) run(ctx context.Context, data *providerData, _ *diag.Diagnostics) error {
	nameMatches := containsFold(m.NameContains)
	match := func(p *processout.Project) bool { return nameMatches(p.Name) }
	projects, err := collect(data.api.SupervisedProjects(ctx, processout.ListOptions{Order: "asc"}), match, newProjectAttributes, 0)
	if err != nil {
		return err
	}
	m.Projects = projects
	m.ID = types.StringValue("supervised-projects?name_contains=" + m.NameContains.ValueString())
	return nil
}
