package provider

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
	"github.com/processout/terraform-provider-processout/internal/validate"
)

const productAddr = "processout_product.test"

// product is a processout_product's arguments, as a test declares them.
type product struct {
	name, amount, currency string
	metadata               map[string]string
	returnURL, cancelURL   string // "" leaves the argument out
}

func (p product) hcl() string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"processout_product\" \"test\" {\n  name     = %q\n  amount   = %q\n  currency = %q\n", p.name, p.amount, p.currency)
	if p.metadata != nil {
		b.WriteString("  metadata = {")
		for _, k := range slices.Sorted(maps.Keys(p.metadata)) {
			fmt.Fprintf(&b, " %s = %q,", k, p.metadata[k])
		}
		b.WriteString(" }\n")
	}
	if p.returnURL != "" {
		fmt.Fprintf(&b, "  return_url = %q\n", p.returnURL)
	}
	if p.cancelURL != "" {
		fmt.Fprintf(&b, "  cancel_url = %q\n", p.cancelURL)
	}
	b.WriteString("}\n")
	return b.String()
}

// productStored checks the one product the emulator holds: it is the one in
// state, with the declared fields (the amount as the same number) and the
// URLs it should hold (want's, or kept ones when want leaves them out).
func (e *testEnv) productStored(want product, returnURL, cancelURL any) func(*terraform.State) error {
	return func(s *terraform.State) error {
		objs := e.objects(processoutapi.KindProduct)
		if len(objs) != 1 {
			return fmt.Errorf("the emulator holds %d products, want 1", len(objs))
		}
		obj := objs[0]
		if id := s.RootModule().Resources[productAddr].Primary.ID; obj["id"] != id {
			return fmt.Errorf("the emulator's product %v is not the one in state (%s)", obj["id"], id)
		}
		amount, _ := obj["amount"].(string)
		held, _ := obj["metadata"].(map[string]any)
		metadata := map[string]string{}
		for k, v := range held {
			metadata[k], _ = v.(string)
		}
		switch {
		case obj["name"] != want.name, obj["currency"] != want.currency, !validate.SameAmount(amount, want.amount):
			return fmt.Errorf("the emulator holds %v %v %v, want %s %s %s", obj["name"], obj["amount"], obj["currency"], want.name, want.amount, want.currency)
		case !maps.Equal(metadata, want.metadata) && (len(metadata) != 0 || want.metadata != nil):
			return fmt.Errorf("the emulator holds metadata %v, want %v", metadata, want.metadata)
		case obj["return_url"] != returnURL || obj["cancel_url"] != cancelURL:
			return fmt.Errorf("the emulator holds return_url %v and cancel_url %v, want %v and %v", obj["return_url"], obj["cancel_url"], returnURL, cancelURL)
		case obj["url"] != "https://checkout.processout.com/"+idOf(obj):
			return fmt.Errorf("the emulator's payment link is %v", obj["url"])
		}
		return nil
	}
}

func TestAccProduct_lifecycle(t *testing.T) {
	created := product{name: "Annual membership", amount: "119.90", currency: "EUR",
		metadata: map[string]string{"sku": "ANN-1"}, returnURL: "https://shop.example.com/thanks"}
	updated := product{name: "Annual membership (2026)", amount: "99", currency: "USD",
		metadata: map[string]string{"sku": "ANN-2", "team": "growth"}, returnURL: "https://shop.example.com/merci", cancelURL: "https://shop.example.com/cart"}
	eachTransport(t, func(t *testing.T, env *testEnv) {
		resetLog := func() { env.emu.ProcessOut.ResetRequests() }
		// Under the reformatted-amounts reading an import reads "99.0000"
		// for the declared "99": the same number in another spelling, which
		// the plan after an import shows as an update (it sends 99 again,
		// which changes nothing); TestAccProduct_amountSpelling checks it.
		importPlansUpdate := env.readings.AmountsReformatted
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(processoutapi.KindProduct),
			Steps: []resource.TestStep{
				{ // create: one call, the answer carries the product
					PreConfig: resetLog,
					Config:    env.config(created.hcl()),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^prod_[A-Za-z0-9]{32}$`))),
						statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("url"), knownvalue.StringRegexp(regexp.MustCompile(`^https://checkout\.processout\.com/prod_`))),
						statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("amount"), knownvalue.StringExact("119.90")),
						statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("cancel_url"), knownvalue.Null()),
						statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("sandbox"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("project_id"), knownvalue.StringExact(env.emu.ProjectID)),
						statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.productStored(created, created.returnURL, nil),
						func(s *terraform.State) error {
							id := s.RootModule().Resources[productAddr].Primary.ID
							return resource.TestCheckResourceAttr(productAddr, "url", "https://checkout.processout.com/"+id)(s)
						},
						env.expectCalls(map[string]int{"POST /products": 1, "GET /products/{id}": 0}),
					),
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
				{ // every argument changes in place: same product, same link
					PreConfig: resetLog,
					Config:    env.config(updated.hcl()),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(productAddr, tfjsonpath.New("url"), knownvalue.StringRegexp(regexp.MustCompile(`^https://`))),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.productStored(updated, updated.returnURL, updated.cancelURL),
						env.expectCalls(map[string]int{"PUT /products/{id}": 1, "POST /products": 0, "DELETE /products/{id}": 0}),
					),
				},
				{ // import by ID: the same attributes (the amount as the same number)
					ResourceName:            productAddr,
					ImportState:             true,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{"amount"},
					ImportStateCheck: func(states []*terraform.InstanceState) error {
						if len(states) != 1 || !validate.SameAmount(states[0].Attributes["amount"], updated.amount) {
							return fmt.Errorf("imported %v, want amount %s", states, updated.amount)
						}
						return nil
					},
				},
				{ // import block by ID (Terraform 1.5+)
					ResourceName:       productAddr,
					ImportState:        true,
					ImportStateKind:    resource.ImportBlockWithID,
					ExpectNonEmptyPlan: importPlansUpdate,
				},
				{ // deleted behind Terraform's back: planned for re-create, re-created
					PreConfig: func() {
						env.deleteOutOfBand(processoutapi.KindProduct)
						resetLog()
					},
					Config: env.config(updated.hcl()),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.productStored(updated, updated.returnURL, updated.cancelURL),
						env.expectCalls(map[string]int{"POST /products": 1}),
					),
				},
				{ // edited behind Terraform's back: corrected in place
					PreConfig: func() {
						env.editOutOfBand(processoutapi.KindProduct, map[string]any{
							"name": "Drifted", "amount": "1.00", "currency": "GBP", "metadata": map[string]any{"sku": "HACKED"},
							"return_url": "https://attacker.example.net/", "cancel_url": "https://attacker.example.net/c",
						})
						resetLog()
					},
					Config: env.config(updated.hcl()),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(productAddr, tfjsonpath.New("cancel_url"), knownvalue.StringExact(updated.cancelURL)),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.productStored(updated, updated.returnURL, updated.cancelURL),
						env.expectCalls(map[string]int{"PUT /products/{id}": 1, "POST /products": 0}),
					),
				},
			},
		})
		if n := env.calls("DELETE", "/products/"); n != 1 {
			t.Errorf("destroy sent %d DELETE calls, want 1", n)
		}
	})
}

func TestAccProduct_importByIdentity(t *testing.T) {
	p := product{name: "Identity", amount: "5.0000", currency: "EUR"}
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.testImportByIdentity(t, p.hcl(), productAddr, processoutapi.KindProduct)
	})
}

// TestAccProduct_removal: removing return_url and cancel_url keeps what
// ProcessOut holds (no change; later updates send them again), removing
// metadata clears it (the update sends {}).
func TestAccProduct_removal(t *testing.T) {
	full := product{name: "Removal", amount: "10", currency: "EUR", metadata: map[string]string{"team": "growth"},
		returnURL: "https://shop.example.com/r", cancelURL: "https://shop.example.com/c"}
	urlsRemoved := full
	urlsRemoved.returnURL, urlsRemoved.cancelURL = "", ""
	renamed := urlsRemoved
	renamed.name = "Removal renamed"
	metadataRemoved := renamed
	metadataRemoved.metadata = nil
	eachTransport(t, func(t *testing.T, env *testEnv) {
		block, fronts := env.frontedProviderBlock(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: block + full.hcl()},
				{ // URLs removed, nothing else: nothing to do
					Config:           block + urlsRemoved.hcl(),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					Check:            env.productStored(full, full.returnURL, full.cancelURL),
				},
				{ // renamed: the kept URLs are sent again
					Config: block + renamed.hcl(),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(productAddr, tfjsonpath.New("return_url"), knownvalue.StringExact(full.returnURL)),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.productStored(renamed, full.returnURL, full.cancelURL),
						env.lastProductUpdateSent(t, fronts, map[string]any{"return_url": full.returnURL, "cancel_url": full.cancelURL}),
					),
				},
				{ // metadata removed: cleared
					Config: block + metadataRemoved.hcl(),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(productAddr, tfjsonpath.New("metadata"), knownvalue.Null()),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.productStored(metadataRemoved, full.returnURL, full.cancelURL),
						env.lastProductUpdateSent(t, fronts, map[string]any{"metadata": map[string]any{}}),
					),
				},
				{ // a required argument cannot be removed
					PreConfig:   env.resetCalls,
					Config:      block + strings.Replace(metadataRemoved.hcl(), "  amount   = \"10\"\n", "", 1),
					ExpectError: errorText(`The argument "amount" is required`),
				},
				{ // and nothing was written for it
					Config:           block + metadataRemoved.hcl(),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.productStored(metadataRemoved, full.returnURL, full.cancelURL),
						env.expectCalls(map[string]int{"PUT /products/{id}": 0, "POST /products": 0, "DELETE /products/{id}": 0}),
					),
				},
			},
		})
	})
}

// lastProductUpdateSent checks the body of the last PUT of the one product:
// it carried these fields with these values.
func (e *testEnv) lastProductUpdateSent(t *testing.T, fronts []*proxyFront, want map[string]any) resource.TestCheckFunc {
	return func(*terraform.State) error {
		objs := e.objects(processoutapi.KindProduct)
		if len(objs) != 1 {
			return fmt.Errorf("the emulator holds %d products, want 1", len(objs))
		}
		suffix := "/products/" + idOf(objs[0])
		var puts []map[string]any
		for _, f := range fronts {
			puts = append(puts, f.bodies(t, "PUT", suffix)...)
		}
		if len(puts) == 0 {
			return fmt.Errorf("no PUT %s was sent", suffix)
		}
		last := puts[len(puts)-1]
		for field, value := range want {
			if fmt.Sprint(last[field]) != fmt.Sprint(value) {
				return fmt.Errorf("the last PUT %s sent %s = %#v, want %#v", suffix, field, last[field], value)
			}
		}
		return nil
	}
}

// TestAccProduct_amountSpelling: ProcessOut answering an amount in its own
// spelling (the AmountsReformatted reading, played here whatever the
// suite's readings) is no change: the state keeps the configured "10.5"
// while ProcessOut holds "10.5000", the plans are empty, and a real change
// of the number on ProcessOut's side is still seen and corrected.
func TestAccProduct_amountSpelling(t *testing.T) {
	cfg := emulatorConfigDefault()
	cfg.Readings = suiteReadings(t)
	cfg.Readings.AmountsReformatted = true
	env := newTestEnv(t, transportDirect, cfg)
	p := product{name: "Spelling", amount: "10.5", currency: "EUR"}
	held := func(want string) func(*terraform.State) error {
		return func(*terraform.State) error {
			objs := env.objects(processoutapi.KindProduct)
			if len(objs) != 1 || objs[0]["amount"] != want {
				return fmt.Errorf("the emulator holds %v, want one product at %s", objs, want)
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkDestroyed(processoutapi.KindProduct),
		Steps: []resource.TestStep{
			{
				Config:            env.config(p.hcl()),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("amount"), knownvalue.StringExact("10.5"))},
				Check:             held("10.5000"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ // another number on ProcessOut's side is drift
				PreConfig: func() { env.editOutOfBand(processoutapi.KindProduct, map[string]any{"amount": "11.0000"}) },
				Config:    env.config(p.hcl()),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(productAddr, tfjsonpath.New("amount"), knownvalue.StringExact("10.5")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: held("10.5000"),
			},
		},
	})
}
