package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = &MembraneActionsDataSource{}

// MembraneActionsDataSource lists the connection's Membrane actions, as
// `membrane action list --intent` does.
type MembraneActionsDataSource struct{ dataSourceConfigured }

// MembraneActionsDataSourceModel is the data source's state.
type MembraneActionsDataSourceModel struct {
	Intent  types.String `tfsdk:"intent"`
	ID      types.String `tfsdk:"id"`
	Actions types.List   `tfsdk:"actions"`
}

var membraneActionType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "key": types.StringType, "name": types.StringType, "description": types.StringType,
	"input_schema": types.StringType, "output_schema": types.StringType,
}}

// NewMembraneActionsDataSource returns the data source.
func NewMembraneActionsDataSource() datasource.DataSource { return &MembraneActionsDataSource{} }

// Metadata implements datasource.DataSource.
func (d *MembraneActionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_membrane_actions"
}

// Schema implements datasource.DataSource.
func (d *MembraneActionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Actions available on the Membrane connection, optionally ranked by an intent such as `list customers`: " +
			"the action keys to use in the provider's `membrane_actions`. Membrane transport only.",
		Attributes: map[string]schema.Attribute{
			"intent": schema.StringAttribute{
				Optional: true, MarkdownDescription: "What the action should do, in words; Membrane ranks actions by it.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 200)},
			},
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The connection ID the actions belong to."},
			"actions": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The actions, best match first when an intent is given.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":            schema.StringAttribute{Computed: true, MarkdownDescription: "Action ID."},
					"key":           schema.StringAttribute{Computed: true, MarkdownDescription: "Action key, for `membrane_actions`."},
					"name":          schema.StringAttribute{Computed: true, MarkdownDescription: "Action name."},
					"description":   schema.StringAttribute{Computed: true, MarkdownDescription: "What the action does."},
					"input_schema":  schema.StringAttribute{Computed: true, MarkdownDescription: "JSON schema of the input, as JSON."},
					"output_schema": schema.StringAttribute{Computed: true, MarkdownDescription: "JSON schema of the output, as JSON."},
				}},
			},
		},
	}
}

// Read implements datasource.DataSource.
func (d *MembraneActionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model MembraneActionsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() || !d.ready(&resp.Diagnostics) {
		return
	}
	if d.data.connection == nil {
		resp.Diagnostics.AddError("No Membrane connection", "The provider is configured for the direct transport: Membrane actions are not available.")
		return
	}
	actions, err := d.data.membrane.ListActions(ctx, d.data.connection.ID, model.Intent.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, "list the Membrane actions", err, nil)
		return
	}
	elems := make([]attr.Value, len(actions))
	for i, a := range actions {
		elems[i] = types.ObjectValueMust(membraneActionType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(a.ID), "key": stringOrNull(a.Key), "name": types.StringValue(a.Name),
			"description": stringOrNull(a.Description), "input_schema": jsonString(a.InputSchema), "output_schema": jsonString(a.OutputSchema),
		})
	}
	model.ID = types.StringValue(d.data.connection.ID)
	model.Actions = types.ListValueMust(membraneActionType, elems)
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}

func jsonString(v map[string]any) types.String {
	if v == nil {
		return types.StringNull()
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return types.StringNull()
	}
	return types.StringValue(string(raw))
}
