package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// applePayTally is expectApplePayCalls as a plan check.
type applePayTally struct {
	env  *testEnv
	when string
	want map[string]int
}

func (c applePayTally) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = c.env.expectApplePayCalls(c.when, c.want)
}

// applePayFleet is n certificates, the one at index rotated carrying its
// keepers' generation.
func applePayFleet(n, rotated int, generation string) string {
	var b strings.Builder
	for i := range n {
		keepers := ""
		if i == rotated {
			keepers = fmt.Sprintf("  keepers = { generation = %q }\n", generation)
		}
		fmt.Fprintf(&b, "resource \"processout_applepay_alternative_merchant_certificate\" \"c%d\" {\n%s}\n", i, keepers)
	}
	return b.String()
}

// TestAccApplePayCertificateCalls holds the certificates to their exact
// ProcessOut calls, per CLI command (how the harness runs each step:
// TestAccCallCounts_fleet). ProcessOut reads certificates only as one list,
// which the refreshes of one provider process share (one list per refresh
// walk, however many certificates); a create is the list it is
// compared with (lost answers, applepay_slots.go) and its POST; a plan that
// makes certificates asks once per walk whether Apple Pay is set up (one
// list, in the plan walk and again in the apply walk). Every other call
// counts too, so none can sneak in.
func TestAccApplePayCertificateCalls(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("Apple Pay certificates")
		const n = 3
		created, rotated := applePayFleet(n, 0, "1"), applePayFleet(n, 0, "2")
		var addrs []string
		for i := range n {
			addrs = append(addrs, fmt.Sprintf("processout_applepay_alternative_merchant_certificate.c%d", i))
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(applePayKind),
			Steps: []resource.TestStep{
				{ // apply from empty
					PreConfig: env.resetCalls,
					Config:    env.config(created),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						applePayTally{env, "plan from empty", map[string]int{"list": 1}},
					}},
					Check: resource.ComposeTestCheckFunc(
						func(*terraform.State) error {
							return env.expectApplePayCalls("apply from empty", map[string]int{"list": 2 + n, "create": n})
						},
						env.applePayStored(addrs...),
					),
				},
				{ // no-change plan: one list for all, nothing else
					PreConfig: env.resetCalls,
					Config:    env.config(created),
					PlanOnly:  true,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPreRefresh: []plancheck.PlanCheck{
							plancheck.ExpectEmptyPlan(),
							applePayTally{env, "plan -refresh=false", map[string]int{}},
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{
							plancheck.ExpectEmptyPlan(),
							applePayTally{env, "no-change plan", map[string]int{"list": 1}},
						},
					},
				},
				{ // one keeper changed: the refresh, then one replacement
					PreConfig: env.resetCalls,
					Config:    env.config(rotated),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						applePayTally{env, "plan of the rotation", map[string]int{"list": 2}},
					}},
					Check: resource.ComposeTestCheckFunc(
						func(*terraform.State) error {
							return env.expectApplePayCalls("apply of the rotation", map[string]int{"list": 4, "create": 1, "delete": 1})
						},
						env.applePayStored(addrs...),
					),
				},
				{ // destroy: the refresh, then one delete each
					PreConfig: env.resetCalls,
					Config:    env.config(rotated),
					Destroy:   true,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							applePayTally{env, "plan -destroy", map[string]int{"list": 1}},
						},
						PostApplyPreRefresh: []plancheck.PlanCheck{
							applePayTally{env, "destroy", map[string]int{"list": 1, "delete": n}},
						},
					},
				},
			},
		})
	})
}
