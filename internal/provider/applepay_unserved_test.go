package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// Under the unserved-routes reading the Apple Pay certificate routes answer
// API keys and the Membrane proxy a 404 that names nothing. Through the
// direct transport the plan of a new certificate fails at plan, naming the
// route and the way out, and nothing is made; the data source fails alike.
func TestAccUnservedRoutes_applePayDirect(t *testing.T) {
	env := newTestEnv(t, transportDirect, unservedRoutesConfig())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.config(applePayConfig()),
				PlanOnly:    true,
				ExpectError: routeError("GET", applePayPath),
			},
			{
				Config:      env.config("data \"processout_applepay_alternative_merchant_certificates\" \"all\" {}\n"),
				ExpectError: routeError("GET", applePayPath),
			},
		},
	})
	if n := len(env.applePayIDs()); n != 0 {
		t.Errorf("%d certificates made through an unserved route", n)
	}
	if n := env.applePayCalls()["create"]; n != 0 {
		t.Errorf("%d creates sent after the plan failed", n)
	}
}

// Made through the actions, refreshed through the proxy where the route is
// not served: an error, and the certificate stays in state (no re-create);
// through the actions again, nothing to do.
func TestAccUnservedRoutes_applePayProxyKeepsIt(t *testing.T) {
	env := newTestEnv(t, transportMembrane, unservedRoutesConfig())
	proxied := providerBlockWith(env.tokenLines()...) + applePayConfig()
	routed := providerBlockWith(append(env.tokenLines(), unservedRoutesActions)...) + applePayConfig()
	var first oldID
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkDestroyed(applePayKind),
		Steps: []resource.TestStep{
			{Config: routed, Check: resource.ComposeAggregateTestCheckFunc(env.applePayStored(applePayAddr), first.keep)},
			{Config: proxied, PlanOnly: true, ExpectError: routeError("GET", applePayPath)},
			{
				Config:           routed,
				Check:            resource.ComposeAggregateTestCheckFunc(env.applePayStored(applePayAddr), first.same(true)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// A DELETE that answers 404 without naming the certificate kind is believed
// only when the list, read again, lacks the certificate: `destroy
// -refresh=false` of a certificate deleted in the dashboard succeeds (the
// list confirms it), under either reading of an unknown DELETE; through a
// proxy that does not serve the route, the same 404 is an error and the
// certificate stays in state and in ProcessOut.
func TestAccApplePayCertificate_deleteWithoutRefresh(t *testing.T) {
	cli := newCLIUnderTest(t)
	t.Parallel()
	optimistic := processoutapi.Readings{IdempotencyTTL: 24 * time.Hour} // non-zero: not the suite's reading
	cases := []struct {
		name     string
		readings processoutapi.Readings
		// goneFirst deletes the certificate in the dashboard before the destroy.
		goneFirst bool
		// proxied destroys through the proxy after a create through the actions.
		proxied bool
		want    map[string]int // the destroy's certificate calls
		fails   string
	}{
		{name: "gone, unknown DELETE answers 404", readings: optimistic, goneFirst: true, want: map[string]int{"delete": 1, "list": 1}},
		{name: "gone, unknown DELETE answers success", readings: processoutapi.Readings{ApplePayDeleteUnknownSucceeds: true}, goneFirst: true, want: map[string]int{"delete": 1}},
		{name: "live", readings: optimistic, want: map[string]int{"delete": 1}},
		{name: "route not served", readings: processoutapi.Readings{UnservedRoutes: true}, proxied: true, want: map[string]int{"delete": 1, "list": 1},
			fails: "Cannot delete the Apple Pay alternative merchant certificate"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t, transportDirect, emulator.Config{Seed: 1, Readings: tc.readings})
			block := env.providerBlock()
			if tc.proxied {
				block = providerBlockWith(append(env.tokenLines(), unservedRoutesActions)...)
			}
			w := cli.workspace(t, nil)
			w.writeConfig(block + applePayConfig())
			w.run("apply", []string{"apply", "-input=false", "-no-color", "-auto-approve"})
			ids := env.applePayIDs()
			if len(ids) != 1 {
				t.Fatalf("the apply made %v, want one certificate", ids)
			}
			if tc.goneFirst {
				env.emu.ProcessOut.DeleteObject(applePayKind, ids[0])
			}
			if tc.proxied {
				w.writeConfig(providerBlockWith(env.tokenLines()...) + applePayConfig())
			}
			env.resetCalls()
			okCodes := []int{0}
			if tc.fails != "" {
				okCodes = []int{1}
			}
			w.run("destroy", []string{"destroy", "-refresh=false", "-input=false", "-no-color", "-auto-approve"}, okCodes...)
			calls := map[string]int{}
			for k, n := range env.applePayCalls() {
				if k == "delete" || k == "list" {
					calls[k] = n
				}
			}
			if fmt.Sprint(calls) != fmt.Sprint(tc.want) {
				t.Errorf("the destroy made the certificate calls %v, want %v", calls, tc.want)
			}
			output := w.artifact(t, "destroy stdout") + w.artifact(t, "destroy stderr")
			state := string(w.state("after destroy"))
			switch {
			case tc.fails != "":
				if !strings.Contains(strings.Join(strings.Fields(output), " "), tc.fails) || !strings.Contains(output, applePayPath) {
					t.Errorf("the destroy's output lacks %q and the path:\n%s", tc.fails, output)
				}
				if got := env.applePayIDs(); len(got) != 1 || !strings.Contains(state, got[0]) {
					t.Errorf("after the failed destroy the emulator holds %v and state is:\n%s\nwant the certificate in both", got, state)
				}
			case len(env.applePayIDs()) != 0 || strings.Contains(state, ids[0]):
				t.Errorf("after the destroy the emulator holds %v and state is:\n%s\nwant neither to hold %s", env.applePayIDs(), state, ids[0])
			}
		})
	}
}
