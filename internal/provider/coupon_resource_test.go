package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

const couponAddr = "processout_coupon.test"

func TestAccCoupon_lifecycle(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("coupons")
		percent := func(pct, metadata string) string {
			return hclResource("processout_coupon", [2]string{"id", `"spring25"`}, [2]string{"percent_off", pct},
				[2]string{"iteration_count", "3"}, [2]string{"max_redemptions", "100"},
				[2]string{"expires_at", `"2030-06-30T21:59:59Z"`}, [2]string{"metadata", metadata})
		}
		fields := func(pct float64, metadata map[string]any) map[string]any {
			return map[string]any{"id": "spring25", "percent_off": pct, "amount_off": nil, "currency": nil, "iteration_count": float64(3),
				"max_redemptions": float64(100), "expires_at": "2030-06-30T21:59:59Z", "metadata": metadata, "sandbox": true}
		}
		spring := map[string]any{"campaign": "spring"}
		springEU := map[string]any{"campaign": "spring", "region": "eu"}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(processoutapi.KindCoupon),
			Steps: []resource.TestStep{
				{ // create: one call
					PreConfig: env.resetCalls,
					Config:    env.config(percent("25", `{ campaign = "spring" }`)),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(couponAddr, tfjsonpath.New("expires_at"), knownvalue.StringExact("2030-06-30T21:59:59Z")),
						statecheck.ExpectKnownValue(couponAddr, tfjsonpath.New("amount_off"), knownvalue.Null()),
						statecheck.ExpectKnownValue(couponAddr, tfjsonpath.New("redeemed_number"), knownvalue.Int64Exact(0)),
						statecheck.ExpectKnownValue(couponAddr, tfjsonpath.New("project_id"), knownvalue.StringExact(env.emu.ProjectID)),
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.storedOnly(processoutapi.KindCoupon, couponAddr, fields(25, spring)),
						env.expectExactCalls(map[string]int{"POST /coupons": 1}),
					),
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
				{ // metadata changes in place
					PreConfig: env.resetCalls,
					Config:    env.config(percent("25", `{ campaign = "spring", region = "eu" }`)),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(couponAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.storedOnly(processoutapi.KindCoupon, couponAddr, fields(25, springEU)),
						env.expectExactCalls(map[string]int{"GET /coupons/{id}": 1, "PUT /coupons/{id}": 1}),
					),
				},
				{ // anything else replaces the coupon, with the same id
					PreConfig: env.resetCalls,
					Config:    env.config(percent("30", `{ campaign = "spring", region = "eu" }`)),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(couponAddr, plancheck.ResourceActionDestroyBeforeCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.storedOnly(processoutapi.KindCoupon, couponAddr, fields(30, springEU)),
						env.expectExactCalls(map[string]int{"GET /coupons/{id}": 1, "DELETE /coupons/{id}": 1, "POST /coupons": 1}),
					),
				},
				{ // import by ID
					ResourceName:      couponAddr,
					ImportState:       true,
					ImportStateId:     "spring25",
					ImportStateVerify: true,
				},
				{ // import block by ID, which must plan no change
					ResourceName:    couponAddr,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithID,
				},
				{ // deleted behind Terraform's back: planned for re-create, re-created
					PreConfig: func() {
						env.deleteOutOfBand(processoutapi.KindCoupon)
						env.resetCalls()
					},
					Config: env.config(percent("30", `{ campaign = "spring", region = "eu" }`)),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(couponAddr, plancheck.ResourceActionCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: env.storedOnly(processoutapi.KindCoupon, couponAddr, fields(30, springEU)),
				},
				{ // metadata edited behind Terraform's back: put back in place
					PreConfig: func() {
						env.editOutOfBand(processoutapi.KindCoupon, map[string]any{"metadata": map[string]any{"campaign": "hijacked"}, "redeemed_number": 7})
						env.resetCalls()
					},
					Config: env.config(percent("30", `{ campaign = "spring", region = "eu" }`)),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(couponAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(couponAddr, tfjsonpath.New("redeemed_number"), knownvalue.Int64Exact(7)),
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.storedOnly(processoutapi.KindCoupon, couponAddr, fields(30, springEU)),
						env.expectExactCalls(map[string]int{"GET /coupons/{id}": 1, "PUT /coupons/{id}": 1}),
					),
				},
				{ // its discount changed behind Terraform's back: the plan shows the replacement
					PreConfig:          func() { env.editOutOfBand(processoutapi.KindCoupon, map[string]any{"percent_off": 90}) },
					Config:             env.config(percent("30", `{ campaign = "spring", region = "eu" }`)),
					PlanOnly:           true,
					ExpectNonEmptyPlan: true,
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(couponAddr, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectKnownValue(couponAddr, tfjsonpath.New("percent_off"), knownvalue.Int64Exact(30)),
					}},
				},
			},
		})
		if n := env.calls("DELETE", "/coupons/"); n != 1 { // since the last step's reset
			t.Errorf("destroy sent %d DELETE calls, want 1", n)
		}
	})
}

// An amount coupon takes iteration_count and max_redemptions at their
// defaults, and ProcessOut writing its amount otherwise ("5" for "5.00")
// is no change.
func TestAccCoupon_amountOff(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("coupons")
		config := hclResource("processout_coupon", [2]string{"id", `"welcome5"`}, [2]string{"amount_off", `"5.00"`}, [2]string{"currency", `"EUR"`})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(processoutapi.KindCoupon),
			Steps: []resource.TestStep{
				{
					Config: env.config(config),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(couponAddr, tfjsonpath.New("amount_off"), knownvalue.StringExact("5.00")),
						statecheck.ExpectKnownValue(couponAddr, tfjsonpath.New("percent_off"), knownvalue.Null()),
						statecheck.ExpectKnownValue(couponAddr, tfjsonpath.New("iteration_count"), knownvalue.Int64Exact(0)),
						statecheck.ExpectKnownValue(couponAddr, tfjsonpath.New("max_redemptions"), knownvalue.Int64Exact(0)),
						statecheck.ExpectKnownValue(couponAddr, tfjsonpath.New("expires_at"), knownvalue.Null()),
					},
					Check: env.storedOnly(processoutapi.KindCoupon, couponAddr, map[string]any{
						"amount_off": "5.00", "currency": "EUR", "percent_off": nil, "iteration_count": float64(0), "max_redemptions": float64(0),
						"expires_at": nil, "metadata": map[string]any{},
					}),
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
				{ // written otherwise by ProcessOut, the same amount is no change
					PreConfig:        func() { env.editOutOfBand(processoutapi.KindCoupon, map[string]any{"amount_off": "5"}) },
					Config:           env.config(config),
					PlanOnly:         true,
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
			},
		})
	})
}

// A coupon set up elsewhere, whose amount and expiry ProcessOut writes
// otherwise than the configuration ("5" for "5.00", UTC for an offset), is
// imported without being replaced: the plan only updates the state's
// spelling in place, sending nothing but the metadata, and the coupon
// stays the one made first. Without replaceUnlessSameAmount and
// replaceUnlessSameInstant that plan replaced the coupon.
func TestAccCoupon_importWrittenOtherwise(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("coupons")
		var createdAt any
		config := "import {\n  to = " + couponAddr + "\n  id = \"welcome5\"\n}\n" +
			hclResource("processout_coupon", [2]string{"id", `"welcome5"`}, [2]string{"amount_off", `"5.00"`}, [2]string{"currency", `"EUR"`},
				[2]string{"expires_at", `"2031-01-01T01:00:00+01:00"`})
		resource.ParallelTest(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(processoutapi.KindCoupon),
			Steps: []resource.TestStep{{
				PreConfig: func() {
					if _, err := env.api(t).CreateCoupon(t.Context(), processout.CouponInput{ID: "welcome5", AmountOff: new("5"),
						Currency: new("EUR"), ExpiresAt: new(time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC))}); err != nil {
						t.Fatal(err)
					}
					createdAt = env.objects(processoutapi.KindCoupon)[0]["created_at"]
					time.Sleep(env.readings.ReadLag) // past the read lag, if any: this test counts the import's one read
					env.resetCalls()
				},
				Config: env.config(config),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(couponAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(couponAddr, tfjsonpath.New("amount_off"), knownvalue.StringExact("5.00")),
					statecheck.ExpectKnownValue(couponAddr, tfjsonpath.New("expires_at"), knownvalue.StringExact("2031-01-01T01:00:00+01:00")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					env.storedOnly(processoutapi.KindCoupon, couponAddr, map[string]any{"amount_off": "5", "expires_at": "2031-01-01T00:00:00Z"}),
					func(*terraform.State) error {
						if got := env.objects(processoutapi.KindCoupon)[0]["created_at"]; got != createdAt {
							return fmt.Errorf("the coupon was re-created (created_at %v, was %v)", got, createdAt)
						}
						return nil
					},
					env.expectExactCalls(map[string]int{"GET /coupons/{id}": 1, "PUT /coupons/{id}": 1}),
				),
			}},
		})
	})
}

func TestAccCoupon_importByIdentity(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("coupons")
		resource.ParallelTest(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(processoutapi.KindCoupon),
			Steps: []resource.TestStep{
				{
					Config: env.config(hclResource("processout_coupon", [2]string{"id", `"identity10"`}, [2]string{"percent_off", "10"})),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectIdentityValue(couponAddr, tfjsonpath.New("id"), knownvalue.StringExact("identity10")),
					},
				},
				{
					ResourceName:    couponAddr,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithResourceIdentity,
				},
			},
		})
	})
}
