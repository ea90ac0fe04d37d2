package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// productAttrs are the attributes the data sources read back as the
// emulator holds them.
var productAttrs = []string{"id", "name", "amount", "currency", "metadata", "return_url", "cancel_url", "url", "sandbox", "project_id", "created_at"}

// seedProducts makes products behind Terraform's back, as a team would in
// the dashboard, and returns the emulator's objects, oldest first.
func (e *testEnv) seedProducts(t *testing.T, in ...processout.ProductInput) []map[string]any {
	t.Helper()
	api, ctx := e.api(t), context.Background()
	for _, p := range in {
		if _, err := api.CreateProduct(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	return e.objects(processoutapi.KindProduct)
}

func TestAccProductsDataSource(t *testing.T) {
	thanks := "https://shop.example.com/thanks"
	eachTransport(t, func(t *testing.T, env *testEnv) {
		products := env.seedProducts(t,
			processout.ProductInput{Name: "Annual membership", Amount: "119.90", Currency: "EUR", Metadata: map[string]string{"sku": "ANN"}, ReturnURL: &thanks},
			processout.ProductInput{Name: "Sticker pack", Amount: "4", Currency: "USD"},
			processout.ProductInput{Name: "Monthly MEMBERSHIP", Amount: "12.5", Currency: "EUR"},
		)
		productIDs := ids(products)
		const all, members, euro, one = "data.processout_products.all", "data.processout_products.members", "data.processout_products.euro_members", "data.processout_product.first"
		checks := []statecheck.StateCheck{
			idsAre(all, "products", productIDs),
			idsAre(members, "products", []string{productIDs[0], productIDs[2]}),
			idsAre(euro, "products", []string{productIDs[0], productIDs[2]}),
			// Nothing set is null or empty, so length() works without a null check.
			statecheck.ExpectKnownValue(all, attributePath("products", 1)("metadata"), knownvalue.MapExact(map[string]knownvalue.Check{})),
			statecheck.ExpectKnownValue(all, attributePath("products", 1)("return_url"), knownvalue.Null()),
		}
		for i, obj := range products {
			checks = append(checks, expectObject(all, attributePath("products", i), obj, productAttrs)...)
		}
		checks = append(checks, expectObject(one, attributePath(), products[0], productAttrs)...)
		checks = append(checks, statecheck.ExpectKnownValue(one, tfjsonpath.New("url"), knownvalue.StringExact("https://checkout.processout.com/"+productIDs[0])))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: env.config(`
data "processout_products" "all" {}

data "processout_products" "members" {
  name_contains = "membership"
}

data "processout_products" "euro_members" {
  name_contains = "member"
  currency      = "EUR"
}

data "processout_product" "first" {
  id = data.processout_products.all.products[0].id
}
`),
				ConfigStateChecks: checks,
			}},
		})
		if n := len(env.objects(processoutapi.KindProduct)); n != len(products) {
			t.Errorf("reading the data sources changed the products: %d, want %d", n, len(products))
		}
	})
}
