package validate

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// stringCheck is a plan-time validator made of a plain check, so the
// framework and the fuzzers run the same code. The diagnostic reads
// "<attribute> <the check's error>.".
type stringCheck struct {
	description string // "must be an email address"
	summary     string // the diagnostic's summary: "Invalid email"
	check       func(string) error
}

func (c stringCheck) Description(context.Context) string { return c.description }

func (c stringCheck) MarkdownDescription(context.Context) string { return c.description }

func (c stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := c.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, c.summary, fmt.Sprintf("%s %v.", req.Path, err))
	}
}
