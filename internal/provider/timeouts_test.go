package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// timeoutsTypes are the attribute types of a timeouts value.
var timeoutsTypes = map[string]attr.Type{opCreate: types.StringType, opRead: types.StringType, opUpdate: types.StringType, opDelete: types.StringType}

// nullTimeouts is a resource without a timeouts attribute, as after an
// import.
func nullTimeouts() timeouts.Value {
	return timeouts.Value{Object: types.ObjectNull(timeoutsTypes)}
}

// timeoutsOf is a timeouts attribute setting the given limits.
func timeoutsOf(limits map[string]string) timeouts.Value {
	vals := map[string]attr.Value{}
	for op := range timeoutsTypes {
		vals[op] = types.StringNull()
		if v, ok := limits[op]; ok {
			vals[op] = types.StringValue(v)
		}
	}
	return timeouts.Value{Object: types.ObjectValueMust(timeoutsTypes, vals)}
}

// TestTimeoutEndsTheOperationAndSaysSo: the operation's context ends on its
// limit, and an error then gets a diagnostic at timeouts.<op> naming the
// limit and where it came from.
func TestTimeoutEndsTheOperationAndSaysSo(t *testing.T) {
	for name, tc := range map[string]struct {
		value      timeouts.Value
		op         string
		wait       time.Duration
		wantLimit  time.Duration
		wantDetail string
	}{
		"configured": {timeoutsOf(map[string]string{opCreate: "50ms"}), opCreate, 50 * time.Millisecond, 50 * time.Millisecond, "(50ms, set in this resource's timeouts)"},
		"default":    {nullTimeouts(), opDelete, 0, defaultTimeout, "(20m, the default)"},
	} {
		t.Run(name, func(t *testing.T) {
			var diags diag.Diagnostics
			ctx, done := withTimeout(context.Background(), tc.value, tc.op, &diags)
			deadline, ok := ctx.Deadline()
			if !ok || time.Until(deadline) > tc.wantLimit || time.Until(deadline) < tc.wantLimit-time.Second {
				t.Fatalf("deadline in %s, want %s", time.Until(deadline), tc.wantLimit)
			}
			if tc.wait == 0 {
				diags.AddError("Cannot delete", "an error before the limit")
				done()
				if len(diags) != 1 {
					t.Fatalf("diagnostics %v: an error before the limit is not the limit's", diags)
				}
				return
			}
			<-ctx.Done()
			diags.AddError("Cannot create", "context deadline exceeded")
			done()
			if len(diags) != 2 {
				t.Fatalf("diagnostics %v, want the error and the limit's", diags)
			}
			d := diags[1]
			if d.Summary() != `The create ran out of time: timeouts.create = "50ms"` || !strings.Contains(d.Detail(), tc.wantDetail) ||
				!strings.Contains(d.Detail(), "raise timeouts.create") {
				t.Errorf("got %q: %q", d.Summary(), d.Detail())
			}
		})
	}
}

// TestTimeoutsMustBePositive: a limit that would end every operation at
// once is refused at validate time, at its attribute.
func TestTimeoutsMustBePositive(t *testing.T) {
	var resp resource.SchemaResponse
	(&WebhookEndpointResource{}).Schema(context.Background(), resource.SchemaRequest{}, &resp)
	a, ok := resp.Schema.Attributes["timeouts"].(schema.SingleNestedAttribute)
	if !ok || a.Optional != true || a.Computed {
		t.Fatalf("timeouts is %T (optional %t), want an optional nested attribute", resp.Schema.Attributes["timeouts"], a.Optional)
	}
	create, _ := a.Attributes[opCreate].(schema.StringAttribute)
	if !strings.Contains(create.Description, "Default `20m`") {
		t.Errorf("timeouts.create is described %q: the default is not documented", create.Description)
	}
	for value, wantErr := range map[string]bool{"0s": true, "-5m": true, "2s": false} {
		var diags diag.Diagnostics
		for _, v := range create.Validators {
			req := validator.StringRequest{Path: path.Root("timeouts").AtName(opCreate), ConfigValue: types.StringValue(value)}
			var vr validator.StringResponse
			v.ValidateString(context.Background(), req, &vr)
			diags.Append(vr.Diagnostics...)
		}
		if diags.HasError() != wantErr {
			t.Errorf("timeouts.create = %q: errors %v, want an error: %t", value, diags, wantErr)
		}
		if wantErr && !strings.Contains(diags.Errors()[0].Detail(), `timeouts.create must be a positive duration such as "30s" or "10m", got "`+value+`"`) {
			t.Errorf("timeouts.create = %q: %q", value, diags.Errors()[0].Detail())
		}
	}
}
