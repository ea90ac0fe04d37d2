package provider

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/processout/terraform-provider-processout/internal/bench"
)

// planCouponFleet is n plans and n coupons; generation 1 renames the first
// plan and changes the first coupon's metadata.
func planCouponFleet(n, generation int) string {
	var b strings.Builder
	for i := range n {
		name := fmt.Sprintf("Plan %d", i)
		campaign := "launch"
		if i == 0 && generation > 0 {
			name, campaign = name+" (renamed)", "relaunch"
		}
		fmt.Fprintf(&b, "resource \"processout_plan\" \"p%d\" {\n  id = \"plan-%d\"\n  name = %q\n  amount = \"%d.99\"\n  currency = \"EUR\"\n  interval = \"1m\"\n}\n", i, i, name, i+1)
		fmt.Fprintf(&b, "resource \"processout_coupon\" \"c%d\" {\n  id = \"coupon-%d\"\n  percent_off = %d\n  metadata = { campaign = %q }\n}\n", i, i, 10+i, campaign)
	}
	return b.String()
}

// exactCalls is expectExactCalls as a plan check, to count at a point
// between the CLI commands of a test step.
type exactCalls struct {
	env  *testEnv
	when string
	want map[string]int
}

func (c exactCalls) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if err := c.env.expectExactCalls(c.want)(nil); err != nil {
		resp.Error = fmt.Errorf("%s: %w", c.when, err)
	}
}

// TestAccPlanCouponCallCounts holds plans and coupons to the fewest calls
// per CLI command, as TestAccCallCounts_fleet does for the other kinds (its
// comment says what each step's checks count): one create per object and
// no read after it; per refresh, two reads of each kind and one page of its
// list, which answers the rest (bench.Refresh); one update per changed
// object, one delete each. Nothing else reaches ProcessOut: no read before
// a create.
func TestAccPlanCouponCallCounts(t *testing.T) {
	const n = 5
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("plans and coupons")
		created, updated := planCouponFleet(n, 0), planCouponFleet(n, 1)
		reads := refreshCalls(bench.Refresh(n, !env.readings.ListsOmitFields), "/plans", "/coupons")
		with := func(more map[string]int) map[string]int {
			all := maps.Clone(reads)
			maps.Copy(all, more)
			return all
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             resource.ComposeTestCheckFunc(env.checkDestroyed("plan"), env.checkDestroyed("coupon")),
			Steps: []resource.TestStep{
				{ // apply from empty: one create per object
					PreConfig: env.resetCalls,
					Config:    env.config(created),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						exactCalls{env, "plan from empty", map[string]int{}},
					}},
					Check: env.expectExactCalls(map[string]int{"POST /plans": n, "POST /coupons": n}),
				},
				{ // no-change plan: one read per object, nothing else
					PreConfig: env.resetCalls,
					Config:    env.config(created),
					PlanOnly:  true,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPreRefresh:  []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), exactCalls{env, "plan -refresh=false", map[string]int{}}},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), exactCalls{env, "no-change plan", reads}},
					},
				},
				{ // one plan and one coupon changed: the refresh, then one update each
					PreConfig:        env.resetCalls,
					Config:           env.config(updated),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{exactCalls{env, "plan of the update", reads}}},
					Check:            env.expectExactCalls(with(map[string]int{"PUT /plans/{id}": 1, "PUT /coupons/{id}": 1})),
				},
				{ // destroy: the refresh, then one delete each
					PreConfig: env.resetCalls,
					Config:    env.config(updated),
					Destroy:   true,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{exactCalls{env, "plan -destroy", reads}},
						PostApplyPreRefresh: []plancheck.PlanCheck{exactCalls{env, "destroy", with(map[string]int{
							"DELETE /plans/{id}": n, "DELETE /coupons/{id}": n,
						})}},
					},
				},
			},
		})
	})
}

// refreshCalls are the calls of refresh for each kind whose list is at
// one of lists, as expectExactCalls counts them ("GET /plans/{id}",
// "GET /plans"); kinds never called are left out.
func refreshCalls(refresh bench.Calls, lists ...string) map[string]int {
	out := map[string]int{}
	for _, list := range lists {
		if refresh.Reads > 0 {
			out["GET "+list+"/{id}"] = refresh.Reads
		}
		if refresh.ListPages > 0 {
			out["GET "+list] = refresh.ListPages
		}
	}
	return out
}
