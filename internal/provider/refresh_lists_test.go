package provider

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/processout/terraform-provider-processout/internal/bench"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// TestAccRefreshFromLists_drift: a refresh answered from the lists sees
// what GETs would. A fleet large enough for the lists (bench.Refresh) is
// changed behind Terraform's back: one endpoint's events, one
// configuration's metadata, one endpoint deleted. The plan must update
// the first two and create the third again, nothing else, and the deleted
// endpoint must have been read with its own GET before it counted as gone.
// Under the suite's readings, and with lists that omit fields (where every
// object is read with its own GET, with the same plan).
func TestAccRefreshFromLists_drift(t *testing.T) {
	for name, readings := range map[string]processoutapi.Readings{"suite": {}, "lists_omit_fields": {ListsOmitFields: true}} {
		t.Run(name, func(t *testing.T) {
			for _, tr := range transports {
				t.Run(string(tr), func(t *testing.T) {
					cfg := emulatorConfigDefault()
					cfg.Readings = readings
					env := newTestEnv(t, tr, cfg)
					env.skipWhereUnserved("webhook endpoints")
					env.refreshDrift(t)
				})
			}
		})
	}
}

func (e *testEnv) refreshDrift(t *testing.T) {
	fleet := bench.Fleet{N: callCountFleetSize}
	drifted, deleted, recolored := fleet.URLs()[0], fleet.URLs()[1], fleet.Names()[0]
	var deletedID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeTestCheckFunc(
			e.checkDestroyed(processoutapi.KindGatewayConfiguration), e.checkDestroyed(processoutapi.KindWebhookEndpoint)),
		Steps: []resource.TestStep{
			{Config: e.config(fleet.HCL()), Check: e.fleetStored(fleet)},
			{
				PreConfig: func() {
					e.patchWhere(processoutapi.KindWebhookEndpoint, "url", drifted, map[string]any{"events_whitelist": []string{"customer.created"}})
					e.patchWhere(processoutapi.KindGatewayConfiguration, "name", recolored, map[string]any{"metadata": map[string]string{"team": "elsewhere"}})
					deletedID = e.deleteWhere(processoutapi.KindWebhookEndpoint, "url", deleted)
					e.resetCalls()
				},
				Config: e.config(fleet.HCL()),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("processout_webhook_endpoint.we0001", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("processout_gateway_configuration.gc0000", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("processout_webhook_endpoint.we0003", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("processout_webhook_endpoint.we0005", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("processout_gateway_configuration.gc0002", plancheck.ResourceActionNoop),
					e.refreshedFromLists(&deletedID),
				}},
				Check: e.fleetStored(fleet),
			},
		},
	})
}

// refreshedFromLists checks the refresh of the drift step: the lists were
// read where they can answer (one page of each kind), and the deleted
// endpoint was read with its own GET.
func (e *testEnv) refreshedFromLists(deletedID *string) plancheck.PlanCheck {
	return planCheckFunc(func() error {
		got := e.tally()
		whole := !e.readings.ListsOmitFields
		if want := bench.Refresh(callCountFleetSize/2, whole).ListPages * 2; got.ListPages != want {
			return fmt.Errorf("the refresh read %d list pages, want %d (one per kind): %s", got.ListPages, want, got)
		}
		var paths []string
		for _, r := range e.objectRequests() {
			paths = append(paths, r.Method+" "+r.Path)
		}
		if !slices.Contains(paths, "GET /webhook-endpoints/"+*deletedID) {
			return fmt.Errorf("the deleted endpoint %s was not read with its own GET before it counted as gone; ProcessOut saw %v", *deletedID, paths)
		}
		return nil
	})
}

// patchWhere edits, behind Terraform's back, the object of kind whose
// field has value.
func (e *testEnv) patchWhere(kind, field, value string, fields map[string]any) {
	e.t.Helper()
	if !e.emu.ProcessOut.PatchObject(kind, e.idWhere(kind, field, value), fields) {
		e.t.Fatalf("cannot patch the %s whose %s is %q", kind, field, value)
	}
}

// deleteWhere deletes, behind Terraform's back, the object of kind whose
// field has value, and returns its ID.
func (e *testEnv) deleteWhere(kind, field, value string) string {
	e.t.Helper()
	id := e.idWhere(kind, field, value)
	if !e.emu.ProcessOut.DeleteObject(kind, id) {
		e.t.Fatalf("cannot delete the %s %s", kind, id)
	}
	return id
}

func (e *testEnv) idWhere(kind, field, value string) string {
	e.t.Helper()
	for _, o := range e.objects(kind) {
		if o[field] == value {
			return idOf(o)
		}
	}
	e.t.Fatalf("no %s whose %s is %q", kind, field, value)
	return ""
}

// planCheckFunc is a plan check made of a function.
type planCheckFunc func() error

func (f planCheckFunc) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f()
}
