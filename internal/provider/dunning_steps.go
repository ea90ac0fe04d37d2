package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The checks of one dunning step's attributes.
var (
	dunningActionValid = stringvalidator.OneOf(dunningActions...)
	dunningDelayValid  = int64validator.Between(0, 365)
)

// dunningStepsValid checks every step of dunning_configuration and reports a
// bad one at the step's own path (dunning_configuration[1]). The CLIs show
// the line of a list element, but cannot place an attribute inside one
// (dunning_configuration[1].action) and show the resource's first line
// instead; the detail still names the attribute.
type dunningStepsValid struct{}

func (dunningStepsValid) Description(ctx context.Context) string {
	return "each step's action " + dunningActionValid.Description(ctx) + ", and its delay_in_days " + dunningDelayValid.Description(ctx)
}

func (v dunningStepsValid) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (dunningStepsValid) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for i, elem := range req.ConfigValue.Elements() {
		step, ok := elem.(types.Object)
		if !ok || step.IsNull() || step.IsUnknown() {
			continue
		}
		at := req.Path.AtListIndex(i)
		var found diag.Diagnostics
		if action, ok := step.Attributes()["action"].(types.String); ok {
			r := validator.StringResponse{}
			dunningActionValid.ValidateString(ctx, validator.StringRequest{Path: at.AtName("action"), ConfigValue: action, Config: req.Config}, &r)
			found.Append(r.Diagnostics...)
		}
		if delay, ok := step.Attributes()["delay_in_days"].(types.Int64); ok {
			r := validator.Int64Response{}
			dunningDelayValid.ValidateInt64(ctx, validator.Int64Request{Path: at.AtName("delay_in_days"), ConfigValue: delay, Config: req.Config}, &r)
			found.Append(r.Diagnostics...)
		}
		for _, d := range found.Errors() {
			resp.Diagnostics.AddAttributeError(at, d.Summary(), d.Detail())
		}
	}
}
