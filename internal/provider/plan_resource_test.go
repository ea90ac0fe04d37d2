package provider

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

const planAddr = "processout_plan.test"

// hclResource writes a resource "test" of typ with these arguments, in the
// order given (values are HCL).
func hclResource(typ string, args ...[2]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource %q \"test\" {\n", typ)
	for _, a := range args {
		fmt.Fprintf(&b, "  %s = %s\n", a[0], a[1])
	}
	b.WriteString("}\n")
	return b.String()
}

// silverPlan is a plan's arguments; extra ones are added or replace those
// of the same name.
func silverPlan(extra ...[2]string) string {
	args := [][2]string{{"id", `"silver-plan"`}, {"name", `"Silver"`}, {"amount", `"9.99"`}, {"currency", `"USD"`}, {"interval", `"1m"`}}
	for _, e := range extra {
		if i := slices.IndexFunc(args, func(a [2]string) bool { return a[0] == e[0] }); i >= 0 {
			args[i] = e
		} else {
			args = append(args, e)
		}
	}
	return hclResource("processout_plan", args...)
}

// storedOnly checks that the emulator holds exactly one object of kind, the
// one address tracks, with these fields (as a GET renders them, decoded).
func (e *testEnv) storedOnly(kind, address string, want map[string]any) func(*terraform.State) error {
	return func(s *terraform.State) error {
		objs := e.objects(kind)
		if len(objs) != 1 {
			return fmt.Errorf("the emulator holds %d %s objects, want 1: %v", len(objs), kind, objs)
		}
		if rs := s.RootModule().Resources[address]; rs == nil || rs.Primary.ID != idOf(objs[0]) {
			return fmt.Errorf("the emulator's %s %v is not the one in state (%v)", kind, idOf(objs[0]), rs)
		}
		for _, field := range slices.Sorted(maps.Keys(want)) {
			if got := objs[0][field]; !reflect.DeepEqual(got, want[field]) {
				return fmt.Errorf("the emulator's %s holds %s = %#v, want %#v", kind, field, got, want[field])
			}
		}
		return nil
	}
}

func TestAccPlan_lifecycle(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("plans")
		created := silverPlan([2]string{"trial_period", `"1w"`}, [2]string{"metadata", `{ tier = "silver" }`})
		updated := silverPlan([2]string{"name", `"Silver monthly"`}, [2]string{"trial_period", `"2w"`},
			[2]string{"return_url", `"https://shop.example.com/subscribed"`}, [2]string{"cancel_url", `"https://shop.example.com/cancelled"`},
			[2]string{"metadata", `{ tier = "silver", team = "growth" }`})
		repriced := strings.Replace(updated, `"9.99"`, `"12.00"`, 1)
		updatedFields := map[string]any{
			"name": "Silver monthly", "amount": "9.99", "currency": "USD", "interval": "1m", "trial_period": "2w",
			"return_url": "https://shop.example.com/subscribed", "cancel_url": "https://shop.example.com/cancelled",
			"metadata": map[string]any{"tier": "silver", "team": "growth"}, "sandbox": true,
		}
		repricedFields := maps.Clone(updatedFields)
		repricedFields["amount"] = "12.00"
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(processoutapi.KindPlan),
			Steps: []resource.TestStep{
				{ // create: one call, the answer carries the plan
					PreConfig: env.resetCalls,
					Config:    env.config(created),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(planAddr, tfjsonpath.New("id"), knownvalue.StringExact("silver-plan")),
						statecheck.ExpectKnownValue(planAddr, tfjsonpath.New("trial_period"), knownvalue.StringExact("1w")),
						statecheck.ExpectKnownValue(planAddr, tfjsonpath.New("return_url"), knownvalue.Null()),
						statecheck.ExpectKnownValue(planAddr, tfjsonpath.New("url"), knownvalue.StringRegexp(regexp.MustCompile(`/plans/silver-plan$`))),
						statecheck.ExpectKnownValue(planAddr, tfjsonpath.New("sandbox"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(planAddr, tfjsonpath.New("project_id"), knownvalue.StringExact(env.emu.ProjectID)),
						statecheck.ExpectKnownValue(planAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.storedOnly(processoutapi.KindPlan, planAddr, map[string]any{
							"id": "silver-plan", "name": "Silver", "amount": "9.99", "currency": "USD", "interval": "1m",
							"trial_period": "1w", "return_url": nil, "metadata": map[string]any{"tier": "silver"},
						}),
						env.expectExactCalls(map[string]int{"POST /plans": 1}),
					),
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
				{ // the updatable fields change in place
					PreConfig: env.resetCalls,
					Config:    env.config(updated),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(planAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.storedOnly(processoutapi.KindPlan, planAddr, updatedFields),
						// the refresh, then the update
						env.expectExactCalls(map[string]int{"GET /plans/{id}": 1, "PUT /plans/{id}": 1}),
					),
				},
				{ // amount cannot change: the plan is replaced, with the same id
					PreConfig: env.resetCalls,
					Config:    env.config(repriced),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(planAddr, plancheck.ResourceActionDestroyBeforeCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.storedOnly(processoutapi.KindPlan, planAddr, repricedFields),
						env.expectExactCalls(map[string]int{"GET /plans/{id}": 1, "DELETE /plans/{id}": 1, "POST /plans": 1}),
					),
				},
				{ // import by ID
					ResourceName:      planAddr,
					ImportState:       true,
					ImportStateId:     "silver-plan",
					ImportStateVerify: true,
				},
				{ // import block by ID, which must plan no change
					ResourceName:    planAddr,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithID,
				},
				{ // deleted behind Terraform's back: planned for re-create, re-created
					PreConfig: func() {
						env.deleteOutOfBand(processoutapi.KindPlan)
						env.resetCalls()
					},
					Config: env.config(repriced),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(planAddr, plancheck.ResourceActionCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: env.storedOnly(processoutapi.KindPlan, planAddr, repricedFields),
				},
				{ // renamed behind Terraform's back: renamed back in place
					PreConfig: func() {
						env.editOutOfBand(processoutapi.KindPlan, map[string]any{"name": "Renamed in the dashboard", "trial_period": "1y"})
						env.resetCalls()
					},
					Config: env.config(repriced),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(planAddr, plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(planAddr, tfjsonpath.New("name"), knownvalue.StringExact("Silver monthly")),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.storedOnly(processoutapi.KindPlan, planAddr, repricedFields),
						env.expectExactCalls(map[string]int{"GET /plans/{id}": 1, "PUT /plans/{id}": 1}),
					),
				},
				{ // repriced behind Terraform's back: the plan shows the replacement
					PreConfig: func() {
						env.editOutOfBand(processoutapi.KindPlan, map[string]any{"amount": "15.00"})
					},
					Config:             env.config(repriced),
					PlanOnly:           true,
					ExpectNonEmptyPlan: true,
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(planAddr, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectKnownValue(planAddr, tfjsonpath.New("amount"), knownvalue.StringExact("12.00")),
					}},
				},
			},
		})
		if n := env.calls("DELETE", "/plans/"); n != 1 {
			t.Errorf("destroy sent %d DELETE calls, want 1", n)
		}
	})
}

func TestAccPlan_importByIdentity(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("plans")
		resource.ParallelTest(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(processoutapi.KindPlan),
			Steps: []resource.TestStep{
				{
					Config: env.config(silverPlan()),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectIdentityValue(planAddr, tfjsonpath.New("id"), knownvalue.StringExact("silver-plan")),
					},
				},
				{
					ResourceName:    planAddr,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithResourceIdentity,
				},
			},
		})
	})
}

// expectExactCalls is a check that the ProcessOut calls since the last
// reset are exactly these, and no other ("POST /plans" → 1; an ID in the
// path reads {id}), the direct transport's credential checks aside
// (objectRequests).
func (e *testEnv) expectExactCalls(want map[string]int) func(*terraform.State) error {
	return func(*terraform.State) error {
		got := map[string]int{}
		for _, r := range e.objectRequests() {
			got[r.Method+" "+collapseID(r.Path)]++
		}
		if !maps.Equal(got, want) {
			return fmt.Errorf("ProcessOut was called %v, want exactly %v", got, want)
		}
		return nil
	}
}
