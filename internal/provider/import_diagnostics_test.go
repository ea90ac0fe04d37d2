package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// scope is how import diagnostics name the project the provider reaches.
func (e *testEnv) scope() string {
	if e.transport == transportDirect {
		return "project " + e.emu.ProjectID
	}
	return "the project of the Membrane connection " + e.emu.Connection.ID
}

// importCase is one import a user gets wrong and what the plan must say.
type importCase struct {
	name     string
	id       string
	identity bool // imported by identity (CLIs 1.12+) instead of by ID
	want     []string
}

// importable is a resource of the import tests: its block and its cases.
type importable struct {
	kind  importKind
	block string
	cases func(env *testEnv) []importCase
}

func importables() []importable {
	notFound := func(env *testEnv, k importKind, id string) string {
		if k.resource == importProject.resource {
			return fmt.Sprintf("No project with the ID %q is supervised by %s, so nothing was imported.", id, env.scope())
		}
		return fmt.Sprintf("No %s with the ID %q exists in %s, so nothing was imported (ProcessOut answered 404", k.name, id, env.scope())
	}
	space := func(k importKind, id, where, trimmed string) string {
		return fmt.Sprintf("The %s ID %q %s. ProcessOut IDs contain no spaces, so nothing was imported. Import %q, the ID without the spaces.",
			k.resource, id, where, trimmed)
	}
	return []importable{
		{kind: importGatewayConfiguration, block: testResource("processout_gateway_configuration", `  gateway_name = "sandbox"`),
			cases: func(env *testEnv) []importCase {
				k := importGatewayConfiguration
				return []importCase{
					{name: "unknown", id: "gway_conf_doesnotexist", want: []string{"Cannot import the gateway configuration",
						notFound(env, k, "gway_conf_doesnotexist"), "resource.gateway-configuration.not-found", k.listedBy}},
					{name: "another kind", id: "whe_doesnotexist", want: []string{notFound(env, k, "whe_doesnotexist"),
						`"whe_doesnotexist" looks like the ID of a webhook endpoint (whe_…): import it into processout_webhook_endpoint instead.`, k.listedBy}},
					{name: "no prefix", id: "stripe-eu", want: []string{notFound(env, k, "stripe-eu"), "Gateway configuration IDs start with gway_conf_.", k.listedBy}},
					{name: "stray space", id: " gway_conf_abc", want: []string{"Import ID with a stray space", space(k, " gway_conf_abc", "has a stray space before it", "gway_conf_abc")}},
					{name: "unknown identity", id: "gway_conf_doesnotexist", identity: true, want: []string{notFound(env, k, "gway_conf_doesnotexist"), k.listedBy}},
					{name: "stray space in identity", id: "gway_conf_abc ", identity: true, want: []string{space(k, "gway_conf_abc ", "has a stray space after it", "gway_conf_abc")}},
				}
			}},
		{kind: importWebhookEndpoint, block: anyWebhook,
			cases: func(env *testEnv) []importCase {
				k := importWebhookEndpoint
				return []importCase{
					{name: "unknown", id: "whe_doesnotexist", want: []string{"Cannot import the webhook endpoint", notFound(env, k, "whe_doesnotexist"), k.listedBy}},
					{name: "another kind", id: "gway_conf_doesnotexist", want: []string{notFound(env, k, "gway_conf_doesnotexist"),
						`"gway_conf_doesnotexist" looks like the ID of a gateway configuration (gway_conf_…): import it into processout_gateway_configuration instead.`}},
					{name: "a customer", id: "cust_doesnotexist", want: []string{`"cust_doesnotexist" looks like the ID of a customer (cust_…), not of a webhook endpoint.`}},
					{name: "stray spaces", id: " whe_abc\t", want: []string{space(k, " whe_abc\t", "has stray spaces around it", "whe_abc")}},
					{name: "unknown identity", id: "whe_doesnotexist", identity: true, want: []string{notFound(env, k, "whe_doesnotexist"), k.listedBy}},
				}
			}},
		{kind: importProduct, block: anyProduct,
			cases: func(env *testEnv) []importCase {
				k := importProduct
				return []importCase{
					{name: "unknown", id: "prod_doesnotexist", want: []string{"Cannot import the product", notFound(env, k, "prod_doesnotexist"),
						"resource.product.not-found", k.listedBy}},
					{name: "another kind", id: "whe_doesnotexist", want: []string{notFound(env, k, "whe_doesnotexist"),
						`"whe_doesnotexist" looks like the ID of a webhook endpoint (whe_…): import it into processout_webhook_endpoint instead.`}},
					{name: "stray space", id: "prod_abc ", want: []string{space(k, "prod_abc ", "has a stray space after it", "prod_abc")}},
					{name: "unknown identity", id: "prod_doesnotexist", identity: true, want: []string{notFound(env, k, "prod_doesnotexist"), k.listedBy}},
				}
			}},
		{kind: importProject, block: testResource("processout_project", `  name = "Imported"`),
			cases: func(env *testEnv) []importCase {
				k := importProject
				cases := []importCase{
					{name: "unknown", id: "proj_doesnotexist", want: []string{"Cannot import the project", notFound(env, k, "proj_doesnotexist"), k.listedBy}},
					{name: "another kind", id: "gway_conf_doesnotexist", want: []string{notFound(env, k, "gway_conf_doesnotexist"),
						`"gway_conf_doesnotexist" looks like the ID of a gateway configuration (gway_conf_…): import it into processout_gateway_configuration instead.`}},
					{name: "sandbox username", id: "test-proj_doesnotexist", want: []string{`"test-proj_doesnotexist" is the sandbox username form: the project's ID is "proj_doesnotexist".`}},
					{name: "inner space", id: "proj_does notexist", want: []string{"Import ID with a stray space",
						`The processout_project ID "proj_does notexist" has a space in it. ProcessOut IDs contain no spaces, so nothing was imported. Copy the ID again.`}},
					{name: "unknown identity", id: "proj_doesnotexist", identity: true, want: []string{notFound(env, k, "proj_doesnotexist")}},
				}
				if env.transport == transportDirect {
					cases = append(cases, importCase{name: "the connected project", id: env.emu.ProjectID, want: []string{
						fmt.Sprintf("%q is the project the provider is authenticated as, which processout_project does not manage", env.emu.ProjectID)}})
				}
				return cases
			}},
	}
}

// importCaseBlock is an import block of the resource "test" of k, by ID or by
// identity.
func importCaseBlock(k importKind, c importCase) string {
	if c.identity {
		return fmt.Sprintf("import {\n  to       = %s.test\n  identity = { id = %q }\n}\n", k.resource, c.id)
	}
	return fmt.Sprintf("import {\n  to = %s.test\n  id = %q\n}\n", k.resource, c.id)
}

// TestAccImportDiagnostics: importing an unknown ID, an ID of another kind,
// or one with stray whitespace, by ID or by identity, stops the plan with a
// diagnostic naming the ID, the kind expected and how to list the real
// ones; nothing is written to ProcessOut and nothing reaches state. On the
// code before, the unknown IDs gave the CLI's "Cannot import non-existent
// remote object" and the spaces went to ProcessOut as part of the ID.
func TestAccImportDiagnostics(t *testing.T) {
	for _, imp := range importables() {
		t.Run(imp.kind.resource, func(t *testing.T) {
			eachTransport(t, func(t *testing.T, env *testEnv) {
				if imp.kind.resource == importWebhookEndpoint.resource {
					env.skipWhereUnserved("webhook endpoints")
				}
				before := env.objectCounts()
				env.resetCalls()
				var byID, byIdentity []resource.TestStep
				for _, c := range imp.cases(env) {
					step := resource.TestStep{
						Config:      env.providerBlock() + imp.block + importCaseBlock(imp.kind, c),
						PlanOnly:    true,
						ExpectError: wantAll(c.want...),
					}
					if c.identity {
						byIdentity = append(byIdentity, step)
					} else {
						byID = append(byID, step)
					}
				}
				resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: byID})
				t.Run("by identity", func(t *testing.T) {
					resource.Test(t, resource.TestCase{
						TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
						ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
						Steps:                    byIdentity,
					})
				})
				if err := env.nothingWritten(before); err != nil {
					t.Error(err)
				}
				for _, r := range env.emu.ProcessOut.Requests() {
					if strings.ContainsFunc(r.Path, unicode.IsSpace) {
						t.Errorf("an ID with whitespace reached ProcessOut: %s %q", r.Method, r.Path)
					}
				}
			})
		})
	}
}

// TestAccImportDiagnostics_importCommand: `terraform import` of an unknown
// ID says the same as the import block, and leaves no state.
func TestAccImportDiagnostics_importCommand(t *testing.T) {
	env := newTestEnv(t, transportDirect, emulatorConfigDefault())
	before := env.objectCounts()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        env.providerBlock() + testResource("processout_gateway_configuration", `  gateway_name = "sandbox"`),
			ResourceName:  "processout_gateway_configuration.test",
			ImportState:   true,
			ImportStateId: "whe_doesnotexist",
			ExpectError: wantAll("Cannot import the gateway configuration",
				`"whe_doesnotexist" looks like the ID of a webhook endpoint (whe_…): import it into processout_webhook_endpoint instead.`),
		}},
	})
	if err := env.nothingWritten(before); err != nil {
		t.Error(err)
	}
}

// TestAccImportDiagnostics_markLastsOneRead: the mark that tells the Read
// after an import from the others lasts that one Read. An imported object
// later deleted out of band leaves state and is planned again, as any
// object deleted out of band, instead of failing as an unknown import.
func TestAccImportDiagnostics_markLastsOneRead(t *testing.T) {
	env := newTestEnv(t, transportDirect, emulatorConfigDefault())
	created, err := env.api(t).CreateGatewayConfiguration(context.Background(), "sandbox", processout.GatewayConfigurationInput{})
	if err != nil {
		t.Fatal(err)
	}
	const addr = "processout_gateway_configuration.test"
	config := env.providerBlock() + testResource("processout_gateway_configuration", `  gateway_name = "sandbox"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkDestroyed(processoutapi.KindGatewayConfiguration),
		Steps: []resource.TestStep{
			{ // imported (and updated to the configuration), then read as usual
				Config:           config + importCaseBlock(importGatewayConfiguration, importCase{id: created.ID}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ // deleted out of band: planned again, not an import error
				PreConfig: func() { env.deleteOutOfBand(processoutapi.KindGatewayConfiguration) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}
