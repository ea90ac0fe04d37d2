package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
	"github.com/processout/terraform-provider-processout/internal/validate"
)

// planAttributes are a plan's values as Terraform holds them: the
// processout_plan resource's model embeds them, and they are the state of
// the processout_plan data source and one element of processout_plans.
type planAttributes struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Amount      types.String `tfsdk:"amount"`
	Currency    types.String `tfsdk:"currency"`
	Interval    types.String `tfsdk:"interval"`
	TrialPeriod types.String `tfsdk:"trial_period"`
	ReturnURL   types.String `tfsdk:"return_url"`
	CancelURL   types.String `tfsdk:"cancel_url"`
	Metadata    types.Map    `tfsdk:"metadata"`
	URL         types.String `tfsdk:"url"`
	Sandbox     types.Bool   `tfsdk:"sandbox"`
	ProjectID   types.String `tfsdk:"project_id"`
	CreatedAt   types.String `tfsdk:"created_at"`
}

// newPlanAttributes converts an API plan.
func newPlanAttributes(p *processout.Plan) planAttributes {
	return planAttributes{
		ID:          types.StringValue(p.ID),
		Name:        types.StringValue(p.Name),
		Amount:      stringOrNull(p.Amount),
		Currency:    stringOrNull(p.Currency),
		Interval:    stringOrNull(p.Interval),
		TrialPeriod: ptrStringOrNull(p.TrialPeriod),
		ReturnURL:   ptrStringOrNull(p.ReturnURL),
		CancelURL:   ptrStringOrNull(p.CancelURL),
		Metadata:    stringMapValue(p.Metadata),
		URL:         stringOrNull(p.URL),
		Sandbox:     types.BoolValue(p.Sandbox),
		ProjectID:   stringOrNull(p.ProjectID),
		CreatedAt:   timeValue(p.CreatedAt),
	}
}

// planFingerprint is what a create of the plan sends, every field, for the
// take-over of an existing plan with its ID (caller_id_create.go).
func planFingerprint(name, amount, currency, interval string, trialPeriod, returnURL, cancelURL *string, metadata map[string]string) fingerprint {
	return fingerprint{
		"name": name, "amount": validate.CanonicalAmount(amount), "currency": currency, "interval": interval,
		"trial_period": derefString(trialPeriod), "return_url": derefString(returnURL), "cancel_url": derefString(cancelURL),
		"metadata": metadataEntry(metadata),
	}
}

// planDataSourceAttributes is the read-only schema of planAttributes; the
// processout_plan data source makes `id` its required argument.
func planDataSourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           computedString("ID of the plan, chosen when it was created (such as `silver-plan`)."),
		"name":         computedString("Name of the plan."),
		"amount":       computedString("Amount charged every interval, as a decimal string such as `9.99`."),
		"currency":     computedString("ISO 4217 currency of the amount."),
		"interval":     computedString("Billing interval, such as `1m` (monthly), `1w` or `1m15d`."),
		"trial_period": computedString("Trial period before the first charge, such as `1w`; null when there is none."),
		"return_url":   computedString("Where the customer is sent after subscribing, if set."),
		"cancel_url":   computedString("Where the customer is sent after cancelling, if set."),
		"metadata":     computedStringMap("Metadata of the plan (empty when there is none)."),
		"url":          computedString("ProcessOut's hosted page where a customer subscribes to the plan."),
		"sandbox":      computedBool("Whether the plan belongs to the sandbox."),
		"project_id":   computedString("ID of the project the plan belongs to."),
		"created_at":   computedString("Creation time (RFC 3339)."),
	}
}
