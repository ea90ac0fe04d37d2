package provider

import (
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/processout/terraform-provider-processout/internal/direct"
	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// The plan and coupon data sources read what was set up in the dashboard
// (here: out of band), oldest first, filtered on the client; a plan of the
// project's live data, with an ID the sandbox uses too, is not listed in
// the sandbox.
func TestAccPlanCouponDataSources(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("plans and coupons")
		api := env.api(t)
		for _, in := range []processout.PlanInput{
			{ID: "silver-plan", Amount: "9.99", Currency: "USD", Interval: "1m", PlanUpdate: processout.PlanUpdate{Name: "Silver", TrialPeriod: new("1w"),
				Metadata: map[string]string{"tier": "silver"}}},
			{ID: "gold-plan", Amount: "29.00", Currency: "EUR", Interval: "1y", PlanUpdate: processout.PlanUpdate{Name: "Gold", CancelURL: new("https://shop.example.com/bye")}},
		} {
			if _, err := api.CreatePlan(t.Context(), in); err != nil {
				t.Fatal(err)
			}
		}
		for _, in := range []processout.CouponInput{
			{ID: "spring25", PercentOff: new(int64(25)), IterationCount: 3},
			{ID: "welcome5", AmountOff: new("5.00"), Currency: new("EUR"), MaxRedemptions: 100},
		} {
			if _, err := api.CreateCoupon(t.Context(), in); err != nil {
				t.Fatal(err)
			}
		}
		if !env.readings.UnservedRoutes { // the live data set is reached directly only
			base, _ := url.Parse(env.emu.ProcessOutURL)
			live := processout.New(direct.New(base, env.emu.ProjectID, env.emu.Project.Secret, httpx.New(httpx.DefaultPolicy()), "test"))
			if _, err := live.CreatePlan(t.Context(), processout.PlanInput{ID: "gold-plan", Amount: "1", Currency: "USD", Interval: "1m",
				PlanUpdate: processout.PlanUpdate{Name: "Gold (live)"}}); err != nil {
				t.Fatal(err)
			}
		}
		config := `
data "processout_plan" "silver" {
  id = "silver-plan"
}

data "processout_plans" "all" {}

data "processout_plans" "gold" {
  name_contains = "GOL"
}

data "processout_coupon" "welcome" {
  id = "welcome5"
}

data "processout_coupons" "spring" {
  id_contains = "spring"
}
`
		ids := func(list ...string) knownvalue.Check {
			checks := make([]knownvalue.Check, len(list))
			for i, id := range list {
				checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(id)})
			}
			return knownvalue.ListExact(checks)
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: env.config(config),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.processout_plan.silver", tfjsonpath.New("name"), knownvalue.StringExact("Silver")),
					statecheck.ExpectKnownValue("data.processout_plan.silver", tfjsonpath.New("amount"), knownvalue.StringExact("9.99")),
					statecheck.ExpectKnownValue("data.processout_plan.silver", tfjsonpath.New("trial_period"), knownvalue.StringExact("1w")),
					statecheck.ExpectKnownValue("data.processout_plan.silver", tfjsonpath.New("cancel_url"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.processout_plan.silver", tfjsonpath.New("metadata"), knownvalue.MapExact(map[string]knownvalue.Check{
						"tier": knownvalue.StringExact("silver"),
					})),
					statecheck.ExpectKnownValue("data.processout_plan.silver", tfjsonpath.New("sandbox"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.processout_plans.all", tfjsonpath.New("plans"), ids("silver-plan", "gold-plan")),
					statecheck.ExpectKnownValue("data.processout_plans.gold", tfjsonpath.New("plans"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"id": knownvalue.StringExact("gold-plan"), "name": knownvalue.StringExact("Gold"), "interval": knownvalue.StringExact("1y"),
							"cancel_url": knownvalue.StringExact("https://shop.example.com/bye"), "metadata": knownvalue.MapExact(map[string]knownvalue.Check{}),
						}),
					})),
					statecheck.ExpectKnownValue("data.processout_coupon.welcome", tfjsonpath.New("amount_off"), knownvalue.StringExact("5.00")),
					statecheck.ExpectKnownValue("data.processout_coupon.welcome", tfjsonpath.New("percent_off"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.processout_coupon.welcome", tfjsonpath.New("max_redemptions"), knownvalue.Int64Exact(100)),
					statecheck.ExpectKnownValue("data.processout_coupons.spring", tfjsonpath.New("coupons"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"id": knownvalue.StringExact("spring25"), "percent_off": knownvalue.Int64Exact(25), "currency": knownvalue.Null(),
							"iteration_count": knownvalue.Int64Exact(3), "redeemed_number": knownvalue.Int64Exact(0),
						}),
					})),
				},
			}},
		})
	})
}
