package provider

import (
	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// The suite under the unserved-routes reading (processoutapi.Readings): the
// webhook-endpoint and catalog routes answer 404 to API keys and to the
// Membrane proxy, so the Membrane environment takes the documented way
// out, the actions, and the direct environment cannot reach those objects.

// unservedRouting is the membrane_actions line of a Membrane provider block
// under the unserved-routes reading: every webhook-endpoint and catalog
// operation through an action; none otherwise.
func (e *testEnv) unservedRouting() []string {
	if !e.readings.UnservedRoutes || e.transport != transportMembrane {
		return nil
	}
	return []string{unservedRoutesActions}
}

// unservedRoutesActions routes what the unserved-routes reading hides to
// the emulator's actions (internal/emulator/membraneapi/ACTIONS.md).
const unservedRoutesActions = `  membrane_actions = {
    "webhook_endpoint.create" = "create-webhook-endpoint"
    "webhook_endpoint.read"   = "get-webhook-endpoint"
    "webhook_endpoint.update" = "update-webhook-endpoint"
    "webhook_endpoint.delete" = "delete-webhook-endpoint"
    "webhook_endpoint.list"   = "list-webhook-endpoints"
    "gateway.list"            = "list-gateways"
    "gateway.read"            = "get-gateway"
  }`

// skipWhereUnserved skips a test of webhook endpoints or of the catalog
// through the direct transport under the unserved-routes reading: there
// ProcessOut serves neither to an API key, by design of the reading.
// TestAccUnservedRoutes_direct asserts the error a user gets instead.
func (e *testEnv) skipWhereUnserved(what string) {
	e.t.Helper()
	if e.readings.UnservedRoutes && e.transport == transportDirect {
		e.t.Skipf("%s through the direct transport: under the unserved-routes reading (%s=%s) ProcessOut serves no %s to an API key; "+
			"TestAccUnservedRoutes_direct checks the diagnostic instead", what, emulator.ReadingsEnv, processoutapi.ReadingsWorst, what)
	}
}
