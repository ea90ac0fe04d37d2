package provider

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/processout/terraform-provider-processout/internal/emulator/faults"
	"github.com/processout/terraform-provider-processout/internal/emulator/membraneapi"
)

// A certificate create sends nothing to find its object by. Here every
// answer to it is lost after ProcessOut made the certificate
// (commit_then_fail on every attempt, max_retries = 1): the create compares
// the list after it with the list before it, finds the one new certificate
// and keeps it. The apply succeeds, the emulator holds exactly that one,
// the key is never replayed, and the next plan is empty. Taking the failed
// answer at its word (as a create without this comparison would) leaves the
// certificate untracked and the next apply makes a second one.
func TestAccApplePayLostCreate_foundAtOnce(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("Apple Pay certificates")
		var lostKey string
		var lostKeyUses int
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(applePayKind),
			Steps: []resource.TestStep{
				{
					PreConfig: func() {
						env.emu.Faults.Add(env.applePayCreateFault(faults.CommitThenFail))
					},
					Config: env.providerBlockRetries(1) + applePayConfig(),
					Check: resource.ComposeAggregateTestCheckFunc(
						env.applePayStored(applePayAddr),
						func(*terraform.State) error {
							env.emu.Faults.Clear()
							if n := env.emu.Faults.Injected()[faults.CommitThenFail]; n == 0 {
								return fmt.Errorf("no answer was lost: the test tested nothing")
							}
							lostKey = firstCreateKey(env)
							lostKeyUses = keyUses(env, lostKey) // the attempts, and any net/http resent on its own
							if lostKeyUses < 2 {
								return fmt.Errorf("the create's key was sent %d times, want its 2 attempts (max_retries = 1)", lostKeyUses)
							}
							return nil
						},
					),
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
				{
					Config: env.providerBlockRetries(1) + applePayConfig(),
					Check: resource.ComposeAggregateTestCheckFunc(
						env.applePayStored(applePayAddr),
						func(*terraform.State) error {
							if n := keyUses(env, lostKey); n != lostKeyUses {
								return fmt.Errorf("the lost create's key was sent %d times, %d in the first apply: it must never be replayed", n, lostKeyUses)
							}
							return nil
						},
					),
				},
			},
		})
	})
}

// Every attempt of the creates fails before ProcessOut sees it (503 from a
// gateway in front), so none is made, but the provider cannot know that:
// the first create finds no new certificate (after waiting out a lagging
// list), saves its placeholder, and the run makes no other certificate (a
// second would be taken for the first's by the next run). The next apply,
// without faults, drops the placeholder and makes both: exactly two.
func TestAccApplePayLostCreate_placeholderThenCreated(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		env.skipWhereUnserved("Apple Pay certificates")
		two := applePayFleet(2, -1, "")
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkDestroyed(applePayKind),
			Steps: []resource.TestStep{
				{
					PreConfig: func() {
						env.emu.Faults.Add(env.applePayCreateFault(faults.Status503))
						env.resetCalls()
					},
					Config:      env.providerBlockRetries(1) + two,
					ExpectError: errorText("ProcessOut may have made the Apple Pay alternative merchant certificate before its answer was lost"),
				},
				{
					PreConfig: func() {
						env.emu.Faults.Clear()
						if n := len(env.applePayIDs()); n != 0 {
							t.Errorf("the failed apply left %d certificates", n)
						}
						// One create was tried (twice: max_retries = 1); the
						// other was refused before it was sent.
						if n := env.emu.Faults.Injected()[faults.Status503]; n != 2 {
							t.Errorf("%d POSTs were attempted, want 2: the second create must not be sent", n)
						}
					},
					Config: env.providerBlockRetries(1) + two,
					Check: env.applePayStored("processout_applepay_alternative_merchant_certificate.c0",
						"processout_applepay_alternative_merchant_certificate.c1"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
			},
		})
	})
}

// While a create's answer is lost, someone else makes a certificate in the
// dashboard: two are new, and nothing tells which is this resource's. The
// run stops and says so, the next run too (naming both), and no third
// certificate is made. The create runs as a Membrane action (the test's
// stand-in for the race) that makes both and answers 502.
func TestAccApplePayLostCreate_ambiguous(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	env.emu.Membrane.AddAction(membraneapi.Action{Key: "racing-create", Name: "Create while the dashboard does",
		InputSchema: map[string]any{"type": "object"},
		Run: func(context.Context, membraneapi.Connection, map[string]any) (any, error) {
			env.emu.ProcessOut.AddApplePayCertificate(env.emu.ProjectID, true, time.Now())
			env.emu.ProcessOut.AddApplePayCertificate(env.emu.ProjectID, true, time.Now())
			return nil, &membraneapi.ActionError{Status: http.StatusBadGateway, Type: "action_run", Key: "upstream_error", Message: "ProcessOut request failed: EOF"}
		}})
	routing := map[string]string{"applepay_certificate.create": "racing-create"}
	for op, action := range unservedRoutes {
		if op != "applepay_certificate.create" {
			routing[op] = action
		}
	}
	block := providerBlockWith(append(env.tokenLines(), membraneActionsLine(routing), "  max_retries = 0")...)
	// Once the user has deleted the extra certificate in the dashboard, the
	// creates go through the emulator's own action again.
	resolved := providerBlockWith(append(env.tokenLines(), unservedRoutesActions)...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      block + applePayConfig(),
				ExpectError: errorText("ProcessOut may have made the Apple Pay alternative merchant certificate before its answer was lost"),
			},
			{ // the next run stops before it plans anything
				Config:      block + applePayConfig(),
				ExpectError: errorText("Several Apple Pay alternative merchant certificates may be the one whose create answer was lost"),
			},
			{ // resolved as the diagnostic says: the extra one deleted in the
				// dashboard, the other is found and, tainted, replaced
				PreConfig: func() {
					ids := env.applePayIDs()
					if len(ids) != 2 {
						t.Errorf("the emulator holds %v, want the 2 the race made, no more", ids)
					}
					env.emu.ProcessOut.DeleteObject(applePayKind, ids[len(ids)-1])
				},
				Config: resolved + applePayConfig(),
				Check:  env.applePayStored(applePayAddr),
			},
		},
		CheckDestroy: env.checkDestroyed(applePayKind),
	})
}

// applePayCreateFault hits every attempt of the certificate creates, and
// nothing else: the only POST of the direct and proxied calls, the create
// action's run when the operations are routed to actions (where the list
// is a POST too).
func (e *testEnv) applePayCreateFault(kind faults.Kind) faults.Rule {
	rule := faults.Rule{Kind: kind, Method: http.MethodPost, Probability: 1}
	if e.readings.UnservedRoutes && e.transport == transportMembrane {
		rule.PathPrefix = "/actions/" + unservedRoutes["applepay_certificate.create"] + "/"
	}
	return rule
}
