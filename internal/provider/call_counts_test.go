package provider

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/processout/terraform-provider-processout/internal/bench"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// The call-count test's fleets: a small one, whose kinds each have fewer
// objects than take a snapshot of their list (processout.SnapshotFrom), and
// a large one, whose refresh reads the lists.
const (
	callCountSmallFleet = 4
	callCountFleetSize  = 12
)

// resetCalls empties both emulator request logs.
func (e *testEnv) resetCalls() {
	e.emu.ProcessOut.ResetRequests()
	e.emu.Membrane.ResetRequests()
}

// tally classifies the calls logged since the last reset.
func (e *testEnv) tally() bench.Calls {
	return bench.Tally(e.emu.ProcessOut.Requests(), e.emu.Membrane.Requests())
}

// configured is want plus what n provider configurations cost in checks of
// the transport, which Configure makes once per provider process so that
// bad credentials stop the plan: over Membrane one connection read
// (GET /connections/{id}) and, when membrane_actions routes operations
// (the unserved-routes reading routes webhook endpoints), one action list
// (GET /actions) to check the routed actions exist; over the direct
// transport one credential check (GET /projects/{project_id}).
func (e *testEnv) configured(n int, want bench.Calls) bench.Calls {
	switch {
	case e.transport == transportDirect:
		want.CredentialChecks += n
	case len(e.unservedRouting()) > 0:
		want.ConnectionReads += n
		want.ActionLists += n
	default:
		want.ConnectionReads += n
	}
	return want
}

// objectRequests are the ProcessOut requests logged since the last reset,
// less the direct transport's credential checks (one GET
// /projects/{project_id} per provider process, which configured counts
// and TestAccCallCounts_* hold exact): the calls a kind's own operations
// make, for the tests that count those.
func (e *testEnv) objectRequests() []processoutapi.Request {
	var out []processoutapi.Request
	for _, r := range e.emu.ProcessOut.Requests() {
		if e.transport == transportDirect && r.Method == http.MethodGet && r.Path == "/projects/{project_id}" {
			continue
		}
		out = append(out, r)
	}
	return out
}

// expectTally fails unless the calls since the last reset are exactly want.
func (e *testEnv) expectTally(when string, want bench.Calls) error {
	if got := e.tally(); got.String() != want.String() {
		return fmt.Errorf("%s: calls\n  got  %s\n  want %s", when, got, want)
	}
	return nil
}

// tallyCheck is expectTally as a plan check, to count at a point between
// the CLI commands of a test step.
type tallyCheck struct {
	env  *testEnv
	when string
	want bench.Calls
}

func (c tallyCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = c.env.expectTally(c.when, c.want)
}

// TestAccCallCounts_fleet holds the provider to the fewest calls possible
// for a fleet of N objects, per CLI command: for a small fleet (two objects
// of each kind) one read per object per refresh; for a larger one, the
// first reads of each kind then one page of its list, which answers the
// rest (bench.Refresh; under the lists-omit-fields reading the page shows
// the lists are no use, and every object is read).
//
// Each step resets the logs in PreConfig; terraform-plugin-testing then runs,
// for a Config step, `plan` (the plan checks "PreApply" count it), `apply`
// of the saved plan (Check counts plan + apply, which is exactly what one
// `apply` command costs: its plan walk and its apply walk), then two more
// plans that are not counted. A PlanOnly step runs `plan -refresh=false`
// (counted by PostApplyPreRefresh: nothing) then `plan` (PostApplyPostRefresh:
// one refresh read per object). A Destroy step runs `plan -destroy` (a
// refresh-only walk that reads every object, then the destroy walk, which
// reads nothing) then `apply`: one delete each.
//
// The provider-wide look-ups are the gateway catalog (one page, read by the
// plan-time check of new gateway configurations, in each walk that plans a
// create: the plan walk and the apply walk) and the check of the transport
// each time the CLI configures the provider (once per walk, see
// configured): over Membrane one connection read, plus one action list
// when operations are routed to actions; over the direct transport one
// credential check, GET /projects/{project_id}, which a wrong
// project_secret fails at plan time (TestAccPlanChecks_directCredentials).
func TestAccCallCounts_fleet(t *testing.T) {
	for _, size := range []int{callCountSmallFleet, callCountFleetSize} {
		t.Run(fmt.Sprintf("%d_objects", size), func(t *testing.T) {
			eachTransport(t, func(t *testing.T, env *testEnv) {
				env.skipWhereUnserved("webhook endpoints")
				created := bench.Fleet{N: size}
				updated := bench.Fleet{N: size, Generation: 1}
				n, changed := created.N, updated.Updated()
				if changed != (size+9)/10 {
					t.Fatalf("the fleet of %d changes %d objects, want %d", n, changed, (size+9)/10)
				}
				refresh := created.Refresh(!env.readings.ListsOmitFields)
				if size == callCountSmallFleet && refresh.String() != (bench.Calls{Reads: n}).String() {
					t.Fatalf("the small fleet's refresh is %s, want one read per object", refresh)
				}
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					CheckDestroy: resource.ComposeTestCheckFunc(
						env.checkDestroyed("gateway_configuration"), env.checkDestroyed("webhook_endpoint")),
					Steps: env.callCountSteps(countedFleet{
						created: created.HCL(), updated: updated.HCL(), n: n, changed: changed, catalogPages: 1, refresh: refresh,
						createdStored: env.fleetStored(created), updatedStored: env.fleetStored(updated),
					}),
				})
			})
		})
	}
}

// countedFleet is what a call-count test applies: the configuration before
// and after its update, the number of objects and of those the update
// changes, the catalog pages each walk that plans a create reads, the calls
// of one refresh of the objects (bench.Refresh), and the checks of what the
// emulator holds after each apply.
type countedFleet struct {
	created, updated             string
	n, changed                   int
	catalogPages                 int
	refresh                      bench.Calls
	createdStored, updatedStored resource.TestCheckFunc
}

// callCountSteps are the steps of a call-count test (see
// TestAccCallCounts_fleet for how each command is counted): apply from
// empty, a no-change plan, the update, the destroy.
func (e *testEnv) callCountSteps(f countedFleet) []resource.TestStep {
	n, changed := f.n, f.changed
	return []resource.TestStep{
		{ // apply from empty: one create per object
			PreConfig: e.resetCalls,
			Config:    e.config(f.created),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				tallyCheck{e, "plan from empty", e.configured(1, bench.Calls{CatalogPages: f.catalogPages})},
			}},
			Check: resource.ComposeTestCheckFunc(
				func(*terraform.State) error {
					return e.expectTally("apply from empty", e.configured(2, bench.Calls{Creates: n, CatalogPages: 2 * f.catalogPages}))
				},
				f.createdStored,
			),
		},
		{ // no-change plan: the refresh, nothing else
			PreConfig: e.resetCalls,
			Config:    e.config(f.created),
			PlanOnly:  true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPreRefresh: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
					tallyCheck{e, "plan -refresh=false", e.configured(1, bench.Calls{})},
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
					tallyCheck{e, "no-change plan", e.configured(2, f.refresh)},
				},
			},
		},
		{ // the update: the refresh, then one update each
			PreConfig: e.resetCalls,
			Config:    e.config(f.updated),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				tallyCheck{e, "plan of the update", e.configured(1, f.refresh)},
			}},
			Check: resource.ComposeTestCheckFunc(
				func(*terraform.State) error {
					return e.expectTally("apply of the update", e.configured(2, f.refresh.Plus(bench.Calls{Updates: changed})))
				},
				f.updatedStored,
			),
		},
		{ // destroy: the refresh, then one delete each
			PreConfig: e.resetCalls,
			Config:    e.config(f.updated),
			Destroy:   true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					tallyCheck{e, "plan -destroy", e.configured(2, f.refresh)},
				},
				PostApplyPreRefresh: []plancheck.PlanCheck{
					tallyCheck{e, "destroy", e.configured(3, f.refresh.Plus(bench.Calls{Deletes: n}))},
				},
			},
		},
	}
}

// fleetStored checks that the emulator holds the fleet as configured.
func (e *testEnv) fleetStored(f bench.Fleet) func(*terraform.State) error {
	return func(*terraform.State) error { return f.Stored(e.emu.ProcessOut, e.emu.ProjectID) }
}

// TestAccCallCounts_catalogShared: the processout_gateways data source and
// the plan-time check of a new gateway configuration share the provider's
// one read of the catalog.
func TestAccCallCounts_catalogShared(t *testing.T) {
	env := newTestEnv(t, transportDirect, emulatorConfigDefault())
	env.skipWhereUnserved("gateway catalog")
	fleet := bench.Fleet{N: 1}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: env.resetCalls,
			Config:    env.config("data \"processout_gateways\" \"cards\" {\n  tag = \"credit-card\"\n}\n" + fleet.HCL()),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				tallyCheck{env, "plan", env.configured(1, bench.Calls{CatalogPages: 1})},
			}},
			Check: func(*terraform.State) error {
				// The apply walk checks the new configuration again, with a
				// catalog of its own: the data source is not read again.
				return env.expectTally("apply", env.configured(2, bench.Calls{Creates: 1, CatalogPages: 2}))
			},
		}},
	})
}
