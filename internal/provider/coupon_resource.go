package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
	"github.com/processout/terraform-provider-processout/internal/validate"
)

var (
	_ resource.ResourceWithConfigure        = &CouponResource{}
	_ resource.ResourceWithImportState      = &CouponResource{}
	_ resource.ResourceWithIdentity         = &CouponResource{}
	_ resource.ResourceWithConfigValidators = &CouponResource{}
)

// CouponResource manages a coupon: its calls are callerIDResource's,
// sending what couponCreation and couponUpdate say.
type CouponResource struct {
	callerIDResource[processout.Coupon, CouponResourceModel]
}

// CouponResourceModel is the resource's state: exactly the coupon's
// attributes.
type CouponResourceModel struct {
	couponAttributes
}

// couponFieldAttributes are the attributes ProcessOut's field errors may
// name.
var couponFieldAttributes = map[string]bool{
	"id": true, "amount_off": true, "percent_off": true, "currency": true, "iteration_count": true,
	"max_redemptions": true, "expires_at": true, "metadata": true,
}

// NewCouponResource returns the resource.
func NewCouponResource() resource.Resource {
	return &CouponResource{callerIDResource[processout.Coupon, CouponResourceModel]{
		kind:     couponKind,
		stored:   func(m *CouponResourceModel) (types.String, types.String) { return m.ID, m.CreatedAt },
		fromAPI:  (*CouponResourceModel).setFromAPI,
		creation: couponCreation,
		update:   couponUpdate,
	}}
}

// Metadata implements resource.Resource.
func (r *CouponResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_coupon"
}

const couponRemovalTable = "## Removing an attribute\n\n" +
	"| Attribute | Removing it from the configuration |\n" +
	"|---|---|\n" +
	"| `id` | Not possible: it is required (*The argument \"id\" is required*). |\n" +
	"| `amount_off` with `currency`, or `percent_off` | Only with the other discount in its place: one of them is required. The coupon is replaced. |\n" +
	"| `iteration_count`, `max_redemptions` | Returns it to its default, `0` (forever, no limit): the coupon is replaced. |\n" +
	"| `expires_at` | The coupon no longer expires: it is replaced. |\n" +
	"| `metadata` | Clears it: the plan shows `null`, and the update sends `{}`. |\n"

// Schema implements resource.Resource.
func (r *CouponResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replaceString := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	replaceInt := []planmodifier.Int64{int64planmodifier.RequiresReplace()}
	useState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A coupon: a discount on subscriptions, either an amount in a currency (`amount_off` with `currency`) " +
			"or a percentage (`percent_off`), applied when a subscription redeems it by its ID.\n\n" + legacySubscriptionsNote + "\n\n" +
			callerIDNote("coupon") + " Every attribute but `metadata` is fixed at creation: changing one replaces the coupon " +
			"(its redemptions count, `redeemed_number`, starts again at 0).\n\n" + couponRemovalTable,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Required: true, MarkdownDescription: "ID of the coupon, chosen here, such as `25percentoff`: 1 to 128 letters, digits, `_` or `-`. " +
					"Changing it replaces the coupon.",
				PlanModifiers: replaceString,
				Validators:    []validator.String{validate.CallerID()},
			},
			"amount_off": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Amount taken off the subscription, as a decimal string such as `\"5.00\"` (at most 4 decimals, " +
					"greater than zero), in `currency`. Exactly one of `amount_off` and `percent_off` is set. Changing it replaces the coupon " +
					"(writing the same amount otherwise, `5` for `5.00`, does not).",
				PlanModifiers: []planmodifier.String{replaceUnlessSameAmount()},
				Validators:    []validator.String{validate.Amount(), validate.AlsoRequiresRoot("currency")},
			},
			"percent_off": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "Percentage taken off the subscription, 0 to 100. Exactly one of `amount_off` and `percent_off` is set. " +
					"Changing it replaces the coupon.",
				PlanModifiers: replaceInt,
				Validators:    []validator.Int64{int64validator.Between(0, 100)},
			},
			"currency": schema.StringAttribute{
				Optional: true, MarkdownDescription: "ISO 4217 currency of `amount_off`, such as `EUR`; only with `amount_off`. Changing it replaces the coupon.",
				PlanModifiers: replaceString,
				Validators:    []validator.String{validate.Currency(), validate.AlsoRequiresRoot("amount_off")},
			},
			"iteration_count": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(0),
				MarkdownDescription: "Billing cycles the discount lasts once applied; `0` (the default) means forever. Changing it replaces the coupon.",
				PlanModifiers:       replaceInt,
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
			},
			"max_redemptions": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(0),
				MarkdownDescription: "Most times the coupon can be redeemed; `0` (the default) means no limit. Changing it replaces the coupon.",
				PlanModifiers:       replaceInt,
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
			},
			"expires_at": schema.StringAttribute{
				Optional: true, MarkdownDescription: "When the coupon expires, as an RFC 3339 timestamp such as `2030-12-31T23:59:59Z`. " +
					"Changing it replaces the coupon (writing the same instant with another offset does not).",
				PlanModifiers: []planmodifier.String{replaceUnlessSameInstant()},
				Validators:    []validator.String{validate.RFC3339()},
			},
			"metadata": schema.MapAttribute{
				Optional: true, ElementType: types.StringType, MarkdownDescription: "Key/value metadata, the one attribute updated in place." + removalClearsMap,
				Validators: []validator.Map{mapvalidator.KeysAre(stringvalidator.LengthBetween(1, 255))},
			},
			// Redemptions happen outside Terraform, so no planned value can
			// promise the count after an apply.
			"redeemed_number": schema.Int64Attribute{Computed: true, MarkdownDescription: "How many times the coupon was redeemed."},
			"sandbox": schema.BoolAttribute{
				Computed: true, MarkdownDescription: "Whether the coupon belongs to the sandbox (decided by the credentials in use).",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"project_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the project the coupon belongs to.", PlanModifiers: useState,
			},
			"created_at": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Creation time (RFC 3339).", PlanModifiers: useState,
			},
		},
	}
}

// ConfigValidators implements resource.ResourceWithConfigValidators: a
// coupon takes an amount or a percentage off, never both or neither.
func (r *CouponResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{oneDiscount{}}
}

// oneDiscount checks at plan time that a coupon sets exactly one of
// amount_off and percent_off, saying which to write.
type oneDiscount struct{}

func (oneDiscount) Description(context.Context) string {
	return "exactly one of amount_off (with currency) and percent_off is set"
}

func (v oneDiscount) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (oneDiscount) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var amountOff types.String
	var percentOff types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("amount_off"), &amountOff)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("percent_off"), &percentOff)...)
	if resp.Diagnostics.HasError() || amountOff.IsUnknown() || percentOff.IsUnknown() {
		return
	}
	switch {
	case !amountOff.IsNull() && !percentOff.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("percent_off"), "Two discounts",
			"A coupon takes either an amount off (amount_off, with its currency) or a percentage off (percent_off), not both: remove one of them.")
	case amountOff.IsNull() && percentOff.IsNull():
		resp.Diagnostics.AddError("No discount",
			"A coupon takes an amount off or a percentage off: set amount_off with its currency (amount_off = \"5.00\", currency = \"EUR\"), or percent_off (percent_off = 25).")
	}
}

// couponKind is how a failed create is resolved by the coupon's ID
// (caller_id_create.go).
var couponKind = callerIDKind[processout.Coupon]{
	object: "coupon", attributes: couponFieldAttributes,
	get: func(ctx context.Context, api *processout.Client, id string) (*processout.Coupon, error) {
		return api.GetCoupon(ctx, id)
	},
	refresh: func(ctx context.Context, api *processout.Client, id string) (*processout.Coupon, error) {
		return api.RefreshCoupon(ctx, id)
	},
	delete: func(ctx context.Context, api *processout.Client, id string) error { return api.DeleteCoupon(ctx, id) },
	describe: func(c *processout.Coupon) (time.Time, fingerprint) {
		amountOff, percentOff, currency := couponDiscount(c)
		return c.CreatedAt, couponFingerprint(amountOff, percentOff, currency, c.IterationCount, c.MaxRedemptions, c.ExpiresAt, c.Metadata)
	},
}

// couponCreation is what a create of the coupon sends.
func couponCreation(ctx context.Context, api *processout.Client, m *CouponResourceModel, diags *diag.Diagnostics) (string, fingerprint, apiCall[processout.Coupon]) {
	in := m.input(ctx, diags)
	want := couponFingerprint(in.AmountOff, in.PercentOff, in.Currency, in.IterationCount, in.MaxRedemptions, in.ExpiresAt, in.Metadata)
	return in.ID, want, func(ctx context.Context) (*processout.Coupon, error) { return api.CreateCoupon(ctx, in) }
}

// couponUpdate is the update of the coupon: its metadata, the one field
// that changes in place.
func couponUpdate(ctx context.Context, api *processout.Client, m *CouponResourceModel, diags *diag.Diagnostics) apiCall[processout.Coupon] {
	update := processout.CouponUpdate{Metadata: stringMap(ctx, m.Metadata, diags)}
	id := m.ID.ValueString()
	return func(ctx context.Context) (*processout.Coupon, error) { return api.UpdateCoupon(ctx, id, update) }
}

// input is the coupon as the create sends it.
func (m CouponResourceModel) input(ctx context.Context, diags *diag.Diagnostics) processout.CouponInput {
	return processout.CouponInput{
		ID:             m.ID.ValueString(),
		AmountOff:      optionalString(m.AmountOff),
		PercentOff:     m.PercentOff.ValueInt64Pointer(),
		Currency:       optionalString(m.Currency),
		IterationCount: m.IterationCount.ValueInt64(),
		MaxRedemptions: m.MaxRedemptions.ValueInt64(),
		ExpiresAt:      optionalTime(m.ExpiresAt),
		Metadata:       stringMap(ctx, m.Metadata, diags),
	}
}

// setFromAPI takes the coupon's values as ProcessOut returned them, keeping
// the configuration's spelling of an amount or an expiry ProcessOut writes
// otherwise ("5" for "5.00", UTC for an offset).
func (m *CouponResourceModel) setFromAPI(c *processout.Coupon) {
	prior := m.couponAttributes
	m.couponAttributes = newCouponAttributes(c)
	m.AmountOff = amountAsConfigured(prior.AmountOff, m.AmountOff)
	m.ExpiresAt = keepInstantSpelling(prior.ExpiresAt, m.ExpiresAt)
	m.Metadata = emptyAsConfigured(prior.Metadata, m.Metadata, types.MapNull(types.StringType))
}
