package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/validate"
)

// amountAsConfigured keeps the prior amount (plan or state) when ProcessOut
// answers the same number in another form ("19.9" for "19.90", or
// "19.9000"): the configuration's spelling is no change, and Terraform
// insists that state keeps the planned value. A different amount is the
// one read.
func amountAsConfigured(prior, read types.String) types.String {
	if !prior.IsNull() && !prior.IsUnknown() && !read.IsNull() && validate.SameAmount(prior.ValueString(), read.ValueString()) {
		return prior
	}
	return read
}

// keepInstantSpelling does the same for a timestamp ProcessOut returns in
// UTC when the configuration wrote it with an offset.
func keepInstantSpelling(prior, read types.String) types.String {
	if prior.IsNull() || prior.IsUnknown() || read.IsNull() || !sameInstant(prior.ValueString(), read.ValueString()) {
		return read
	}
	return prior
}

// replaceUnlessSameAmount is the RequiresReplace of an amount that cannot
// change: another amount replaces the object, another spelling of the
// same amount (the configuration's "10.00" against the "10" ProcessOut
// returned to an import) only updates the state's spelling in place.
func replaceUnlessSameAmount() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !validate.SameAmount(req.StateValue.ValueString(), req.PlanValue.ValueString())
	}, "Another amount replaces the object; the same amount written otherwise does not.",
		"Another amount replaces the object; the same amount written otherwise does not.")
}

// replaceUnlessSameInstant is the same for a timestamp that cannot change:
// the same instant written with another offset does not replace.
func replaceUnlessSameInstant() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !sameInstant(req.StateValue.ValueString(), req.PlanValue.ValueString())
	}, "Another time replaces the object; the same instant written otherwise does not.",
		"Another time replaces the object; the same instant written otherwise does not.")
}

func sameInstant(a, b string) bool {
	ta, errA := time.Parse(time.RFC3339Nano, a)
	tb, errB := time.Parse(time.RFC3339Nano, b)
	return errA == nil && errB == nil && ta.Equal(tb)
}
