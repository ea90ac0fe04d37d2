package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

const (
	applePayAddr = "processout_applepay_alternative_merchant_certificate.test"
	applePayPath = "/projects/applepay/alternative-merchant-certificates"
	applePayKind = processoutapi.KindApplePayCertificate
)

// applePayConfig is one certificate, with keepers when given as
// alternating names and values.
func applePayConfig(keepers ...string) string {
	body := ""
	if len(keepers) > 0 {
		var pairs []string
		for i := 0; i+1 < len(keepers); i += 2 {
			pairs = append(pairs, fmt.Sprintf("%s = %q", keepers[i], keepers[i+1]))
		}
		body = "  keepers = { " + strings.Join(pairs, ", ") + " }\n"
	}
	return "resource \"processout_applepay_alternative_merchant_certificate\" \"test\" {\n" + body + "}\n"
}

// applePayIDs are the ids of the emulator's certificates, oldest first.
func (e *testEnv) applePayIDs() []string {
	var ids []string
	for _, o := range e.objects(applePayKind) {
		ids = append(ids, idOf(o))
	}
	return ids
}

// applePayStored checks that the emulator holds exactly the certificates in
// state at these addresses, no more, no fewer.
func (e *testEnv) applePayStored(addrs ...string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		var inState []string
		for _, addr := range addrs {
			r := s.RootModule().Resources[addr]
			if r == nil {
				return fmt.Errorf("%s is not in state", addr)
			}
			inState = append(inState, r.Primary.ID)
		}
		stored := e.applePayIDs()
		sort.Strings(inState)
		sort.Strings(stored)
		if strings.Join(stored, ",") != strings.Join(inState, ",") {
			return fmt.Errorf("the emulator holds the certificates %v, state %v", stored, inState)
		}
		return nil
	}
}

// applePayCalls tallies the ProcessOut calls since the last reset: the
// certificate list, create and delete, and any other call by method and path.
// The direct transport's credential check is left out (objectRequests):
// these counts are per certificate operation.
func (e *testEnv) applePayCalls() map[string]int {
	got := map[string]int{}
	for _, r := range e.objectRequests() {
		switch {
		case r.Method == http.MethodGet && r.Path == applePayPath:
			got["list"]++
		case r.Method == http.MethodPost && r.Path == applePayPath:
			got["create"]++
		case r.Method == http.MethodDelete && strings.HasPrefix(r.Path, applePayPath+"/"):
			got["delete"]++
		default:
			got[r.Method+" "+r.Path]++
		}
	}
	return got
}

// expectApplePayCalls fails unless the calls since the last reset are
// exactly want (every other call counted too, so none can sneak in).
func (e *testEnv) expectApplePayCalls(when string, want map[string]int) error {
	got := e.applePayCalls()
	for k, n := range want {
		if n == 0 {
			delete(want, k)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		return fmt.Errorf("%s: calls %v, want %v", when, got, want)
	}
	return nil
}

// oldID remembers the certificate of a step, for the next to compare.
type oldID struct{ id string }

func (o *oldID) keep(s *terraform.State) error {
	o.id = s.RootModule().Resources[applePayAddr].Primary.ID
	return nil
}

func (o *oldID) same(want bool) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		now := s.RootModule().Resources[applePayAddr].Primary.ID
		if (now == o.id) != want {
			return fmt.Errorf("the certificate is %s, it was %s (want the same: %v)", now, o.id, want)
		}
		return nil
	}
}

func TestAccApplePayCertificate_lifecycle(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("Apple Pay certificates")
		var first oldID
		var dashboard string
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{ // create: the list it compares with, then one POST
					PreConfig: env.resetCalls,
					Config:    env.config(applePayConfig()),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(applePayAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^amc_`))),
						statecheck.ExpectKnownValue(applePayAddr, tfjsonpath.New("keepers"), knownvalue.Null()),
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.applePayStored(applePayAddr), first.keep,
						func(*terraform.State) error {
							return env.expectApplePayCalls("create", map[string]int{"list": 3, "create": 1})
						},
					),
					// The refresh right after the apply meets the read lag
					// under the worst reading: the certificate stays.
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
				{ // import by ID
					ResourceName:      applePayAddr,
					ImportState:       true,
					ImportStateVerify: true,
				},
				{ // import block by ID, which must plan no change
					ResourceName:    applePayAddr,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithID,
				},
				{ // keepers added: state alone changes, nothing is sent or replaced
					PreConfig: env.resetCalls,
					Config:    env.config(applePayConfig("rotation", "2025")),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(applePayAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.applePayStored(applePayAddr), first.same(true),
						resource.TestCheckResourceAttr(applePayAddr, "keepers.rotation", "2025"),
						func(*terraform.State) error {
							return env.expectApplePayCalls("keepers added", map[string]int{"list": 1})
						},
					),
				},
				{ // a keeper changed: a new certificate, the old one deleted
					PreConfig: env.resetCalls,
					Config:    env.config(applePayConfig("rotation", "2026")),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(applePayAddr, plancheck.ResourceActionReplace)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						env.applePayStored(applePayAddr), first.same(false), first.keep,
						func(*terraform.State) error {
							return env.expectApplePayCalls("replace", map[string]int{"list": 4, "create": 1, "delete": 1})
						},
					),
				},
				{ // keepers removed: state alone changes again
					PreConfig: env.resetCalls,
					Config:    env.config(applePayConfig()),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(applePayAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(env.applePayStored(applePayAddr), first.same(true)),
				},
				{ // deleted in the dashboard: planned for re-create, re-created
					PreConfig: func() {
						env.deleteOutOfBand(applePayKind)
						env.resetCalls()
					},
					Config: env.config(applePayConfig()),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(applePayAddr, plancheck.ResourceActionCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(env.applePayStored(applePayAddr), first.same(false)),
				},
				{ // a certificate added in the dashboard is no drift of this one
					PreConfig: func() {
						dashboard = env.emu.ProcessOut.AddApplePayCertificate(env.emu.ProjectID, true, time.Now().Add(-time.Hour))
					},
					Config:   env.config(applePayConfig()),
					PlanOnly: true,
				},
			},
		})
		// Destroy deleted the managed certificate, one DELETE, and left the
		// dashboard's.
		if ids := env.applePayIDs(); len(ids) != 1 || ids[0] != dashboard {
			t.Errorf("after destroy the emulator holds %v, want only the dashboard's %s", ids, dashboard)
		}
		if n := env.applePayCalls()["delete"]; n != 1 {
			t.Errorf("destroy sent %d DELETE calls, want 1", n)
		}
	})
}

func TestAccApplePayCertificate_importByIdentity(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("Apple Pay certificates")
		resource.ParallelTest(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(applePayKind),
			Steps: []resource.TestStep{
				{
					Config: env.config(applePayConfig()),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectIdentityValueMatchesState(applePayAddr, tfjsonpath.New("id")),
					},
				},
				{
					ResourceName:    applePayAddr,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithResourceIdentity,
				},
			},
		})
	})
}

// A certificate made in the dashboard is adopted with an import block, and
// the list data source finds every certificate, the adopted one included.
func TestAccApplePayCertificates_dataSourceAndAdoption(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("Apple Pay certificates")
		dashboard := []string{
			env.emu.ProcessOut.AddApplePayCertificate(env.emu.ProjectID, true, time.Now().Add(-48*time.Hour)),
			env.emu.ProcessOut.AddApplePayCertificate(env.emu.ProjectID, true, time.Now().Add(-24*time.Hour)),
		}
		inventory := "data \"processout_applepay_alternative_merchant_certificates\" \"all\" {}\n"
		adopt := fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", applePayAddr, dashboard[1]) + applePayConfig()
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: env.config(inventory),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.processout_applepay_alternative_merchant_certificates.all", tfjsonpath.New("certificates"),
							knownvalue.ListExact([]knownvalue.Check{
								knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact(dashboard[0])}),
								knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact(dashboard[1])}),
							})),
					},
				},
				{
					PreConfig: env.resetCalls,
					Config:    env.config(inventory + adopt),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(applePayAddr, plancheck.ResourceActionNoop)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(applePayAddr, "id", dashboard[1]),
						func(*terraform.State) error {
							if n := env.applePayCalls()["create"]; n != 0 {
								return fmt.Errorf("the adoption created %d certificates, want none", n)
							}
							return nil
						},
					),
				},
			},
		})
		// Destroy removed the adopted certificate, and only it.
		if ids := env.applePayIDs(); len(ids) != 1 || ids[0] != dashboard[0] {
			t.Errorf("after destroy the emulator holds %v, want only %s", ids, dashboard[0])
		}
	})
}

// Apple Pay removed from the project after the certificate was made: the
// refresh fails with a diagnostic that says so, and the certificate stays
// in state (it is not taken for gone); with Apple Pay back, all is as before.
func TestAccApplePayCertificate_applePayRemoved(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("Apple Pay certificates")
		var first oldID
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(applePayKind),
			Steps: []resource.TestStep{
				{Config: env.config(applePayConfig()), Check: first.keep},
				{
					PreConfig:   func() { env.emu.ProcessOut.SetApplePayConfigured(env.emu.ProjectID, false) },
					Config:      env.config(applePayConfig()),
					PlanOnly:    true,
					ExpectError: errorText("Cannot read the Apple Pay alternative merchant certificate: Apple Pay is not set up for this project"),
				},
				{
					PreConfig: func() { env.emu.ProcessOut.SetApplePayConfigured(env.emu.ProjectID, true) },
					Config:    env.config(applePayConfig()),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(env.applePayStored(applePayAddr), first.same(true)),
				},
			},
		})
	})
}
