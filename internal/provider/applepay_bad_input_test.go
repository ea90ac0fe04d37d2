package provider

import (
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// applePayBadInput is one mistake with Apple Pay certificates, or one wrong
// answer about them, and the diagnostic the user reads (badInput's
// conventions: " … " separates parts that appear in this order).
type applePayBadInput struct {
	name     string
	setup    func(env *testEnv)
	answer   *cannedAnswer // every call answered so, through the direct transport
	config   string
	importID string // the certificate resource is imported with this ID
	planOnly bool   // the diagnostic must come at plan
	want     string
}

const applePayList = "data \"processout_applepay_alternative_merchant_certificates\" \"all\" {}\n"

func applePayOff(env *testEnv) { env.emu.ProcessOut.SetApplePayConfigured(env.emu.ProjectID, false) }

var applePayBadInputs = []applePayBadInput{
	// Import IDs: checked before anything is read; an unknown one is an
	// error naming where the IDs are listed, not "non-existent object".
	{name: "import ID with a slash and a space", config: applePayConfig(), importID: "amc_1/../x y",
		want: `"amc_1/../x y" is not the ID of a certificate: an ID is 1 to 255 letters, digits, underscores, hyphens or dots, starting with a letter or digit. ` +
			"The processout_applepay_alternative_merchant_certificates data source lists the IDs of the project's certificates."},
	{name: "import of a lost-create placeholder ID", config: applePayConfig(), importID: "lost-create:4f1c",
		want: `"lost-create:4f1c" is not the ID of a certificate`},
	{name: "import of a certificate ProcessOut does not list", config: applePayConfig(), importID: "amc_doesnotexist",
		want: `Cannot import the Apple Pay alternative merchant certificate … ProcessOut lists no alternative merchant certificate "amc_doesnotexist" in this project. ` +
			"The processout_applepay_alternative_merchant_certificates data source lists the IDs"},
	// keepers, at plan.
	{name: "empty keepers", config: "resource \"processout_applepay_alternative_merchant_certificate\" \"test\" {\n  keepers = {}\n}\n", planOnly: true,
		want: "Attribute keepers map must contain at least 1 elements, got: 0"},
	{name: "keeper with an empty name", config: applePayConfig("\"\"", "2026"), planOnly: true,
		want: `Attribute keepers[""] string length must be between 1 and 255, got: 0`},
	{name: "keeper that is not a string", config: "resource \"processout_applepay_alternative_merchant_certificate\" \"test\" {\n  keepers = { rotation = [\"2026\"] }\n}\n", planOnly: true,
		want: `Inappropriate value for attribute "keepers": element "rotation": string required`},
	// Apple Pay not set up: at plan for a new certificate, and wherever a
	// certificate is read.
	{name: "new certificate in a project without Apple Pay", setup: applePayOff, config: applePayConfig(), planOnly: true,
		want: "Cannot make an Apple Pay alternative merchant certificate: Apple Pay is not set up for this project … " +
			"Set Apple Pay up for the project in the ProcessOut dashboard first"},
	{name: "listing in a project without Apple Pay", setup: applePayOff, config: applePayList,
		want: "Cannot list the Apple Pay alternative merchant certificates: Apple Pay is not set up for this project … " +
			"resource.applepay-configuration.not-found"},
	{name: "import in a project without Apple Pay", setup: applePayOff, config: applePayConfig(), importID: "amc_0123",
		want: "Cannot read the Apple Pay alternative merchant certificate: Apple Pay is not set up for this project"},
	// Server answers.
	{name: "certificate count that is not a number", config: applePayList,
		answer: jsonAnswer(http.StatusOK, `{"success":true,"applepay_certificates":{"count":"two","alternative_merchant_certificates":[]}}`),
		want: `applepay_certificate.list (HTTP 200): the certificates' "count" is "two", not a number of certificates … ` +
			"This is not an answer the ProcessOut API gives"},
	{name: "certificate list shorter than its count", config: applePayConfig(), importID: "amc_mine",
		answer: jsonAnswer(http.StatusOK, `{"success":true,"applepay_certificates":{"count":"3","alternative_merchant_certificates":[{"id":"amc_other"}]}}`),
		want: `applepay_certificate.list: ProcessOut counts 3 objects but listed 1, so its list is incomplete: "amc_mine" is not among them, ` +
			"and whether it exists cannot be told (it was not taken for gone)"},
	{name: "create over a certificate list shorter than its count", config: applePayConfig(),
		answer: jsonAnswer(http.StatusOK, `{"success":true,"applepay_certificates":{"count":"3","alternative_merchant_certificates":[{"id":"amc_other"}]}}`),
		want: "Cannot list the Apple Pay alternative merchant certificates before creating one … " +
			"applepay_certificate.list: ProcessOut counts 3 objects but listed 1, so its list is incomplete and what it left out cannot be told"},
	{name: "certificate list that is an array", config: applePayList,
		answer: jsonAnswer(http.StatusOK, `{"success":true,"applepay_certificates":[{"id":"amc_1"}]}`),
		want:   `the "applepay_certificates" field does not have the expected shape`},
}

// TestAccApplePayBadInput runs every Apple Pay mistake through the CLI, as
// TestAccBadInput does the rest: the user reads the diagnostic, and nothing
// is left half written in ProcessOut or in state.
func TestAccApplePayBadInput(t *testing.T) {
	testAccPreCheck(t)
	names := map[string]bool{}
	for _, tc := range applePayBadInputs {
		if names[tc.name] {
			t.Fatalf("two bad inputs are named %q", tc.name)
		}
		names[tc.name] = true
	}
	t.Logf("Apple Pay bad inputs: %d", len(applePayBadInputs))
	for _, tc := range applePayBadInputs {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
			if tc.setup != nil {
				tc.setup(env)
			}
			block := env.providerBlock()
			var api *cannedAPI
			if tc.answer != nil {
				api = newCannedAPI(t, tc.answer)
				block = providerBlockWith(env.directLines(api.URL)...)
			}
			first := resource.TestStep{Config: block + tc.config, PlanOnly: tc.planOnly, ExpectError: wantText(tc.want)}
			if tc.importID != "" {
				first.ResourceName, first.ImportState, first.ImportStateId = applePayAddr, true, tc.importID
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					first,
					{ // nothing half written: no certificate, no resource in state
						PreConfig: func() {
							if ids := env.applePayIDs(); len(ids) != 0 {
								t.Errorf("the failed run left the certificates %v", ids)
							}
							if n := env.applePayCalls()["create"]; n != 0 {
								t.Errorf("the failed run sent %d creates", n)
							}
							if api != nil && api.calls.Load() == 0 {
								t.Error("the fake API was never called: the answer under test was not read")
							}
						},
						Config:           providerBlockWith(env.directLines(env.emu.ProcessOutURL)...),
						PlanOnly:         true,
						ConfigPlanChecks: noResourceLeft(false),
					},
				},
			})
		})
	}
}
