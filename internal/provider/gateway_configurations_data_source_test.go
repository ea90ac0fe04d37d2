package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

var gatewayConfigurationFields = attributeNames(gatewayConfigurationDataSourceAttributes())

// setUpGatewayConfigurations creates, the way the dashboard would, an
// enabled Stripe configuration, a disabled Adyen one and an enabled sandbox
// one, and returns them as the emulator renders them, oldest first.
func (e *testEnv) setUpGatewayConfigurations(t *testing.T) (objs []map[string]any, secrets []string) {
	t.Helper()
	api, ctx := e.api(t), context.Background()
	name, region := "Stripe EU", "EEA"
	secrets = []string{"sk_test_stripe_secret_4242", "adyen_api_key_secret_1717"}
	creates := []struct {
		gateway string
		in      processout.GatewayConfigurationInput
	}{
		{"stripe", processout.GatewayConfigurationInput{
			Name: &name, Enabled: true, DefaultCurrency: "EUR", ProcessingRegion: &region,
			Metadata: map[string]string{"team": "payments"}, SubAccountsEnabled: []string{"stripe"},
			Settings: map[string]string{"secret_key": secrets[0], "public_key": "pk_test_stripe_public"},
		}},
		{"adyen", processout.GatewayConfigurationInput{
			Enabled: false, DefaultCurrency: "USD",
			Settings: map[string]string{"merchant_account": "Shop", "api_key": secrets[1], "client_key": "test_client_key", "merchant_account_country": "NL"},
		}},
		{"sandbox", processout.GatewayConfigurationInput{Enabled: true, DefaultCurrency: "USD"}},
	}
	for _, c := range creates {
		created, err := api.CreateGatewayConfiguration(ctx, c.gateway, c.in)
		if err != nil {
			t.Fatalf("creating the %s configuration: %v", c.gateway, err)
		}
		obj, ok := e.emu.ProcessOut.Object("gateway_configuration", created.ID)
		if !ok {
			t.Fatalf("the emulator lost %s", created.ID)
		}
		objs = append(objs, obj)
	}
	return objs, secrets
}

func TestAccGatewayConfigurationsDataSource(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		configs, secrets := env.setUpGatewayConfigurations(t)
		stripe, sandbox := configs[0], configs[2]
		const all, stripes, disabled, one = "data.processout_gateway_configurations.all", "data.processout_gateway_configurations.stripe",
			"data.processout_gateway_configurations.disabled", "data.processout_gateway_configuration.one"
		checks := []statecheck.StateCheck{
			idsAre(all, "gateway_configurations", ids(configs)),
			idsAre(stripes, "gateway_configurations", ids(configs[:1])),
			idsAre(disabled, "gateway_configurations", ids(configs[1:2])),
			statecheck.ExpectKnownValue(one, tfjsonpath.New("public_keys"), knownvalue.MapExact(map[string]knownvalue.Check{
				"public_key": knownvalue.StringExact("pk_test_stripe_public"),
			})),
			statecheck.ExpectKnownValue(one, tfjsonpath.New("gateway_id"), knownvalue.Int64Exact(6)),
			statecheck.ExpectKnownValue(disabled, attributePath("gateway_configurations", 0)("merchant_account_country_code"), knownvalue.StringExact("NL")),
			statecheck.ExpectKnownValue(disabled, attributePath("gateway_configurations", 0)("enabled_at"), knownvalue.Null()),
		}
		checks = append(checks, expectObject(one, attributePath(), stripe, gatewayConfigurationFields)...)
		for i, obj := range configs {
			checks = append(checks, expectObject(all, attributePath("gateway_configurations", i), obj, gatewayConfigurationFields)...)
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: env.config(fmt.Sprintf(`
data "processout_gateway_configurations" "all" {}

data "processout_gateway_configurations" "stripe" {
  gateway_name = "stripe"
}

data "processout_gateway_configurations" "disabled" {
  enabled = false
}

data "processout_gateway_configuration" "one" {
  id = %q
}
`, stripe["id"])),
					ConfigStateChecks: checks,
					// The credentials are write-only: never read back.
					Check: expectNoSecretInState(secrets...),
				},
				{ // chained: the id comes from the list
					Config: env.config(`
data "processout_gateway_configurations" "enabled" {
  enabled      = true
  gateway_name = "sandbox"
}

data "processout_gateway_configuration" "one" {
  id = data.processout_gateway_configurations.enabled.gateway_configurations[0].id
}
`),
					ConfigStateChecks: expectObject(one, attributePath(), sandbox, gatewayConfigurationFields),
				},
				{
					Config:      env.config("data \"processout_gateway_configuration\" \"one\" {\n  id = \"gway_conf_doesnotexist\"\n}\n"),
					ExpectError: errorText(`ProcessOut has no gateway configuration "gway_conf_doesnotexist" in this project`),
				},
			},
		})
	})
}
