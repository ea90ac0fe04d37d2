package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccCustomerDataSource_byID(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.emu.ProcessOut.SeedCustomers(env.emu.ProjectID, 30)
		target := env.objects("customer")[20] // customer-00021: a business, with a phone number
		if target["company_name"] == nil || target["phone_number"] == nil {
			t.Fatalf("the seeded customer lacks the fields this test checks: %v", target)
		}
		const addr = "data.processout_customer.test"
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: env.config(fmt.Sprintf("data \"processout_customer\" \"test\" {\n  id = %q\n}\n", target["id"])),
					ConfigStateChecks: append(expectObject(addr, attributePath(), target, customerFields),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_business"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("balance"), knownvalue.StringExact("0")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("metadata"), knownvalue.MapSizeExact(2)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("project_id"), knownvalue.StringExact(env.emu.ProjectID)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("phone"), knownvalue.Null()),
					),
				},
				{
					Config:      env.config("data \"processout_customer\" \"test\" {\n  id = \"cust_doesnotexist\"\n}\n"),
					ExpectError: errorText(`ProcessOut has no customer "cust_doesnotexist" in this project`),
				},
			},
		})
	})
}
