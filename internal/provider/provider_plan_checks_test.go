package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/processout/terraform-provider-processout/internal/bench"
	"github.com/processout/terraform-provider-processout/internal/emulator/faults"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/membrane"
)

// Mistakes in the provider configuration that Configure catches once per
// provider process, so that the plan stops before anything is sent, instead
// of an apply stopping halfway.

// wantAll matches every part, in this order, with anything between them,
// however the CLI wrapped the lines.
func wantAll(parts ...string) *regexp.Regexp {
	for i, p := range parts {
		parts[i] = errorText(p).String()
	}
	return regexp.MustCompile(strings.Join(parts, `[\s\S]*?`))
}

// nothingWritten checks the emulator after a plan that failed: it holds the
// objects it held before, and ProcessOut received no write at all.
func (e *testEnv) nothingWritten(before map[string]int) error {
	if err := e.expectCounts(before)(); err != nil {
		return err
	}
	for _, r := range e.emu.ProcessOut.Requests() {
		if r.Method != http.MethodGet {
			return fmt.Errorf("the failed plan sent %s %s to ProcessOut", r.Method, r.Path)
		}
	}
	return nil
}

// planChecksConfig declares one object of each kind the plan would create.
const planChecksConfig = revokedWebhook + validStripe

// TestAccPlanChecks_directCredentials: a project secret ProcessOut refuses
// stops the plan, on project_secret, naming both settings, their variables
// and the fix; the one call made is the credential check, which a 401 does
// not retry, and nothing is written. On the code before the check the plan
// passed and the apply failed on its first create.
func TestAccPlanChecks_directCredentials(t *testing.T) {
	env := newTestEnv(t, transportDirect, emulatorConfigDefault())
	before := env.objectCounts()
	env.resetCalls()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.withRevokedKey(env.providerBlock()) + planChecksConfig,
			ExpectError: wantAll("ProcessOut refused the project credentials",
				"ProcessOut answered 401 request.authentication.invalid to project.read",
				fmt.Sprintf("ProcessOut refused project %q (project_id) with the secret of project_secret, so nothing was planned or changed.", env.emu.Project.ProjectID),
				"Set project_secret (or PROCESSOUT_PROJECT_SECRET) to the secret of an API key of that project",
				"check project_id (or PROCESSOUT_PROJECT_ID): a sandbox project's ID carries the test- prefix"),
		}},
	})
	if err := env.nothingWritten(before); err != nil {
		t.Error(err)
	}
	want := []string{"GET /projects/{project_id} 401"}
	var got []string
	for _, r := range env.emu.ProcessOut.Requests() {
		got = append(got, fmt.Sprintf("%s %s %d", r.Method, r.Path, r.Status))
	}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("ProcessOut received %v, want only the credential check, once: %v", got, want)
	}
}

// TestAccPlanChecks_directCredentialsRetried: the credential check follows
// max_retries like every call. Two reset connections are retried and the
// run goes on; a check that never gets an answer stops the plan with the
// setting to check, before any other call.
func TestAccPlanChecks_directCredentialsRetried(t *testing.T) {
	const read = "data \"processout_gateway_configurations\" \"all\" {}\n"
	t.Run("recovers", func(t *testing.T) {
		env := newTestEnv(t, transportDirect, emulatorConfigDefault())
		env.emu.Faults.Add(faults.Rule{Method: http.MethodGet, PathPrefix: "/projects/", Kind: faults.Reset, Probability: 1, MaxCount: 2})
		env.resetCalls()
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps:                    []resource.TestStep{{Config: env.providerBlock() + read}},
		})
		if n := env.emu.Faults.Injected()[faults.Reset]; n != 2 {
			t.Errorf("%d resets injected, want 2", n)
		}
		if n := env.calls(http.MethodGet, "/gateway-configurations"); n == 0 {
			t.Error("the data source was never read: the retried check did not let the run go on")
		}
	})
	t.Run("gives up", func(t *testing.T) {
		env := newTestEnv(t, transportDirect, emulatorConfigDefault())
		env.emu.Faults.Add(faults.Rule{Method: http.MethodGet, PathPrefix: "/projects/", Kind: faults.Reset, Probability: 1})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: env.unroutedBlockVia(2, "") + read,
				ExpectError: wantAll("Cannot reach ProcessOut", "project.read: gave up after 3 attempts",
					"Check processout_api_url (or PROCESSOUT_API_URL): it must be ProcessOut's API, https://api.processout.com"),
			}},
		})
		if n := env.calls(http.MethodGet, "/gateway-configurations"); n != 0 {
			t.Errorf("%d reads of the data source after the check gave up", n)
		}
	})
}

// actionID is the id Membrane gives the action with this key.
func (e *testEnv) actionID(t *testing.T, key string) string {
	t.Helper()
	base, err := url.Parse(e.emu.MembraneURL)
	if err != nil {
		t.Fatal(err)
	}
	mc := membrane.NewClient(base, membrane.StaticToken(e.emu.Token), httpx.New(httpx.DefaultPolicy(), e.emu.Token), "acceptance-test")
	actions, err := mc.ListActions(context.Background(), e.emu.Connection.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actions {
		if a.Key == key {
			return a.ID
		}
	}
	t.Fatalf("the emulator has no action %q", key)
	return ""
}

// TestAccPlanChecks_membraneActionTypos: routed actions the connection does
// not have stop the plan, each on its membrane_actions key, naming the
// operation, the action, the closest keys and how to list them; the routes
// that exist (by key, by "<integration>.<key>", by id) pass. Membrane was
// asked for the connection and its actions once each, no action ran and
// nothing reached ProcessOut. On the code before the check the plan passed
// and the apply failed on the create's action run; the misspelt delete would
// only have failed at destroy.
func TestAccPlanChecks_membraneActionTypos(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	routes := fmt.Sprintf(`  membrane_actions = {
    "webhook_endpoint.create" = "crate-webhook-endpoint"
    "webhook_endpoint.read"   = "processout.get-webhook-endpoint"
    "webhook_endpoint.update" = %q
    "webhook_endpoint.delete" = "delete-webhook-endpiont"
  }
`, env.actionID(t, "update-webhook-endpoint"))
	before := env.objectCounts()
	env.resetCalls()
	unknown := func(op, action, closest string) *regexp.Regexp {
		return wantAll("Unknown Membrane action in membrane_actions",
			fmt.Sprintf("membrane_actions routes %s to %q, but the Membrane connection %s has no action with that key or id, so %s would fail when it runs",
				op, action, env.emu.Connection.ID, op),
			fmt.Sprintf("Closest action keys on the connection: %q,", closest),
			"The processout_membrane_actions data source lists the connection's actions and their keys",
			fmt.Sprintf("(or `membrane action list --connectionId %s --json`)", env.emu.Connection.ID))
	}
	config := env.membraneBlock(env.tokenAndConnection()+routes) + revokedWebhook
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, ExpectError: unknown("webhook_endpoint.create", "crate-webhook-endpoint", "create-webhook-endpoint")},
			{Config: config, ExpectError: unknown("webhook_endpoint.delete", "delete-webhook-endpiont", "delete-webhook-endpoint")},
		},
	})
	if err := env.nothingWritten(before); err != nil {
		t.Error(err)
	}
	if runs := env.actionRuns(); len(runs) != 0 {
		t.Errorf("actions ran: %v", runs)
	}
	// Two plans, each configuring the provider once.
	if got, want := env.tally(), (bench.Calls{ConnectionReads: 2, ActionLists: 2}); got.String() != want.String() {
		t.Errorf("calls\n  got  %s\n  want %s", got, want)
	}
}

// TestAccPlanChecks_membraneActionsCheckedOncePerProcess: a configuration
// whose routes all exist plans and applies as before, at the cost of one
// action list each time the CLI configures the provider.
func TestAccPlanChecks_membraneActionsCheckedOncePerProcess(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	config := env.membraneBlock(env.tokenAndConnection()+webhookActions) + revokedWebhook
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkDestroyed(processoutapi.KindWebhookEndpoint),
		Steps: []resource.TestStep{{
			PreConfig: env.resetCalls,
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				tallyCheck{env, "plan", bench.Calls{ConnectionReads: 1, ActionLists: 1}},
			}},
			Check: resource.ComposeTestCheckFunc(
				func(*terraform.State) error {
					return env.expectTally("apply", bench.Calls{Creates: 1, ConnectionReads: 2, ActionLists: 2})
				},
				func(*terraform.State) error {
					if runs := env.actionRuns(); runs["create-webhook-endpoint"] != 1 {
						return fmt.Errorf("action runs %v, want one create-webhook-endpoint", runs)
					}
					return nil
				},
			),
		}},
	})
}
