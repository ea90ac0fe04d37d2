package provider

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/processout/terraform-provider-processout/internal/emulator/faults"
)

const lostGateway = `resource "processout_gateway_configuration" "test" {
  gateway_name     = "sandbox"
  name             = "lost answer"
  default_currency = "EUR"
}
`

const lostWebhook = `resource "processout_webhook_endpoint" "test" {
  url              = "https://hooks.example.com/lost-answer"
  events_whitelist = ["transaction.captured", "invoice.created"]
}
`

// lostProduct's amount is one ProcessOut may answer in another spelling
// ("25.5000" under the AmountsReformatted reading): the lost create must be
// found all the same.
const lostProduct = `resource "processout_product" "test" {
  name       = "lost answer"
  amount     = "25.50"
  currency   = "EUR"
  metadata   = { sku = "LOST-1" }
  return_url = "https://shop.example.com/thanks"
}
`

// lostCreateCases are the kinds whose lost create is taken over: the
// configuration, the emulator kind, the resource address and the object
// named in the diagnostic.
var lostCreateCases = []struct{ kind, config, address, object string }{
	{"gateway_configuration", lostGateway, "processout_gateway_configuration.test", "gateway configuration"},
	{"webhook_endpoint", lostWebhook, "processout_webhook_endpoint.test", "webhook endpoint"},
	{"product", lostProduct, "processout_product.test", "product"},
}

// TestAccLostCreateAnswer: every answer to a create is lost after ProcessOut
// made the object (commit_then_fail on every write, max_retries = 1). The
// next apply, with the faults gone, must end with exactly one object, the
// one in state: the first is found again (by listing, not by replaying its
// key) and replaced. The same holds when the next apply comes after the
// idempotency replay window (ProcessOut's clock moved 25 hours on, past
// both the optimistic 24 hours and the worst reading's minute), where a
// replay would have made a second object. The destroy then leaves none.
// On main's code (before lost_create.go) the first apply drops the
// resource, and the second creates another object: two on the emulator.
func TestAccLostCreateAnswer(t *testing.T) {
	for _, c := range lostCreateCases {
		for name, skip := range map[string]time.Duration{"within the replay window": 0, "after the replay window": 25 * time.Hour} {
			t.Run(c.kind+"/"+name, func(t *testing.T) {
				testLostCreateAnswer(t, c.kind, c.config, c.address, c.object, skip)
			})
		}
	}
}

func testLostCreateAnswer(t *testing.T, kind, config, address, object string, skip time.Duration) {
	var offset atomic.Int64
	cfg := emulatorConfigDefault()
	cfg.Now = func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	env := newTestEnv(t, transportMembrane, cfg)
	var lostKey string
	var lostKeyUses int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					env.emu.Faults.Add(faults.Rule{Kind: faults.CommitThenFail, Method: http.MethodPost, Probability: 1})
				},
				Config:      env.providerBlockRetries(1) + config,
				ExpectError: errorText("ProcessOut may have made the " + object + " before its answer was lost"),
			},
			{
				PreConfig: func() {
					env.emu.Faults.Clear()
					if objs := env.objects(kind); len(objs) != 1 {
						t.Errorf("after the lost create the emulator holds %d %s objects, want 1", len(objs), kind)
					}
					lostKey = firstCreateKey(env)
					lostKeyUses = keyUses(env, lostKey) // the attempts, and any net/http resent on its own
					offset.Store(int64(skip))
				},
				Config: env.providerBlockRetries(1) + config,
				Check: resource.ComposeAggregateTestCheckFunc(
					func(st *terraform.State) error {
						objs := env.objects(kind)
						if len(objs) != 1 {
							return fmt.Errorf("the emulator holds %d %s objects after the second apply, want exactly 1 (no duplicate, no orphan): %v", len(objs), kind, objs)
						}
						return resource.TestCheckResourceAttr(address, "id", idOf(objs[0]))(st)
					},
					func(*terraform.State) error {
						if n := keyUses(env, lostKey); n != lostKeyUses || n == 0 {
							return fmt.Errorf("the lost create's key %q was sent %d times, %d in the first apply: recovery must not replay it", lostKey, n, lostKeyUses)
						}
						return nil
					},
				),
			},
		},
		CheckDestroy: env.checkDestroyed(kind),
	})
}

// TestAccLostCreateAnswer_project: a supervised project whose create answer
// was lost cannot be taken over (its private key came only in that answer):
// the next apply stops and names it, no second project is made, and once it
// is deleted in the dashboard the apply after creates the declared one.
func TestAccLostCreateAnswer_project(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	config := func() string {
		return env.providerBlockRetries(1) + `resource "processout_project" "test" {
  name = "lost answer project"
}
`
	}
	projects := func() []map[string]any {
		var out []map[string]any
		for _, p := range env.objects("project") {
			if p["name"] == "lost answer project" {
				out = append(out, p)
			}
		}
		return out
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					env.emu.Faults.Add(faults.Rule{Kind: faults.CommitThenFail, Method: http.MethodPost, Probability: 1})
				},
				Config:      config(),
				ExpectError: errorText("ProcessOut may have made the project before its answer was lost"),
			},
			{
				PreConfig:   func() { env.emu.Faults.Clear() },
				Config:      config(),
				ExpectError: errorText("ProcessOut made the supervised project"),
			},
			{
				PreConfig: func() {
					found := projects()
					if len(found) != 1 {
						t.Errorf("after the refused apply the emulator holds %d such projects, want 1 (no second one)", len(found))
					}
					for _, p := range found { // the user deletes it in the dashboard
						env.emu.ProcessOut.DeleteObject("project", idOf(p))
					}
				},
				Config: config(),
				Check: func(st *terraform.State) error {
					found := projects()
					if len(found) != 1 {
						return fmt.Errorf("the emulator holds %d such projects, want 1", len(found))
					}
					return resource.TestCheckResourceAttr("processout_project.test", "id", idOf(found[0]))(st)
				},
			},
		},
	})
}

// firstCreateKey is the Idempotency-Key of the first POST ProcessOut saw.
func firstCreateKey(env *testEnv) string {
	for _, r := range env.emu.ProcessOut.Requests() {
		if r.Method == http.MethodPost {
			return r.IdempotencyKey
		}
	}
	return ""
}

// keyUses counts the requests ProcessOut saw with key.
func keyUses(env *testEnv, key string) int {
	n := 0
	for _, r := range env.emu.ProcessOut.Requests() {
		if key != "" && r.IdempotencyKey == key {
			n++
		}
	}
	return n
}
