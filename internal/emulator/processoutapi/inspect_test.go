package processoutapi

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
)

func TestInspectionHelpers(t *testing.T) {
	clock := emutest.NewClock()
	s, c := newTestServer(t, Options{Now: clock.Now})
	var made []string
	for _, name := range []string{"a", "b", "c"} {
		cu := c.do("POST", "/customers", map[string]any{"first_name": name}).object(t, "customer")
		made = append(made, str(cu["id"]))
		clock.Advance(time.Second)
	}
	gc := c.do("POST", "/gateways/stripe/gateway-configurations", map[string]any{"name": "GC", "settings": stripeSettings()}).object(t, "gateway_configuration")
	gcID := str(gc["id"])

	// Objects and Object render exactly what GET returns.
	objs := s.Objects(c.user, KindCustomer)
	if !slices.Equal(ids(objs), made) {
		t.Errorf("Objects order = %v, want %v", ids(objs), made)
	}
	viaGET := c.do("GET", "/gateway-configurations/"+gcID, nil).object(t, "gateway_configuration")
	inspected, ok := s.Object(KindGatewayConfiguration, gcID)
	if !ok || inspected["name"] != viaGET["name"] || inspected["gateway_id"] != viaGET["gateway_id"] || len(inspected) != len(viaGET) {
		t.Errorf("Object = %v\nGET = %v", inspected, viaGET)
	}
	if _, ok := s.Object(KindCustomer, "cust_nope"); ok {
		t.Error("Object found a missing customer")
	}
	if n := len(s.Objects(c.user, KindGatewayConfiguration)); n != 1 {
		t.Errorf("%d configurations", n)
	}

	// PatchObject: drift visible through the API.
	if !s.PatchObject(KindGatewayConfiguration, gcID, map[string]any{"name": "drifted", "enabled": false, "enabled_at": nil}) {
		t.Fatal("PatchObject failed")
	}
	got := c.do("GET", "/gateway-configurations/"+gcID, nil).object(t, "gateway_configuration")
	if got["name"] != "drifted" || got["enabled"] != false || got["enabled_at"] != nil {
		t.Errorf("after patch: %v", got)
	}
	if s.ReceivedSettings(gcID)["secret_key"] != "sk_test_SECRET" {
		t.Error("patch lost the settings")
	}
	// Moving created_at re-sorts the list.
	if !s.PatchObject(KindCustomer, made[0], map[string]any{"created_at": clock.Now().Add(time.Hour).Format(time.RFC3339Nano)}) {
		t.Fatal("PatchObject created_at failed")
	}
	if got := ids(c.do("GET", "/customers", nil).items(t, "customers")); !slices.Equal(got, []string{made[0], made[2], made[1]}) {
		t.Errorf("order after moving created_at = %v", got)
	}
	if s.PatchObject(KindCustomer, made[1], map[string]any{"id": "cust_other"}) {
		t.Error("PatchObject changed an id")
	}
	if s.PatchObject(KindCustomer, made[1], map[string]any{"metadata": "not a map"}) {
		t.Error("PatchObject accepted a mistyped value")
	}
	if s.PatchObject(KindCustomer, "cust_nope", map[string]any{}) || s.PatchObject(KindGateway, "6", map[string]any{"name": "x"}) {
		t.Error("PatchObject on missing object or catalog")
	}

	// DeleteObject: the API answers 404 afterwards.
	if !s.DeleteObject(KindCustomer, made[1]) || s.DeleteObject(KindCustomer, made[1]) {
		t.Error("DeleteObject result")
	}
	c.do("GET", "/customers/"+made[1], nil).fails(t, http.StatusNotFound, "resource.customer.not-found")
	if s.DeleteObject(KindGateway, "6") {
		t.Error("catalog entry deleted")
	}

	// Request log.
	s.ResetRequests()
	c.do("GET", "/customers?limit=2", nil)
	c.do("GET", "/customers/"+made[1], nil)
	reqs := s.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests logged", len(reqs))
	}
	if r := reqs[0]; r.Method != "GET" || r.Path != "/customers" || r.RawQuery != "limit=2" || r.Status != 200 || r.ProjectID != c.user || r.ErrorType != "" || !r.Time.Equal(clock.Now()) {
		t.Errorf("first entry %+v", r)
	}
	if r := reqs[1]; r.Status != 404 || r.ErrorType != "resource.customer.not-found" {
		t.Errorf("second entry %+v", r)
	}
}
