package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The project, gateway configuration and webhook endpoint resources have a
// `timeouts` attribute (terraform-plugin-framework-timeouts; an attribute,
// not a block, so every CLI accepts it; the kinds added since are bounded by
// retry_budget per call, as docs/index.md says): the limit
// of each operation as a whole, every call it makes with its retries and
// waits included, on top of the per-call retry_budget. The deadline is the
// operation's context's: a call still running when it passes ends (a write
// cut short that way is a create whose outcome is unknown, and leaves its
// lost-create placeholder), and the operation's error says which limit ran
// out.

// defaultTimeout is the limit of an operation whose timeouts attribute does not
// set it, as users of the major providers expect: a backstop far beyond
// what a healthy API needs.
const defaultTimeout = 20 * time.Minute

// Operations a timeouts attribute bounds.
const (
	opCreate = "create"
	opRead   = "read"
	opUpdate = "update"
	opDelete = "delete"
)

// timeoutsAttribute is the resource's timeouts attribute; object names the
// kind of object.
func timeoutsAttribute(ctx context.Context, object string) schema.Attribute {
	describe := func(op, when string) string {
		return fmt.Sprintf("Limit of the whole %s of the %s%s, retries and waits included, as a Go duration such as `30s` or `10m`. Default `%s`.",
			op, object, when, shortDuration(defaultTimeout))
	}
	a, _ := timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Read: true, Update: true, Delete: true,
		CreateDescription: describe(opCreate, ""),
		ReadDescription:   describe(opRead, " (each refresh, and each plan with refresh on)"),
		UpdateDescription: describe(opUpdate, ""),
		DeleteDescription: describe(opDelete, ""),
	}).(schema.SingleNestedAttribute)
	a.MarkdownDescription = "Time limits of the operations on this " + object + ". Each bounds one operation as a whole, " +
		"every API call it makes included, on top of the provider's `retry_budget`, which bounds each call. " +
		"An operation that runs out fails naming the limit; a create cut short that way is recorded as one whose outcome is unknown, " +
		"and the next run finds the object if ProcessOut made it. Not read from ProcessOut: null after an import."
	for name, nested := range a.Attributes {
		if s, ok := nested.(schema.StringAttribute); ok {
			s.Validators = append(s.Validators, positiveTimeout{})
			a.Attributes[name] = s
		}
	}
	return a
}

// shortDuration is "20m" rather than time.Duration's "20m0s".
func shortDuration(d time.Duration) string {
	if d%time.Minute == 0 {
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

// withTimeout bounds the operation op by its limit in t (or the default).
// The returned function must run when the operation is over (defer it):
// when the deadline ended the operation with an error, it adds the
// diagnostic that names the limit.
func withTimeout(ctx context.Context, t timeouts.Value, op string, diags *diag.Diagnostics) (context.Context, func()) {
	get := map[string]func(context.Context, time.Duration) (time.Duration, diag.Diagnostics){
		opCreate: t.Create, opRead: t.Read, opUpdate: t.Update, opDelete: t.Delete,
	}[op]
	limit, d := get(ctx, defaultTimeout)
	diags.Append(d...)
	set, ok := t.Attributes()[op]
	ran := &operationTimedOut{op: op, limit: limit, configured: ok && !set.IsNull()}
	ctx, cancel := context.WithTimeoutCause(ctx, limit, ran)
	return ctx, func() {
		if diags.HasError() && errors.Is(context.Cause(ctx), ran) {
			diags.AddAttributeError(path.Root("timeouts").AtName(op), ran.Error(), ran.detail())
		}
		cancel()
	}
}

// operationTimedOut is the cause of an operation's context ending on its
// timeouts limit.
type operationTimedOut struct {
	op         string
	limit      time.Duration
	configured bool // set in the timeouts attribute, not the default
}

func (e *operationTimedOut) Error() string {
	return fmt.Sprintf("The %s ran out of time: timeouts.%s = %q", e.op, e.op, shortDuration(e.limit))
}

func (e *operationTimedOut) detail() string {
	source := "set in this resource's timeouts"
	if !e.configured {
		source = "the default"
	}
	return fmt.Sprintf("The %s did not finish within timeouts.%s (%s, %s), which bounds the whole operation, every API call and retry included; "+
		"the error above is where it stood. If the API is slow rather than away, raise timeouts.%s in the resource's timeouts attribute "+
		"(for example `timeouts = { %s = \"30m\" }`). Running the same command again is safe: a create cut short is recorded "+
		"and found again by the next run, and any other change is read back.", e.op, e.op, shortDuration(e.limit), source, e.op, e.op)
}

// positiveTimeout refuses a timeouts value that would end every operation
// at once ("0s", "-5m"); the package's own validator checks the syntax.
type positiveTimeout struct{}

func (positiveTimeout) Description(context.Context) string { return "a positive duration" }

func (v positiveTimeout) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (positiveTimeout) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if d, err := time.ParseDuration(req.ConfigValue.ValueString()); err == nil && d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s must be a positive duration such as \"30s\" or \"10m\", got %q: it bounds the whole operation, which would end at once.",
				req.Path, req.ConfigValue.ValueString()))
	}
}

// timeoutsPath is the timeouts attribute in a resource's value.
var timeoutsPath = tftypes.NewAttributePath().WithAttributeName("timeouts")

// onlyTimeoutsChange reports whether plan differs from state in the
// timeouts attribute alone: nothing to send to ProcessOut.
func onlyTimeoutsChange(plan, state tftypes.Value) bool {
	if plan.IsNull() || state.IsNull() || plan.Equal(state) {
		return false
	}
	withoutTimeouts := func(v tftypes.Value) (tftypes.Value, error) {
		return tftypes.Transform(v, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
			if p.Equal(timeoutsPath) {
				return tftypes.NewValue(v.Type(), nil), nil
			}
			return v, nil
		})
	}
	p, err1 := withoutTimeouts(plan)
	s, err2 := withoutTimeouts(state)
	return err1 == nil && err2 == nil && p.Equal(s)
}

// updateOnlyTimeouts ends an Update that changes the timeouts alone: the
// new limits are stored, and no call is made (none would change anything,
// and a project imported without its private key could not make one).
func updateOnlyTimeouts(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse, id string) bool {
	if !onlyTimeoutsChange(req.Plan.Raw, req.State.Raw) {
		return false
	}
	resp.State.Raw = req.Plan.Raw.Copy()
	setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	return true
}
