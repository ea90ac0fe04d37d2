package provider

import (
	"fmt"
	"testing"
)

// TestAccUserAgentNamesTheVersions: a binary built as released (its
// version stamped with -X main.version) names that version and the CLI's in
// the User-Agent of every request ProcessOut and Membrane receive, over
// both transports.
func TestAccUserAgentNamesTheVersions(t *testing.T) {
	cli := newCLIUnderTest(t)
	want := fmt.Sprintf("terraform-provider-processout/%s (terraform-cli/%s)", releasedVersion, cli.version)
	for _, tr := range transports {
		t.Run(string(tr), func(t *testing.T) {
			env := newTestEnv(t, tr, emulatorConfigDefault())
			ws := cli.workspace(t, nil)
			ws.writeConfig(env.config(webhookConfig("https://hooks.example.com/user-agent")))
			ws.run("apply", []string{"apply", "-auto-approve", "-no-color"})
			ws.run("destroy", []string{"destroy", "-auto-approve", "-no-color"})
			seen := 0
			for _, r := range env.emu.ProcessOut.Requests() {
				seen++
				if r.UserAgent != want {
					t.Errorf("ProcessOut %s %s: User-Agent %q, want %q", r.Method, r.Path, r.UserAgent, want)
				}
			}
			for _, r := range env.emu.Membrane.Requests() {
				seen++
				if r.UserAgent != want {
					t.Errorf("Membrane %s %s: User-Agent %q, want %q", r.Method, r.Path, r.UserAgent, want)
				}
			}
			if seen < 3 {
				t.Fatalf("only %d requests reached the emulator", seen)
			}
		})
	}
}
