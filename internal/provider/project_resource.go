package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
	"github.com/processout/terraform-provider-processout/internal/validate"
)

var (
	_ resource.ResourceWithConfigure   = &ProjectResource{}
	_ resource.ResourceWithImportState = &ProjectResource{}
	_ resource.ResourceWithIdentity    = &ProjectResource{}
)

// ProjectResource manages a project supervised by the connected project.
type ProjectResource struct {
	objectResource[ProjectResourceModel, processout.Project, *ProjectResourceModel]
}

// ProjectResourceModel is the resource's state.
type ProjectResourceModel struct {
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
	PrivateKey           types.String `tfsdk:"private_key"`
}

// dunningStepType is the object type of a dunning_configuration element.
var dunningStepType = types.ObjectType{AttrTypes: map[string]attr.Type{"action": types.StringType, "delay_in_days": types.Int64Type}}

// dunningActions are the steps ProcessOut's dunning engine knows.
var dunningActions = []string{"retry", "cancel", "set_past_due", "leave_unchanged"}

// NewProjectResource returns the resource.
func NewProjectResource() resource.Resource {
	r := &ProjectResource{}
	r.what = "project"
	r.attributes = map[string]bool{
		"name": true, "default_currency": true, "logo_url": true, "email": true, "dunning_configuration": true, "public_metadata": true,
	}
	r.ops = objectOps[ProjectResourceModel, processout.Project]{
		create: func(ctx context.Context, api *processout.Client, plan, _ *ProjectResourceModel) (*processout.Project, error) {
			plan.PrivateKey = types.StringNull() // only this answer may carry it
			return api.CreateSupervisedProject(ctx, plan.input(ctx))
		},
		read: (*processout.Client).GetProject,
		update: func(ctx context.Context, api *processout.Client, plan, _, _ *ProjectResourceModel) (*processout.Project, error) {
			return api.UpdateProject(ctx, plan.ID.ValueString(), plan.input(ctx))
		},
		remove: (*processout.Client).DeleteProject,
	}
	return r
}

// Metadata implements resource.Resource.
func (r *ProjectResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

// Schema implements resource.Resource.
func (r *ProjectResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := stringplanmodifier.UseStateForUnknown()
	resp.Schema = schema.Schema{
		MarkdownDescription: "A ProcessOut project supervised by the connected project (`POST /supervised-projects`).\n\n" +
			"The project's `private_key` is returned only when the project is created: it is kept in state as a sensitive value " +
			"and is **null after an import**.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the project (`proj_…`).", PlanModifiers: []planmodifier.String{keep}},
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Name of the project.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
			"default_currency": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "ISO 4217 currency used to compute analytics amounts, such as `EUR`.",
				PlanModifiers: []planmodifier.String{keep}, Validators: []validator.String{validate.Currency()},
			},
			"logo_url": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "URL of the project's logo. Removing it from the configuration leaves the current logo.",
				PlanModifiers: []planmodifier.String{keep}, Validators: []validator.String{validate.WebURL()},
			},
			"email": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Contact email of the project. Removing it from the configuration leaves the current email.",
				PlanModifiers: []planmodifier.String{keep}, Validators: []validator.String{validate.Email()},
			},
			"dunning_configuration": schema.ListNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Ordered steps taken when a subscription payment fails.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"action": schema.StringAttribute{
						Required: true, MarkdownDescription: "One of `retry`, `cancel`, `set_past_due`, `leave_unchanged`.",
						Validators: []validator.String{stringvalidator.OneOf(dunningActions...)},
					},
					"delay_in_days": schema.Int64Attribute{
						Required: true, MarkdownDescription: "Days to wait before the step.",
						Validators: []validator.Int64{int64validator.Between(0, 365)},
					},
				}},
			},
			"public_metadata": schema.MapAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "Public key/value metadata."},
			"supervisor_project_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the supervising project.", PlanModifiers: []planmodifier.String{keep},
			},
			"region_name": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Region hosting the project, such as `aws-us-east-1`.", PlanModifiers: []planmodifier.String{keep},
			},
			"sandbox": schema.BoolAttribute{
				Computed: true, MarkdownDescription: "Whether the project is a sandbox project.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time (RFC 3339).", PlanModifiers: []planmodifier.String{keep}},
			"private_key": schema.StringAttribute{
				Computed: true, Sensitive: true, PlanModifiers: []planmodifier.String{keep},
				MarkdownDescription: "The project's secret key, returned by ProcessOut only at creation. Null after an import.",
			},
		},
	}
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *ProjectResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("project")
}

type dunningStepModel struct {
	Action      types.String `tfsdk:"action"`
	DelayInDays types.Int64  `tfsdk:"delay_in_days"`
}

func (m ProjectResourceModel) input(ctx context.Context) processout.ProjectInput {
	in := processout.ProjectInput{
		Name:            m.Name.ValueString(),
		DefaultCurrency: m.DefaultCurrency.ValueString(),
		LogoURL:         m.LogoURL.ValueString(),
		Email:           m.Email.ValueString(),
		PublicMetadata:  stringMap(ctx, m.PublicMetadata),
	}
	var steps []dunningStepModel
	_ = m.DunningConfiguration.ElementsAs(ctx, &steps, false)
	for _, s := range steps {
		in.DunningConfiguration = append(in.DunningConfiguration, processout.DunningAction{Action: s.Action.ValueString(), DelayInDays: s.DelayInDays.ValueInt64()})
	}
	return in
}

func (m *ProjectResourceModel) objectID() string { return m.ID.ValueString() }

// fill keeps private_key when the answer has none: ProcessOut returns it only
// at creation.
func (m *ProjectResourceModel) fill(p *processout.Project) {
	m.ID = types.StringValue(p.ID)
	m.Name = types.StringValue(p.Name)
	m.DefaultCurrency = stringOrNull(p.DefaultCurrency)
	m.LogoURL = stringOrNull(p.LogoURL)
	m.Email = stringOrNull(p.Email)
	m.DunningConfiguration = keepEmpty(m.DunningConfiguration, dunningList(p.DunningConfiguration))
	m.PublicMetadata = keepEmpty(m.PublicMetadata, stringMapOrNull(p.PublicMetadata))
	m.SupervisorProjectID = ptrStringOrNull(p.SupervisorProjectID)
	m.RegionName = stringOrNull(p.RegionName)
	m.Sandbox = types.BoolValue(p.Sandbox)
	m.CreatedAt = timeValue(p.CreatedAt)
	if p.PrivateKey != "" {
		m.PrivateKey = types.StringValue(p.PrivateKey)
	}
}

// dunningList maps the API's steps to the list attribute; none is null.
func dunningList(steps []processout.DunningAction) types.List {
	if len(steps) == 0 {
		return types.ListNull(dunningStepType)
	}
	elems := make([]attr.Value, len(steps))
	for i, s := range steps {
		elems[i] = types.ObjectValueMust(dunningStepType.AttrTypes, map[string]attr.Value{
			"action": types.StringValue(s.Action), "delay_in_days": types.Int64Value(s.DelayInDays),
		})
	}
	return types.ListValueMust(dunningStepType, elems)
}
