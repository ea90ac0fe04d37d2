package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	_ resource.ResourceWithModifyPlan  = &ProjectResource{}
)

// ProjectResource manages a project supervised by the connected project.
type ProjectResource struct{ configured }

// ProjectResourceModel is the resource's state: the project's attributes,
// its private key, which only the create answer carries, and the
// operations' time limits.
type ProjectResourceModel struct {
	projectAttributes
	PrivateKey types.String   `tfsdk:"private_key"`
	Timeouts   timeouts.Value `tfsdk:"timeouts"`
}

// projectFieldAttributes are the attributes ProcessOut's field errors may name.
var projectFieldAttributes = map[string]bool{
	"name": true, "default_currency": true, "logo_url": true, "email": true, "dunning_configuration": true, "public_metadata": true,
}

// NewProjectResource returns the resource.
func NewProjectResource() resource.Resource { return &ProjectResource{} }

// Metadata implements resource.Resource.
func (r *ProjectResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

// Schema implements resource.Resource.
func (r *ProjectResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := stringplanmodifier.UseStateForUnknown()
	resp.Schema = schema.Schema{
		MarkdownDescription: projectResourceDescription,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the project (`proj_…`).", PlanModifiers: []planmodifier.String{useState}},
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Name of the project. ProcessOut requires one: it cannot be removed.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
			"default_currency": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "ISO 4217 currency used to compute analytics amounts, such as `EUR`." + removalKeeps,
				PlanModifiers: []planmodifier.String{useState}, Validators: []validator.String{validate.Currency()},
			},
			"logo_url": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "URL of the project's logo." + removalKeeps,
				PlanModifiers: []planmodifier.String{useState}, Validators: []validator.String{validate.WebURL()},
			},
			"email": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Contact email of the project." + removalKeeps,
				PlanModifiers: []planmodifier.String{useState}, Validators: []validator.String{validate.Email()},
			},
			"dunning_configuration": schema.ListNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Ordered steps taken when a subscription payment fails." + removalClearsList,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"action": schema.StringAttribute{
						Required: true, MarkdownDescription: "One of `retry`, `cancel`, `set_past_due`, `leave_unchanged`.",
					},
					"delay_in_days": schema.Int64Attribute{
						Required: true, MarkdownDescription: "Days to wait before the step, from 0 to 365.",
					},
				}},
				Validators: []validator.List{dunningStepsValid{}}, // the steps' checks, reported at the step
			},
			"public_metadata": schema.MapAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "Public key/value metadata." + removalClearsMap},
			"supervisor_project_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the supervising project.", PlanModifiers: []planmodifier.String{useState},
			},
			"region_name": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Region hosting the project, such as `aws-us-east-1`.", PlanModifiers: []planmodifier.String{useState},
			},
			"sandbox": schema.BoolAttribute{
				Computed: true, MarkdownDescription: "Whether the project is a sandbox project.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time (RFC 3339).", PlanModifiers: []planmodifier.String{useState}},
			"private_key": schema.StringAttribute{
				Optional: true, Computed: true, Sensitive: true, PlanModifiers: []planmodifier.String{useState},
				MarkdownDescription: "The project's secret key. ProcessOut returns it only at creation, and the provider keeps it in state: " +
					"reads, updates and destroys of the project authenticate as the project with it. After an import it is null " +
					"until set here (for example `private_key = var.marketplace_key`); leave it unset for a project Terraform created. " +
					"Removing it from the configuration keeps the key in state.",
			},
			"timeouts": timeoutsAttribute(ctx, "project"),
		},
	}
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *ProjectResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("project")
}

// Create implements resource.Resource. The answer carries the project and,
// only this once, its private key.
func (r *ProjectResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan ProjectResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	ctx, done := withTimeout(ctx, plan.Timeouts, opCreate, &resp.Diagnostics)
	defer done()
	in := plan.input(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	ctx, attempt := beginCreate(ctx, r.data.api, "project", projectFingerprint(in.Name, in.Email, in.DefaultCurrency))
	created, err := r.data.api.CreateSupervisedProject(ctx, in)
	if err != nil {
		attempt.failed(ctx, req, resp, err, projectFieldAttributes, lostProjectNext)
		return
	}
	plan.setFromAPI(created)
	plan.PrivateKey = stringOrNull(created.PrivateKey)
	saveObject(ctx, &resp.State, resp.Identity, &plan, created.ID, &resp.Diagnostics)
}

// Read implements resource.Resource. The project is read as itself, with
// its private key, or without one from the caller's supervised projects;
// either way an answer about another project is never taken. A project
// deleted out of band is dropped from state, so the plan re-creates it. The
// private key stays as the create (or the configuration) left it.
func (r *ProjectResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state ProjectResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	ctx, done := withTimeout(ctx, state.Timeouts, opRead, &resp.Diagnostics)
	defer done()
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	importing := importRead(ctx, req, resp)
	if isLostCreateID(state.ID.ValueString()) {
		readLost(ctx, lostProjects, r.data.api, state.ID.ValueString(), req, resp) // a project found is never taken over
		return
	}
	id := state.ID.ValueString()
	found, err := r.data.readSupervised(ctx, id, state.PrivateKey.ValueString(), state.Sandbox.ValueBool(), &resp.Diagnostics)
	if importProject.readGone(ctx, r.data, importing, resp, id, err) {
		return
	}
	if found == nil && importing {
		importProject.addNotFound(r.data, id, "", &resp.Diagnostics)
		return
	}
	if found == nil { // not among the caller's supervised projects
		setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
		resp.State.RemoveResource(ctx)
		return
	}
	state.setFromAPI(found)
	saveObject(ctx, &resp.State, resp.Identity, &state, found.ID, &resp.Diagnostics)
}

// Update implements resource.Resource, authenticated as the project with
// the configured private key, else the one in state (ModifyPlan makes sure
// there is one).
func (r *ProjectResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state ProjectResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	ctx, done := withTimeout(ctx, plan.Timeouts, opUpdate, &resp.Diagnostics)
	defer done()
	in := plan.input(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) || refuseLostCreateUpdate(plan.ID.ValueString(), &resp.Diagnostics) ||
		updateOnlyTimeouts(ctx, req, resp, plan.ID.ValueString()) {
		return
	}
	id, key := plan.ID.ValueString(), plan.PrivateKey
	if key.IsNull() || key.IsUnknown() {
		key = state.PrivateKey
	}
	if key.IsNull() {
		addNoPrivateKey(&resp.Diagnostics, id, "update")
		return
	}
	updated, err := r.data.supervised.as(id, key.ValueString(), state.Sandbox.ValueBool()).UpdateProject(ctx, id, in)
	if err != nil {
		addSupervisedError(&resp.Diagnostics, "update the project", id, err)
		return
	}
	plan.setFromAPI(updated)
	plan.PrivateKey = key
	saveObject(ctx, &resp.State, resp.Identity, &plan, updated.ID, &resp.Diagnostics)
}

// Delete implements resource.Resource, authenticated as the project with
// the private key in state. A project already gone is deleted.
func (r *ProjectResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ProjectResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	ctx, done := withTimeout(ctx, state.Timeouts, opDelete, &resp.Diagnostics)
	defer done()
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	if isLostCreateID(state.ID.ValueString()) {
		// A project found is never taken over (lostProjects): this only
		// reports what ProcessOut holds.
		deleteTarget(ctx, lostProjects, r.data.api, state.ID.ValueString(), req, &resp.Diagnostics)
		return
	}
	id := state.ID.ValueString()
	if state.PrivateKey.IsNull() {
		addNoPrivateKey(&resp.Diagnostics, id, "destroy")
		return
	}
	err := r.data.supervised.as(id, state.PrivateKey.ValueString(), state.Sandbox.ValueBool()).DeleteProject(ctx, id)
	if isAuthentication(err) {
		// A deleted project's key stops working: a delete whose first
		// answer was lost, or one made out of band, ends here.
		if listed, listErr := r.data.supervisedProject(ctx, id); listErr == nil && listed == nil {
			return
		}
		addSupervisedError(&resp.Diagnostics, "delete the project", id, err)
		return
	}
	addDeleteError(&resp.Diagnostics, "project", err)
}

// ImportState implements resource.ResourceWithImportState: by ID and by
// identity. The private key cannot be read back: it stays null.
func (r *ProjectResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObject(ctx, importProject, req, resp)
}

// input is the project as the create and update calls send it.
func (m ProjectResourceModel) input(ctx context.Context, diags *diag.Diagnostics) processout.ProjectInput {
	in := processout.ProjectInput{
		Name:            m.Name.ValueString(),
		DefaultCurrency: m.DefaultCurrency.ValueString(),
		LogoURL:         m.LogoURL.ValueString(),
		Email:           m.Email.ValueString(),
		PublicMetadata:  stringMap(ctx, m.PublicMetadata, diags),
	}
	var steps []dunningStep
	if !m.DunningConfiguration.IsNull() && !m.DunningConfiguration.IsUnknown() {
		diags.Append(m.DunningConfiguration.ElementsAs(ctx, &steps, false)...)
	}
	for _, s := range steps {
		in.DunningConfiguration = append(in.DunningConfiguration, processout.DunningAction{Action: s.Action.ValueString(), DelayInDays: s.DelayInDays.ValueInt64()})
	}
	return in
}

// setFromAPI takes the project's values as ProcessOut returned them.
func (m *ProjectResourceModel) setFromAPI(p *processout.Project) {
	prior := m.projectAttributes
	m.projectAttributes = newProjectAttributes(p)
	m.DunningConfiguration = emptyAsConfigured(prior.DunningConfiguration, m.DunningConfiguration, types.ListNull(dunningStepType))
	m.PublicMetadata = emptyAsConfigured(prior.PublicMetadata, m.PublicMetadata, types.MapNull(types.StringType))
}
