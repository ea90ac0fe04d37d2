package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
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
	_ resource.ResourceWithConfigure   = &PlanResource{}
	_ resource.ResourceWithImportState = &PlanResource{}
	_ resource.ResourceWithIdentity    = &PlanResource{}
)

// PlanResource manages a subscription plan: its calls are
// callerIDResource's, sending what planCreation and planUpdate say.
type PlanResource struct {
	callerIDResource[processout.Plan, PlanResourceModel]
}

// PlanResourceModel is the resource's state: exactly the plan's attributes.
type PlanResourceModel struct {
	planAttributes
}

// planFieldAttributes are the attributes ProcessOut's field errors may name.
var planFieldAttributes = map[string]bool{
	"id": true, "name": true, "amount": true, "currency": true, "interval": true,
	"trial_period": true, "return_url": true, "cancel_url": true, "metadata": true,
}

// NewPlanResource returns the resource.
func NewPlanResource() resource.Resource {
	return &PlanResource{callerIDResource[processout.Plan, PlanResourceModel]{
		kind:     planKind,
		stored:   func(m *PlanResourceModel) (types.String, types.String) { return m.ID, m.CreatedAt },
		fromAPI:  (*PlanResourceModel).setFromAPI,
		creation: planCreation,
		update:   planUpdate,
	}}
}

// Metadata implements resource.Resource.
func (r *PlanResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_plan"
}

const planRemovalTable = "## Removing an attribute\n\n" +
	"| Attribute | Removing it from the configuration |\n" +
	"|---|---|\n" +
	"| `id`, `name`, `amount`, `currency`, `interval` | Not possible: they are required (*The argument \"name\" is required*). |\n" +
	"| `trial_period`, `return_url`, `cancel_url` | Keeps the value ProcessOut holds; the plan shows no change and Terraform stops managing it. " + removalKeepsWhy + " |\n" +
	"| `metadata` | Clears it: the plan shows `null`, and the update sends `{}`. |\n"

// Schema implements resource.Resource.
func (r *PlanResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := stringplanmodifier.UseStateForUnknown()
	replace := stringplanmodifier.RequiresReplace()
	resp.Schema = schema.Schema{
		MarkdownDescription: "A subscription plan: an amount charged in a currency every interval, with an optional trial period. " +
			"Subscriptions refer to it by its ID.\n\n" + legacySubscriptionsNote + "\n\n" +
			callerIDNote("plan") + " Changing `amount`, `currency` or `interval` replaces the plan; subscriptions already on it keep " +
			"running (ProcessOut's Go SDK: deleting a plan does not affect them), so move them to the new plan if needed.\n\n" + planRemovalTable,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Required: true, MarkdownDescription: "ID of the plan, chosen here, such as `silver-plan`: 1 to 128 letters, digits, `_` or `-`. " +
					"Changing it replaces the plan.",
				PlanModifiers: []planmodifier.String{replace},
				Validators:    []validator.String{validate.CallerID()},
			},
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Name of the plan, shown to customers.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
			"amount": schema.StringAttribute{
				Required: true, MarkdownDescription: "Amount charged every interval, as a decimal string such as `\"9.99\"` (at most 4 decimals, " +
					"greater than zero). Changing it replaces the plan (writing the same amount otherwise, `10` for `10.00`, does not).",
				PlanModifiers: []planmodifier.String{replaceUnlessSameAmount()},
				Validators:    []validator.String{validate.Amount()},
			},
			"currency": schema.StringAttribute{
				Required: true, MarkdownDescription: "ISO 4217 currency of the amount, such as `USD`. Changing it replaces the plan.",
				PlanModifiers: []planmodifier.String{replace},
				Validators:    []validator.String{validate.Currency()},
			},
			"interval": schema.StringAttribute{
				Required: true, MarkdownDescription: "Billing interval: numbers each followed by `d` (day), `w` (week), `m` (month) or `y` (year), " +
					"such as `1m` (monthly), `1w` (weekly) or `1m15d`. Changing it replaces the plan.",
				PlanModifiers: []planmodifier.String{replace},
				Validators:    []validator.String{validate.Duration()},
			},
			"trial_period": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Trial period before the first charge, in the grammar of `interval`, such as `1w`." + removalKeeps,
				PlanModifiers: []planmodifier.String{useState},
				Validators:    []validator.String{validate.Duration()},
			},
			"return_url": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Where the customer is sent after subscribing (`http` or `https`)." + removalKeeps,
				PlanModifiers: []planmodifier.String{useState},
				Validators:    []validator.String{validate.WebURL()},
			},
			"cancel_url": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Where the customer is sent after cancelling (`http` or `https`)." + removalKeeps,
				PlanModifiers: []planmodifier.String{useState},
				Validators:    []validator.String{validate.WebURL()},
			},
			"metadata": schema.MapAttribute{
				Optional: true, ElementType: types.StringType, MarkdownDescription: "Key/value metadata." + removalClearsMap,
				Validators: []validator.Map{mapvalidator.KeysAre(stringvalidator.LengthBetween(1, 255))},
			},
			"url": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ProcessOut's hosted page where a customer subscribes to the plan.",
				PlanModifiers: []planmodifier.String{useState},
			},
			"sandbox": schema.BoolAttribute{
				Computed: true, MarkdownDescription: "Whether the plan belongs to the sandbox (decided by the credentials in use).",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"project_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the project the plan belongs to.", PlanModifiers: []planmodifier.String{useState},
			},
			"created_at": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Creation time (RFC 3339).", PlanModifiers: []planmodifier.String{useState},
			},
		},
	}
}

// planKind is how a failed create is resolved by the plan's ID
// (caller_id_create.go).
var planKind = callerIDKind[processout.Plan]{
	object: "plan", attributes: planFieldAttributes,
	get: func(ctx context.Context, api *processout.Client, id string) (*processout.Plan, error) {
		return api.GetPlan(ctx, id)
	},
	refresh: func(ctx context.Context, api *processout.Client, id string) (*processout.Plan, error) {
		return api.RefreshPlan(ctx, id)
	},
	delete: func(ctx context.Context, api *processout.Client, id string) error { return api.DeletePlan(ctx, id) },
	describe: func(p *processout.Plan) (time.Time, fingerprint) {
		return p.CreatedAt, planFingerprint(p.Name, p.Amount, p.Currency, p.Interval, p.TrialPeriod, p.ReturnURL, p.CancelURL, p.Metadata)
	},
}

// planCreation is what a create of the plan sends.
func planCreation(ctx context.Context, api *processout.Client, m *PlanResourceModel, diags *diag.Diagnostics) (string, fingerprint, apiCall[processout.Plan]) {
	in := m.input(ctx, diags)
	want := planFingerprint(in.Name, in.Amount, in.Currency, in.Interval, in.TrialPeriod, in.ReturnURL, in.CancelURL, in.Metadata)
	return in.ID, want, func(ctx context.Context) (*processout.Plan, error) { return api.CreatePlan(ctx, in) }
}

// planUpdate is the update of the plan: the fields that may change.
func planUpdate(ctx context.Context, api *processout.Client, m *PlanResourceModel, diags *diag.Diagnostics) apiCall[processout.Plan] {
	in := m.input(ctx, diags)
	return func(ctx context.Context) (*processout.Plan, error) { return api.UpdatePlan(ctx, in.ID, in.PlanUpdate) }
}

// input is the plan as the create sends it; its PlanUpdate is what an
// update sends. A trial period or URL left out (null, or unknown on a
// create) is sent as null: ProcessOut keeps what it holds.
func (m PlanResourceModel) input(ctx context.Context, diags *diag.Diagnostics) processout.PlanInput {
	return processout.PlanInput{
		ID: m.ID.ValueString(), Amount: m.Amount.ValueString(), Currency: m.Currency.ValueString(), Interval: m.Interval.ValueString(),
		PlanUpdate: processout.PlanUpdate{
			Name:        m.Name.ValueString(),
			TrialPeriod: optionalString(m.TrialPeriod),
			ReturnURL:   optionalString(m.ReturnURL),
			CancelURL:   optionalString(m.CancelURL),
			Metadata:    stringMap(ctx, m.Metadata, diags),
		},
	}
}

// setFromAPI takes the plan's values as ProcessOut returned them, keeping
// the configuration's spelling of an amount ProcessOut writes otherwise.
func (m *PlanResourceModel) setFromAPI(p *processout.Plan) {
	prior := m.planAttributes
	m.planAttributes = newPlanAttributes(p)
	m.Amount = amountAsConfigured(prior.Amount, m.Amount)
	m.Metadata = emptyAsConfigured(prior.Metadata, m.Metadata, types.MapNull(types.StringType))
}
