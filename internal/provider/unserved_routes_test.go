package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// The unserved-routes reading (processoutapi.Readings.UnservedRoutes): the
// webhook-endpoint and gateway-catalog routes answer 404 resource.not-found,
// which names no object, to API keys and to the Membrane proxy. These tests
// force the reading, whatever EMULATOR_READINGS says.

func unservedRoutesConfig() emulator.Config {
	return emulator.Config{Seed: 1, Readings: processoutapi.Readings{UnservedRoutes: true}}
}

// routeError matches the diagnostic of a 404 naming no object: the URL, the
// setting to check, and for webhook endpoints the way out.
func routeError(method, path string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)Cannot.*` + regexp.QuoteMeta(method) + `\s+` + regexp.QuoteMeta(path) +
		`.*processout_api_url.*Membrane\s+connection.*membrane_actions.*dashboard`)
}

// endpointKept checks that the emulator still holds exactly the endpoint
// *id names, and that state tracks that one.
func (e *testEnv) endpointKept(id *string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		objs := e.objects(processoutapi.KindWebhookEndpoint)
		if len(objs) != 1 || idOf(objs[0]) != *id {
			return fmt.Errorf("the emulator holds %v, want only the endpoint %s created first", objs, *id)
		}
		if got := s.RootModule().Resources[webhookAddr].Primary.ID; got != *id {
			return fmt.Errorf("state tracks %s, want %s", got, *id)
		}
		return nil
	}
}

// Through the proxy, where the routes are not served, a refresh keeps the
// endpoint in state (and plans no re-create) and a destroy fails instead of
// reporting success while the endpoint still exists; through the actions,
// the way out the error names, it is managed as usual. On the code before
// this reading, the refresh dropped the endpoint from state and the plan
// re-created it.
func TestAccUnservedRoutes_webhookEndpointStaysTracked(t *testing.T) {
	env := newTestEnv(t, transportMembrane, unservedRoutesConfig())
	proxied := providerBlockWith(env.tokenLines()...) + webhookConfig("https://hooks.example.com/kept")
	routed := providerBlockWith(append(env.tokenLines(), unservedRoutesActions)...) + webhookConfig("https://hooks.example.com/kept")
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkDestroyed(processoutapi.KindWebhookEndpoint),
		Steps: []resource.TestStep{
			{ // created through the actions
				Config: routed,
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[webhookAddr].Primary.ID
					return env.endpointKept(&id)(s)
				},
			},
			{ // refreshed through the proxy: an error, not a re-create
				Config:      proxied,
				PlanOnly:    true,
				ExpectError: routeError("GET", "/webhook-endpoints/whe_"),
			},
			{ // destroyed through the proxy: an error, not a success (the
				// destroy's refresh meets the GET first; the DELETE would meet
				// the same 404: processout's TestOnlyANotFoundNamingTheObjectIsGone)
				Config:      proxied,
				Destroy:     true,
				ExpectError: routeError("GET", "/webhook-endpoints/whe_"),
			},
			{ // still there, still tracked, through the actions again
				Config:           routed,
				Check:            env.endpointKept(&id),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// Through the direct transport no webhook endpoint can be reached: a create
// fails with the route error, and nothing is created; gateway
// configurations are created as usual without the catalog.
func TestAccUnservedRoutes_direct(t *testing.T) {
	env := newTestEnv(t, transportDirect, unservedRoutesConfig())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkDestroyed(processoutapi.KindGatewayConfiguration),
		Steps: []resource.TestStep{
			{
				Config:      env.config(webhookConfig("https://hooks.example.com/direct")),
				ExpectError: routeError("POST", "/webhook-endpoints"),
			},
			{
				Config:      env.config(webhookList),
				ExpectError: routeError("GET", "/webhook-endpoints"),
			},
			{
				PreConfig: func() {
					if n := len(env.objects(processoutapi.KindWebhookEndpoint)); n != 0 {
						t.Errorf("%d webhook endpoints created through an unserved route", n)
					}
				},
				Config: env.config(stripeConfig("Stripe without catalog", "EEA", sensitiveCredentials("sk_test_nocatalog"))),
				Check: func(*terraform.State) error {
					if n := len(env.objects(processoutapi.KindGatewayConfiguration)); n != 1 {
						return fmt.Errorf("the emulator holds %d gateway configurations, want 1", n)
					}
					return nil
				},
			},
		},
	})
}

// A catalog that is not served turns the plan-time checks off with one
// warning for the whole run, not one per configuration, is read once, and
// the configurations are created. On the code before this reading, the plan
// gave one "catalog unavailable" warning per configuration and read the
// catalog as many times.
func TestAccUnservedRoutes_catalogWarnsOnce(t *testing.T) {
	cli := newCLIUnderTest(t)
	t.Parallel()
	env := newTestEnv(t, transportDirect, unservedRoutesConfig())
	const n = 3
	var config strings.Builder
	config.WriteString(env.providerBlock())
	for i := range n {
		config.WriteString(strings.Replace(stripeConfig(fmt.Sprintf("Stripe %d", i), "EEA", sensitiveCredentials("sk_test_once")),
			`"stripe" {`, fmt.Sprintf(`"stripe_%d" {`, i), 1))
	}
	w := cli.workspace(t, nil)
	w.writeConfig(config.String())

	env.emu.ProcessOut.ResetRequests()
	w.run("plan", []string{"plan", "-input=false", "-no-color", "-out=create.tfplan"})
	output := w.artifact(t, "plan stdout") + w.artifact(t, "plan stderr")
	if got := strings.Count(output, "Gateway catalog"); got != 1 || !strings.Contains(output, "Gateway catalog not served") {
		t.Errorf("the plan gave %d catalog warnings, want one \"Gateway catalog not served\":\n%s", got, output)
	}
	if got := env.calls("GET", "/gateways"); got != 1 {
		t.Errorf("the plan read the catalog %d times, want once", got)
	}
	w.run("apply", []string{"apply", "-input=false", "-no-color", "create.tfplan"})
	if got := len(env.objects(processoutapi.KindGatewayConfiguration)); got != n {
		t.Errorf("the emulator holds %d gateway configurations after apply, want %d", got, n)
	}
	w.run("destroy", []string{"destroy", "-input=false", "-no-color", "-auto-approve"})
	if got := len(env.objects(processoutapi.KindGatewayConfiguration)); got != 0 {
		t.Errorf("the emulator holds %d gateway configurations after destroy", got)
	}
}
