package provider

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// decimalPattern is a decimal amount as ProcessOut writes money.
var decimalPattern = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// canonicalDecimal writes an amount without the zeros that do not change
// it ("09.990" is "9.99", "10.00" is "10"), so that two spellings of one
// amount compare equal; anything else is returned as it is.
func canonicalDecimal(s string) string {
	if !decimalPattern.MatchString(s) {
		return s
	}
	sign, digits := "", s
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		sign, digits = "-", rest
	}
	whole, fraction, _ := strings.Cut(digits, ".")
	whole = strings.TrimLeft(whole, "0")
	fraction = strings.TrimRight(fraction, "0")
	if whole == "" {
		whole = "0"
	}
	if whole == "0" && fraction == "" {
		sign = ""
	}
	if fraction != "" {
		return sign + whole + "." + fraction
	}
	return sign + whole
}

// keepAmountSpelling keeps the prior (planned or stored) spelling of an
// amount ProcessOut returns written otherwise ("10.00" sent, "10" read):
// Terraform insists that state keeps the planned value, and the amount is
// the same. A different amount is the one read.
func keepAmountSpelling(prior, read types.String) types.String {
	if prior.IsNull() || prior.IsUnknown() || read.IsNull() || canonicalDecimal(prior.ValueString()) != canonicalDecimal(read.ValueString()) {
		return read
	}
	return prior
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
		resp.RequiresReplace = canonicalDecimal(req.StateValue.ValueString()) != canonicalDecimal(req.PlanValue.ValueString())
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
