package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = &MembraneConnectionDataSource{}

// MembraneConnectionDataSource exposes the Membrane connection in use.
type MembraneConnectionDataSource struct{ dataSourceConfigured }

// MembraneConnectionDataSourceModel is the data source's state.
type MembraneConnectionDataSourceModel struct {
	ID             types.String `tfsdk:"id"`
	Name           types.String `tfsdk:"name"`
	Key            types.String `tfsdk:"key"`
	IntegrationKey types.String `tfsdk:"integration_key"`
	State          types.String `tfsdk:"state"`
	Connected      types.Bool   `tfsdk:"connected"`
	CreatedAt      types.String `tfsdk:"created_at"`
}

// NewMembraneConnectionDataSource returns the data source.
func NewMembraneConnectionDataSource() datasource.DataSource { return &MembraneConnectionDataSource{} }

// Metadata implements datasource.DataSource.
func (d *MembraneConnectionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_membrane_connection"
}

// Schema implements datasource.DataSource.
func (d *MembraneConnectionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Membrane connection the provider uses to reach ProcessOut (the configured `connection_id`, or the one it discovered), for outputs and checks. Membrane transport only.",
		Attributes: map[string]schema.Attribute{
			"id":              schema.StringAttribute{Computed: true, MarkdownDescription: "Connection ID."},
			"name":            schema.StringAttribute{Computed: true, MarkdownDescription: "Connection name."},
			"key":             schema.StringAttribute{Computed: true, MarkdownDescription: "Connection key, when it has one."},
			"integration_key": schema.StringAttribute{Computed: true, MarkdownDescription: "Key of the integration (app) the connection is for."},
			"state":           schema.StringAttribute{Computed: true, MarkdownDescription: "Connection state; `READY` when usable."},
			"connected":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the connection's credentials are valid."},
			"created_at":      schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time (RFC 3339)."},
		},
	}
}

// Read implements datasource.DataSource. The connection was read when the
// provider was configured; it is not read again.
func (d *MembraneConnectionDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.ready(&resp.Diagnostics) {
		return
	}
	c := d.data.connection
	if c == nil {
		resp.Diagnostics.AddError("No Membrane connection", "The provider is configured for the direct transport (project_id and project_secret): there is no Membrane connection to read.")
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, MembraneConnectionDataSourceModel{
		ID:             types.StringValue(c.ID),
		Name:           types.StringValue(c.Name),
		Key:            stringOrNull(c.Key),
		IntegrationKey: stringOrNull(c.IntegrationKey),
		State:          types.StringValue(c.State),
		Connected:      types.BoolValue(c.IsConnected()),
		CreatedAt:      timeValue(c.CreatedAt),
	})...)
}
