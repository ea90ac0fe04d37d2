package provider

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/processout/terraform-provider-processout/internal/emulator/faults"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// The natural idempotency of caller-chosen IDs (caller_id_create.go): a
// create whose answer is lost, or that meets an object with its ID, reads
// that object and takes it only when it is the one declared.

// callerIDCase is one kind with caller-chosen IDs, as these tests use it.
type callerIDCase struct {
	kind, collection, address, object, id string
	createAction, getAction               string // the actions the unserved-routes reading routes to
	config                                string
	// makeOther makes, out of band, an object with the config's ID and the
	// differing value named by otherField ("amount: … \"19.99\"").
	makeOther  func(ctx context.Context, api *processout.Client) error
	otherField string
	// makeSame makes, out of band, the object the config declares.
	makeSame func(ctx context.Context, api *processout.Client) error
}

var callerIDCases = []callerIDCase{
	{
		kind: processoutapi.KindPlan, collection: "plans", address: planAddr, object: "plan", id: "silver-plan",
		createAction: "create-plan", getAction: "get-plan",
		config: silverPlan([2]string{"trial_period", `"1w"`}),
		makeOther: func(ctx context.Context, api *processout.Client) error {
			_, err := api.CreatePlan(ctx, processout.PlanInput{ID: "silver-plan", Amount: "19.99", Currency: "USD", Interval: "1m",
				PlanUpdate: processout.PlanUpdate{Name: "Silver (dashboard)", TrialPeriod: new("1w")}})
			return err
		},
		otherField: `amount: this configuration declares "9.99", ProcessOut holds "19.99"`,
		makeSame: func(ctx context.Context, api *processout.Client) error {
			_, err := api.CreatePlan(ctx, processout.PlanInput{ID: "silver-plan", Amount: "9.990", Currency: "USD", Interval: "1m",
				PlanUpdate: processout.PlanUpdate{Name: "Silver", TrialPeriod: new("1w")}})
			return err
		},
	},
	{
		kind: processoutapi.KindCoupon, collection: "coupons", address: couponAddr, object: "coupon", id: "spring25",
		createAction: "create-coupon", getAction: "get-coupon",
		config: hclResource("processout_coupon", [2]string{"id", `"spring25"`}, [2]string{"percent_off", "25"}, [2]string{"iteration_count", "3"}),
		makeOther: func(ctx context.Context, api *processout.Client) error {
			_, err := api.CreateCoupon(ctx, processout.CouponInput{ID: "spring25", PercentOff: new(int64(50)), IterationCount: 3})
			return err
		},
		otherField: `percent_off: this configuration declares "25", ProcessOut holds "50"`,
		makeSame: func(ctx context.Context, api *processout.Client) error {
			_, err := api.CreateCoupon(ctx, processout.CouponInput{ID: "spring25", PercentOff: new(int64(25)), IterationCount: 3})
			return err
		},
	},
}

// faultPath is where a call of the provider first meets the fault
// injector: ProcessOut's own path for the direct transport, Membrane's
// proxy, or, under the unserved-routes reading, the action run.
func (e *testEnv) faultPath(path, action string) string {
	switch {
	case e.transport == transportDirect:
		return path
	case e.readings.UnservedRoutes:
		return "/actions/" + action + "/run"
	}
	return "/connections/" + e.emu.Connection.ID + "/proxy" + path
}

// createsCarriedOut counts the creates of collection ProcessOut carried
// out: its POSTs that succeeded and were not the replay of an earlier
// one's answer.
func (e *testEnv) createsCarriedOut(collection string) int {
	n := 0
	for _, r := range e.emu.ProcessOut.Requests() {
		if r.Method == http.MethodPost && r.Path == "/"+collection && r.Status == http.StatusOK && !r.Replayed {
			n++
		}
	}
	return n
}

// tracksOnly checks that the emulator holds exactly one object of the case,
// the one in state, and that ProcessOut carried out creates creates of it.
func (e *testEnv) tracksOnly(c callerIDCase, creates int) func(*terraform.State) error {
	return func(s *terraform.State) error {
		if err := e.storedOnly(c.kind, c.address, map[string]any{"id": c.id})(s); err != nil {
			return err
		}
		if n := e.createsCarriedOut(c.collection); n != creates {
			return fmt.Errorf("ProcessOut carried out %d creates of %s, want %d", n, c.collection, creates)
		}
		return nil
	}
}

// Every answer to the create is lost after ProcessOut made the object
// (commit_then_fail on each attempt, max_retries = 1): the read of its ID
// that follows finds it, with the declared values, and the apply succeeds
// with it in state. One create was carried out; the retry was a replay.
// Without the read (an error, as lost_create.go reports for kinds whose ID
// ProcessOut chooses) this apply failed.
func TestAccCallerIDCreate_lostAnswerTakenAtOnce(t *testing.T) {
	for _, c := range callerIDCases {
		t.Run(c.object, func(t *testing.T) {
			eachTransport(t, func(t *testing.T, env *testEnv) {
				env.skipWhereUnserved(c.collection)
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					CheckDestroy:             env.checkDestroyed(c.kind),
					Steps: []resource.TestStep{{
						PreConfig: func() {
							env.emu.Faults.Add(faults.Rule{Kind: faults.CommitThenFail, Method: http.MethodPost,
								PathPrefix: env.faultPath("/"+c.collection, c.createAction), Probability: 1})
						},
						Config: env.providerBlockRetries(1) + c.config,
						Check: resource.ComposeAggregateTestCheckFunc(
							env.tracksOnly(c, 1),
							func(*terraform.State) error {
								// net/http may resend a request carrying an
								// Idempotency-Key on its own after a reset.
								if n := env.emu.Faults.Injected()[faults.CommitThenFail]; n < 2 {
									return fmt.Errorf("%d answers were lost, want every attempt's (2 at least)", n)
								}
								env.emu.Faults.Clear()
								return nil
							},
						),
						ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					}},
				})
			})
		})
	}
}

// The create's answer is lost and the read that would find out fails too:
// the apply fails with nothing in state. The next apply's create (a new
// request, a new Idempotency-Key) meets "already exists", reads the object,
// finds the declared values and takes it: one object, the one in state.
func TestAccCallerIDCreate_lostAnswerTakenNextRun(t *testing.T) {
	for _, c := range callerIDCases {
		t.Run(c.object, func(t *testing.T) {
			eachTransport(t, func(t *testing.T, env *testEnv) {
				env.skipWhereUnserved(c.collection)
				readMethod := http.MethodGet
				if env.transport == transportMembrane && env.readings.UnservedRoutes {
					readMethod = http.MethodPost // an action run
				}
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					CheckDestroy:             env.checkDestroyed(c.kind),
					Steps: []resource.TestStep{
						{
							PreConfig: func() {
								env.emu.Faults.Add(faults.Rule{Kind: faults.CommitThenFail, Method: http.MethodPost,
									PathPrefix: env.faultPath("/"+c.collection, c.createAction), Probability: 1})
								env.emu.Faults.Add(faults.Rule{Kind: faults.Status503, Method: readMethod,
									PathPrefix: env.faultPath("/"+c.collection+"/", c.getAction), Probability: 1})
							},
							Config: env.providerBlockRetries(1) + c.config,
							ExpectError: errorText(fmt.Sprintf("ProcessOut may have made the %s before its answer was lost, and reading the %s %q to find out failed too",
								c.object, c.object, c.id)),
						},
						{
							PreConfig: func() {
								env.emu.Faults.Clear()
								if n := len(env.objects(c.kind)); n != 1 {
									t.Errorf("after the lost create the emulator holds %d %s objects, want 1", n, c.kind)
								}
							},
							Config:           env.providerBlockRetries(1) + c.config,
							Check:            env.tracksOnly(c, 1),
							ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						},
					},
				})
			})
		})
	}
}

// The ID is taken by another object, made in the dashboard with other
// values: the apply fails naming the difference and the way to import it,
// the object is left as it was, and nothing enters state.
func TestAccCallerIDCreate_takenByAnotherObject(t *testing.T) {
	for _, c := range callerIDCases {
		t.Run(c.object, func(t *testing.T) {
			eachTransport(t, func(t *testing.T, env *testEnv) {
				env.skipWhereUnserved(c.collection)
				var before []map[string]any
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					Steps: []resource.TestStep{
						{
							PreConfig: func() {
								if err := c.makeOther(t.Context(), env.api(t)); err != nil {
									t.Fatal(err)
								}
								before = env.objects(c.kind)
								env.resetCalls()
							},
							Config: env.config(c.config),
							ExpectError: wantText(fmt.Sprintf("A %s with this ID already exists … ProcessOut already holds a %s with the ID %q, with other values … %s … "+
								"It was not changed, and not taken into state. If it is the %s this configuration means, import it (`terraform import <address> %s`",
								c.object, c.object, c.id, c.otherField, c.object, c.id)),
						},
						{
							PreConfig: func() {
								if after := env.objects(c.kind); fmt.Sprint(after) != fmt.Sprint(before) {
									t.Errorf("the object changed:\nbefore %v\nafter  %v", before, after)
								}
								if n := env.createsCarriedOut(c.collection); n != 0 {
									t.Errorf("%d creates carried out", n)
								}
								if n := env.calls(http.MethodPut, "/"+c.collection); n != 0 {
									t.Errorf("%d updates sent", n)
								}
							},
							Config:           env.providerBlock(),
							PlanOnly:         true,
							ConfigPlanChecks: noResourceLeft(false),
						},
					},
				})
			})
		})
	}
}

// An object made elsewhere before this create, with exactly the declared
// values (an amount written "9.990" included), is taken into state with a
// warning that says so and how to let go of it.
func TestAccCallerIDCreate_sameObjectMadeEarlierWarns(t *testing.T) {
	cli := newCLIUnderTest(t)
	for _, c := range callerIDCases {
		t.Run(c.object, func(t *testing.T) {
			t.Parallel()
			var offset atomic.Int64
			cfg := emulatorConfigDefault()
			cfg.Now = func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
			env := newTestEnv(t, transportMembrane, cfg)
			offset.Store(int64(-time.Hour)) // made an hour ago
			if err := c.makeSame(t.Context(), env.api(t)); err != nil {
				t.Fatal(err)
			}
			offset.Store(0)
			made := env.objects(c.kind)
			w := cli.workspace(t, nil)
			w.writeConfig(env.providerBlock() + c.config)
			w.run("apply", []string{"apply", "-input=false", "-no-color", "-auto-approve"})
			output := w.artifact(t, "apply stdout") + w.artifact(t, "apply stderr")
			if want := fmt.Sprintf("Existing %s taken into state", c.object); !strings.Contains(output, want) ||
				!errorText(fmt.Sprintf("ProcessOut already held the %s %q, created at", c.object, c.id)).MatchString(output) {
				t.Errorf("the apply did not warn %q:\n%s", want, output)
			}
			if after := env.objects(c.kind); len(after) != 1 || after[0]["created_at"] != made[0]["created_at"] {
				t.Errorf("the emulator holds %v, want only the object made first %v", after, made)
			}
			if state := string(w.state("apply")); !strings.Contains(state, fmt.Sprintf(`"id": %q`, c.id)) {
				t.Errorf("the state does not track %s:\n%s", c.id, state)
			}
			w.run("destroy", []string{"destroy", "-input=false", "-no-color", "-auto-approve"})
			if n := len(env.objects(c.kind)); n != 0 {
				t.Errorf("%d objects left after destroy", n)
			}
		})
	}
}
