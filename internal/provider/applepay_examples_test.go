package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// The Apple Pay examples in TestAccExamples' tables, registered from here
// so that kinds added side by side do not edit the same lines.
func init() {
	exampleObjects["resources/processout_applepay_alternative_merchant_certificate"] = struct {
		kind  string
		count int
	}{applePayKind, 3}
	exampleReads["data-sources/processout_applepay_alternative_merchant_certificates"] = applePayExampleReads
}

// applePayExampleReads seeds two certificates made in the dashboard and
// checks that the example lists both and writes an import block for each.
func applePayExampleReads(env *testEnv) []statecheck.StateCheck {
	first := env.emu.ProcessOut.AddApplePayCertificate(env.emu.ProjectID, true, time.Now().Add(-2*time.Hour))
	second := env.emu.ProcessOut.AddApplePayCertificate(env.emu.ProjectID, true, time.Now().Add(-time.Hour))
	block := func(n, id string) string {
		return "import {\n  to = processout_applepay_alternative_merchant_certificate.certificate_" + n + "\n  id = \"" + id + "\"\n}\n"
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownOutputValue("merchant_certificate_ids", knownvalue.ListExact([]knownvalue.Check{
			knownvalue.StringExact(first), knownvalue.StringExact(second),
		})),
		statecheck.ExpectKnownOutputValue("applepay_import_blocks", knownvalue.StringExact(block("1", first)+"\n"+block("2", second))),
	}
}
