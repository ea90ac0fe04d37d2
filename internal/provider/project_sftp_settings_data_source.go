package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

var (
	_ datasource.DataSource              = &ProjectSFTPSettingsDataSource{}
	_ datasource.DataSourceWithConfigure = &ProjectSFTPSettingsDataSource{}
)

// ProjectSFTPSettingsDataSource reads the connected project's SFTP settings.
// A project has at most one, so there is no list: `configured` says whether
// there is one (the adoption inventory writes an import block only then).
type ProjectSFTPSettingsDataSource struct{ dataSourceConfigured }

// ProjectSFTPSettingsDataSourceModel is the data source's state.
type ProjectSFTPSettingsDataSourceModel struct {
	ID         types.String `tfsdk:"id"`
	Configured types.Bool   `tfsdk:"configured"`
	Endpoint   types.String `tfsdk:"endpoint"`
	Username   types.String `tfsdk:"username"`
	Enabled    types.Bool   `tfsdk:"enabled"`
}

// NewProjectSFTPSettingsDataSource returns the data source.
func NewProjectSFTPSettingsDataSource() datasource.DataSource {
	return &ProjectSFTPSettingsDataSource{}
}

// Metadata implements datasource.DataSource.
func (d *ProjectSFTPSettingsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_sftp_settings"
}

// Schema implements datasource.DataSource.
func (d *ProjectSFTPSettingsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the SFTP server ProcessOut pushes the connected project's payout exports to (the project the provider's " +
			"credentials belong to). The credentials are never returned. A project without settings is not an error: `configured` is false, " +
			"`endpoint` and `username` are null.",
		Attributes: map[string]schema.Attribute{
			"id":         schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the connected project (`proj_…`), which is also the ID to import the settings with."},
			"configured": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the project has SFTP settings."},
			"endpoint":   schema.StringAttribute{Computed: true, MarkdownDescription: "The SFTP server as `host:port`."},
			"username":   schema.StringAttribute{Computed: true, MarkdownDescription: "The user ProcessOut logs in as."},
			"enabled":    schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether ProcessOut pushes payout exports to the server."},
		},
	}
}

// Read implements datasource.DataSource.
func (d *ProjectSFTPSettingsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.ready(&resp.Diagnostics) {
		return
	}
	project, err := d.data.connectedProjectID(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "find the connected project, whose SFTP settings these are", err, nil)
		return
	}
	state := ProjectSFTPSettingsDataSourceModel{ID: types.StringValue(project), Configured: types.BoolValue(false), Enabled: types.BoolValue(false),
		Endpoint: types.StringNull(), Username: types.StringNull()}
	found, err := d.data.api.GetProjectSFTPSettings(ctx, project)
	switch {
	case err == nil:
		state.Configured, state.Enabled = types.BoolValue(true), types.BoolValue(found.Enabled)
		state.Endpoint, state.Username = types.StringPointerValue(found.Endpoint), types.StringPointerValue(found.Username)
	case !processout.IsNotFound(err):
		addAPIError(&resp.Diagnostics, "read the SFTP settings", err, nil)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
