package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// Plans and coupons under the unserved-routes reading, forced whatever
// EMULATOR_READINGS says: /plans answers 404 resource.not-found and
// /coupons 410 Gone, as routes withdrawn with Node SDK 11 would.

// withdrawnRouteError matches the route-level diagnostic: the status, the
// URL, that nothing left state, why (Node SDK 11) and the ways out.
func withdrawnRouteError(status int, method, path, kind string) *regexp.Regexp {
	return regexp.MustCompile(fmt.Sprintf(`(?s)Cannot.*This %d does not say the object is gone.*%s\s+%s.*nothing\s+was\s+removed\s+from\s+state.*`+
		`Node\s+SDK\s+\(11\)\s+dropped\s+plans\s+and\s+coupons.*dashboard.*%s\.\*.*membrane_actions.*removed`,
		status, regexp.QuoteMeta(method), regexp.QuoteMeta(path), kind))
}

// Through the proxy, where the routes are withdrawn, a create fails with
// the route error and makes nothing; objects made through the actions stay
// tracked: a refresh through the proxy is an error, not a re-create, and a
// destroy through the proxy fails instead of reporting success. On the code
// before (a 410 was a validation error with no word of the route, and
// neither kind was served) none of this held.
func TestAccPlanCouponUnservedRoutes(t *testing.T) {
	env := newTestEnv(t, transportMembrane, unservedRoutesConfig())
	config := silverPlan() + hclResource("processout_coupon", [2]string{"id", `"spring25"`}, [2]string{"percent_off", "25"})
	proxied := providerBlockWith(env.tokenLines()...)
	routed := providerBlockWith(append(env.tokenLines(), unservedRoutesActions)...)
	kept := func(s *terraform.State) error {
		for _, c := range []struct{ kind, address, id string }{{"plan", planAddr, "silver-plan"}, {"coupon", couponAddr, "spring25"}} {
			if err := env.storedOnly(c.kind, c.address, map[string]any{"id": c.id})(s); err != nil {
				return err
			}
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             resource.ComposeTestCheckFunc(env.checkDestroyed("plan"), env.checkDestroyed("coupon")),
		Steps: []resource.TestStep{
			{ // created through the proxy: the route error, nothing made
				Config:      proxied + silverPlan(),
				ExpectError: withdrawnRouteError(404, "POST", "/plans", "plan"),
			},
			{
				Config:      proxied + hclResource("processout_coupon", [2]string{"id", `"spring25"`}, [2]string{"percent_off", "25"}),
				ExpectError: withdrawnRouteError(410, "POST", "/coupons", "coupon"),
			},
			{ // created through the actions, the way out the error names
				PreConfig: func() {
					if n := len(env.objects("plan")) + len(env.objects("coupon")); n != 0 {
						t.Errorf("%d objects made through withdrawn routes", n)
					}
				},
				Config: routed + config,
				Check:  kept,
			},
			{ // refreshed through the proxy: an error, not a re-create
				Config:      proxied + config,
				PlanOnly:    true,
				ExpectError: withdrawnRouteError(404, "GET", "/plans/silver-plan", "plan"),
			},
			{
				Config:      proxied + config,
				Destroy:     true,
				ExpectError: regexp.MustCompile(`This\s+(404|410)\s+does\s+not\s+say\s+the\s+object\s+is\s+gone`),
			},
			{ // still there, still tracked, through the actions again
				Config:           routed + config,
				Check:            kept,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
