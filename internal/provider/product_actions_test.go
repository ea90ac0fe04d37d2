package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// productActions routes every product operation to the emulator's product
// actions (internal/emulator/membraneapi/ACTIONS.md).
const productActions = `  membrane_actions = {
    "product.create" = "create-product"
    "product.read"   = "get-product"
    "product.update" = "update-product"
    "product.delete" = "delete-product"
    "product.list"   = "list-products"
  }
`

// TestAccProduct_membraneActions: with product.* mapped in
// membrane_actions, the resource and the data sources run the actions (the
// operation names reach Membrane), and ProcessOut holds what they say.
func TestAccProduct_membraneActions(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	block := env.membraneBlock(env.tokenAndConnection() + productActions)
	v1 := product{name: "Routed", amount: "3.50", currency: "EUR", metadata: map[string]string{"route": "actions"}}
	v2 := product{name: "Routed again", amount: "4", currency: "GBP", cancelURL: "https://shop.example.com/cart"}
	list := "\ndata \"processout_products\" \"all\" {\n  depends_on = [processout_product.test]\n}\n"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkDestroyed(processoutapi.KindProduct),
		Steps: []resource.TestStep{
			{
				Config:           block + v1.hcl() + list,
				Check:            env.productStored(v1, nil, nil),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: block + v2.hcl() + list,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionUpdate)},
				},
				Check: env.productStored(v2, nil, v2.cancelURL),
			},
		},
	})
	runs := env.actionRuns()
	for _, key := range []string{"create-product", "get-product", "update-product", "delete-product", "list-products"} {
		if runs[key] == 0 {
			t.Errorf("action %s never ran (runs: %v)", key, runs)
		}
	}
	for _, r := range env.emu.Membrane.Requests() {
		if r.Kind == "proxy" && strings.Contains(r.Path, "/products") {
			t.Errorf("a product call went through the proxy: %s %s", r.Method, r.Path)
		}
	}
	if n := env.calls("DELETE", "/products/"); n != 1 {
		t.Errorf("the delete action reached ProcessOut %d times, want 1", n)
	}
}
