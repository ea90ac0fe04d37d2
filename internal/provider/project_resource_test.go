package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

const projectAddr = "processout_project.eu"

func projectConfig(name, currency string, retryDays ...int) string {
	steps := ""
	for _, d := range retryDays {
		steps += fmt.Sprintf("    { action = \"retry\", delay_in_days = %d },\n", d)
	}
	if steps != "" {
		steps = "  dunning_configuration = [\n" + steps + "    { action = \"cancel\", delay_in_days = 0 },\n  ]\n"
	}
	return fmt.Sprintf(`resource "processout_project" "eu" {
  name             = %q
  default_currency = %q
  public_metadata  = { owner = "platform" }
%s}
`, name, currency, steps)
}

// projectStored checks the emulator's supervised project.
func (e *testEnv) projectStored(name, currency string, steps int) func(*terraform.State) error {
	return func(s *terraform.State) error {
		id := s.RootModule().Resources[projectAddr].Primary.ID
		obj, ok := e.emu.ProcessOut.Object("project", id)
		if !ok {
			return fmt.Errorf("the emulator has no project %s", id)
		}
		dunning, _ := obj["dunning_configuration"].([]any)
		if obj["name"] != name || obj["default_currency"] != currency || len(dunning) != steps || obj["supervisor_project_id"] != e.emu.ProjectID {
			return fmt.Errorf("the emulator stored %v", obj)
		}
		if _, leaked := obj["private_key"]; leaked {
			return fmt.Errorf("the emulator returns private_key after creation")
		}
		return nil
	}
}

func TestAccProject_lifecycle(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		var privateKey string
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			// The emulator lists the connected project's supervised projects.
			CheckDestroy: env.checkDestroyed("project"),
			Steps: []resource.TestStep{
				{
					Config: env.config(projectConfig("Payments EU", "EUR", 3, 7)),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectSensitiveValue(projectAddr, tfjsonpath.New("private_key")),
						statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("private_key"), knownvalue.NotNull()),
						statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("supervisor_project_id"), knownvalue.StringExact(env.emu.ProjectID)),
						statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("dunning_configuration").AtSliceIndex(1).AtMapKey("delay_in_days"), knownvalue.Int64Exact(7)),
						statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^proj_`))),
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.projectStored("Payments EU", "EUR", 3),
						func(s *terraform.State) error {
							privateKey = s.RootModule().Resources[projectAddr].Primary.Attributes["private_key"]
							return nil
						},
					),
				},
				{ // in place; the private key survives reads that no longer return it
					Config: env.config(projectConfig("Payments Europe", "GBP", 1)),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.projectStored("Payments Europe", "GBP", 2),
						func(s *terraform.State) error {
							if got := s.RootModule().Resources[projectAddr].Primary.Attributes["private_key"]; got == "" || got != privateKey {
								return fmt.Errorf("private_key changed or was lost after an update")
							}
							return nil
						},
					),
				},
				{
					ResourceName:            projectAddr,
					ImportState:             true,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{"private_key"}, // only returned at creation: null after import
				},
				{ // renamed behind Terraform's back: corrected
					PreConfig: func() { env.editOutOfBand("project", map[string]any{"name": "renamed by hand"}) },
					Config:    env.config(projectConfig("Payments Europe", "GBP", 1)),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate)},
					},
					Check: env.projectStored("Payments Europe", "GBP", 2),
				},
			},
		})
	})
}

func TestAccProject_invalidInput(t *testing.T) {
	env := newTestEnv(t, transportDirect, emulatorConfigDefault())
	block := func(body string) string {
		return "resource \"processout_project\" \"x\" {\n  name = \"x\"\n  " + body + "\n}\n"
	}
	cases := map[string]struct{ config, want string }{
		"bad currency":       {block(`default_currency = "Euro"`), `must be an ISO 4217 currency code`},
		"bad dunning action": {block(`dunning_configuration = [{ action = "email", delay_in_days = 1 }]`), `value must be one of`},
		"negative delay":     {block(`dunning_configuration = [{ action = "retry", delay_in_days = -1 }]`), `must be between 0 and 365`},
		"bad email":          {block(`email = "payments"`), `must be an email address`},
		"bad logo url":       {block(`logo_url = "logo.png"`), `must start with https://`},
		"empty name":         {`resource "processout_project" "x" { name = "" }`, `string length must be between 1 and 255`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: env.config(tc.config), PlanOnly: true, ExpectError: errorText(tc.want)}},
			})
		})
	}
}

func TestAccProject_importByIdentityAndRecreate(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		resource.ParallelTest(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: env.config(projectConfig("Payments EU", "EUR")),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectIdentityValueMatchesState(projectAddr, tfjsonpath.New("id")),
					},
				},
				{
					ResourceName:    projectAddr,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithResourceIdentity,
				},
				{ // deleted behind Terraform's back: re-created
					PreConfig: func() { env.deleteOutOfBand("project") },
					Config:    env.config(projectConfig("Payments EU", "EUR")),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionCreate)},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("private_key"), knownvalue.NotNull()),
					},
					Check: env.projectStored("Payments EU", "EUR", 0),
				},
			},
		})
	})
}
