package provider

import (
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator/faults"
)

// Failing fast when the API is away, through the real CLI and a provider
// binary built as released (cli_test.go), one command timed at a time.

// failingPlan runs `plan` on a provider block and webhookList in a fresh
// workspace and returns its terminal output and how long it took; the
// plan must fail.
func failingPlan(t *testing.T, cli *cliUnderTest, block string, env map[string]string) (string, time.Duration) {
	t.Helper()
	w := cli.workspace(t, env)
	w.writeConfig(block + webhookList)
	start := time.Now()
	w.run("plan", []string{"plan", "-input=false", "-no-color"}, 1)
	return w.artifact(t, "plan stdout") + w.artifact(t, "plan stderr"), time.Since(start)
}

// apiLines are the provider block's lines that reach the API at url
// through the transport: Membrane's URL, or ProcessOut's for the direct
// transport.
func (e *testEnv) apiLines(url string) []string {
	if e.transport == transportDirect {
		return e.directLines(url)
	}
	return append(e.tokenLinesAt(url), attrLine("processout_api_url", e.emu.ProcessOutURL))
}

// apiSetting is the setting apiLines points at the URL.
func (e *testEnv) apiSetting() string {
	if e.transport == transportDirect {
		return "processout_api_url (or PROCESSOUT_API_URL)"
	}
	return "membrane_api_url (or MEMBRANE_API_URI)"
}

// cliSlack is what a CLI run costs beyond the provider's calls: starting
// the CLI and the provider, the schema, the configuration (a few seconds
// on a loaded machine).
const cliSlack = 10 * time.Second

// TestAccHungAPIFailsWithinTheRetryBudget: an API that accepts requests and
// never answers fails the run once retry_budget is spent, not after
// max_retries attempts of request_timeout each, with a diagnostic naming
// the budget; no attempt starts that the budget cannot give a second to.
func TestAccHungAPIFailsWithinTheRetryBudget(t *testing.T) {
	cli := newCLIUnderTest(t)
	const budget = 3 * time.Second
	for _, tr := range transports {
		t.Run(string(tr), func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, tr, emulatorConfigDefault())
			env.emu.Faults.Add(faults.Rule{Kind: faults.Timeout, Probability: 1}) // every request is held, unanswered
			block := providerBlockWith(append(env.apiLines(env.apiURL()), "  max_retries = 9", `  request_timeout = "60s"`, `  retry_budget = "3s"`)...)
			out, took := failingPlan(t, cli, block, nil)
			for _, want := range []string{"gave up after 1 attempt over 3", "when its retry budget of 3s ran out",
				"No usable answer came within the call's retry budget of 3s", "Raise retry_budget (or PROCESSOUT_RETRY_BUDGET) to wait longer"} {
				if !errorText(want).MatchString(out) {
					t.Errorf("the output does not say %q:\n%s", want, out)
				}
			}
			if took > budget+cliSlack {
				t.Errorf("the plan failed after %s, want within the %s budget (and %s for the CLI)", took.Round(time.Millisecond), budget, cliSlack)
			}
			if n := env.emu.Faults.Injected()[faults.Timeout]; n != 1 {
				t.Errorf("the API was sent %d requests, want 1: a second attempt would have had no time", n)
			}
			t.Logf("%s, CLI %s: hung API with retry_budget = %q: plan failed after %s", tr, cli.version, budget, took.Round(time.Millisecond))
		})
	}
}

// TestAccRefusedConnectionFailsFast: with the default settings, an API URL
// where nothing listens fails the run in a few seconds (3 tries), naming
// the URL and its setting.
func TestAccRefusedConnectionFailsFast(t *testing.T) {
	cli := newCLIUnderTest(t)
	for _, tr := range transports {
		t.Run(string(tr), func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, tr, emulatorConfigDefault())
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			closed := "http://" + l.Addr().String()
			_ = l.Close()
			block := providerBlockWith(append(env.apiLines(closed), "  max_retries = 9")...) // max_retries' default
			out, took := failingPlan(t, cli, block, nil)
			for _, want := range []string{"nothing accepts connections at " + closed + ", the address in " + env.apiSetting(),
				"the connection was refused on 3 attempts over", "Nothing listens there: check the URL"} {
				if !errorText(want).MatchString(out) {
					t.Errorf("the output does not say %q:\n%s", want, out)
				}
			}
			if took > 3*time.Second+cliSlack {
				t.Errorf("the plan failed after %s, want a few seconds", took.Round(time.Millisecond))
			}
			t.Logf("%s, CLI %s: refused port: plan failed after %s", tr, cli.version, took.Round(time.Millisecond))
		})
	}
}

// TestAccRetriesAreLoggedAtInfo: under TF_LOG=info the log shows each
// retry of a call as it happens, with the attempt, the attempts allowed
// and the wait; and no secret.
func TestAccRetriesAreLoggedAtInfo(t *testing.T) {
	cli := newCLIUnderTest(t)
	for _, tr := range transports {
		t.Run(string(tr), func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, tr, emulatorConfigDefault())
			// Gateway configurations are served under every reading; the
			// settings carry a secret for the scan.
			secretKey := randomSecret("sk_test_info_")
			env.emu.Faults.Add(faults.Rule{Method: http.MethodPost, Kind: faults.Status503, Probability: 1, MaxCount: 2})
			w := cli.workspace(t, map[string]string{"TF_LOG": "info"})
			w.writeConfig(env.config(stripeConfig("Stripe, retried", "EEA", sensitiveCredentials(secretKey))))
			w.run("apply", []string{"apply", "-input=false", "-no-color", "-auto-approve"})
			log := w.artifact(t, "apply log")
			// The first two POSTs: the create, or under the worst readings
			// over Membrane the catalog's action runs at plan.
			line := regexp.MustCompile(`\[INFO\]\s+provider\.terraform-provider-processout[^:]*: retrying [a-z_]+\.[a-z]+ ` +
				`\(POST [^ ]+\) after HTTP 503: attempt (\d) of 4 in \S+, \S+ of the 2m0s retry_budget spent`)
			var attempts []string
			for i, m := range line.FindAllStringSubmatch(log, -1) {
				attempts = append(attempts, m[1])
				if i == 0 {
					t.Logf("%s, CLI %s, TF_LOG=info: %s", tr, cli.version, m[0])
				}
			}
			if strings.Join(attempts, ",") != "2,3" {
				t.Errorf("retry lines for attempts %v, want 2 and 3; log:\n%s", attempts, grepLines(log, "retrying"))
			}
			if strings.Contains(log, "[DEBUG]") || strings.Contains(log, "[TRACE]") {
				t.Error("the log holds lines below INFO: TF_LOG=info was not in force, the test shows nothing")
			}
			if n := len(env.objects("gateway_configuration")); n != 1 {
				t.Errorf("%d gateway configurations after the retried create, want 1", n)
			}
			w.run("destroy", []string{"destroy", "-input=false", "-no-color", "-auto-approve"})
			// The configuration holds the credentials as literals (the
			// secrets suite covers variables); the logs must not.
			logs := log + w.artifact(t, "destroy log")
			for _, s := range []secret{{"Membrane token", env.emu.Token, false}, {"project secret", env.emu.Project.Secret, false}, {"stripe secret_key", secretKey, true}} {
				for _, fragment := range s.fragments() {
					if strings.Contains(logs, fragment) {
						t.Errorf("the %s appears in the INFO logs", s.name)
					}
				}
			}
		})
	}
}

// grepLines is the lines of text holding substr.
func grepLines(text, substr string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, substr) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
