package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

func validateEvents(names ...string) diag.Diagnostics {
	elems := make([]attr.Value, len(names))
	for i, n := range names {
		elems[i] = types.StringValue(n)
	}
	var resp validator.SetResponse
	eventNames{}.ValidateSet(context.Background(), validator.SetRequest{
		Path: path.Root("events_whitelist"), ConfigValue: types.SetValueMust(types.StringType, elems),
	}, &resp)
	return resp.Diagnostics
}

func TestEventNames(t *testing.T) {
	cases := []struct {
		names            []string
		errors, warnings int
		want             string // in the first diagnostic's detail
	}{
		{names: knownEvents},
		{names: []string{"transaction.*"}, errors: 1, want: `events_whitelist: "transaction.*" is not an event name`},
		{names: []string{"transaction.capture"}, warnings: 1, want: `events_whitelist: "transaction.capture" is not an event the provider knows ProcessOut fires`},
		{names: []string{"a." + strings.Repeat("b", 300)}, errors: 1, want: "is 302 characters long; an event name has at most 255."},
		{names: []string{"transaction.captured", "invoice.created", "Invoice"}, errors: 1, warnings: 1},
	}
	for _, c := range cases {
		diags := validateEvents(c.names...)
		if got := diags.ErrorsCount(); got != c.errors {
			t.Errorf("%q: %d errors, want %d: %v", c.names, got, c.errors, diags)
		}
		if got := diags.WarningsCount(); got != c.warnings {
			t.Errorf("%q: %d warnings, want %d: %v", c.names, got, c.warnings, diags)
		}
		for _, d := range diags {
			if strings.Contains(d.Detail(), "Value(") {
				t.Errorf("%q: the diagnostic prints the path as the framework does: %s", c.names, d.Detail())
			}
		}
		if c.want != "" && (len(diags) == 0 || !strings.Contains(diags[0].Detail(), c.want)) {
			t.Errorf("%q: diagnostics %v, want one saying %q", c.names, diags, c.want)
		}
	}
	warning := validateEvents("transaction.capture")[0].Detail()
	for _, want := range []string{`The closest known events: "transaction.captured",`, "Known events: " + strings.Join(knownEvents, ", "),
		"which does not name every event"} {
		if !strings.Contains(warning, want) {
			t.Errorf("the warning does not say %q:\n%s", want, warning)
		}
	}
}

// The known events are names ProcessOut accepts, listed once, in order.
func TestKnownEventsAreEventNames(t *testing.T) {
	if !slices.IsSorted(knownEvents) || len(slices.Compact(slices.Clone(knownEvents))) != len(knownEvents) {
		t.Errorf("knownEvents is not sorted or repeats a name: %v", knownEvents)
	}
	for _, e := range knownEvents {
		if !eventNamePattern.MatchString(e) {
			t.Errorf("known event %q does not match the event name pattern", e)
		}
	}
}

// TestAccWebhookEvents_planDiagnostics, through the real CLI: an event name
// the provider does not know is a warning at plan that names it, the closest
// known one and all of them, and the endpoint is created with it; a name
// that cannot be an event is an error that prints the attribute and the
// value readably (not events_whitelist[Value("transaction.*")]), and nothing
// is created. On the code before, the unknown name passed silently.
func TestAccWebhookEvents_planDiagnostics(t *testing.T) {
	cli := newCLIUnderTest(t)
	t.Parallel()
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())

	w := cli.workspace(t, nil)
	w.writeConfig(env.providerBlock() + webhookConfig("https://hooks.example.com/events", "transaction.capture", "invoice.completed"))
	w.run("plan", []string{"plan", "-input=false", "-no-color", "-out=create.tfplan"})
	output := w.artifact(t, "plan stdout") + w.artifact(t, "plan stderr")
	for _, want := range []string{
		"Warning: Unknown event name",
		`events_whitelist: "transaction.capture" is not an event the provider knows ProcessOut fires, so the endpoint may never receive it.`,
		`The closest known events: "transaction.captured",`,
		"Known events: invoice.completed, invoice.pending, transaction.authorized, transaction.captured,",
		"which does not name every event",
	} {
		if !strings.Contains(strings.Join(strings.Fields(output), " "), want) {
			t.Errorf("the plan does not say %q:\n%s", want, output)
		}
	}
	if n := strings.Count(output, "Unknown event name"); n != 1 {
		t.Errorf("%d unknown-event warnings, want 1 (invoice.completed is known):\n%s", n, output)
	}
	w.run("apply", []string{"apply", "-input=false", "-no-color", "create.tfplan"})
	objs := env.objects(processoutapi.KindWebhookEndpoint)
	if len(objs) != 1 || !slices.Contains(strings.Fields(strings.Trim(fmt.Sprint(objs[0]["events_whitelist"]), "[]")), "transaction.capture") {
		t.Errorf("the emulator holds %v, want the endpoint with the unknown event, as configured", objs)
	}
	w.run("destroy", []string{"destroy", "-input=false", "-no-color", "-auto-approve"})

	bad := cli.workspace(t, nil)
	bad.writeConfig(env.providerBlock() + webhookConfig("https://hooks.example.com/events", "transaction.*"))
	env.emu.ProcessOut.ResetRequests()
	bad.run("plan", []string{"plan", "-input=false", "-no-color"}, 1)
	output = bad.artifact(t, "plan stdout") + bad.artifact(t, "plan stderr")
	if flat := strings.Join(strings.Fields(output), " "); !strings.Contains(flat, `events_whitelist: "transaction.*" is not an event name: event names are lowercase words separated by dots`) ||
		!strings.Contains(flat, "Wildcards are not accepted: list each event, or omit events_whitelist to receive every event.") ||
		strings.Contains(flat, "Value(") {
		t.Errorf("the plan's error does not name the attribute and value readably:\n%s", output)
	}
	if err := env.nothingWritten(map[string]int{}); err != nil {
		t.Error(err)
	}
}
