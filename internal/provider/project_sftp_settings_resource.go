package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
	"github.com/processout/terraform-provider-processout/internal/validate"
)

var (
	_ resource.ResourceWithConfigure        = &ProjectSFTPSettingsResource{}
	_ resource.ResourceWithImportState      = &ProjectSFTPSettingsResource{}
	_ resource.ResourceWithIdentity         = &ProjectSFTPSettingsResource{}
	_ resource.ResourceWithModifyPlan       = &ProjectSFTPSettingsResource{}
	_ resource.ResourceWithConfigValidators = &ProjectSFTPSettingsResource{}
)

// ProjectSFTPSettingsResource manages the SFTP server ProcessOut pushes the
// connected project's payout exports to: one per project, its ID the
// project's (CONTRACT.md §20).
type ProjectSFTPSettingsResource struct{ configured }

// ProjectSFTPSettingsResourceModel is the resource's state: what ProcessOut
// returns, and the credential as the configuration gives it (ProcessOut
// never returns it).
type ProjectSFTPSettingsResourceModel struct {
	ID                  types.String `tfsdk:"id"`
	Endpoint            types.String `tfsdk:"endpoint"`
	Username            types.String `tfsdk:"username"`
	Enabled             types.Bool   `tfsdk:"enabled"`
	Password            types.String `tfsdk:"password"`
	PasswordWO          types.String `tfsdk:"password_wo"`
	PasswordWOVersion   types.Int64  `tfsdk:"password_wo_version"`
	PrivateKey          types.String `tfsdk:"private_key"`
	PrivateKeyWO        types.String `tfsdk:"private_key_wo"`
	PrivateKeyWOVersion types.Int64  `tfsdk:"private_key_wo_version"`
}

// sftpFieldAttributes are the attributes ProcessOut's field errors may name.
var sftpFieldAttributes = map[string]bool{"endpoint": true, "username": true}

// NewProjectSFTPSettingsResource returns the resource.
func NewProjectSFTPSettingsResource() resource.Resource { return &ProjectSFTPSettingsResource{} }

// Metadata implements resource.Resource.
func (r *ProjectSFTPSettingsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_sftp_settings"
}

// Schema implements resource.Resource.
func (r *ProjectSFTPSettingsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	credential := func(validators ...validator.String) []validator.String {
		return append(validators, stringvalidator.LengthAtLeast(1))
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: projectSFTPSettingsDescription,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the project whose settings these are (`proj_…`): the connected project.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"endpoint": schema.StringAttribute{
				Required: true, MarkdownDescription: "The SFTP server as `host:port`, the port included, such as `sftp.example.com:22`.",
				Validators: []validator.String{validate.SFTPEndpoint()},
			},
			"username": schema.StringAttribute{
				Required: true, MarkdownDescription: "The user ProcessOut logs in as.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
			"enabled": schema.BoolAttribute{
				Computed: true,
				MarkdownDescription: "Whether ProcessOut pushes payout exports to the server, as ProcessOut last reported it. ProcessOut's answer to a save " +
					"carries no settings, so after a create or an update it is null until the next refresh reads it.",
			},
			"password": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "The password, for CLIs without write-only attributes: stored in state as a sensitive value. Prefer `password_wo`.",
				Validators:          credential(),
			},
			"password_wo": schema.StringAttribute{
				Optional: true, WriteOnly: true, Sensitive: true,
				MarkdownDescription: "The password, write-only: never stored. Sent with every save (create, and each update: ProcessOut's PUT replaces the settings whole).",
				Validators:          credential(validate.AlsoRequiresRoot("password_wo_version")),
			},
			"password_wo_version": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "Version of `password_wo`; change it to send a new password when nothing else changes.",
				Validators: []validator.Int64{validate.AlsoRequiresRoot("password_wo")},
			},
			"private_key": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "The private key, **encoded in base64** (`filebase64(\"path/to/key\")`), for CLIs without write-only attributes: " +
					"stored in state as a sensitive value. Prefer `private_key_wo`.",
				Validators: credential(validate.Base64PrivateKey()),
			},
			"private_key_wo": schema.StringAttribute{
				Optional: true, WriteOnly: true, Sensitive: true,
				MarkdownDescription: "The private key, **encoded in base64** (`filebase64(\"path/to/key\")`), write-only: never stored. Sent with every save.",
				Validators:          credential(validate.Base64PrivateKey(), validate.AlsoRequiresRoot("private_key_wo_version")),
			},
			"private_key_wo_version": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "Version of `private_key_wo`; change it to send a new key when nothing else changes.",
				Validators: []validator.Int64{validate.AlsoRequiresRoot("private_key_wo")},
			},
		},
	}
}

// ConfigValidators implements resource.ResourceWithConfigValidators: one
// credential at most, and a warning, on CLIs that support write-only
// attributes, to move it out of state.
func (r *ProjectSFTPSettingsResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		oneSFTPCredential{},
		validate.PreferWriteOnlyRoot("password", "password_wo"),
		validate.PreferWriteOnlyRoot("private_key", "private_key_wo"),
	}
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *ProjectSFTPSettingsResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("project whose SFTP settings these are")
}

// Create implements resource.Resource: a read first, so that settings set
// up outside this configuration are never overwritten unseen
// (checkNoOtherSettings), then the save.
func (r *ProjectSFTPSettingsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config ProjectSFTPSettingsResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &config)...) // the write-only credential is only in the configuration
	in := sftpSent(plan, config, nil).input(plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	project, ok := r.connected(ctx, &resp.Diagnostics)
	if !ok || !r.data.checkNoOtherSettings(ctx, project, plan.Endpoint, plan.Username, &resp.Diagnostics) {
		return
	}
	if err := r.data.api.SaveProjectSFTPSettings(ctx, project, in); err != nil {
		addAPIError(&resp.Diagnostics, "save the SFTP settings", err, sftpFieldAttributes)
		return
	}
	plan.ID = types.StringValue(project)
	r.saved(ctx, &plan, resp.Private, &resp.Diagnostics)
	saveObject(ctx, &resp.State, resp.Identity, &plan, project, &resp.Diagnostics)
}

// Read implements resource.Resource. Settings removed out of band (or never
// seen, after a save the store has not caught up with) are dropped from
// state, so the plan creates them again.
func (r *ProjectSFTPSettingsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state ProjectSFTPSettingsResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) || !r.sameProject(ctx, state.ID.ValueString(), "read", &resp.Diagnostics) {
		return
	}
	project := state.ID.ValueString()
	found, err := readSettled(ctx, savedAt(ctx, req.Private, &resp.Diagnostics), func(ctx context.Context) (*processout.ProjectSFTPSettings, error) {
		return r.data.api.GetProjectSFTPSettings(ctx, project)
	})
	if goneOrFailed(ctx, resp, "SFTP settings", project, err) {
		return
	}
	state.Endpoint = types.StringPointerValue(found.Endpoint)
	state.Username = types.StringPointerValue(found.Username)
	state.Enabled = types.BoolValue(found.Enabled)
	state.PasswordWO, state.PrivateKeyWO = types.StringNull(), types.StringNull()
	saveObject(ctx, &resp.State, resp.Identity, &state, project, &resp.Diagnostics)
}

// Update implements resource.Resource: a save when sftpSent says so, with
// the configured credential; otherwise (the credential only removed from
// the configuration) nothing is sent.
func (r *ProjectSFTPSettingsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config ProjectSFTPSettingsResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &config)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) || !r.sameProject(ctx, state.ID.ValueString(), "update", &resp.Diagnostics) {
		return
	}
	sent := sftpSent(plan, config, &state)
	if !sent.put {
		plan.Enabled = state.Enabled
		plan.PasswordWO, plan.PrivateKeyWO = types.StringNull(), types.StringNull()
		saveObject(ctx, &resp.State, resp.Identity, &plan, state.ID.ValueString(), &resp.Diagnostics)
		return
	}
	in := sent.input(plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.data.api.SaveProjectSFTPSettings(ctx, state.ID.ValueString(), in); err != nil {
		addAPIError(&resp.Diagnostics, "save the SFTP settings", err, sftpFieldAttributes)
		return
	}
	r.saved(ctx, &plan, resp.Private, &resp.Diagnostics)
	saveObject(ctx, &resp.State, resp.Identity, &plan, state.ID.ValueString(), &resp.Diagnostics)
}

// Delete implements resource.Resource. Settings already gone are deleted.
func (r *ProjectSFTPSettingsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ProjectSFTPSettingsResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) || !r.sameProject(ctx, state.ID.ValueString(), "delete", &resp.Diagnostics) {
		return
	}
	err := r.data.api.DeleteProjectSFTPSettings(ctx, state.ID.ValueString())
	addDeleteError(&resp.Diagnostics, "SFTP settings", err)
}

// ImportState implements resource.ResourceWithImportState: by the project's
// ID and by identity, only for the connected project. The credential cannot
// be read back: it stays null until the configuration gives one.
func (r *ProjectSFTPSettingsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := req.ID
	if id == "" && req.Identity != nil {
		var identity idIdentity
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
		id = identity.ID.ValueString()
	}
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) || !r.sameProject(ctx, id, "import", &resp.Diagnostics) {
		return
	}
	importByID(ctx, req, resp)
}

// ModifyPlan implements resource.ResourceWithModifyPlan. It names the
// connected project as the ID of new settings, refuses at plan time to
// touch the settings of another project than the connected one, keeps
// `enabled` when nothing is saved, and checks that a save has a credential
// to send (sftpSent).
func (r *ProjectSFTPSettingsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.Plan.Raw.IsNull() && req.Plan.Raw.Equal(req.State.Raw) {
		return // nothing changes: nothing to check
	}
	var state ProjectSFTPSettingsResourceModel
	var prior *ProjectSFTPSettingsResourceModel
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
		prior = &state
	}
	if r.data != nil && prior != nil {
		action := "update"
		if req.Plan.Raw.IsNull() {
			action = "destroy"
		}
		if !r.sameProject(ctx, state.ID.ValueString(), action, &resp.Diagnostics) {
			return
		}
	}
	if req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	var plan, config ProjectSFTPSettingsResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sent := sftpSent(plan, config, prior)
	sent.checkPlanned(prior == nil, &resp.Diagnostics)
	switch {
	case prior == nil && r.data != nil:
		if project, ok := r.connected(ctx, &resp.Diagnostics); ok && r.data.checkNoOtherSettings(ctx, project, plan.Endpoint, plan.Username, &resp.Diagnostics) {
			plan.ID = types.StringValue(project)
		}
	case prior != nil && !sent.put:
		plan.Enabled = state.Enabled
	}
	resp.Diagnostics.Append(setPlan(ctx, &resp.Plan, plan)...)
}

// connected is the connected project's ID, with a diagnostic when it cannot
// be read.
func (r *ProjectSFTPSettingsResource) connected(ctx context.Context, diags *diag.Diagnostics) (string, bool) {
	project, err := r.data.connectedProjectID(ctx)
	if err != nil {
		addAPIError(diags, "find the connected project, whose SFTP settings these are", err, nil)
		return "", false
	}
	return project, true
}

// sameProject refuses to act on the SFTP settings of project id unless it
// is the connected project. The provider sends the connected project's ID
// in the path; ProcessOut may act on the authenticated project whatever
// the path says (CONTRACT.md §11, §20), so settings of another project in
// state would be read, replaced or deleted as the connected project's.
func (r *ProjectSFTPSettingsResource) sameProject(ctx context.Context, id, action string, diags *diag.Diagnostics) bool {
	project, ok := r.connected(ctx, diags)
	if !ok {
		return false
	}
	if bare := trimSandboxPrefix(id); bare == project {
		return true
	}
	diags.AddError(fmt.Sprintf("Cannot %s the SFTP settings of project %s", action, id),
		fmt.Sprintf("The provider is authenticated as project %s, and it manages only that project's SFTP settings: ProcessOut may apply a call "+
			"about another project's settings to the authenticated project's. To manage project %s's, use a provider configuration "+
			"authenticated as that project (an alias with project_id = %q and project_secret set to its private key, or a Membrane connection "+
			"to it), and import or declare the settings under it. To stop managing these settings without touching them, remove them from state: "+
			"`terraform state rm <address>` (`tofu state rm`), or a `removed` block with `lifecycle { destroy = false }`.",
			project, id, id))
	return false
}

// saved records a save in the state being written: the credential given
// write-only is not kept, `enabled` is not known until read (ProcessOut's
// answer carries nothing), and the save's time lets the next read tell a
// store that has not caught up from settings deleted out of band.
func (r *ProjectSFTPSettingsResource) saved(ctx context.Context, plan *ProjectSFTPSettingsResourceModel, private privateSetter, diags *diag.Diagnostics) {
	plan.Enabled = types.BoolNull()
	plan.PasswordWO, plan.PrivateKeyWO = types.StringNull(), types.StringNull()
	recordSave(ctx, private, diags)
}
