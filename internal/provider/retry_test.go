package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/processout/terraform-provider-processout/internal/emulator/faults"
)

// withRevokedKey makes the block's ProcessOut credentials ones ProcessOut
// refuses: a wrong project secret for the direct transport, a connection
// holding a revoked key for Membrane.
func (e *testEnv) withRevokedKey(block string) string {
	if e.transport == transportDirect {
		return strings.Replace(block, fmt.Sprintf("%q", e.emu.Project.Secret), `"key-revoked-in-the-dashboard"`, 1)
	}
	revoked := e.emu.Connection
	revoked.ID, revoked.Name, revoked.ProjectSecret = "", "ProcessOut (revoked key)", "key-revoked-in-the-dashboard"
	revoked = e.emu.Membrane.AddConnection(revoked)
	return strings.Replace(block, fmt.Sprintf("%q", e.emu.Connection.ID), fmt.Sprintf("%q", revoked.ID), 1)
}

// front stands in front of an emulator port and answers the requests for
// one method and path suffix itself, as ProcessOut would in cases the
// emulator cannot reach on its own: a 403 for a restricted key, a 404 on
// create for a gateway withdrawn between plan and apply. Everything else
// goes through to the emulator.
type front struct {
	url  string
	hits atomic.Int32
}

func newFront(t *testing.T, target, method, pathSuffix string, status int, body string) *front {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	f := &front{}
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != method || !strings.HasSuffix(r.URL.Path, pathSuffix) {
			proxy.ServeHTTP(w, r)
			return
		}
		f.hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

// apiURL is the URL the transport in use talks to.
func (e *testEnv) apiURL() string {
	if e.transport == transportDirect {
		return e.emu.ProcessOutURL
	}
	return e.emu.MembraneURL
}

const (
	revokedWebhook = `resource "processout_webhook_endpoint" "test" {
  url = "https://hooks.example.com/never-created"
}
`
	// Both values pass the plan-time checks (the keys are stripe's, the
	// sub-account is a well-formed name), only ProcessOut knows better.
	invalidStripe = `resource "processout_gateway_configuration" "test" {
  gateway_name         = "stripe"
  sub_accounts_enabled = ["not-a-gateway"]
  settings             = { secret_key = "sk_test", public_key = "pk_test", merchant_account_country = "ZZ" }
}
`
	validStripe = `resource "processout_gateway_configuration" "test" {
  gateway_name = "stripe"
  settings     = { secret_key = "sk_test", public_key = "pk_test" }
}
`
)

// TestAccNonRetryableAnswers: ProcessOut's 400, 401, 403 and 404 answers to
// a create are final. The provider sends the create once, creates nothing,
// and the user reads ProcessOut's message and the fields it names.
func TestAccNonRetryableAnswers(t *testing.T) {
	cases := []struct {
		name     string
		config   string
		path     string // ProcessOut path of the create
		revoked  bool   // credentials ProcessOut refuses
		status   int    // answered by a front instead of the emulator; 0 = the emulator answers
		body     string
		want     []string
		wantKind string
	}{
		{
			name: "400 validation", config: invalidStripe, path: "/gateways/stripe/gateway-configurations",
			want: []string{
				"ProcessOut rejected settings.merchant_account_country: The setting merchant_account_country must be an ISO 3166-1 alpha-2 country code.",
				`ProcessOut rejected sub_accounts_enabled[0]: The sub-account "not-a-gateway" is not a known gateway.`,
				"(request.validation.invalid-settings)",
			},
			wantKind: "gateway_configuration",
		},
		{
			name: "401 credentials refused", config: revokedWebhook, path: "/webhook-endpoints", revoked: true,
			want: []string{
				"ProcessOut answered 401 request.authentication.invalid to webhook_endpoint.create: Could not read your project ID.",
				"ProcessOut did not accept the credentials",
			},
			wantKind: "webhook_endpoint",
		},
		{
			name: "403 restricted key", config: revokedWebhook, path: "/webhook-endpoints", status: http.StatusForbidden,
			body: `{"success":false,"error_type":"request.forbidden","message":"This API key may not manage webhook endpoints."}`,
			want: []string{
				"ProcessOut answered 403 request.forbidden to webhook_endpoint.create: This API key may not manage webhook endpoints.",
				"ProcessOut did not accept the credentials",
			},
			wantKind: "webhook_endpoint",
		},
		{
			name: "404 on create", config: validStripe, path: "/gateways/stripe/gateway-configurations", status: http.StatusNotFound,
			body: `{"success":false,"error_type":"resource.gateway.not-found","message":"The gateway could not be found."}`,
			want: []string{
				"ProcessOut answered 404 resource.gateway.not-found to gateway_configuration.create: The gateway could not be found.",
			},
			wantKind: "gateway_configuration",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			eachTransport(t, func(t *testing.T, env *testEnv) {
				if tc.revoked && env.transport == transportDirect {
					t.Skip("a refused project secret stops the direct transport at plan, before any create: " +
						"TestAccPlanChecks_directCredentials checks that diagnostic and that nothing is sent")
				}
				block := env.unroutedBlockVia(5, "")
				var f *front
				if tc.status != 0 {
					f = newFront(t, env.apiURL(), http.MethodPost, tc.path, tc.status, tc.body)
					block = env.unroutedBlockVia(5, f.url)
				}
				if tc.revoked {
					block = env.withRevokedKey(block)
				}
				steps := make([]resource.TestStep, 0, len(tc.want))
				for _, want := range tc.want {
					// One step per expected text: each is matched on its own
					// wherever the CLI wraps it. Each step is a new apply.
					steps = append(steps, resource.TestStep{Config: block + tc.config, ExpectError: errorText(want)})
				}
				resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})

				// One attempt per apply, never a retry.
				attempts := env.calls(http.MethodPost, tc.path)
				if f != nil {
					attempts = int(f.hits.Load())
				}
				if attempts != len(steps) {
					t.Errorf("%d create attempts for %d applies: a %s answer must not be retried", attempts, len(steps), tc.name)
				}
				if objs := env.objects(tc.wantKind); len(objs) != 0 {
					t.Errorf("the refused create left %d %s objects: %v", len(objs), tc.wantKind, objs)
				}
			})
		})
	}
}

// TestAccPersistentFailureGivesUp: a create that meets a 503 (or a reset
// connection) on every attempt stops after max_retries+1 attempts with a
// diagnostic that says so, and creates nothing.
func TestAccPersistentFailureGivesUp(t *testing.T) {
	const maxRetries = 2
	gaveUp := fmt.Sprintf("gave up after %d attempts", maxRetries+1)
	for name, tc := range map[string]struct {
		kind faults.Kind
		want []string // in the order the diagnostic gives them
	}{
		"503": {faults.Status503, []string{"ProcessOut answered 503 to webhook_endpoint.create: Service Unavailable", gaveUp,
			"Running the same command again is safe: it makes no second object."}},
		"connection reset": {faults.Reset, []string{"webhook_endpoint.create: " + gaveUp + " over"}},
	} {
		t.Run(name, func(t *testing.T) {
			eachTransport(t, func(t *testing.T, env *testEnv) {
				env.skipUnroutedLostCreate("a create that gives up on " + name)
				env.emu.Faults.Add(faults.Rule{Method: http.MethodPost, Kind: tc.kind, Probability: 1})
				patterns := make([]string, len(tc.want))
				for i, w := range tc.want {
					patterns[i] = errorText(w).String()
				}
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					Steps: []resource.TestStep{{
						Config:      env.unroutedBlockVia(maxRetries, "") + revokedWebhook,
						ExpectError: regexp.MustCompile(strings.Join(patterns, `(.|\n)*`)),
					}},
				})
				// A 503 is seen by the client each time. A reset on a
				// reused keep-alive connection may also be resent by
				// net/http on its own, unseen by the retry loop (whose
				// count the diagnostic gives): the emulator may see more.
				n := env.emu.Faults.Injected()[tc.kind]
				if n != maxRetries+1 && (tc.kind != faults.Reset || n < maxRetries+1 || n > 2*(maxRetries+1)) {
					t.Errorf("the emulator saw %d create attempts, want max_retries+1 = %d", n, maxRetries+1)
				}
				if n := len(env.objects("webhook_endpoint")); n != 0 {
					t.Errorf("%d webhook endpoints were created", n)
				}
			})
		})
	}
}
