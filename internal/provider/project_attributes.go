package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// projectAttributes are a project's values as Terraform holds them: the
// processout_project resource's model embeds them, and they are the state of
// the processout_project data source. The private key is not one of them:
// ProcessOut returns it only at creation.
type projectAttributes struct {
	ID                   types.String `tfsdk:"id"`
	Name                 types.String `tfsdk:"name"`
	DefaultCurrency      types.String `tfsdk:"default_currency"`
	LogoURL              types.String `tfsdk:"logo_url"`
	Email                types.String `tfsdk:"email"`
	DunningConfiguration types.List   `tfsdk:"dunning_configuration"`
	PublicMetadata       types.Map    `tfsdk:"public_metadata"`
	SupervisorProjectID  types.String `tfsdk:"supervisor_project_id"`
	RegionName           types.String `tfsdk:"region_name"`
	Sandbox              types.Bool   `tfsdk:"sandbox"`
	CreatedAt            types.String `tfsdk:"created_at"`
}

// dunningStep is one element of dunning_configuration: what ProcessOut does
// after a failed subscription payment, and when.
type dunningStep struct {
	Action      types.String `tfsdk:"action"`
	DelayInDays types.Int64  `tfsdk:"delay_in_days"`
}

// dunningStepType is the object type of a dunning_configuration element.
var dunningStepType = types.ObjectType{AttrTypes: map[string]attr.Type{"action": types.StringType, "delay_in_days": types.Int64Type}}

// dunningActions are the steps ProcessOut's dunning engine knows.
var dunningActions = []string{"retry", "cancel", "set_past_due", "leave_unchanged"}

// newProjectAttributes converts an API project.
func newProjectAttributes(p *processout.Project) projectAttributes {
	return projectAttributes{
		ID:                   types.StringValue(p.ID),
		Name:                 stringOrNull(p.Name),
		DefaultCurrency:      stringOrNull(p.DefaultCurrency),
		LogoURL:              stringOrNull(p.LogoURL),
		Email:                stringOrNull(p.Email),
		DunningConfiguration: dunningStepsValue(p.DunningConfiguration),
		PublicMetadata:       stringMapValue(p.PublicMetadata),
		SupervisorProjectID:  ptrStringOrNull(p.SupervisorProjectID),
		RegionName:           stringOrNull(p.RegionName),
		Sandbox:              types.BoolValue(p.Sandbox),
		CreatedAt:            timeValue(p.CreatedAt),
	}
}

// dunningStepsValue maps the API's steps to the list attribute (empty, never
// null).
func dunningStepsValue(steps []processout.DunningAction) types.List {
	elems := make([]attr.Value, len(steps))
	for i, s := range steps {
		elems[i] = types.ObjectValueMust(dunningStepType.AttrTypes, map[string]attr.Value{
			"action": types.StringValue(s.Action), "delay_in_days": types.Int64Value(s.DelayInDays),
		})
	}
	return types.ListValueMust(dunningStepType, elems)
}

// projectDataSourceAttributes is the read-only schema of projectAttributes;
// the processout_project data source makes `id` an optional argument.
func projectDataSourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":               computedString("ID of the project (`proj_…`)."),
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
	}
}
