package provider

import (
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
	"github.com/processout/terraform-provider-processout/internal/validate"
)

// couponAttributes are a coupon's values as Terraform holds them: the
// processout_coupon resource's model embeds them, and they are the state of
// the processout_coupon data source and one element of processout_coupons.
type couponAttributes struct {
	ID             types.String `tfsdk:"id"`
	AmountOff      types.String `tfsdk:"amount_off"`
	PercentOff     types.Int64  `tfsdk:"percent_off"`
	Currency       types.String `tfsdk:"currency"`
	IterationCount types.Int64  `tfsdk:"iteration_count"`
	MaxRedemptions types.Int64  `tfsdk:"max_redemptions"`
	ExpiresAt      types.String `tfsdk:"expires_at"`
	Metadata       types.Map    `tfsdk:"metadata"`
	RedeemedNumber types.Int64  `tfsdk:"redeemed_number"`
	Sandbox        types.Bool   `tfsdk:"sandbox"`
	ProjectID      types.String `tfsdk:"project_id"`
	CreatedAt      types.String `tfsdk:"created_at"`
}

// newCouponAttributes converts an API coupon.
func newCouponAttributes(c *processout.Coupon) couponAttributes {
	amountOff, percentOff, currency := couponDiscount(c)
	return couponAttributes{
		ID:             types.StringValue(c.ID),
		AmountOff:      ptrStringOrNull(amountOff),
		PercentOff:     types.Int64PointerValue(percentOff),
		Currency:       ptrStringOrNull(currency),
		IterationCount: types.Int64Value(c.IterationCount),
		MaxRedemptions: types.Int64Value(c.MaxRedemptions),
		ExpiresAt:      ptrTimeValue(c.ExpiresAt),
		Metadata:       stringMapValue(c.Metadata),
		RedeemedNumber: types.Int64Value(c.RedeemedNumber),
		Sandbox:        types.BoolValue(c.Sandbox),
		ProjectID:      stringOrNull(c.ProjectID),
		CreatedAt:      timeValue(c.CreatedAt),
	}
}

// couponDiscount is the coupon's discount, one of the two, and the
// currency of amount_off: a server that writes the unused discount as 0
// ("percent_off": 0 beside an amount_off, or "amount_off": "0" or "" beside
// a percent_off) has it read as unset, and so is a currency beside no
// amount (a project's default, say), so that a coupon read back matches
// its configuration.
func couponDiscount(c *processout.Coupon) (amountOff *string, percentOff *int64, currency *string) {
	amountOff, percentOff, currency = c.AmountOff, c.PercentOff, c.Currency
	amountSet := amountOff != nil && *amountOff != "" && validate.CanonicalAmount(*amountOff) != "0"
	if !amountSet && percentOff != nil {
		amountOff = nil
	}
	if amountSet && percentOff != nil && *percentOff == 0 {
		percentOff = nil
	}
	if amountOff == nil {
		currency = nil
	}
	return amountOff, percentOff, currency
}

// couponFingerprint is what a create of the coupon sends, every field, for
// the take-over of an existing coupon with its ID (caller_id_create.go).
func couponFingerprint(amountOff *string, percentOff *int64, currency *string, iterations, redemptions int64,
	expiresAt *time.Time, metadata map[string]string) fingerprint {
	fp := fingerprint{
		"amount_off": validate.CanonicalAmount(derefString(amountOff)), "percent_off": "", "currency": derefString(currency),
		"iteration_count": strconv.FormatInt(iterations, 10), "max_redemptions": strconv.FormatInt(redemptions, 10),
		"expires_at": "", "metadata": metadataEntry(metadata),
	}
	if percentOff != nil {
		fp["percent_off"] = strconv.FormatInt(*percentOff, 10)
	}
	if expiresAt != nil {
		fp["expires_at"] = expiresAt.UTC().Format(time.RFC3339Nano)
	}
	return fp
}

// couponDataSourceAttributes is the read-only schema of couponAttributes;
// the processout_coupon data source makes `id` its required argument.
func couponDataSourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":          computedString("ID of the coupon, chosen when it was created (such as `25percentoff`)."),
		"amount_off":  computedString("Amount taken off, as a decimal string, in `currency`; null for a percentage coupon."),
		"percent_off": schema.Int64Attribute{Computed: true, MarkdownDescription: "Percentage taken off, 0 to 100; null for an amount coupon."},
		"currency":    computedString("ISO 4217 currency of `amount_off`; null for a percentage coupon."),
		"iteration_count": schema.Int64Attribute{
			Computed: true, MarkdownDescription: "Billing cycles the discount lasts once applied; 0 means forever.",
		},
		"max_redemptions": schema.Int64Attribute{Computed: true, MarkdownDescription: "Most times the coupon can be redeemed; 0 means no limit."},
		"expires_at":      computedString("When the coupon expires (RFC 3339); null when it does not."),
		"metadata":        computedStringMap("Metadata of the coupon (empty when there is none)."),
		"redeemed_number": schema.Int64Attribute{Computed: true, MarkdownDescription: "How many times the coupon was redeemed."},
		"sandbox":         computedBool("Whether the coupon belongs to the sandbox."),
		"project_id":      computedString("ID of the project the coupon belongs to."),
		"created_at":      computedString("Creation time (RFC 3339)."),
	}
}
