package provider

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

var gatewayFields = attributeNames(gatewayDataSourceAttributes())

// catalogNames returns the sorted names of the emulator's catalog entries
// that keep accepts.
func catalogNames(catalog []processoutapi.Gateway, keep func(g processoutapi.Gateway) bool) []string {
	var names []string
	for _, g := range catalog {
		if keep(g) {
			names = append(names, g.Name)
		}
	}
	sort.Strings(names)
	return names
}

const gatewaysAddr = "data.processout_gateways.test"

// namesAre checks the gateways list holds exactly these gateways, in order.
func namesAre(names []string) statecheck.StateCheck {
	elems := make([]knownvalue.Check, len(names))
	for i, n := range names {
		elems[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(n)})
	}
	return statecheck.ExpectKnownValue(gatewaysAddr, tfjsonpath.New("gateways"), knownvalue.ListExact(elems))
}

// catalogObject is the emulator's rendering of a catalog entry.
func (e *testEnv) catalogObject(t *testing.T, name string) map[string]any {
	t.Helper()
	for _, g := range e.emu.ProcessOut.Gateways() {
		if g.Name == name {
			obj, ok := e.emu.ProcessOut.Object("gateway", g.ID)
			if !ok {
				t.Fatalf("the emulator cannot render gateway %s", g.ID)
			}
			return obj
		}
	}
	t.Fatalf("the emulator's catalog has no %q", name)
	return nil
}

func TestAccGatewaysDataSource_filters(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("gateway catalog")
		catalog := env.emu.ProcessOut.Gateways()
		wallets := catalogNames(catalog, func(g processoutapi.Gateway) bool {
			return slices.Contains(g.Tags, "e-wallet") && slices.Contains(g.Flows, "subscription")
		})
		oneOffOnly := catalogNames(catalog, func(g processoutapi.Gateway) bool { return !slices.Contains(g.Flows, "tokenization") })
		all := catalogNames(catalog, func(processoutapi.Gateway) bool { return true })
		if len(wallets) < 2 || len(wallets) == len(all) || len(oneOffOnly) == 0 {
			t.Fatalf("the catalog no longer suits this test: wallets with subscriptions %v, one-off only %v, all %v", wallets, oneOffOnly, all)
		}
		config := func(args string) string {
			return env.config("data \"processout_gateways\" \"test\" {\n" + args + "}\n")
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: config("  tag  = \"e-wallet\"\n  flow = \"subscription\"\n"),
					ConfigStateChecks: append([]statecheck.StateCheck{namesAre(wallets)},
						expectObject(gatewaysAddr, attributePath("gateways", 0), env.catalogObject(t, wallets[0]), gatewayFields)...),
				},
				{
					Config:            config(""),
					ConfigStateChecks: []statecheck.StateCheck{namesAre(all)},
				},
				{ // display_name counts, case does not
					Config:            config("  name_contains = \"PAL\"\n"),
					ConfigStateChecks: []statecheck.StateCheck{namesAre([]string{"paypal"})},
				},
				{
					Config:            config("  flow = \"one-off\"\n  tag = \"bnpl\"\n"),
					ConfigStateChecks: []statecheck.StateCheck{namesAre([]string{"klarna"})},
				},
			},
		})
	})
}

func TestAccGatewaysDataSource_unknownFlow(t *testing.T) {
	env := newTestEnv(t, transportDirect, emulatorConfigDefault())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.config("data \"processout_gateways\" \"test\" {\n  flow = \"recurring\"\n}\n"),
			PlanOnly:    true,
			ExpectError: errorText(`Attribute flow value must be one of: ["one-off" "subscription" "tokenization"], got: "recurring"`),
		}},
	})
	if n := env.calls("GET", "/gateways"); n != 0 {
		t.Fatalf("an invalid configuration read the catalog %d times; it must fail before any call", n)
	}
}

func TestAccGatewayDataSource_byName(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	const addr = "data.processout_gateway.test"
	stripe := env.catalogObject(t, "stripe")
	names := catalogNames(env.emu.ProcessOut.Gateways(), func(processoutapi.Gateway) bool { return true })
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config("data \"processout_gateway\" \"test\" {\n  name = \"stripe\"\n}\n"),
				ConfigStateChecks: append(expectObject(addr, attributePath(), stripe, gatewayFields),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("required_settings"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("secret_key"), knownvalue.StringExact("public_key"),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("public_settings"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("public_key"),
					})),
				),
			},
			{
				Config: env.config("data \"processout_gateway\" \"test\" {\n  name = \"strype\"\n}\n"),
				ExpectError: errorText(fmt.Sprintf(`ProcessOut's catalog has no gateway named "strype". Known names: %s.`,
					strings.Join(names, ", "))),
			},
		},
	})
}
