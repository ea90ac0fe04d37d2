package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestRetryBudgetResolves: retry_budget comes from the block, else from
// PROCESSOUT_RETRY_BUDGET, else its default of two minutes; a bad value
// from the variable is refused naming the variable.
func TestRetryBudgetResolves(t *testing.T) {
	for name, tc := range map[string]struct {
		block, env string
		want       time.Duration
		wantErr    string
	}{
		"default":              {want: 2 * time.Minute},
		"from the environment": {env: "45s", want: 45 * time.Second},
		"the block wins":       {block: "3s", env: "45s", want: 3 * time.Second},
		"bad variable":         {env: "forever", wantErr: `retry_budget (from PROCESSOUT_RETRY_BUDGET) must be a positive Go duration such as "30s" or "2m", got "forever".`},
	} {
		t.Run(name, func(t *testing.T) {
			m := emptyModel()
			if tc.block != "" {
				m.RetryBudget = types.StringValue(tc.block)
			}
			env := map[string]string{"MEMBRANE_ACCESS_TOKEN": "t"}
			if tc.env != "" {
				env["PROCESSOUT_RETRY_BUDGET"] = tc.env
			}
			var diags diag.Diagnostics
			cfg, ok := resolveSettings(m, envOf(env), &diags)
			if tc.wantErr != "" {
				if ok || len(diags.Errors()) != 1 || diags.Errors()[0].Detail() != tc.wantErr {
					t.Fatalf("ok=%t diags=%v, want %q", ok, diags, tc.wantErr)
				}
				return
			}
			if !ok || cfg.retryBudget != tc.want {
				t.Fatalf("ok=%t retry budget %s (diags %v), want %s", ok, cfg.retryBudget, diags, tc.want)
			}
		})
	}
}
