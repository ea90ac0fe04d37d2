package provider

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// The rules of processout_plan's "Removing an attribute" table, as
// TestAccRemoval* hold the other resources to them: a trial period or URL
// removed from the configuration keeps the value ProcessOut holds (no
// change is planned; a later update sends it again), removed metadata is
// cleared (the update sends {}).
func TestAccPlanRemoval(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("plans")
		block, fronts := env.frontedProviderBlock(t)
		keptTexts := map[string]string{"trial_period": "1w", "return_url": "https://shop.example.com/ok", "cancel_url": "https://shop.example.com/bye"}
		kept := asSent(keptTexts)
		full := silverPlan([2]string{"trial_period", `"1w"`}, [2]string{"return_url", `"https://shop.example.com/ok"`},
			[2]string{"cancel_url", `"https://shop.example.com/bye"`}, [2]string{"metadata", `{ tier = "silver" }`})
		withoutTexts := silverPlan([2]string{"metadata", `{ tier = "silver" }`})
		renamedBare := silverPlan([2]string{"name", `"Silver renamed"`})
		var planKeeps []plancheck.PlanCheck
		for attr, v := range keptTexts {
			planKeeps = append(planKeeps, plancheck.ExpectKnownValue(planAddr, tfjsonpath.New(attr), knownvalue.StringExact(v)))
		}
		holds := func(want map[string]any) func(*terraform.State) error {
			return func(s *terraform.State) error { return env.storedOnly(processoutapi.KindPlan, planAddr, want)(s) }
		}
		lastUpdate := func(want map[string]any) func(*terraform.State) error {
			return func(*terraform.State) error {
				if env.readings.UnservedRoutes && env.transport == transportMembrane {
					return nil // sent as an action run's input, not as a PUT body the fronts see; the emulator's object is checked
				}
				var puts []map[string]any
				for _, f := range fronts {
					puts = append(puts, f.bodies(t, "PUT", "/plans/silver-plan")...)
				}
				if len(puts) == 0 {
					return fmt.Errorf("no PUT /plans/silver-plan was sent")
				}
				for field, v := range want {
					if got := puts[len(puts)-1][field]; !reflect.DeepEqual(got, v) {
						return fmt.Errorf("the last PUT sent %s = %#v, want %#v", field, got, v)
					}
				}
				return nil
			}
		}
		afterClear := asSent(keptTexts)
		afterClear["metadata"] = map[string]any{}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(processoutapi.KindPlan),
			Steps: []resource.TestStep{
				{Config: block + full, Check: holds(kept)},
				{ // the texts removed, nothing else: nothing to do
					Config:           block + withoutTexts,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(planKeeps, plancheck.ExpectEmptyPlan())},
					Check:            holds(kept),
				},
				{ // metadata removed too, and the plan renamed: metadata cleared, the kept texts sent again
					Config: block + renamedBare,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: append(planKeeps, plancheck.ExpectResourceAction(planAddr, plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(planAddr, tfjsonpath.New("metadata"), knownvalue.Null())),
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(holds(afterClear), lastUpdate(afterClear)),
				},
			},
		})
	})
}
