package membraneapi

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
)

func TestListConnections(t *testing.T) {
	e := newEnv(t)
	status, _, raw := e.call(t, patA, "GET", "/connections", "")
	if status != 200 {
		t.Fatal(status, raw)
	}
	for _, secret := range []string{projectKey, "ProjectSecret", "projectSecret", "password"} {
		if strings.Contains(raw, secret) {
			t.Fatalf("connection list leaks %q: %s", secret, raw)
		}
	}
	_, body := e.callJSON(t, patA, "GET", "/connections", "")
	items := emutest.As[[]any](t, body["items"])
	if len(items) != 2 || body["cursor"] != nil {
		t.Fatalf("items %v", body)
	}
	first := emutest.As[map[string]any](t, items[0])
	want := map[string]any{
		"id": e.connA.ID, "name": "ProcessOut A", "key": "po-main", "integrationKey": "processout",
		"state": "READY", "connected": true, "disconnected": false, "isTest": false,
		"createdAt": "2026-03-01T11:00:00.000Z", "updatedAt": "2026-03-01T11:00:00.000Z",
	}
	for k, v := range want {
		if first[k] != v {
			t.Errorf("%s = %v, want %v", k, first[k], v)
		}
	}
	if tid, _ := first["tenantId"].(string); !strings.HasPrefix(tid, "tnt_") || first["userId"] != tid {
		t.Errorf("tenantId %v userId %v", first["tenantId"], first["userId"])
	}
	second := emutest.As[map[string]any](t, items[1])
	if second["state"] != "DISCONNECTING" || second["connected"] != false || second["disconnected"] != true {
		t.Errorf("second %v", second)
	}
}

func TestListConnectionsFilters(t *testing.T) {
	e := newEnv(t)
	e.mb.AddConnection(Connection{Name: "Other app", TenantKey: "tenant-a", WorkspaceKey: wsKey, IntegrationKey: "stripe", State: "READY", Connected: true})
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{e.connA.ID, e.connDown.ID, ""}},
		{"integrationKey=processout", []string{e.connA.ID, e.connDown.ID}},
		{"connected=true&integrationKey=processout", []string{e.connA.ID}},
		{"connected=false", []string{e.connDown.ID}},
		{"disconnected=true", []string{e.connDown.ID}},
	}
	for _, tt := range tests {
		_, body := e.callJSON(t, patA, "GET", "/connections?"+tt.query, "")
		items := emutest.As[[]any](t, body["items"])
		if len(items) != len(tt.want) {
			t.Errorf("%q: %d items, want %d", tt.query, len(items), len(tt.want))
			continue
		}
		for i, id := range tt.want {
			if got := emutest.As[map[string]any](t, items[i])["id"]; id != "" && got != id {
				t.Errorf("%q: item %d = %v, want %s", tt.query, i, got, id)
			}
		}
	}
	status, body := e.callJSON(t, patA, "GET", "/connections?connected=maybe", "")
	wantError(t, status, body, 400, "bad_request", "", "connected")
}

func TestConnectionsCursor(t *testing.T) {
	e := newEnv(t)
	var want []string
	for i := range 5 {
		c := e.mb.AddConnection(Connection{Name: fmt.Sprint("c", i), TenantKey: "tenant-c", WorkspaceKey: wsKey,
			State: "READY", Connected: true, CreatedAt: emutest.Start.Add(time.Duration(i) * time.Minute)})
		want = append(want, c.ID)
	}
	e.mb.AddStaticToken("pat-c", wsKey, "tenant-c")
	var got []string
	cursor, pages := "0", 0
	for {
		_, body := e.callJSON(t, "pat-c", "GET", "/connections?limit=2&cursor="+url.QueryEscape(cursor), "")
		pages++
		for _, it := range emutest.As[[]any](t, body["items"]) {
			got = append(got, emutest.As[string](t, emutest.As[map[string]any](t, it)["id"]))
		}
		next, _ := body["cursor"].(string)
		if next == "" {
			break
		}
		if next == "2" || next == "4" {
			t.Fatalf("cursor %q is a bare offset, not opaque", next)
		}
		cursor = next
	}
	if pages != 3 || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("pages %d, ids %v, want %v", pages, got, want)
	}
	for _, q := range []string{"limit=0", "limit=1001", "limit=x", "cursor=bogus"} {
		status, body := e.callJSON(t, "pat-c", "GET", "/connections?"+q, "")
		wantError(t, status, body, 400, "bad_request", "", "")
	}
}

func TestGetConnection(t *testing.T) {
	e := newEnv(t)
	for _, sel := range []string{e.connA.ID, "po-main"} {
		status, body := e.callJSON(t, patA, "GET", "/connections/"+sel, "")
		if status != 200 || body["id"] != e.connA.ID || body["state"] != "READY" {
			t.Fatalf("%s: %d %v", sel, status, body)
		}
	}
	status, body := e.callJSON(t, patA, "GET", "/connections/conn_nope", "")
	wantError(t, status, body, 404, "bad_request", "not_found", "Connection with id 'conn_nope' not found")

	e.clock.Set(emutest.Start.Add(time.Minute))
	if !e.mb.SetConnectionState(e.connA.ID, "DISCONNECTING", false) || e.mb.SetConnectionState("conn_nope", "READY", true) {
		t.Fatal("SetConnectionState result")
	}
	_, body = e.callJSON(t, patA, "GET", "/connections/"+e.connA.ID, "")
	if body["state"] != "DISCONNECTING" || body["connected"] != false || body["updatedAt"] != "2026-03-01T12:01:00.000Z" {
		t.Fatalf("after state change %v", body)
	}
	reqs := e.mb.Requests()
	if last := reqs[len(reqs)-1]; last.Kind != "connections" || last.ConnectionID != e.connA.ID || last.Status != 200 {
		t.Fatalf("recorded %+v", last)
	}
}
