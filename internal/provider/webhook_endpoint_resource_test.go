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

const webhookAddr = "processout_webhook_endpoint.test"

func webhookConfig(url string, events ...string) string {
	whitelist := ""
	if len(events) > 0 {
		whitelist = "  events_whitelist = ["
		for i, e := range events {
			if i > 0 {
				whitelist += ", "
			}
			whitelist += fmt.Sprintf("%q", e)
		}
		whitelist += "]\n"
	}
	return fmt.Sprintf("resource \"processout_webhook_endpoint\" \"test\" {\n  url = %q\n%s}\n", url, whitelist)
}

// webhookStored checks the single stored webhook endpoint's fields.
func (e *testEnv) webhookStored(url string, events ...string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		objs := e.objects("webhook_endpoint")
		if len(objs) != 1 {
			return fmt.Errorf("the emulator holds %d webhook endpoints, want 1", len(objs))
		}
		obj := objs[0]
		if obj["id"] != s.RootModule().Resources[webhookAddr].Primary.ID {
			return fmt.Errorf("the emulator's endpoint %v is not the one in state", obj["id"])
		}
		if obj["url"] != url {
			return fmt.Errorf("the emulator stored url %v, want %s", obj["url"], url)
		}
		got, _ := obj["events_whitelist"].([]any)
		stored := map[any]bool{}
		for _, e := range got {
			stored[e] = true
		}
		for _, e := range events {
			if !stored[e] {
				return fmt.Errorf("the emulator stored events %v, want %v", got, events)
			}
		}
		if len(got) != len(events) {
			return fmt.Errorf("the emulator stored events %v, want %v", got, events)
		}
		return nil
	}
}

func TestAccWebhookEndpoint_lifecycle(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("webhook endpoints")
		resetLog := func() { env.emu.ProcessOut.ResetRequests() }
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed("webhook_endpoint"),
			Steps: []resource.TestStep{
				{ // create
					PreConfig: resetLog,
					Config:    env.config(webhookConfig("https://hooks.example.com/processout", "transaction.captured", "invoice.completed")),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^whe_`))),
						statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("url"), knownvalue.StringExact("https://hooks.example.com/processout")),
						statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("events_whitelist"), knownvalue.SetExact([]knownvalue.Check{
							knownvalue.StringExact("transaction.captured"), knownvalue.StringExact("invoice.completed"),
						})),
						statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("sandbox"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("project_id"), knownvalue.StringExact(env.emu.ProjectID)),
						statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.webhookStored("https://hooks.example.com/processout", "transaction.captured", "invoice.completed"),
						// One call creates it: the create answer carries the object, so no read follows.
						env.expectCalls(map[string]int{"POST /webhook-endpoints": 1, "GET /webhook-endpoints/{id}": 0}),
					),
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
				{ // update in place, dropping the whitelist
					PreConfig: resetLog,
					Config:    env.config(webhookConfig("https://hooks.example.com/v2")),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("events_whitelist"), knownvalue.Null()),
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.webhookStored("https://hooks.example.com/v2"),
						env.expectCalls(map[string]int{"PUT /webhook-endpoints/{id}": 1, "POST /webhook-endpoints": 0}),
					),
				},
				{ // import by ID
					ResourceName:      webhookAddr,
					ImportState:       true,
					ImportStateVerify: true,
				},
				{ // import block by ID (Terraform 1.5+), which must plan no change
					ResourceName:    webhookAddr,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithID,
				},
				{ // deleted behind Terraform's back: planned for re-create, re-created
					PreConfig: func() {
						env.deleteOutOfBand("webhook_endpoint")
						resetLog()
					},
					Config: env.config(webhookConfig("https://hooks.example.com/v2")),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.webhookStored("https://hooks.example.com/v2"),
						env.expectCalls(map[string]int{"POST /webhook-endpoints": 1}),
					),
				},
				{ // edited behind Terraform's back: corrected in place
					PreConfig: func() {
						env.editOutOfBand("webhook_endpoint", map[string]any{
							"url": "https://attacker.example.net/", "events_whitelist": []any{"transaction.failed"},
						})
						resetLog()
					},
					Config: env.config(webhookConfig("https://hooks.example.com/v2")),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.webhookStored("https://hooks.example.com/v2"),
						env.expectCalls(map[string]int{"PUT /webhook-endpoints/{id}": 1, "POST /webhook-endpoints": 0}),
					),
				},
			},
		})
		if n := env.calls("DELETE", "/webhook-endpoints/"); n != 1 {
			t.Errorf("destroy sent %d DELETE calls, want 1", n)
		}
	})
}

func TestAccWebhookEndpoint_importByIdentity(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("webhook endpoints")
		env.testImportByIdentity(t, webhookConfig("https://hooks.example.com/identity", "transaction.captured"), webhookAddr, "webhook_endpoint")
	})
}

// testImportByIdentity applies config, checks that the identity of its
// resource at addr is its ID, and imports it by identity with no change
// planned (Terraform and OpenTofu 1.12+); the destroy leaves no object of
// kind.
func (e *testEnv) testImportByIdentity(t *testing.T, config, addr, kind string) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             e.checkDestroyed(kind),
		Steps: []resource.TestStep{
			{
				Config:            e.config(config),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("id"))},
			},
			{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

func TestAccWebhookEndpoint_invalidInput(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	cases := map[string]struct {
		config string
		want   string
	}{
		"relative url":       {webhookConfig("/hooks"), `must start with https://`},
		"no host":            {webhookConfig("https://"), `must name a host`},
		"credentials in url": {webhookConfig("https://user:pw@hooks.example.com"), `must not carry credentials`},
		"bad event name":     {webhookConfig("https://hooks.example.com", "Transaction Captured"), `is not an event name: event names are lowercase words separated by dots`},
		"empty whitelist":    {"resource \"processout_webhook_endpoint\" \"test\" {\n  url = \"https://hooks.example.com\"\n  events_whitelist = []\n}\n", `set must contain at least 1`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      env.config(tc.config),
					PlanOnly:    true,
					ExpectError: errorText(tc.want),
				}},
			})
		})
	}
	if n := len(env.objects("webhook_endpoint")); n != 0 {
		t.Fatalf("invalid configurations created %d endpoints", n)
	}
}
