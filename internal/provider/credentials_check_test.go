package provider

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/membrane"
)

// directCheckAgainst configures the direct transport, its secret from the
// environment, against a server that answers the credential check with
// status and body.
func directCheckAgainst(t *testing.T, status int, body string) (diag.Diagnostics, []string) {
	t.Helper()
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.Method+" "+r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	m := emptyModel()
	m.ProcessOutAPIURL, m.ProjectID = types.StringValue(srv.URL), types.StringValue("test-proj_unit")
	m.MaxRetries = types.Int64Value(0)
	var diags diag.Diagnostics
	cfg, ok := resolveSettings(m, envOf(map[string]string{"PROCESSOUT_PROJECT_SECRET": "key_sandbox_s3cr3t"}), &diags)
	if !ok {
		t.Fatalf("settings refused: %v", diags)
	}
	buildClient(context.Background(), cfg, "unit-test", nil, &diags)
	return diags, paths
}

func TestDirectCredentialCheck(t *testing.T) {
	t.Run("refused", func(t *testing.T) {
		diags, paths := directCheckAgainst(t, http.StatusUnauthorized,
			`{"success":false,"error_type":"request.authentication.invalid","message":"Could not read your project ID."}`)
		if !slices.Equal(paths, []string{"GET /projects/{project_id}"}) {
			t.Errorf("calls %v, want the one credential check", paths)
		}
		if len(diags) != 1 || !diags.HasError() {
			t.Fatalf("diagnostics %v, want one error", diags)
		}
		d, ok := diags[0].(diag.DiagnosticWithPath)
		if !ok {
			t.Fatalf("the error %v names no attribute", diags[0])
		}
		text := d.Summary() + "\n" + d.Detail()
		if d.Path().String() != "project_secret" {
			t.Errorf("the error is on %q, want project_secret", d.Path())
		}
		for _, want := range []string{`project "test-proj_unit" (project_id)`, "the secret of project_secret (from PROCESSOUT_PROJECT_SECRET)",
			"project_secret (or PROCESSOUT_PROJECT_SECRET)", "project_id (or PROCESSOUT_PROJECT_ID)"} {
			if !strings.Contains(text, want) {
				t.Errorf("the diagnostic does not say %q:\n%s", want, text)
			}
		}
		if strings.Contains(text, "s3cr3t") {
			t.Errorf("the diagnostic quotes the secret:\n%s", text)
		}
	})
	// A key that may not read the project, or an answer that is not
	// ProcessOut's, says nothing certain about the secret: no diagnostic.
	for name, status := range map[string]int{"403": http.StatusForbidden, "500": http.StatusInternalServerError, "404": http.StatusNotFound} {
		t.Run(name, func(t *testing.T) {
			diags, _ := directCheckAgainst(t, status, `{"success":false,"error_type":"request.forbidden","message":"no"}`)
			if len(diags) != 0 {
				t.Errorf("diagnostics %v, want none", diags)
			}
		})
	}
}

func TestActionSelects(t *testing.T) {
	a := membrane.Action{ID: "act_1", Key: "get-customer", IntegrationKey: "processout"}
	for sel, want := range map[string]bool{
		"act_1": true, "get-customer": true, "processout.get-customer": true,
		"stripe.get-customer": false, "get-customers": false, "act_2": false, "processout.act_1": false, "": false,
	} {
		if got := actionSelects(a, sel); got != want {
			t.Errorf("actionSelects(%q) = %t, want %t", sel, got, want)
		}
	}
	// Without the app in the list, any app prefix may be the right one.
	if !actionSelects(membrane.Action{ID: "act_1", Key: "get-customer"}, "some-app.get-customer") {
		t.Error("an app-qualified key was refused when the list names no app")
	}
}

func TestClosest(t *testing.T) {
	keys := []string{"create-webhook-endpoint", "delete-webhook-endpoint", "list-customers", "update-webhook-endpoint"}
	if got := closest("crate-webhook-endpoint", keys, 2); len(got) != 2 || got[0] != "create-webhook-endpoint" {
		t.Errorf("closest = %v, want create-webhook-endpoint first, of 2", got)
	}
	if got := closest("ab", []string{"ax", "ay", "ab"}, 3); !slices.Equal(got, []string{"ab", "ax", "ay"}) {
		t.Errorf("closest = %v, want the exact match, then ties in their order", got)
	}
	if got := closest("x", nil, 3); len(got) != 0 {
		t.Errorf("closest of nothing = %v", got)
	}
	for _, c := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"transaction.capture", "transaction.captured", 1}, {"é", "e", 1}} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
