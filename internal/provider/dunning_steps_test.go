package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A bad dunning step is reported at the step (dunning_configuration[1]),
// whose line the CLIs can show, with the detail naming the attribute.
func TestDunningStepsReportedAtTheStep(t *testing.T) {
	step := func(action attr.Value, delay attr.Value) attr.Value {
		return types.ObjectValueMust(dunningStepType.AttrTypes, map[string]attr.Value{"action": action, "delay_in_days": delay})
	}
	steps := types.ListValueMust(dunningStepType, []attr.Value{
		step(types.StringValue("retry"), types.Int64Value(3)),
		step(types.StringValue("refund"), types.Int64Value(400)),
		step(types.StringUnknown(), types.Int64Unknown()), // checked once known
	})
	var resp validator.ListResponse
	dunningStepsValid{}.ValidateList(context.Background(), validator.ListRequest{Path: path.Root("dunning_configuration"), ConfigValue: steps}, &resp)
	want := []string{
		`Attribute dunning_configuration[1].action value must be one of: ["retry" "cancel" "set_past_due" "leave_unchanged"], got: "refund"`,
		`Attribute dunning_configuration[1].delay_in_days value must be between 0 and 365, got: 400`,
	}
	if len(resp.Diagnostics) != len(want) {
		t.Fatalf("diagnostics %q, want %d", diagnosticsText(resp.Diagnostics), len(want))
	}
	at := path.Root("dunning_configuration").AtListIndex(1)
	for i, d := range resp.Diagnostics {
		if wp, ok := d.(diag.DiagnosticWithPath); !ok || !wp.Path().Equal(at) {
			t.Errorf("diagnostic %d is not at %s: %v", i, at, d)
		}
		if !strings.Contains(d.Detail(), want[i]) {
			t.Errorf("diagnostic %d: %q, want %q", i, d.Detail(), want[i])
		}
	}
}
