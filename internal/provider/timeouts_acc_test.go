package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// slowFront stands in front of an emulator port and, while slow, answers
// the requests for one method and path suffix late: after delay, or never
// when the client gives up first. commitFirst passes the request on at
// once (ProcessOut makes the object, its answer is late); otherwise it is
// passed on only after the delay (ProcessOut is slow to start).
type slowFront struct {
	url  string
	hits atomic.Int32
	slow atomic.Bool
}

func newSlowFront(t *testing.T, target, method, pathSuffix string, delay time.Duration, commitFirst bool) *slowFront {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	f := &slowFront{}
	f.slow.Store(true)
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !f.slow.Load() || r.Method != method || !strings.HasSuffix(r.URL.Path, pathSuffix) {
			proxy.ServeHTTP(w, r)
			return
		}
		f.hits.Add(1)
		if !commitFirst {
			if clientStays(r, delay) {
				proxy.ServeHTTP(w, r)
			}
			return
		}
		rec := httptest.NewRecorder()
		proxy.ServeHTTP(rec, r.WithContext(context.WithoutCancel(r.Context())))
		if clientStays(r, delay) {
			for k, vs := range rec.Header() {
				w.Header()[k] = vs
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
		}
	}))
	t.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

// clientStays waits d and reports whether the client is still there.
func clientStays(r *http.Request, d time.Duration) bool {
	select {
	case <-time.After(d):
		return true
	case <-r.Context().Done():
		return false
	}
}

// TestAccTimeoutsCreate: a create that outlasts timeouts.create fails
// naming the limit, and leaves nothing ProcessOut holds untracked: what the
// API made is found again by the next apply through the create's
// placeholder, and what it did not make is created then; either way one
// object, the one in state, and an empty plan.
func TestAccTimeoutsCreate(t *testing.T) {
	for name, commitFirst := range map[string]bool{"slow before the commit": false, "late answer after the commit": true} {
		t.Run(name, func(t *testing.T) {
			eachTransport(t, func(t *testing.T, env *testEnv) {
				f := newSlowFront(t, env.apiURL(), http.MethodPost, "/gateways/stripe/gateway-configurations", 8*time.Second, commitFirst)
				block := env.blockVia(3, f.url, env.unservedRouting())
				var secondApply time.Time
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					CheckDestroy:             env.checkDestroyed("gateway_configuration"),
					Steps: []resource.TestStep{
						{
							Config: block + stripeWithTimeouts(`{ create = "2s" }`),
							ExpectError: errorTexts("Cannot create the gateway configuration", "The attempt is recorded in state",
								`The create ran out of time: timeouts.create = "2s"`, `did not finish within timeouts.create (2s, set in this resource's timeouts)`),
						},
						{
							PreConfig: func() {
								want := 0
								if commitFirst {
									want = 1
								}
								if n := len(env.objects("gateway_configuration")); n != want {
									t.Errorf("the emulator holds %d gateway configurations after the timed-out create, want %d", n, want)
								}
								if n := f.hits.Load(); n != 1 {
									t.Errorf("%d create attempts, want 1: none may start after the deadline", n)
								}
								f.slow.Store(false)
								secondApply = time.Now()
							},
							Config: block + stripeWithTimeouts(`{ create = "2m" }`),
							Check: func(s *terraform.State) error {
								objs := env.objects("gateway_configuration")
								id := s.RootModule().Resources[stripeAddr].Primary.ID
								if len(objs) != 1 || idOf(objs[0]) != id {
									return fmt.Errorf("the emulator holds %v, want exactly the configuration in state (%s)", objs, id)
								}
								if took := time.Since(secondApply); took > time.Minute {
									return fmt.Errorf("the second apply took %s", took)
								}
								return nil
							},
							ConfigStateChecks: []statecheck.StateCheck{
								statecheck.ExpectKnownValue(stripeAddr, tfjsonpath.New("timeouts").AtMapKey("create"), knownvalue.StringExact("2m")),
							},
							ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						},
					},
				})
			})
		})
	}
}

// TestAccTimeouts_importedProject: an import leaves timeouts null, and
// adding a timeouts attribute to a project imported without its private key
// is applied without any call to ProcessOut (it could not authenticate
// one), with an empty plan after.
func TestAccTimeouts_importedProject(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		id, key := env.createSupervisedOutOfBand("Seller with timeouts")
		withTimeouts := func(privateKey string) string {
			config := importedProjectConfig(id, "Seller with timeouts", privateKey)
			end := strings.LastIndex(config, "}")
			return config[:end] + "  timeouts = { read = \"5m\", update = \"10m\" }\n" + config[end:]
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.supervisedDestroyed,
			Steps: []resource.TestStep{
				{
					Config: env.config(importedProjectConfig(id, "Seller with timeouts", "")),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("timeouts"), knownvalue.Null()),
					},
				},
				{
					PreConfig: env.emu.ProcessOut.ResetRequests,
					Config:    env.config(withTimeouts("")),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("timeouts").AtMapKey("read"), knownvalue.StringExact("5m")),
						statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("private_key"), knownvalue.Null()),
					},
					Check: func(*terraform.State) error {
						if n := env.calls(http.MethodPut, "/projects/") + env.calls(http.MethodPost, "/projects"); n > 0 {
							return fmt.Errorf("%d writes to projects for a change of the timeouts alone", n)
						}
						return env.supervisorIntact()
					},
				},
				{ // with its key, the project can be destroyed at the end
					Config: env.config(withTimeouts(key)),
					Check:  env.supervisedNamed("Seller with timeouts"),
				},
			},
		})
	})
}

// stripeWithTimeouts is a Stripe configuration with a timeouts attribute.
func stripeWithTimeouts(timeouts string) string {
	config := stripeConfig("Stripe, timed", "EEA", sensitiveCredentials("sk_test_timed"))
	end := strings.LastIndex(config, "}")
	return config[:end] + fmt.Sprintf("  timeouts = %s\n", timeouts) + config[end:]
}
