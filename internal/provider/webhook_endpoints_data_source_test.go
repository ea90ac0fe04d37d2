package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

func TestAccWebhookEndpointsDataSource(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("webhook endpoints")
		api, ctx := env.api(t), context.Background()
		for _, in := range []processout.WebhookEndpointInput{
			{URL: "https://hooks.example.com/processout", EventsWhitelist: []string{"transaction.captured", "invoice.completed"}},
			{URL: "https://audit.example.net/all-events"},
			{URL: "https://HOOKS.example.com/refunds", EventsWhitelist: []string{"transaction.refunded"}},
		} {
			if _, err := api.CreateWebhookEndpoint(ctx, in); err != nil {
				t.Fatal(err)
			}
		}
		endpoints := env.objects("webhook_endpoint")
		endpointIDs := ids(endpoints)
		const all, hooks = "data.processout_webhook_endpoints.all", "data.processout_webhook_endpoints.hooks"
		checks := []statecheck.StateCheck{
			idsAre(all, "webhook_endpoints", endpointIDs),
			idsAre(hooks, "webhook_endpoints", []string{endpointIDs[0], endpointIDs[2]}),
			// A whitelist is a set; an endpoint that receives every event has none.
			statecheck.ExpectKnownValue(all, attributePath("webhook_endpoints", 0)("events_whitelist"), knownvalue.SetExact([]knownvalue.Check{
				knownvalue.StringExact("invoice.completed"), knownvalue.StringExact("transaction.captured"),
			})),
			statecheck.ExpectKnownValue(all, attributePath("webhook_endpoints", 1)("events_whitelist"), knownvalue.Null()),
		}
		for i, obj := range endpoints {
			checks = append(checks, expectObject(all, attributePath("webhook_endpoints", i), obj, []string{"id", "url", "sandbox", "project_id", "created_at"})...)
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: env.config(`
data "processout_webhook_endpoints" "all" {}

data "processout_webhook_endpoints" "hooks" {
  url_contains = "hooks.example.COM"
}
`),
				ConfigStateChecks: checks,
			}},
		})
	})
}
