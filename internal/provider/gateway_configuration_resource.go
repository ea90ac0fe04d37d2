package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
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
type GatewayConfigurationResource struct {
	objectResource[GatewayConfigurationResourceModel, processout.GatewayConfiguration, *GatewayConfigurationResourceModel]
}

// GatewayConfigurationResourceModel is the resource's state.
type GatewayConfigurationResourceModel struct {
	ID                         types.String `tfsdk:"id"`
	GatewayName                types.String `tfsdk:"gateway_name"`
	Name                       types.String `tfsdk:"name"`
	Enabled                    types.Bool   `tfsdk:"enabled"`
	DefaultCurrency            types.String `tfsdk:"default_currency"`
	ProcessingRegion           types.String `tfsdk:"processing_region"`
	Metadata                   types.Map    `tfsdk:"metadata"`
	SubAccountsEnabled         types.Set    `tfsdk:"sub_accounts_enabled"`
	Settings                   types.Map    `tfsdk:"settings"`
	SettingsWO                 types.Map    `tfsdk:"settings_wo"`
	SettingsWOVersion          types.Int64  `tfsdk:"settings_wo_version"`
	GatewayID                  types.Int64  `tfsdk:"gateway_id"`
	PublicKeys                 types.Map    `tfsdk:"public_keys"`
	EnabledAt                  types.String `tfsdk:"enabled_at"`
	MerchantAccountCountryCode types.String `tfsdk:"merchant_account_country_code"`
	ProjectID                  types.String `tfsdk:"project_id"`
	Sandbox                    types.Bool   `tfsdk:"sandbox"`
	CreatedAt                  types.String `tfsdk:"created_at"`
}

// NewGatewayConfigurationResource returns the resource.
func NewGatewayConfigurationResource() resource.Resource {
	r := &GatewayConfigurationResource{}
	r.what = "gateway configuration"
	r.attributes = map[string]bool{
		"name": true, "enabled": true, "default_currency": true, "processing_region": true,
		"metadata": true, "sub_accounts_enabled": true, "settings": true,
	}
	r.ops = objectOps[GatewayConfigurationResourceModel, processout.GatewayConfiguration]{
		create: createGatewayConfiguration,
		read:   (*processout.Client).GetGatewayConfiguration,
		update: updateGatewayConfiguration,
		remove: (*processout.Client).DeleteGatewayConfiguration,
	}
	return r
}

// Metadata implements resource.Resource.
func (r *GatewayConfigurationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gateway_configuration"
}

// processingRegions are the regions ProcessOut's SDK names ("EEA, EEA-UK, UK etc").
var processingRegions = []string{"EEA", "EEA-UK", "UK", "US"}

// Schema implements resource.Resource.
func (r *GatewayConfigurationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := stringplanmodifier.UseStateForUnknown()
	resp.Schema = schema.Schema{
		MarkdownDescription: "A payment gateway (Stripe, Adyen, …) configured on the project, with its credentials.\n\n" +
			"Credentials cannot be read back from ProcessOut. Give them as `settings_wo` with a `settings_wo_version` " +
			"(write-only: never stored in state or plan; needs Terraform 1.11+ or OpenTofu 1.11+), and bump the version to send new ones. " +
			"Older CLIs can use `settings`, a sensitive map that is stored in state.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the gateway configuration (`gway_conf_…`).",
				PlanModifiers: []planmodifier.String{keep},
			},
			"gateway_name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Gateway from the catalog, such as `stripe` or `adyen` (see the `processout_gateways` data source). Changing it creates a new configuration.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.RegexMatches(validate.SlugPattern, "must be a gateway name such as \"stripe\" (lowercase letters, digits, dashes)")},
			},
			"name": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Display name. Removing it from the configuration leaves the current name.",
				PlanModifiers: []planmodifier.String{keep},
				Validators:    []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
			"enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether payments may be routed to the gateway. Default `true`.",
			},
			"default_currency": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Default ISO 4217 currency code, such as `USD`.",
				PlanModifiers: []planmodifier.String{keep},
				Validators:    []validator.String{validate.Currency()},
			},
			"processing_region": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Processing region: one of `EEA`, `EEA-UK`, `UK`, `US`. Removing it from the configuration leaves the current region.",
				PlanModifiers: []planmodifier.String{keep},
				Validators:    []validator.String{stringvalidator.OneOf(processingRegions...)},
			},
			"metadata": schema.MapAttribute{
				Optional: true, ElementType: types.StringType, MarkdownDescription: "Key/value metadata.",
				Validators: []validator.Map{mapvalidator.KeysAre(stringvalidator.LengthBetween(1, 255))},
			},
			"sub_accounts_enabled": schema.SetAttribute{
				Optional: true, ElementType: types.StringType, MarkdownDescription: "Sub-accounts enabled on the gateway.",
			},
			"settings": schema.MapAttribute{
				Optional: true, Sensitive: true, ElementType: types.StringType,
				MarkdownDescription: "Gateway credentials (keys per gateway: see `required_settings` of the `processout_gateway` data source). " +
					"Stored in state as a sensitive value; prefer `settings_wo` on CLIs that support write-only attributes.",
				Validators: []validator.Map{mapvalidator.ConflictsWith(path.MatchRoot("settings_wo"))},
			},
			"settings_wo": schema.MapAttribute{
				Optional: true, WriteOnly: true, Sensitive: true, ElementType: types.StringType,
				MarkdownDescription: "Gateway credentials, write-only: sent to ProcessOut on create and whenever `settings_wo_version` changes, never stored.",
				Validators: []validator.Map{
					mapvalidator.ConflictsWith(path.MatchRoot("settings")),
					mapvalidator.AlsoRequires(path.MatchRoot("settings_wo_version")),
				},
			},
			"settings_wo_version": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "Version of `settings_wo`; change it to send the credentials again (after a rotation).",
				Validators: []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("settings_wo"))},
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
				Computed: true, MarkdownDescription: "ID of the project.", PlanModifiers: []planmodifier.String{keep},
			},
			"sandbox": schema.BoolAttribute{
				Computed: true, MarkdownDescription: "Whether the configuration belongs to the sandbox.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Creation time (RFC 3339).", PlanModifiers: []planmodifier.String{keep},
			},
		},
	}
}

// ConfigValidators implements resource.ResourceWithConfigValidators: a
// warning, on CLIs that support write-only attributes, to move credentials
// out of state.
func (r *GatewayConfigurationResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.PreferWriteOnlyAttribute(path.MatchRoot("settings"), path.MatchRoot("settings_wo")),
	}
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *GatewayConfigurationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("gateway configuration")
}

func (m GatewayConfigurationResourceModel) input(ctx context.Context) processout.GatewayConfigurationInput {
	return processout.GatewayConfigurationInput{
		Name:               optionalString(m.Name),
		Enabled:            m.Enabled.ValueBool(),
		DefaultCurrency:    m.DefaultCurrency.ValueString(),
		ProcessingRegion:   optionalString(m.ProcessingRegion),
		Metadata:           stringMap(ctx, m.Metadata),
		SubAccountsEnabled: stringSet(ctx, m.SubAccountsEnabled),
	}
}

func (m *GatewayConfigurationResourceModel) objectID() string { return m.ID.ValueString() }

// fill leaves settings and settings_wo_version alone: credentials cannot be
// read back, so they stay as the last apply left them (null after import).
func (m *GatewayConfigurationResourceModel) fill(g *processout.GatewayConfiguration) {
	m.ID = types.StringValue(g.ID)
	m.GatewayName = types.StringValue(g.GatewayName)
	m.Name = ptrStringOrNull(g.Name)
	m.Enabled = types.BoolValue(g.Enabled)
	m.DefaultCurrency = stringOrNull(g.DefaultCurrency)
	m.ProcessingRegion = ptrStringOrNull(g.ProcessingRegion)
	m.Metadata = keepEmpty(m.Metadata, stringMapOrNull(g.Metadata))
	m.SubAccountsEnabled = keepEmpty(m.SubAccountsEnabled, stringSetOrNull(g.SubAccountsEnabled))
	m.GatewayID = types.Int64Value(g.GatewayID.Int())
	m.PublicKeys = types.MapNull(types.StringType)
	if g.PublicKeys != nil {
		m.PublicKeys = stringMapOrEmpty(g.PublicKeys)
	}
	m.EnabledAt = ptrTimeValue(g.EnabledAt)
	m.MerchantAccountCountryCode = ptrStringOrNull(g.MerchantAccountCountryCode)
	m.ProjectID = types.StringValue(g.ProjectID)
	m.Sandbox = types.BoolValue(g.Sandbox)
	m.CreatedAt = timeValue(g.CreatedAt)
	// Write-only values are never stored.
	m.SettingsWO = types.MapNull(types.StringType)
}

func createGatewayConfiguration(ctx context.Context, api *processout.Client, plan, config *GatewayConfigurationResourceModel) (*processout.GatewayConfiguration, error) {
	in := plan.input(ctx)
	in.Settings = stringMap(ctx, plan.Settings)
	if wo := stringMap(ctx, config.SettingsWO); wo != nil {
		in.Settings = wo
	}
	return api.CreateGatewayConfiguration(ctx, plan.GatewayName.ValueString(), in)
}

// updateGatewayConfiguration sends credentials only when they change:
// ProcessOut keeps the current ones when an update carries none.
func updateGatewayConfiguration(ctx context.Context, api *processout.Client, plan, state, config *GatewayConfigurationResourceModel) (*processout.GatewayConfiguration, error) {
	in := plan.input(ctx)
	if !plan.Settings.IsNull() && !plan.Settings.Equal(state.Settings) {
		in.Settings = stringMap(ctx, plan.Settings)
	}
	if !plan.SettingsWOVersion.Equal(state.SettingsWOVersion) {
		if wo := stringMap(ctx, config.SettingsWO); wo != nil {
			in.Settings = wo
		}
	}
	return api.UpdateGatewayConfiguration(ctx, plan.ID.ValueString(), in)
}
