package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// What the plan and coupon examples read, set up as in the dashboard.

func (e *testEnv) createPlanOutOfBand(t *testing.T, id string) string {
	t.Helper()
	if _, err := e.api(t).CreatePlan(t.Context(), processout.PlanInput{ID: id, Amount: "9.99", Currency: "USD", Interval: "1m",
		PlanUpdate: processout.PlanUpdate{Name: "Silver (monthly)"}}); err != nil {
		t.Fatal(err)
	}
	return id
}

func (e *testEnv) createCouponOutOfBand(t *testing.T, id string, maxRedemptions int64) string {
	t.Helper()
	if _, err := e.api(t).CreateCoupon(t.Context(), processout.CouponInput{ID: id, PercentOff: new(int64(25)), MaxRedemptions: maxRedemptions}); err != nil {
		t.Fatal(err)
	}
	return id
}

// importBlocksOf checks the example's import_blocks output: one block per
// ID, to the resource named as given.
func importBlocksOf(resourceType string, named map[string]string) statecheck.StateCheck {
	var blocks []string
	for id, name := range named {
		blocks = append(blocks, "import {\n  to = "+resourceType+"."+name+"\n  id = \""+id+"\"\n}")
	}
	return statecheck.ExpectKnownOutputValue("import_blocks", knownvalue.StringFunc(func(v string) error {
		return containsAll(v, blocks, strings.Count(v, "import {"))
	}))
}

func seedPlansForInventory(env *testEnv) []statecheck.StateCheck {
	t := env.t
	env.createPlanOutOfBand(t, "Silver-Monthly")
	env.createPlanOutOfBand(t, "9to5")
	return []statecheck.StateCheck{importBlocksOf("processout_plan", map[string]string{"Silver-Monthly": "silver_monthly", "9to5": "_9to5"})}
}

func seedCouponsForInventory(env *testEnv) []statecheck.StateCheck {
	t := env.t
	env.createCouponOutOfBand(t, "spring25", 0)
	if _, err := env.api(t).CreateCoupon(t.Context(), processout.CouponInput{ID: "welcome-5", AmountOff: new("5.00"), Currency: new("EUR")}); err != nil {
		t.Fatal(err)
	}
	return []statecheck.StateCheck{importBlocksOf("processout_coupon", map[string]string{"spring25": "spring25", "welcome-5": "welcome_5"})}
}

// containsAll reports the first of blocks missing from text, or a count of
// blocks other than len(blocks).
func containsAll(text string, blocks []string, count int) error {
	for _, b := range blocks {
		if !strings.Contains(text, b) {
			return fmt.Errorf("the import blocks lack\n%s\nin\n%s", b, text)
		}
	}
	if count != len(blocks) {
		return fmt.Errorf("%d import blocks, want %d:\n%s", count, len(blocks), text)
	}
	return nil
}
