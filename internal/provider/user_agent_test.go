package provider

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// TestAccUserAgentNamesTheVersions: a binary built as released (its
// version stamped with -X main.version) names that version and the CLI's in
// the User-Agent of every request ProcessOut and Membrane receive, over
// both transports. Terraform reports its own version to providers; OpenTofu
// reports the Terraform version it is compatible with (1.13.0 for 1.12.6),
// which the test cannot know, so there only the form is checked.
func TestAccUserAgentNamesTheVersions(t *testing.T) {
	cli := newCLIUnderTest(t)
	want := regexp.MustCompile(`^terraform-provider-processout/` + regexp.QuoteMeta(releasedVersion) + ` \(terraform-cli/\d+\.\d+\.\d+\)$`)
	if !strings.Contains(filepath.Base(cli.path), "tofu") {
		want = regexp.MustCompile(`^` + regexp.QuoteMeta(fmt.Sprintf("terraform-provider-processout/%s (terraform-cli/%s)", releasedVersion, cli.version)) + `$`)
	}
	for _, tr := range transports {
		t.Run(string(tr), func(t *testing.T) {
			env := newTestEnv(t, tr, emulatorConfigDefault())
			ws := cli.workspace(t, nil)
			// A gateway configuration: created under every reading, over both
			// transports.
			ws.writeConfig(env.config(stripeConfig("User-Agent", "EEA", sensitiveCredentials("sk_test_user_agent"))))
			ws.run("apply", []string{"apply", "-auto-approve", "-no-color"})
			ws.run("destroy", []string{"destroy", "-auto-approve", "-no-color"})
			seen := 0
			// With operations routed to Membrane actions (the unserved-routes
			// reading), some of ProcessOut's requests are Membrane's own, made
			// when it runs an action: only the Membrane side is the provider's.
			var fromProvider []processoutapi.Request
			if tr == transportDirect || len(env.unservedRouting()) == 0 {
				fromProvider = env.emu.ProcessOut.Requests()
			}
			for _, r := range fromProvider {
				seen++
				if !want.MatchString(r.UserAgent) {
					t.Errorf("ProcessOut %s %s: User-Agent %q, want %s", r.Method, r.Path, r.UserAgent, want)
				}
			}
			for _, r := range env.emu.Membrane.Requests() {
				seen++
				if !want.MatchString(r.UserAgent) {
					t.Errorf("Membrane %s %s: User-Agent %q, want %s", r.Method, r.Path, r.UserAgent, want)
				}
			}
			if seen < 3 {
				t.Fatalf("only %d requests reached the emulator", seen)
			}
		})
	}
}
