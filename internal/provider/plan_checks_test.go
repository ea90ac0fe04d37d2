package provider

import (
	"fmt"
	"maps"
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

// Mistakes caught at plan, and plans that no longer fail: the credentials of
// a gateway configuration removed from the configuration, empty credential
// values, currencies outside ISO 4217, an empty gateway_name, a bad dunning
// step.

// stripeCredentialsStay checks that the emulator's configuration is named
// name and holds, unchanged, the credentials it was created with.
func (e *testEnv) stripeCredentialsStay(name string, want map[string]string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		objs := e.objects("gateway_configuration")
		if len(objs) != 1 {
			return fmt.Errorf("the emulator holds %d gateway configurations, want 1", len(objs))
		}
		id := idOf(objs[0])
		if id != s.RootModule().Resources[stripeAddr].Primary.ID || objs[0]["name"] != name {
			return fmt.Errorf("the emulator holds %s named %v, want the one in state named %q", id, objs[0]["name"], name)
		}
		if got := e.emu.ProcessOut.ReceivedSettings(id); !maps.Equal(got, want) {
			return fmt.Errorf("the emulator holds credentials with secret_key %q…, want the unchanged %q…", prefix(got["secret_key"]), prefix(want["secret_key"]))
		}
		return nil
	}
}

// removedCredentialsSteps: a configuration created with credentials, then
// renamed with the credentials removed from the configuration (an in-place
// update that sends none: ProcessOut keeps its own), then given new ones.
func removedCredentialsSteps(env *testEnv, credentials func(secret string, version int) string, attr string) []resource.TestStep {
	const first, second = "sk_test_REMOVED_first", "sk_test_REMOVED_second"
	held := map[string]string{"secret_key": first, "public_key": "pk_test_public"}
	return []resource.TestStep{
		{
			Config: env.config(stripeConfig("Stripe EU", "EEA", credentials(first, 1))),
			Check:  env.stripeStored("Stripe EU", "EEA", first),
		},
		{
			Config: env.config(stripeConfig("Stripe Europe", "EEA", "")),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(stripeAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(stripeAddr, tfjsonpath.New("public_keys").AtMapKey("public_key"), knownvalue.StringExact("pk_test_public")),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(stripeAddr, tfjsonpath.New(attr), knownvalue.Null()),
				statecheck.ExpectKnownValue(stripeAddr, tfjsonpath.New("public_keys").AtMapKey("public_key"), knownvalue.StringExact("pk_test_public")),
			},
			Check: env.stripeCredentialsStay("Stripe Europe", held),
		},
		{ // managed again: the new credentials are sent
			Config: env.config(stripeConfig("Stripe Europe", "EEA", credentials(second, 2))),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(stripeAddr, plancheck.ResourceActionUpdate)},
			},
			Check: env.stripeStored("Stripe Europe", "EEA", second),
		},
	}
}

func TestAccPlanChecks_removeWriteOnlyCredentials(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkDestroyed("gateway_configuration"),
		Steps:                    removedCredentialsSteps(env, writeOnlyCredentials, "settings_wo_version"),
	})
}

func TestAccPlanChecks_removeSensitiveCredentials(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkDestroyed("gateway_configuration"),
		Steps:                    removedCredentialsSteps(env, func(secret string, _ int) string { return sensitiveCredentials(secret) }, "settings"),
	})
}

// An empty credential is refused at plan, named as the user wrote it; one
// only known at apply (from another resource) is refused then, before any
// call, still named as written.
func TestAccPlanChecks_emptyCredential(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	t.Cleanup(func() { // after the parallel subtests
		if n := len(env.objects("gateway_configuration")); n != 0 {
			t.Errorf("configurations with empty credentials created %d gateway configurations", n)
		}
	})
	const later = `resource "terraform_data" "secret" {
  input = ""
}
`
	for name, tc := range map[string]struct {
		config    string
		atApply   bool
		writeOnly bool
		want      string
	}{
		"settings_wo, known": {config: `settings_wo = { secret_key = "", public_key = "pk" }
  settings_wo_version = 1`, writeOnly: true, want: `settings_wo["secret_key"] is empty.`},
		"settings, known": {config: `settings = { secret_key = "", public_key = "pk" }`, want: `settings["secret_key"] is empty.`},
		"settings_wo, known at apply": {config: `settings_wo = { secret_key = terraform_data.secret.output, public_key = "pk" }
  settings_wo_version = 1`, atApply: true, writeOnly: true, want: `settings_wo["secret_key"] is empty.`},
		"settings, known at apply": {config: `settings = { secret_key = terraform_data.secret.output, public_key = "pk" }`, atApply: true,
			want: `settings["secret_key"] is empty.`},
	} {
		t.Run(name, func(t *testing.T) {
			config := `resource "processout_gateway_configuration" "x" {
  gateway_name = "stripe"
  ` + tc.config + "\n}\n"
			if tc.atApply {
				config = later + config
			}
			var skipOld []tfversion.TerraformVersionCheck // write-only attributes need 1.11
			if tc.writeOnly {
				skipOld = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)}
			}
			resource.ParallelTest(t, resource.TestCase{
				TerraformVersionChecks:   skipOld,
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: env.config(config), PlanOnly: !tc.atApply,
					ExpectError: errorTexts(`Error: Empty gateway credential`, tc.want, "Give it the secret_key credential's value"),
				}},
			})
		})
	}
}

// planFails runs a plan of config that must fail with want.
func (e *testEnv) planFails(t *testing.T, config string, want *regexp.Regexp) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: e.config(config), PlanOnly: true, ExpectError: want}},
	})
}

// Currencies are checked against ISO 4217 at plan, on every resource that
// takes one.
func TestAccPlanChecks_currencies(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	t.Cleanup(func() { // after the parallel subtests
		if n := len(env.objects("gateway_configuration")) + len(env.objects("project")); n != 0 {
			t.Errorf("configurations with bad currencies created %d objects", n)
		}
	})
	for name, tc := range map[string]struct{ config, want string }{
		"gateway configuration, not a code": {`resource "processout_gateway_configuration" "x" {
  gateway_name     = "sandbox"
  default_currency = "XYZ"
}`, `default_currency is "XYZ", which is not an ISO 4217 currency code`},
		"project, not a code": {`resource "processout_project" "x" {
  name             = "p"
  default_currency = "XYZ"
}`, `default_currency is "XYZ", which is not an ISO 4217 currency code`},
		"gateway configuration, lower case": {`resource "processout_gateway_configuration" "x" {
  gateway_name     = "sandbox"
  default_currency = "usd"
}`, `default_currency is "usd", which is not an ISO 4217 currency code: codes are upper case, write "USD".`},
	} {
		t.Run(name, func(t *testing.T) { env.planFails(t, tc.config, errorText(tc.want)) })
	}
}

func TestAccPlanChecks_emptyGatewayName(t *testing.T) {
	newTestEnv(t, transportMembrane, emulatorConfigDefault()).planFails(t, `resource "processout_gateway_configuration" "x" {
  gateway_name = ""
}`, errorText(`gateway_name is empty: give the name of a gateway of ProcessOut's catalog; the processout_gateways data source lists the names`))
}

// A bad dunning step is shown at its own line of the configuration, not at
// the resource's first line.
func TestAccPlanChecks_dunningStepLine(t *testing.T) {
	newTestEnv(t, transportMembrane, emulatorConfigDefault()).planFails(t, `resource "processout_project" "x" {
  name = "p"
  dunning_configuration = [
    { action = "retry", delay_in_days = 1 },
    { action = "refund", delay_in_days = 400 },
  ]
}`, regexp.MustCompile(`in resource "processout_project" "x":\s+\d+:\s+\{ action = "refund", delay_in_days = 400 \},\s+`+
		errorText(`Attribute dunning_configuration[1].action value must be one of: ["retry" "cancel" "set_past_due" "leave_unchanged"], got: "refund"`).String()))
}
