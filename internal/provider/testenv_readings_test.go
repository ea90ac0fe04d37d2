package provider

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/direct"
	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/membrane"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// The suite under the unserved-routes reading (processoutapi.Readings): the
// webhook-endpoint, catalog, plan and coupon routes answer 404 (or 410) to
// API keys and to the Membrane proxy, so the Membrane environment takes the documented way
// out, the actions, and the direct environment cannot reach those objects.

// unservedRoutes routes what the unserved-routes reading hides to the
// emulator's actions (internal/emulator/membraneapi/ACTIONS.md).
var unservedRoutes = map[string]string{
	"webhook_endpoint.create": "create-webhook-endpoint",
	"webhook_endpoint.read":   "get-webhook-endpoint",
	"webhook_endpoint.update": "update-webhook-endpoint",
	"webhook_endpoint.delete": "delete-webhook-endpoint",
	"webhook_endpoint.list":   "list-webhook-endpoints",
	"gateway.list":            "list-gateways",
	"gateway.read":            "get-gateway",

	"applepay_certificate.create": "create-apple-pay-alternative-merchant-certificate",
	"applepay_certificate.list":   "list-apple-pay-alternative-merchant-certificates",
	"applepay_certificate.delete": "delete-apple-pay-alternative-merchant-certificate",

	"plan.create":   "create-plan",
	"plan.read":     "get-plan",
	"plan.update":   "update-plan",
	"plan.delete":   "delete-plan",
	"plan.list":     "list-plans",
	"coupon.create": "create-coupon",
	"coupon.read":   "get-coupon",
	"coupon.update": "update-coupon",
	"coupon.delete": "delete-coupon",
	"coupon.list":   "list-coupons",
}

// unservedRoutesActions is unservedRoutes as a membrane_actions line.
var unservedRoutesActions = membraneActionsLine(unservedRoutes)

// membraneActionsLine is a membrane_actions setting routing these
// operations, in a stable order.
func membraneActionsLine(routes map[string]string) string {
	ops := slices.Sorted(maps.Keys(routes))
	var b strings.Builder
	b.WriteString("  membrane_actions = {\n")
	for _, op := range ops {
		fmt.Fprintf(&b, "    %q = %q\n", op, routes[op])
	}
	b.WriteString("  }")
	return b.String()
}

// unservedRouting is the membrane_actions line of a Membrane provider block
// under the unserved-routes reading; none otherwise.
func (e *testEnv) unservedRouting() []string {
	if !e.readings.UnservedRoutes || e.transport != transportMembrane {
		return nil
	}
	return []string{unservedRoutesActions}
}

// withUnservedRouting adds unservedRouting to a provider block.
func (e *testEnv) withUnservedRouting(block string) string {
	routing := e.unservedRouting()
	if len(routing) == 0 {
		return block
	}
	end := strings.LastIndex(block, "}")
	return block[:end] + strings.Join(routing, "\n") + "\n" + block[end:]
}

// skipWhereUnserved skips a test of webhook endpoints, of the catalog or of
// Apple Pay certificates through the direct transport under the
// unserved-routes reading: there ProcessOut serves none of them to an API
// key, by design of the reading.
// TestAccUnservedRoutes_direct (and _applePayDirect) assert the error a user
// gets instead.
func (e *testEnv) skipWhereUnserved(what string) {
	e.t.Helper()
	if e.readings.UnservedRoutes && e.transport == transportDirect {
		e.t.Skipf("%s through the direct transport: under the unserved-routes reading (%s=%s) ProcessOut serves no %s to an API key; "+
			"TestAccUnservedRoutes_direct and TestAccUnservedRoutes_applePayDirect check the diagnostic instead", what, emulator.ReadingsEnv, processoutapi.ReadingsWorst, what)
	}
}

// skipUnroutedLostCreate skips, under the unserved-routes reading, a test
// whose webhook-endpoint create fails in a way that may follow a commit
// over a route the reading hides (the proxy or the direct transport): the
// next run must list the endpoints to resolve the create's placeholder,
// which that route cannot, so the provider rightly stops with the route
// error (TestAccUnservedRoutes_* check that error). The optimistic run
// covers the test's subject.
func (e *testEnv) skipUnroutedLostCreate(what string) {
	e.t.Helper()
	if e.readings.UnservedRoutes {
		e.t.Skipf("%s: under the unserved-routes reading (%s=%s) the lost create's placeholder cannot be looked up over this route; "+
			"the optimistic run covers this, TestAccUnservedRoutes_* the route error", what, emulator.ReadingsEnv, processoutapi.ReadingsWorst)
	}
}

// api is a client of the emulated ProcessOut for setting a test's scene
// out of band, as a user's own script would: the direct API, or under the
// unserved-routes reading the Membrane actions for what it hides.
func (e *testEnv) api(t *testing.T) *processout.Client {
	t.Helper()
	if e.readings.UnservedRoutes {
		base, err := url.Parse(e.emu.MembraneURL)
		if err != nil {
			t.Fatal(err)
		}
		mc := membrane.NewClient(base, membrane.StaticToken(e.emu.Token), httpx.New(httpx.DefaultPolicy(), e.emu.Token), "acceptance-test")
		return processout.New(membrane.NewActionTransport(mc, e.emu.Connection.ID, unservedRoutes))
	}
	base, err := url.Parse(e.emu.ProcessOutURL)
	if err != nil {
		t.Fatal(err)
	}
	return processout.New(direct.New(base, e.emu.Project.ProjectID, e.emu.Project.Secret,
		httpx.New(httpx.DefaultPolicy(), e.emu.Project.Secret), "acceptance-test"))
}

// filteredPages is the pages a filtered list read takes: served when the
// server applies the filter, whole (every page of the unfiltered list) under
// the ignored-filters reading, where the provider filters every item itself.
func (e *testEnv) filteredPages(served, whole int) int {
	if e.readings.IgnoreListFilters {
		return whole
	}
	return served
}
