package provider

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const customersAddr = "data.processout_customers.test"

// customerFields are the attributes compared with the emulator's customer:
// all of them but phone, which seeded customers do not have (checked null).
var customerFields = attributeNames(customerDataSourceAttributes(), "phone")

func customersConfig(args string) string {
	return "data \"processout_customers\" \"test\" {\n" + args + "}\n"
}

// expectCustomerAt checks the whole customer at index i of the list.
func expectCustomerAt(i int, obj map[string]any) []statecheck.StateCheck {
	checks := expectObject(customersAddr, attributePath("customers", i), obj, customerFields)
	return append(checks, statecheck.ExpectKnownValue(customersAddr, attributePath("customers", i)("phone"), knownvalue.Null()))
}

// queried checks that every list call carried the query parameter.
func (e *testEnv) queried(name, value string) func(*terraform.State) error {
	return func(*terraform.State) error {
		for _, r := range e.emu.ProcessOut.Requests() {
			q, _ := url.ParseQuery(r.RawQuery)
			if r.Path == "/customers" && q.Get(name) != value {
				return fmt.Errorf("GET /customers?%s does not carry %s=%s", r.RawQuery, name, value)
			}
		}
		return nil
	}
}

func TestAccCustomersDataSource_pagesAndFilters(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.emu.ProcessOut.SeedCustomers(env.emu.ProjectID, 260)
		oldestFirst := env.objects("customer")
		if len(oldestFirst) != 260 {
			t.Fatalf("the emulator holds %d customers, want 260", len(oldestFirst))
		}
		newestFirst := slices.Clone(oldestFirst)
		slices.Reverse(newestFirst)
		var gold []map[string]any
		for _, c := range newestFirst {
			if metadata, _ := c["metadata"].(map[string]any); metadata["tier"] == "gold" {
				gold = append(gold, c)
			}
		}
		if len(gold) == 0 || len(gold) > 100 {
			t.Fatalf("%d gold customers: the seed no longer suits this test", len(gold))
		}
		target := oldestFirst[41] // customer-00042@example.com
		email, _ := target["email"].(string)
		resetLog := func() { env.emu.ProcessOut.ResetRequests() }

		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{ // three pages of 100, the third cut at 250 customers
					PreConfig: resetLog,
					Config:    env.config(customersConfig("  max_results = 250\n")),
					ConfigStateChecks: append(append(append([]statecheck.StateCheck{
						idsAre(customersAddr, "customers", ids(newestFirst[:250])),
						statecheck.ExpectKnownValue(customersAddr, tfjsonpath.New("order"), knownvalue.StringExact("desc")),
						statecheck.ExpectKnownValue(customersAddr, tfjsonpath.New("max_results"), knownvalue.Int64Exact(250)),
						statecheck.ExpectKnownValue(customersAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^customers-[0-9a-f]{16}$`))),
					}, expectCustomerAt(0, newestFirst[0])...), expectCustomerAt(249, newestFirst[249])...),
						expectCustomerAt(100, newestFirst[100])...),
					Check: env.customerListReads(3, "100"),
				},
				{ // stopping on a page boundary fetches no further page
					PreConfig: resetLog,
					Config:    env.config(customersConfig("  max_results = 200\n")),
					ConfigStateChecks: []statecheck.StateCheck{
						idsAre(customersAddr, "customers", ids(newestFirst[:200])),
					},
					Check: env.customerListReads(2, "100"),
				},
				{ // one customer by email, whatever its case
					PreConfig: resetLog,
					Config:    env.config(customersConfig(fmt.Sprintf("  email = %q\n", "Customer-00042@EXAMPLE.com"))),
					ConfigStateChecks: append([]statecheck.StateCheck{
						statecheck.ExpectKnownValue(customersAddr, tfjsonpath.New("customers"), knownvalue.ListSizeExact(1)),
						statecheck.ExpectKnownValue(customersAddr, tfjsonpath.New("max_results"), knownvalue.Int64Exact(100)),
					}, expectCustomerAt(0, target)...),
					Check: resource.ComposeAggregateTestCheckFunc(
						env.customerListReads(env.filteredPages(1, 3), "100"),
						env.queried("email", "Customer-00042@EXAMPLE.com"),
						resource.TestCheckResourceAttr(customersAddr, "customers.0.email", email),
					),
				},
				{ // every gold customer, newest first
					PreConfig: resetLog,
					Config:    env.config(customersConfig("  metadata    = { tier = \"gold\" }\n  max_results = 10000\n")),
					ConfigStateChecks: []statecheck.StateCheck{
						idsAre(customersAddr, "customers", ids(gold)),
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.customerListReads(env.filteredPages(1, 3), "100"),
						env.queried("metadata[tier]", "gold"),
					),
				},
				{ // oldest first, and no bigger page than needed
					PreConfig: resetLog,
					Config:    env.config(customersConfig("  order       = \"asc\"\n  max_results = 5\n")),
					ConfigStateChecks: []statecheck.StateCheck{
						idsAre(customersAddr, "customers", ids(oldestFirst[:5])),
					},
					Check: env.customerListReads(1, "5"),
				},
				{ // a time window, both bounds excluded
					PreConfig: resetLog,
					Config: env.config(customersConfig(fmt.Sprintf("  created_after  = %q\n  created_before = %q\n  order = \"asc\"\n",
						oldestFirst[99]["created_at"], oldestFirst[110]["created_at"]))),
					ConfigStateChecks: []statecheck.StateCheck{
						idsAre(customersAddr, "customers", ids(oldestFirst[100:110])),
					},
				},
				{
					Config: env.config(customersConfig(fmt.Sprintf("  reference_id = %q\n  sandbox = true\n", oldestFirst[7]["reference_id"]))),
					ConfigStateChecks: []statecheck.StateCheck{
						idsAre(customersAddr, "customers", ids(oldestFirst[7:8])),
					},
				},
				{ // the live customers: none with sandbox credentials
					Config: env.config(customersConfig("  sandbox = false\n")),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(customersAddr, tfjsonpath.New("customers"), knownvalue.ListExact([]knownvalue.Check{})),
					},
				},
			},
		})
	})
}

// The id identifies the query, however it is written.
func TestAccCustomersDataSource_stableID(t *testing.T) {
	env := newTestEnv(t, transportDirect, emulatorConfigDefault())
	env.emu.ProcessOut.SeedCustomers(env.emu.ProjectID, 3)
	config := `
data "processout_customers" "a" {
  metadata       = { tier = "gold", segment = "smb" }
  created_after  = "2024-05-01T10:30:00+02:00"
  max_results    = 100
}
data "processout_customers" "b" {
  metadata       = { segment = "smb", tier = "gold" }
  created_after  = "2024-05-01T08:30:00Z"
  order          = "desc"
}
data "processout_customers" "c" {
  metadata       = { segment = "smb", tier = "silver" }
  created_after  = "2024-05-01T08:30:00Z"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(config),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.processout_customers.a", tfjsonpath.New("id"), "data.processout_customers.b", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.CompareValuePairs("data.processout_customers.a", tfjsonpath.New("id"), "data.processout_customers.c", tfjsonpath.New("id"), compare.ValuesDiffer()),
			},
		}},
	})
}

func TestAccCustomersDataSource_invalidConfig(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	cases := map[string]struct {
		args string
		want string
	}{
		"order":               {`  order = "newest"` + "\n", `Attribute order value must be one of: ["asc" "desc"], got: "newest"`},
		"created_after":       {`  created_after = "2024-05-01"` + "\n", `created_after must be an RFC 3339 timestamp with a time zone, such as "2024-01-31T00:00:00Z"`},
		"created_before":      {`  created_before = "yesterday"` + "\n", `created_before must be an RFC 3339 timestamp`},
		"max_results zero":    {"  max_results = 0\n", `Attribute max_results value must be between 1 and 10000, got: 0`},
		"max_results too big": {"  max_results = 10001\n", `Attribute max_results value must be between 1 and 10000, got: 10001`},
		"empty window": {`  created_after = "2024-05-02T00:00:00Z"` + "\n" + `  created_before = "2024-05-01T00:00:00Z"` + "\n",
			`created_before (2024-05-01T00:00:00Z) must be later than created_after (2024-05-02T00:00:00Z): no customer can match both.`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      env.config(customersConfig(tc.args)),
					PlanOnly:    true,
					ExpectError: errorText(tc.want),
				}},
			})
		})
	}
	if n := env.calls("GET", "/customers"); n != 0 {
		t.Fatalf("invalid configurations made %d customer list calls; they must fail before any", n)
	}
}
