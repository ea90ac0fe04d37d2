package provider

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// savedPlanConfig declares two gateway configurations whose write-only
// credentials come from variables: the Stripe key from an ephemeral
// variable (what the docs recommend), the Adyen key from a variable that is
// only sensitive (what they warn against).
const savedPlanConfig = `
variable "stripe_secret_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "adyen_api_key" {
  type      = string
  sensitive = true
}

resource "processout_gateway_configuration" "stripe" {
  gateway_name = "stripe"
  settings_wo = {
    secret_key = var.stripe_secret_key
    public_key = "pk_test_saved_plan"
  }
  settings_wo_version = 1
}

resource "processout_gateway_configuration" "adyen" {
  gateway_name = "adyen"
  settings_wo = {
    merchant_account = "AcmeECOM"
    api_key          = var.adyen_api_key
    client_key       = "test_PUBLICCLIENTKEY"
  }
  settings_wo_version = 1
}
`

// TestAccSavedPlanHoldsNoEphemeralCredential: a saved plan (`plan -out`)
// holds a credential given to settings_wo through an ephemeral variable
// nowhere, neither in what `show -json` renders nor in any file of the plan
// archive, and applying that plan (the variable given again, as the CLIs
// require) sends it to ProcessOut. A credential from a variable that is
// only sensitive is in the saved plan in clear, under .variables: the
// reason the docs say to make such variables ephemeral, and the proof that
// the scan finds a stored credential.
func TestAccSavedPlanHoldsNoEphemeralCredential(t *testing.T) {
	cli := newCLIAtLeast(t, 1, 11)
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	stripeKey, adyenKey := randomSecret("sk_test_ephemeral_"), randomSecret("adyen_sensitive_only_")
	w := cli.workspace(t, map[string]string{"TF_VAR_stripe_secret_key": stripeKey, "TF_VAR_adyen_api_key": adyenKey})
	w.writeConfig(env.config(savedPlanConfig))
	baseline := env.objectCounts()

	w.run("plan", []string{"plan", "-input=false", "-no-color", "-out=saved.tfplan"})
	w.planJSON("plan", "saved.tfplan")
	rendered := w.artifact(t, "plan show stdout")
	archived := planArchiveText(t, filepath.Join(w.dir, "saved.tfplan"))
	if strings.Contains(rendered, stripeKey) || strings.Contains(archived, stripeKey) {
		t.Errorf("the saved plan holds the credential given through an ephemeral variable (show -json: %t, plan archive: %t)",
			strings.Contains(rendered, stripeKey), strings.Contains(archived, stripeKey))
	}
	if !strings.Contains(rendered, adyenKey) {
		t.Errorf("show -json of the saved plan lacks the credential of the sensitive-only variable: the scan cannot see a stored credential, or the CLI changed what the docs warn about")
	}

	w.run("apply", []string{"apply", "-input=false", "-no-color", "saved.tfplan"})
	state := parseState(t, w.state("apply"))
	stripeID := state.attribute(t, "processout_gateway_configuration.stripe", "id")
	if got := env.emu.ProcessOut.ReceivedSettings(stripeID)["secret_key"]; got != stripeKey {
		t.Errorf("applying the saved plan sent secret_key %q…, want the ephemeral variable's value", prefix(got))
	}
	if state := w.artifact(t, "apply state"); strings.Contains(state, stripeKey) || strings.Contains(state, adyenKey) {
		t.Error("the state holds a write-only credential")
	}
	w.run("destroy", []string{"destroy", "-input=false", "-no-color", "-auto-approve"})
	if err := env.expectCounts(baseline)(); err != nil {
		t.Fatal(err)
	}
}

// planArchiveText is every file of a saved plan (a zip archive),
// decompressed and concatenated, so a scan sees what the plan stores.
func planArchiveText(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	archive, err := zip.NewReader(f, info.Size())
	if err != nil {
		t.Fatalf("%s is not a plan archive: %v", path, err)
	}
	var b strings.Builder
	for _, entry := range archive.File {
		r, err := entry.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(&b, r); err != nil {
			t.Fatal(err)
		}
		_ = r.Close()
	}
	if b.Len() == 0 {
		t.Fatalf("%s holds nothing", path)
	}
	return b.String()
}
