package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
	"github.com/processout/terraform-provider-processout/internal/validate"
)

var (
	_ resource.ResourceWithConfigure        = &GatewayConfigurationResource{}
	_ resource.ResourceWithImportState      = &GatewayConfigurationResource{}
	_ resource.ResourceWithIdentity         = &GatewayConfigurationResource{}
	_ resource.ResourceWithModifyPlan       = &GatewayConfigurationResource{}
	_ resource.ResourceWithConfigValidators = &GatewayConfigurationResource{}
)

// GatewayConfigurationResource manages a gateway configuration.
type GatewayConfigurationResource struct{ configured }

// GatewayConfigurationResourceModel is the resource's state: the
// configuration's attributes and the credentials as the configuration gives
// them (ProcessOut never returns them), and the operations' time limits.
type GatewayConfigurationResourceModel struct {
	gatewayConfigurationAttributes
	Settings          types.Map      `tfsdk:"settings"`
	SettingsWO        types.Map      `tfsdk:"settings_wo"`
	SettingsWOVersion types.Int64    `tfsdk:"settings_wo_version"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

// gatewayConfigurationFieldAttributes are the attributes ProcessOut's field errors
// may name.
var gatewayConfigurationFieldAttributes = map[string]bool{
	"name": true, "enabled": true, "default_currency": true, "processing_region": true,
	"metadata": true, "sub_accounts_enabled": true, "settings": true,
}

// NewGatewayConfigurationResource returns the resource.
func NewGatewayConfigurationResource() resource.Resource { return &GatewayConfigurationResource{} }

// Metadata implements resource.Resource.
func (r *GatewayConfigurationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gateway_configuration"
}

// processingRegions are the regions ProcessOut's SDK names ("EEA, EEA-UK, UK etc").
var processingRegions = []string{"EEA", "EEA-UK", "UK", "US"}

// Schema implements resource.Resource.
func (r *GatewayConfigurationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := stringplanmodifier.UseStateForUnknown()
	resp.Schema = schema.Schema{
		MarkdownDescription: "A payment gateway (Stripe, Adyen, …) configured on the project, with its credentials.\n\n" +
			"Credentials cannot be read back from ProcessOut. Give them as `settings_wo` with a `settings_wo_version` " +
			"(write-only: never stored in state; needs Terraform 1.11+ or OpenTofu 1.11+), and bump the version to send new ones. " +
			"Give them from `ephemeral` variables so that saved plans do not store them either (see below). " +
			"Older CLIs can use `settings`, a sensitive map that is stored in state.\n\n" +
			"Removing the credentials (`settings_wo` and `settings_wo_version`, or `settings`) from the configuration of an existing " +
			"gateway configuration sends none: ProcessOut keeps the credentials it holds, and Terraform stops managing them. " +
			"A new gateway configuration of a gateway that needs credentials must be given them.\n\n" + gatewayConfigurationRemovalTable,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the gateway configuration (`gway_conf_…`).",
				PlanModifiers: []planmodifier.String{useState},
			},
			"gateway_name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Gateway from the catalog, such as `stripe` or `adyen` (see the `processout_gateways` data source). Changing it creates a new configuration; it cannot be removed.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{validate.GatewayName()},
			},
			"name": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Display name." + removalKeeps,
				PlanModifiers: []planmodifier.String{useState},
				Validators:    []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
			"enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether payments may be routed to the gateway. Default `true`: removing `enabled = false` from the configuration enables the configuration.",
			},
			"default_currency": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Default ISO 4217 currency code, such as `USD`." + removalKeeps,
				PlanModifiers: []planmodifier.String{useState},
				Validators:    []validator.String{validate.Currency()},
			},
			"processing_region": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Processing region: one of `EEA`, `EEA-UK`, `UK`, `US`." + removalKeeps,
				PlanModifiers: []planmodifier.String{useState},
				Validators:    []validator.String{stringvalidator.OneOf(processingRegions...)},
			},
			"metadata": schema.MapAttribute{
				Optional: true, ElementType: types.StringType, MarkdownDescription: "Key/value metadata." + removalClearsMap,
				Validators: []validator.Map{mapvalidator.KeysAre(stringvalidator.LengthBetween(1, 255))},
			},
			"sub_accounts_enabled": schema.SetAttribute{
				Optional: true, ElementType: types.StringType, MarkdownDescription: "Sub-accounts enabled on the gateway." + removalClearsList,
			},
			"settings": schema.MapAttribute{
				Optional: true, Sensitive: true, ElementType: types.StringType,
				MarkdownDescription: "Gateway credentials (keys per gateway: see `required_settings` of the `processout_gateway` data source). " +
					"Stored in state as a sensitive value; prefer `settings_wo` on CLIs that support write-only attributes. Values may not be empty. " +
					"Removing it from the configuration sends no credentials: ProcessOut keeps those it holds, and the state forgets them.",
				Validators: []validator.Map{validate.ConflictsWithRoot("settings_wo"), credentialValues{}},
			},
			"settings_wo": schema.MapAttribute{
				Optional: true, WriteOnly: true, Sensitive: true, ElementType: types.StringType,
				MarkdownDescription: "Gateway credentials, write-only: sent to ProcessOut on create and whenever `settings_wo_version` changes, never stored. Values may not be empty. " +
					"Removing it (with `settings_wo_version`) sends no credentials: ProcessOut keeps those it holds.",
				Validators: []validator.Map{
					validate.ConflictsWithRoot("settings"),
					validate.AlsoRequiresRoot("settings_wo_version"),
					credentialValues{},
				},
			},
			"settings_wo_version": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "Version of `settings_wo`; change it to send the credentials again (after a rotation).",
				Validators: []validator.Int64{validate.AlsoRequiresRoot("settings_wo")},
			},
			"gateway_id": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "Numeric ID of the gateway in the catalog.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"public_keys": schema.MapAttribute{
				Computed: true, ElementType: types.StringType, MarkdownDescription: "The public part of the credentials, such as Stripe's publishable key.",
			},
			"enabled_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the configuration was last enabled (RFC 3339)."},
			"merchant_account_country_code": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Country of the merchant account, when the gateway reports it.",
			},
			"project_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the project.", PlanModifiers: []planmodifier.String{useState},
			},
			"sandbox": schema.BoolAttribute{
				Computed: true, MarkdownDescription: "Whether the configuration belongs to the sandbox.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Creation time (RFC 3339).", PlanModifiers: []planmodifier.String{useState},
			},
			"timeouts": timeoutsAttribute(ctx, "gateway configuration"),
		},
	}
}

// ConfigValidators implements resource.ResourceWithConfigValidators: a
// warning, on CLIs that support write-only attributes, to move credentials
// out of state.
func (r *GatewayConfigurationResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		validate.PreferWriteOnlyRoot("settings", "settings_wo"),
	}
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *GatewayConfigurationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("gateway configuration")
}

// Create implements resource.Resource. The answer carries the
// configuration, so nothing is read back.
func (r *GatewayConfigurationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config GatewayConfigurationResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &config)...) // settings_wo is only in the configuration
	ctx, done := withTimeout(ctx, plan.Timeouts, opCreate, &resp.Diagnostics)
	defer done()
	in := plan.input(ctx, &resp.Diagnostics)
	in.Settings = sentCredentials(plan, config, nil).send(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	fp := gatewayConfigurationFingerprint(plan.GatewayName.ValueString(), in.Name, &in.DefaultCurrency, in.ProcessingRegion, in.Metadata)
	ctx, attempt := beginCreate(ctx, r.data.api, "gateway configuration", fp)
	created, err := r.data.api.CreateGatewayConfiguration(ctx, plan.GatewayName.ValueString(), in)
	if err != nil {
		attempt.failed(ctx, req, resp, err, gatewayConfigurationFieldAttributes, lostFoundNext("gateway, name, currency, region and metadata"))
		return
	}
	plan.setFromAPI(created)
	saveObject(ctx, &resp.State, resp.Identity, &plan, created.ID, &resp.Diagnostics)
}

// Read implements resource.Resource. A configuration deleted out of band is
// dropped from state, so the plan re-creates it.
func (r *GatewayConfigurationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state GatewayConfigurationResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	ctx, done := withTimeout(ctx, state.Timeouts, opRead, &resp.Diagnostics)
	defer done()
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	found := readObject(ctx, lostGatewayConfigurations, importGatewayConfiguration, r.data, state.ID.ValueString(), state.CreatedAt, r.data.api.RefreshGatewayConfiguration, req, resp)
	if found != nil {
		state.setFromAPI(found)
		saveObject(ctx, &resp.State, resp.Identity, &state, found.ID, &resp.Diagnostics)
	}
}

// Update implements resource.Resource. Credentials are sent only when they
// change (sentCredentials): ProcessOut keeps the current ones when an update
// carries none.
func (r *GatewayConfigurationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config GatewayConfigurationResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &config)...)
	ctx, done := withTimeout(ctx, plan.Timeouts, opUpdate, &resp.Diagnostics)
	defer done()
	if resp.Diagnostics.HasError() {
		return
	}
	in := plan.input(ctx, &resp.Diagnostics)
	in.Settings = sentCredentials(plan, config, &state).send(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) || refuseLostCreateUpdate(plan.ID.ValueString(), &resp.Diagnostics) ||
		updateOnlyTimeouts(ctx, req, resp, plan.ID.ValueString()) {
		return
	}
	updated, err := r.data.api.UpdateGatewayConfiguration(ctx, plan.ID.ValueString(), in)
	if err != nil {
		addAPIError(&resp.Diagnostics, "update the gateway configuration", err, gatewayConfigurationFieldAttributes)
		return
	}
	plan.setFromAPI(updated)
	saveObject(ctx, &resp.State, resp.Identity, &plan, updated.ID, &resp.Diagnostics)
}

// Delete implements resource.Resource. A configuration already gone is
// deleted.
func (r *GatewayConfigurationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state GatewayConfigurationResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	ctx, done := withTimeout(ctx, state.Timeouts, opDelete, &resp.Diagnostics)
	defer done()
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	destroyObject(ctx, lostGatewayConfigurations, r.data.api, state.ID.ValueString(), r.data.api.DeleteGatewayConfiguration, req, &resp.Diagnostics)
}

// ImportState implements resource.ResourceWithImportState: by ID and by
// identity. Credentials cannot be read back: settings stay null.
func (r *GatewayConfigurationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObject(ctx, importGatewayConfiguration, req, resp)
}

// ModifyPlan implements resource.ResourceWithModifyPlan. It keeps the
// computed attributes that only change with the credentials or the enabled
// flag, says when credentials removed from the configuration stay on
// ProcessOut, and checks the gateway and the credentials the apply will send
// (sentCredentials) against the catalog at plan time.
func (r *GatewayConfigurationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	if req.Plan.Raw.Equal(req.State.Raw) {
		// Unchanged (the framework marks nothing unknown then): nothing to
		// keep or check, and no model to decode, for every object of a
		// no-change plan.
		return
	}
	var plan, config GatewayConfigurationResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// prior stays nil for a new configuration: a create, or the replacement
	// a new gateway_name makes.
	var state GatewayConfigurationResourceModel
	var prior *GatewayConfigurationResourceModel
	stored := !req.State.Raw.IsNull()
	if stored {
		resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
		if resp.Diagnostics.HasError() {
			return
		}
		if plan.GatewayName.Equal(state.GatewayName) {
			prior = &state
		}
	}
	sent := sentCredentials(plan, config, prior)
	if stored {
		keepUnchangedFollowers(&plan, state, prior != nil && sent.none())
		resp.Diagnostics.Append(setPlan(ctx, &resp.Plan, plan)...)
	}
	if prior != nil && sent.none() {
		if attr, dropped := stopsManaging(plan, *prior); dropped {
			warnCredentialsLeftOnProcessOut(attr, &resp.Diagnostics)
		}
		return // nothing the catalog checks changes
	}
	if r.data == nil || plan.GatewayName.IsUnknown() {
		return
	}
	checkGatewayAndCredentials(ctx, r.data, plan.GatewayName.ValueString(), sent, prior == nil, &resp.Diagnostics)
}

// keepUnchangedFollowers keeps the stored values of the computed attributes
// that follow the credentials (when none are sent to the same gateway) and
// the enabled flag (when it stays).
func keepUnchangedFollowers(plan *GatewayConfigurationResourceModel, state GatewayConfigurationResourceModel, credentialsStay bool) {
	if credentialsStay {
		plan.PublicKeys = state.PublicKeys
		plan.MerchantAccountCountryCode = state.MerchantAccountCountryCode
	}
	if plan.Enabled.Equal(state.Enabled) && plan.GatewayName.Equal(state.GatewayName) {
		plan.EnabledAt = state.EnabledAt
	}
}

// input is the configuration as the create and update calls send it,
// without the credentials.
func (m GatewayConfigurationResourceModel) input(ctx context.Context, diags *diag.Diagnostics) processout.GatewayConfigurationInput {
	return processout.GatewayConfigurationInput{
		Name:               optionalString(m.Name),
		Enabled:            m.Enabled.ValueBool(),
		DefaultCurrency:    m.DefaultCurrency.ValueString(),
		ProcessingRegion:   optionalString(m.ProcessingRegion),
		Metadata:           stringMap(ctx, m.Metadata, diags),
		SubAccountsEnabled: stringSet(ctx, m.SubAccountsEnabled, diags),
	}
}

// setFromAPI takes the configuration's values as ProcessOut returned them.
// settings and settings_wo_version stay as the last apply left them (null
// after import): credentials cannot be read back.
func (m *GatewayConfigurationResourceModel) setFromAPI(g *processout.GatewayConfiguration) {
	prior := m.gatewayConfigurationAttributes
	m.gatewayConfigurationAttributes = newGatewayConfigurationAttributes(g)
	m.Metadata = emptyAsConfigured(prior.Metadata, m.Metadata, types.MapNull(types.StringType))
	m.SubAccountsEnabled = emptyAsConfigured(prior.SubAccountsEnabled, m.SubAccountsEnabled, types.SetNull(types.StringType))
	if g.PublicKeys == nil {
		// Computed only, so no configured form to keep: null says the answer
		// carried none, {} that it carried an empty map.
		m.PublicKeys = types.MapNull(types.StringType)
	}
	m.SettingsWO = types.MapNull(types.StringType) // write-only values are never stored
}
