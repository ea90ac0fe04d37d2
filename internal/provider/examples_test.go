package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/processout/terraform-provider-processout/internal/direct"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/processout"
	"github.com/processout/terraform-provider-processout/internal/registry"
)

// TestAccExamples applies every documented example against the emulator,
// so no example in the docs can rot.
func TestAccExamples(t *testing.T) {
	files, _ := filepath.Glob("../../examples/resources/*/resource.tf")
	dataFiles, _ := filepath.Glob("../../examples/data-sources/*/data-source.tf")
	files = append(files, dataFiles...)
	if len(files) < 10 {
		t.Fatalf("found only %d example files", len(files))
	}
	for _, file := range files {
		name := filepath.Base(filepath.Dir(filepath.Dir(file))) + "/" + filepath.Base(filepath.Dir(file))
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			hcl := string(raw)
			cfg := emulatorConfigDefault()
			cfg.Customers = 40
			env := newTestEnv(t, transportMembrane, cfg)
			vars := env.exampleVariables(t, hcl)
			var checks []statecheck.StateCheck
			if seed, ok := exampleReads[name]; ok {
				checks = seed(env)
			}
			// The example opens with its own required_providers block.
			provider := strings.TrimPrefix(env.providerBlock(), registry.RequiredProviders())
			before := env.objectCounts()
			// State checks, not legacy Check functions: the examples use
			// for_each, which the legacy state shim cannot represent.
			if want, ok := exampleObjects[name]; ok {
				checks = append(checks, emulatorCheck(env.expectObjects(want.kind, want.count)))
			}
			var versionChecks []tfversion.TerraformVersionCheck
			if strings.Contains(hcl, "_wo_version") { // every write-only attribute comes with its version
				versionChecks = append(versionChecks, tfversion.SkipBelow(tfversion.Version1_11_0))
			}
			resource.ParallelTest(t, resource.TestCase{
				TerraformVersionChecks:   versionChecks,
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:            provider + hcl,
					ConfigVariables:   vars,
					ConfigStateChecks: checks,
					ConfigPlanChecks:  resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				}, {
					// Destroy by applying an empty configuration: the harness's
					// own destroy reads the state through a legacy shim that
					// cannot represent for_each instances, which examples use.
					Config:            env.providerBlock(),
					ConfigVariables:   vars,
					ConfigStateChecks: []statecheck.StateCheck{emulatorCheck(env.expectCounts(before))},
				}},
			})
		})
	}
}

// exampleObjects is what each resource example must create in the emulator.
var exampleObjects = map[string]struct {
	kind  string
	count int
}{
	"resources/processout_webhook_endpoint":      {"webhook_endpoint", 3},
	"resources/processout_gateway_configuration": {"gateway_configuration", 2},
	"resources/processout_project":               {"project", 1},
	"resources/processout_project_sftp_settings": {"sftp_settings", 1},
	"resources/processout_product":               {"product", 3},
	"resources/processout_plan":                  {"plan", 2},
	"resources/processout_coupon":                {"coupon", 2},
}

// exampleReads seeds, for a data-source example, what it reads (as if set
// up in the dashboard), and checks what it found.
var exampleReads = map[string]func(env *testEnv) []statecheck.StateCheck{
	"data-sources/processout_products": func(env *testEnv) []statecheck.StateCheck {
		env.seedProducts(env.t,
			processout.ProductInput{Name: "Monthly membership", Amount: "12.50", Currency: "EUR"},
			processout.ProductInput{Name: "Gift card", Amount: "50", Currency: "USD"},
			processout.ProductInput{Name: "Annual membership (US)", Amount: "129", Currency: "USD"},
		)
		links := map[string]knownvalue.Check{}
		var monthly string // its price in ProcessOut's spelling: "12.50", or "12.5000" under the worst reading
		for _, p := range env.objects(processoutapi.KindProduct) {
			name, _ := p["name"].(string)
			links[name] = knownvalue.StringExact("https://checkout.processout.com/" + idOf(p))
			if name == "Monthly membership" {
				monthly, _ = p["amount"].(string)
			}
		}
		return []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("payment_links", knownvalue.MapExact(links)),
			statecheck.ExpectKnownOutputValue("euro_membership_prices", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("Monthly membership: " + monthly)})),
		}
	},
	"data-sources/processout_plan": func(*testEnv) []statecheck.StateCheck { // the plan exampleVariables made
		return []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("price", knownvalue.StringExact("9.99 USD every 1m"))}
	},
	"data-sources/processout_coupon": func(*testEnv) []statecheck.StateCheck { // the coupon exampleVariables made
		return []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("redemptions_left", knownvalue.Int64Exact(500))}
	},
	"data-sources/processout_plans":   seedPlansForInventory,
	"data-sources/processout_coupons": seedCouponsForInventory,
	"data-sources/processout_projects": func(env *testEnv) []statecheck.StateCheck {
		const seller = "Marketplace seller: Example Books"
		sellerID, _ := env.createSupervisedOutOfBand(seller)
		outletID, _ := env.createSupervisedOutOfBand("Outlet")
		return []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("supervised_projects", knownvalue.MapExact(map[string]knownvalue.Check{
				sellerID: knownvalue.StringExact(seller), outletID: knownvalue.StringExact("Outlet"),
			})),
			statecheck.ExpectKnownOutputValue("sellers_without_dunning", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(seller)})),
		}
	},
	"data-sources/processout_project_sftp_settings": func(env *testEnv) []statecheck.StateCheck {
		env.saveSFTPOutOfBand(env.t, "exports.example.com:2222", "finance", "sftp-password-EXAMPLE")
		return []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("payout_exports", knownvalue.StringExact("sftp://finance@exports.example.com:2222")),
		}
	},
}

func (e *testEnv) expectObjects(kind string, n int) func() error {
	return func() error {
		if got := len(e.objects(kind)); got != n {
			return fmt.Errorf("the emulator holds %d %s objects, want %d", got, kind, n)
		}
		return nil
	}
}

var variablePattern = regexp.MustCompile(`(?m)^variable "([a-z_]+)"`)

// exampleVariables gives every variable an example declares a value that
// exists in the emulator.
func (e *testEnv) exampleVariables(t *testing.T, hcl string) config.Variables {
	vars := config.Variables{}
	for _, m := range variablePattern.FindAllStringSubmatch(hcl, -1) {
		switch name := m[1]; name {
		case "customer_id":
			vars[name] = config.StringVariable(idOf(e.objects("customer")[0]))
		case "product_id":
			products := e.seedProducts(t, processout.ProductInput{Name: "Gift card", Amount: "50", Currency: "USD"})
			vars[name] = config.StringVariable(idOf(products[0]))
		case "stripe_configuration_id":
			vars[name] = config.StringVariable(e.createStripeConfiguration(t))
		case "plan_id":
			vars[name] = config.StringVariable(e.createPlanOutOfBand(t, "silver-monthly"))
		case "coupon_id":
			vars[name] = config.StringVariable(e.createCouponOutOfBand(t, "spring25", 500))
		case "stripe_secret_key", "adyen_api_key":
			vars[name] = config.StringVariable("example-secret-" + name)
		case "sftp_private_key":
			vars[name] = config.StringVariable(sftpTestKey)
		default:
			t.Fatalf("the example declares variable %q, which the test cannot fill", name)
		}
	}
	return vars
}

// createStripeConfiguration configures Stripe behind Terraform's back, as a
// team would have in the dashboard.
func (e *testEnv) createStripeConfiguration(t *testing.T) string {
	base, _ := httpx.CheckEndpoint(e.emu.ProcessOutURL)
	client := processout.New(direct.New(base, e.emu.Project.ProjectID, e.emu.Project.Secret, httpx.New(httpx.DefaultPolicy()), "test"))
	name := "Stripe (dashboard)"
	gc, err := client.CreateGatewayConfiguration(context.Background(), "stripe", processout.GatewayConfigurationInput{
		Name: &name, Enabled: true, DefaultCurrency: "USD", Settings: map[string]string{"secret_key": "sk_test_dash", "public_key": "pk_test_dash"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return gc.ID
}

// objectCounts counts the emulator's objects of the kinds examples manage.
func (e *testEnv) objectCounts() map[string]int {
	counts := map[string]int{}
	for _, kind := range []string{"webhook_endpoint", "gateway_configuration", "project", "applepay_certificate", "sftp_settings", "product", "plan", "coupon"} {
		counts[kind] = len(e.objects(kind))
	}
	return counts
}

// expectCounts checks that the emulator is back to the given counts.
func (e *testEnv) expectCounts(want map[string]int) func() error {
	return func() error {
		for kind, n := range e.objectCounts() {
			if n != want[kind] {
				return fmt.Errorf("%d %s objects after destroy, want %d", n, kind, want[kind])
			}
		}
		return nil
	}
}

// emulatorCheck runs a check of the emulator's side as a state check.
type emulatorCheck func() error

func (c emulatorCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c()
}
