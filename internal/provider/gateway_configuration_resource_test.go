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

const stripeAddr = "processout_gateway_configuration.stripe"

// stripeConfig is a Stripe configuration; credentials is the HCL line(s)
// giving its settings (write-only or sensitive).
func stripeConfig(name, region, credentials string) string {
	return fmt.Sprintf(`resource "processout_gateway_configuration" "stripe" {
  gateway_name      = "stripe"
  name              = %q
  default_currency  = "EUR"
  processing_region = %q
  metadata          = { team = "payments" }
%s
}
`, name, region, credentials)
}

func writeOnlyCredentials(secret string, version int) string {
	return fmt.Sprintf(`  settings_wo = {
    secret_key = %q
    public_key = "pk_test_public"
  }
  settings_wo_version = %d`, secret, version)
}

func sensitiveCredentials(secret string) string {
	return fmt.Sprintf(`  settings = {
    secret_key = %q
    public_key = "pk_test_public"
  }`, secret)
}

// stripeStored checks the emulator's configuration and the credentials it
// last received.
func (e *testEnv) stripeStored(name, region, secret string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		objs := e.objects("gateway_configuration")
		if len(objs) != 1 {
			return fmt.Errorf("the emulator holds %d gateway configurations, want 1", len(objs))
		}
		obj := objs[0]
		id, _ := obj["id"].(string)
		if id != s.RootModule().Resources[stripeAddr].Primary.ID {
			return fmt.Errorf("the emulator's configuration %s is not the one in state", id)
		}
		if obj["name"] != name || obj["processing_region"] != region || obj["gateway_name"] != "stripe" || obj["default_currency"] != "EUR" {
			return fmt.Errorf("the emulator stored %v", obj)
		}
		if got := e.emu.ProcessOut.ReceivedSettings(id)["secret_key"]; got != secret {
			return fmt.Errorf("the emulator last received secret_key %q…, want %q…", prefix(got), prefix(secret))
		}
		return nil
	}
}

func prefix(s string) string {
	if len(s) > 8 {
		return s[:8]
	}
	return s
}

func TestAccGatewayConfiguration_writeOnlyCredentials(t *testing.T) {
	const first, rotated = "sk_test_WRITEONLY_first", "sk_test_WRITEONLY_rotated"
	eachTransport(t, func(t *testing.T, env *testEnv) {
		resource.ParallelTest(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed("gateway_configuration"),
			Steps: []resource.TestStep{
				{
					PreConfig: env.emu.ProcessOut.ResetRequests,
					Config:    env.config(stripeConfig("Stripe EU", "EEA", writeOnlyCredentials(first, 1))),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{expectNoSecretInPlan(first)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(stripeAddr, tfjsonpath.New("settings_wo"), knownvalue.Null()),
						statecheck.ExpectKnownValue(stripeAddr, tfjsonpath.New("settings_wo_version"), knownvalue.Int64Exact(1)),
						statecheck.ExpectKnownValue(stripeAddr, tfjsonpath.New("public_keys").AtMapKey("public_key"), knownvalue.StringExact("pk_test_public")),
						statecheck.ExpectKnownValue(stripeAddr, tfjsonpath.New("gateway_id"), knownvalue.Int64Exact(6)),
						statecheck.ExpectKnownValue(stripeAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(stripeAddr, tfjsonpath.New("enabled_at"), knownvalue.NotNull()),
						statecheck.ExpectKnownValue(stripeAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^gway_conf_`))),
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.stripeStored("Stripe EU", "EEA", first),
						expectNoSecretInState(first),
						// The catalog is read once for the plan-time checks; the create is one call.
						env.expectCalls(map[string]int{"POST /gateways/{id}/gateway-configurations": 1, "GET /gateway-configurations/{id}": 0}),
					),
				},
				{ // a rename leaves the credentials alone
					Config: env.config(stripeConfig("Stripe Europe", "EEA", writeOnlyCredentials(first, 1))),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(stripeAddr, plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(stripeAddr, tfjsonpath.New("public_keys").AtMapKey("public_key"), knownvalue.StringExact("pk_test_public")),
						},
					},
					Check: env.stripeStored("Stripe Europe", "EEA", first),
				},
				{ // a new version sends the rotated credentials, in place
					Config: env.config(stripeConfig("Stripe Europe", "EEA", writeOnlyCredentials(rotated, 2))),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(stripeAddr, plancheck.ResourceActionUpdate), expectNoSecretInPlan(first, rotated)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(env.stripeStored("Stripe Europe", "EEA", rotated), expectNoSecretInState(first, rotated)),
				},
				{
					ResourceName:            stripeAddr,
					ImportState:             true,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{"settings_wo_version"}, // cannot be read back: null after import
				},
			},
		})
	})
}

// TestAccGatewayConfiguration_writeOnlyImportByIdentity: an import block
// with the resource identity (Terraform 1.12+, OpenTofu 1.12+) of a
// configuration created with write-only credentials. Credentials cannot be
// read back, so an imported configuration has no settings_wo_version: the
// plan sends the configured credentials once, in place, and replaces
// nothing.
func TestAccGatewayConfiguration_writeOnlyImportByIdentity(t *testing.T) {
	const key = "sk_test_WRITEONLY_identity"
	eachTransport(t, func(t *testing.T, env *testEnv) {
		config := env.config(stripeConfig("Stripe EU", "EEA", writeOnlyCredentials(key, 2)))
		resource.ParallelTest(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed("gateway_configuration"),
			Steps: []resource.TestStep{
				{Config: config, Check: env.stripeStored("Stripe EU", "EEA", key)},
				{
					Config:             config,
					ResourceName:       stripeAddr,
					ImportState:        true,
					ImportStateKind:    resource.ImportBlockWithResourceIdentity,
					ExpectNonEmptyPlan: true,
					ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(stripeAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(stripeAddr, tfjsonpath.New("settings_wo_version"), knownvalue.Int64Exact(2)),
					}},
				},
			},
		})
	})
}

func TestAccGatewayConfiguration_sensitiveCredentials(t *testing.T) {
	const secret = "sk_test_SENSITIVE_value"
	eachTransport(t, func(t *testing.T, env *testEnv) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed("gateway_configuration"),
			Steps: []resource.TestStep{
				{
					Config: env.config(stripeConfig("Stripe US", "US", sensitiveCredentials(secret))),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectSensitiveValue(stripeAddr, tfjsonpath.New("settings")),
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					Check:            env.stripeStored("Stripe US", "US", secret),
				},
				{ // disabled behind Terraform's back: re-enabled
					PreConfig: func() {
						env.editOutOfBand("gateway_configuration", map[string]any{"enabled": false, "name": "hand edited"})
					},
					Config: env.config(stripeConfig("Stripe US", "US", sensitiveCredentials(secret))),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(stripeAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.stripeStored("Stripe US", "US", secret),
						resource.TestCheckResourceAttr(stripeAddr, "enabled", "true"),
					),
				},
				{ // deleted behind Terraform's back: re-created
					PreConfig: func() { env.deleteOutOfBand("gateway_configuration") },
					Config:    env.config(stripeConfig("Stripe US", "US", sensitiveCredentials(secret))),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(stripeAddr, plancheck.ResourceActionCreate)},
					},
					Check: env.stripeStored("Stripe US", "US", secret),
				},
				{
					ResourceName:            stripeAddr,
					ImportState:             true,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{"settings"}, // cannot be read back: null after import
				},
				{ // another gateway is another configuration
					Config: env.config(`resource "processout_gateway_configuration" "stripe" {
  gateway_name = "sandbox"
}
`),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(stripeAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					},
				},
			},
		})
	})
}

func TestAccGatewayConfiguration_invalidInput(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	// A cleanup, not a check after the loop: the parallel subtests run
	// after this function returns, and the cleanup after them.
	t.Cleanup(func() {
		if n := len(env.objects("gateway_configuration")); n != 0 {
			t.Errorf("invalid configurations created %d gateway configurations", n)
		}
	})
	cases := map[string]struct {
		config string
		want   string
	}{
		"unknown gateway": {`resource "processout_gateway_configuration" "x" {
  gateway_name = "stripey"
}`, `ProcessOut's catalog has no gateway "stripey". Known gateways: adyen,`},
		"missing credential key": {`resource "processout_gateway_configuration" "x" {
  gateway_name = "stripe"
  settings     = { public_key = "pk" }
}`, `The stripe gateway needs secret_key, public_key; secret_key missing from settings.`},
		"unknown credential key": {`resource "processout_gateway_configuration" "x" {
  gateway_name = "stripe"
  settings     = { public_key = "pk", secret_key = "sk", api_token = "t" }
}`, `The stripe gateway does not take api_token.`},
		"no credentials": {`resource "processout_gateway_configuration" "x" {
  gateway_name = "adyen"
}`, `The adyen gateway needs credentials with the keys merchant_account, api_key, client_key.`},
		"bad currency": {`resource "processout_gateway_configuration" "x" {
  gateway_name     = "sandbox"
  default_currency = "euro"
}`, `must be an ISO 4217 currency code of three capital letters`},
		"bad region": {`resource "processout_gateway_configuration" "x" {
  gateway_name      = "sandbox"
  processing_region = "Mars"
}`, `value must be one of`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: env.config(tc.config), PlanOnly: true, ExpectError: errorText(tc.want)}},
			})
		})
	}
	t.Run("settings and settings_wo together", func(t *testing.T) {
		resource.ParallelTest(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: env.config(`resource "processout_gateway_configuration" "x" {
  gateway_name        = "stripe"
  settings            = { public_key = "pk", secret_key = "sk" }
  settings_wo         = { public_key = "pk", secret_key = "sk" }
  settings_wo_version = 1
}`),
				PlanOnly:    true,
				ExpectError: errorText(`Attribute "settings_wo" cannot be specified when "settings" is specified`),
			}},
		})
	})
}
