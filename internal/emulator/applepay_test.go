package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// runActionOutput runs a ProcessOut action and returns its status and output.
func runActionOutput(t *testing.T, e *Emulator, key, input string) (int, any) {
	t.Helper()
	req, _ := http.NewRequest("POST", e.MembraneURL+"/actions/"+key+"/run?connectionId="+e.Connection.ID, strings.NewReader(`{"input":`+input+`}`))
	bearer(e.Token)(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, _ := io.ReadAll(resp.Body)
	var body struct {
		Output any `json:"output"`
	}
	_ = json.Unmarshal(raw, &body)
	return resp.StatusCode, body.Output
}

// Under the unserved-routes reading the Apple Pay certificate routes answer
// API keys and the proxy a 404 naming nothing, while the Membrane actions
// reach them; the list action outputs ProcessOut's one list object.
func TestApplePayCertificatesUnservedAndActions(t *testing.T) {
	e := start(t, Config{Seed: 6, Readings: processoutapi.Readings{UnservedRoutes: true}})
	const path = "/projects/applepay/alternative-merchant-certificates"
	basic := func(r *http.Request) { r.SetBasicAuth(e.Project.ProjectID, e.Project.Secret) }
	proxy := e.MembraneURL + "/connections/" + e.Connection.ID + "/proxy"
	for name, url := range map[string]string{"direct": e.ProcessOutURL + path, "proxy": proxy + path} {
		auth := basic
		if name == "proxy" {
			auth = bearer(e.Token)
		}
		if status, _, body := emutest.GetJSON(t, url, auth); status != http.StatusNotFound || body["error_type"] != "resource.not-found" {
			t.Errorf("%s GET %s = %d %v, want 404 resource.not-found", name, path, status, body)
		}
	}
	status, created := runActionOutput(t, e, "create-apple-pay-alternative-merchant-certificate", `{}`)
	id, _ := emutest.As[map[string]any](t, created)["id"].(string)
	if status != http.StatusOK || id == "" {
		t.Fatalf("create action = %d %v, want 200 and an id", status, created)
	}
	status, listed := runActionOutput(t, e, "list-apple-pay-alternative-merchant-certificates", `{}`)
	list := emutest.As[map[string]any](t, listed)
	items := emutest.As[[]any](t, list["alternative_merchant_certificates"])
	if status != http.StatusOK || list["count"] != "1" || len(items) != 1 || emutest.As[map[string]any](t, items[0])["id"] != id {
		t.Errorf("list action = %d %v, want count \"1\" and [%s]", status, listed, id)
	}
	if status, out := runActionOutput(t, e, "delete-apple-pay-alternative-merchant-certificate", `{"id":"`+id+`"}`); status != http.StatusOK {
		t.Errorf("delete action = %d %v", status, out)
	}
	if n := len(e.ProcessOut.Objects(e.ProjectID, processoutapi.KindApplePayCertificate)); n != 0 {
		t.Errorf("%d certificates left after the delete action", n)
	}
}
