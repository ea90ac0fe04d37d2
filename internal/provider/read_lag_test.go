package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// Under the read-lag reading (processoutapi.Readings.ReadLag) a new object
// answers 404 naming it for a moment. The refresh right after the apply must
// keep it in state and plan nothing, and nothing is created twice. On the
// code before readSettled, that refresh dropped both objects from state and
// the plan created them again.
func TestAccReadLag_newObjectsStayTracked(t *testing.T) {
	cfg := emulator.Config{Seed: 1, Readings: processoutapi.Readings{ReadLag: 2 * time.Second}}
	for _, tr := range transports {
		t.Run(string(tr), func(t *testing.T) {
			env := newTestEnv(t, tr, cfg)
			config := env.config(webhookConfig("https://hooks.example.com/lagging") +
				stripeConfig("Stripe, lagging reads", "EEA", sensitiveCredentials("sk_test_lag")))
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             env.checkDestroyed(processoutapi.KindWebhookEndpoint),
				Steps: []resource.TestStep{{
					Config: config,
					// The refresh right after the apply meets the lag.
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					Check: func(s *terraform.State) error {
						for kind, addr := range map[string]string{processoutapi.KindWebhookEndpoint: webhookAddr, processoutapi.KindGatewayConfiguration: stripeAddr} {
							objs := env.objects(kind)
							if len(objs) != 1 || idOf(objs[0]) != s.RootModule().Resources[addr].Primary.ID {
								return fmt.Errorf("the emulator holds %v for %s, want only the one in state", objs, addr)
							}
						}
						return nil
					},
				}},
			})
		})
	}
}
