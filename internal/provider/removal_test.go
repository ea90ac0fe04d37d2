package provider

import (
	"fmt"
	"maps"
	"reflect"
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
)

// What removing an attribute from the configuration does, one test per
// rule (the "Removing an attribute" tables of processout_gateway_configuration
// and processout_project):
//
//   - a text or code attribute (name, default_currency, processing_region,
//     logo_url, email) keeps the value ProcessOut holds: no change is
//     planned, and later updates send that value again;
//   - a collection (metadata, sub_accounts_enabled, public_metadata,
//     dunning_configuration) is cleared: the plan shows null, the update
//     sends it empty;
//   - enabled returns to its default, true;
//   - a required attribute (a project's name, gateway_name) cannot be
//     removed: the plan fails;
//   - credentials (settings) stay in ProcessOut; only the state forgets
//     them.
//
// Each checks the plan, then what ProcessOut holds and what the update sent
// (through fronts that keep the bodies: the emulator takes a null or
// missing field as "unchanged", so its object alone cannot tell a value
// sent again from one left out).

const (
	removalGateway = "processout_gateway_configuration.removal"
	removalProject = "processout_project.removal"
)

// removalAttributes are the arguments set before a removal, by resource
// and attribute, as HCL.
var removalAttributes = map[string][][2]string{
	removalGateway: {
		{"gateway_name", `"sandbox"`},
		{"name", `"Sandbox EU"`},
		{"default_currency", `"EUR"`},
		{"processing_region", `"EEA"`},
		{"enabled", "false"},
		{"metadata", `{ team = "payments" }`},
		{"sub_accounts_enabled", `["stripe"]`},
	},
	removalProject: {
		{"name", `"Seller"`},
		{"default_currency", `"EUR"`},
		{"logo_url", `"https://seller.example/logo.png"`},
		{"email", `"payments@seller.example"`},
		{"dunning_configuration", `[{ action = "retry", delay_in_days = 3 }]`},
		{"public_metadata", `{ tier = "gold" }`},
	},
}

// removalConfig is both resources with their removalAttributes, but for
// those named in without ("address.attribute") and with the values in
// override (the same keys).
func removalConfig(without []string, override map[string]string) string {
	var b strings.Builder
	for _, address := range []string{removalGateway, removalProject} {
		typ, name, _ := strings.Cut(address, ".")
		fmt.Fprintf(&b, "resource %q %q {\n", typ, name)
		for _, attr := range removalAttributes[address] {
			key := address + "." + attr[0]
			value, overridden := override[key]
			if !overridden {
				value = attr[1]
			}
			if !slices.Contains(without, key) {
				fmt.Fprintf(&b, "  %s = %s\n", attr[0], value)
			}
		}
		b.WriteString("}\n\n")
	}
	return b.String()
}

// scalarsKept are the attributes a removal leaves as ProcessOut holds them,
// with the value removalAttributes gave.
var scalarsKept = map[string]string{
	removalGateway + ".name":              "Sandbox EU",
	removalGateway + ".default_currency":  "EUR",
	removalGateway + ".processing_region": "EEA",
	removalProject + ".default_currency":  "EUR",
	removalProject + ".logo_url":          "https://seller.example/logo.png",
	removalProject + ".email":             "payments@seller.example",
}

// collectionsCleared are the attributes a removal clears, with their empty
// form in ProcessOut.
var collectionsCleared = map[string]any{
	removalGateway + ".metadata":              map[string]any{},
	removalGateway + ".sub_accounts_enabled":  []any{},
	removalProject + ".public_metadata":       map[string]any{},
	removalProject + ".dunning_configuration": []any{},
}

func TestAccRemovalKeepsTextAndCodes(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		block, fronts := env.frontedProviderBlock(t)
		removed := slices.Sorted(maps.Keys(scalarsKept))
		var planKeeps []plancheck.PlanCheck
		for _, key := range removed {
			address, attr := splitKey(key)
			planKeeps = append(planKeeps, plancheck.ExpectKnownValue(address, tfjsonpath.New(attr), knownvalue.StringExact(scalarsKept[key])))
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: block + removalConfig(nil, nil)},
				{ // removed, nothing else changes: nothing to do
					Config:            block + removalConfig(removed, nil),
					ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					ConfigStateChecks: []statecheck.StateCheck{emulatorCheck(env.holds(asSent(scalarsKept)))},
				},
				{ // removed, and the resources updated otherwise: the kept values are sent again
					Config: block + removalConfig(removed, map[string]string{
						removalGateway + ".enabled": "true", removalProject + ".name": `"Seller renamed"`,
					}),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: append(planKeeps,
							plancheck.ExpectResourceAction(removalGateway, plancheck.ResourceActionUpdate),
							plancheck.ExpectResourceAction(removalProject, plancheck.ResourceActionUpdate)),
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{emulatorCheck(env.holds(asSent(scalarsKept)))},
					Check:             env.lastUpdatesSent(t, fronts, asSent(scalarsKept)),
				},
			},
		})
	})
}

func TestAccRemovalClearsCollections(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		block, fronts := env.frontedProviderBlock(t)
		removed := slices.Sorted(maps.Keys(collectionsCleared))
		planClears := []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(removalGateway, plancheck.ResourceActionUpdate),
			plancheck.ExpectResourceAction(removalProject, plancheck.ResourceActionUpdate),
		}
		for _, key := range removed {
			address, attr := splitKey(key)
			planClears = append(planClears, plancheck.ExpectKnownValue(address, tfjsonpath.New(attr), knownvalue.Null()))
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: block + removalConfig(nil, nil),
					// Set, to begin with: the removal below has something to clear.
					ConfigStateChecks: []statecheck.StateCheck{emulatorCheck(env.holdsNonEmpty(removed))},
				},
				{
					Config: block + removalConfig(removed, nil),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             planClears,
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{emulatorCheck(env.holds(collectionsCleared))},
					Check:             env.lastUpdatesSent(t, fronts, collectionsCleared),
				},
			},
		})
	})
}

func TestAccRemovalOfEnabledEnables(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		enabled := removalGateway + ".enabled"
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:            env.config(removalConfig(nil, nil)),
					ConfigStateChecks: []statecheck.StateCheck{emulatorCheck(env.holds(map[string]any{enabled: false}))},
				},
				{
					Config: env.config(removalConfig([]string{enabled}, nil)),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(removalGateway, plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(removalGateway, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{emulatorCheck(env.holds(map[string]any{enabled: true}))},
				},
			},
		})
	})
}

func TestAccRemovalOfRequiredFails(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		var before map[string]map[string]map[string]any
		steps := []resource.TestStep{{
			Config: env.config(removalConfig(nil, nil)),
			Check: func(*terraform.State) error {
				before = emulatorSnapshot(env).objects
				env.emu.ProcessOut.ResetRequests()
				return nil
			},
		}}
		for _, key := range []string{removalProject + ".name", removalGateway + ".gateway_name"} {
			_, attr := splitKey(key)
			steps = append(steps, resource.TestStep{
				Config:      env.config(removalConfig([]string{key}, nil)),
				ExpectError: errorText(fmt.Sprintf(`The argument "%s" is required`, attr)),
			})
		}
		steps = append(steps, resource.TestStep{ // nothing was written, nothing changed
			Config:           env.config(removalConfig(nil, nil)),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check: func(*terraform.State) error {
				if after := emulatorSnapshot(env).objects; !reflect.DeepEqual(after, before) {
					return fmt.Errorf("ProcessOut changed:\nbefore %v\nafter  %v", before, after)
				}
				return env.expectCalls(map[string]int{"PUT /gateway-configurations/{id}": 0, "PUT /projects/{id}": 0})(nil)
			},
		})
		resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
	})
}

func TestAccRemovalOfCredentialsKeepsThemInProcessOut(t *testing.T) {
	const secret = "sk_test_removal_secret"
	eachTransport(t, func(t *testing.T, env *testEnv) {
		block, fronts := env.frontedProviderBlock(t)
		withSettings := `resource "processout_gateway_configuration" "removal" {
  gateway_name = "stripe"
  settings     = { secret_key = "` + secret + `", public_key = "pk_test_removal" }
}
`
		stored := func() error {
			want := map[string]string{"secret_key": secret, "public_key": "pk_test_removal"}
			for _, obj := range env.objects(processoutapi.KindGatewayConfiguration) {
				if got := env.emu.ProcessOut.ReceivedSettings(idOf(obj)); !maps.Equal(got, want) {
					return fmt.Errorf("ProcessOut holds the credentials %v, want the ones first given", got)
				}
			}
			return nil
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: block + withSettings, ConfigStateChecks: []statecheck.StateCheck{emulatorCheck(stored)}},
				{
					Config: block + "resource \"processout_gateway_configuration\" \"removal\" {\n  gateway_name = \"stripe\"\n}\n",
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(removalGateway, plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(removalGateway, tfjsonpath.New("settings"), knownvalue.Null()),
							// No credentials sent: their public part stays.
							plancheck.ExpectKnownValue(removalGateway, tfjsonpath.New("public_keys"), knownvalue.MapExact(map[string]knownvalue.Check{
								"public_key": knownvalue.StringExact("pk_test_removal"),
							})),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						emulatorCheck(stored),
						statecheck.ExpectKnownValue(removalGateway, tfjsonpath.New("settings"), knownvalue.Null()),
					},
					Check: env.lastUpdatesSent(t, fronts, map[string]any{removalGateway + ".settings": nil}),
				},
			},
		})
	})
}

func splitKey(key string) (address, attr string) {
	i := strings.LastIndex(key, ".")
	return key[:i], key[i+1:]
}

// asSent is a map of string values as lastUpdatesSent compares them.
func asSent(values map[string]string) map[string]any {
	out := map[string]any{}
	for k, v := range values {
		out[k] = v
	}
	return out
}

// removalObject is the emulator's object a removal address stands for: the
// only gateway configuration or supervised project of the test.
func (e *testEnv) removalObject(address string) (map[string]any, error) {
	kind := processoutapi.KindGatewayConfiguration
	if address == removalProject {
		kind = processoutapi.KindProject
	}
	objs := e.objects(kind)
	if len(objs) != 1 {
		return nil, fmt.Errorf("the emulator holds %d %s objects, want 1", len(objs), kind)
	}
	return objs[0], nil
}

// holds checks that ProcessOut holds these values ("address.attribute" →
// the object's field).
func (e *testEnv) holds(want map[string]any) func() error {
	return func() error {
		for _, key := range slices.Sorted(maps.Keys(want)) {
			address, attr := splitKey(key)
			obj, err := e.removalObject(address)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(obj[attr], want[key]) {
				return fmt.Errorf("ProcessOut holds %s = %#v, want %#v", key, obj[attr], want[key])
			}
		}
		return nil
	}
}

// holdsNonEmpty checks that ProcessOut holds something in these
// collections.
func (e *testEnv) holdsNonEmpty(keys []string) func() error {
	return func() error {
		for _, key := range keys {
			address, attr := splitKey(key)
			obj, err := e.removalObject(address)
			if err != nil {
				return err
			}
			if v := reflect.ValueOf(obj[attr]); !v.IsValid() || v.Len() == 0 {
				return fmt.Errorf("ProcessOut holds %s = %#v, want it set", key, obj[attr])
			}
		}
		return nil
	}
}

// lastUpdatesSent checks the body of the last PUT of each resource named in
// want: it carried these fields with these values (a nil value: without the
// field at all).
func (e *testEnv) lastUpdatesSent(t *testing.T, fronts []*proxyFront, want map[string]any) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, key := range slices.Sorted(maps.Keys(want)) {
			address, field := splitKey(key)
			obj, err := e.removalObject(address)
			if err != nil {
				return err
			}
			suffix := "/gateway-configurations/" + idOf(obj)
			if address == removalProject {
				suffix = "/projects/" + idOf(obj)
			}
			var puts []map[string]any
			for _, f := range fronts {
				puts = append(puts, f.bodies(t, "PUT", suffix)...)
			}
			if len(puts) == 0 {
				return fmt.Errorf("no PUT %s was sent", suffix)
			}
			got, sent := puts[len(puts)-1][field]
			switch {
			case want[key] == nil && sent:
				return fmt.Errorf("the last PUT %s sent %s = %#v, want no %s", suffix, field, got, field)
			case want[key] != nil && !reflect.DeepEqual(got, want[key]):
				return fmt.Errorf("the last PUT %s sent %s = %#v, want %#v", suffix, field, got, want[key])
			}
		}
		return nil
	}
}
