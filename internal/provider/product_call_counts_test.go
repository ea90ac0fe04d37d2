package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/processout/terraform-provider-processout/internal/bench"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// productFleetSize is the number of products of the call-count test, and
// productFleetChanged how many the update step changes.
const (
	productFleetSize    = 8
	productFleetChanged = 3
)

// productFleet declares productFleetSize products; the first changed of
// them at a second price.
func productFleet(changed int) string {
	var b strings.Builder
	for i := range productFleetSize {
		amount := "10"
		if i < changed {
			amount = "12.50"
		}
		fmt.Fprintf(&b, "resource \"processout_product\" \"p%d\" {\n  name     = \"Product %d\"\n  amount   = %q\n  currency = \"EUR\"\n  metadata = { index = \"%d\" }\n}\n\n", i, i, amount, i)
	}
	return b.String()
}

// productFleetStored checks the emulator holds the fleet with changed
// products at the second price.
func (e *testEnv) productFleetStored(changed int) func(*terraform.State) error {
	return func(*terraform.State) error {
		objs := e.objects(processoutapi.KindProduct)
		if len(objs) != productFleetSize {
			return fmt.Errorf("the emulator holds %d products, want %d", len(objs), productFleetSize)
		}
		repriced := 0
		for _, o := range objs {
			if a, _ := o["amount"].(string); strings.HasPrefix(a, "12.5") {
				repriced++
			}
		}
		if repriced != changed {
			return fmt.Errorf("the emulator holds %d products at 12.50, want %d", repriced, changed)
		}
		return nil
	}
}

// TestAccCallCounts_products holds processout_product to the fewest calls
// the CLI allows, per command (see TestAccCallCounts_fleet for how each
// step's commands are counted): one create per product and nothing read
// back; on a refresh, two reads and one page of the list, which answers the
// other products (bench.Refresh), and nothing else; one update per
// changed product; one delete per product. Products need no catalog.
func TestAccCallCounts_products(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(processoutapi.KindProduct),
			Steps: env.callCountSteps(countedFleet{
				created: productFleet(0), updated: productFleet(productFleetChanged), n: productFleetSize, changed: productFleetChanged,
				refresh:       bench.Refresh(productFleetSize, !env.readings.ListsOmitFields),
				createdStored: env.productFleetStored(0), updatedStored: env.productFleetStored(productFleetChanged),
			}),
		})
	})
}
