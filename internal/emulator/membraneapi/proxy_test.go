package membraneapi

import (
	"encoding/base64"
	"fmt"
	"sync"
	"testing"
)

func TestProxyForwardsRequestAndReturnsUpstreamUnchanged(t *testing.T) {
	e := newEnv(t)
	upstreamBody := `{"success":true,"customer":{"id":"cust_1","email":"a@b.c"},"weird":  [1, 2]}`
	e.up.replies["POST /customers"] = reply{201, map[string]string{"Idempotency-Replayed": "true", "X-Upstream": "po"}, upstreamBody}
	reqBody := `{"email":"a@b.c","metadata":{"k":"v"}}`
	status, header, raw := e.call(t, patA, "POST", "/connections/"+e.connA.ID+"/proxy/customers?expand%5B%5D=tokens&limit=5", reqBody,
		"X-Custom", "kept", "Idempotency-Key", "idem-1", "X-Forwarded-For", "10.0.0.1", "X-Request-Id", "r1",
		"Content-Type", "application/json", "membrane-api-version", "2025-10-21")

	got := e.up.last(t)
	if got.Method != "POST" || got.EscapedPath != "/customers" || got.RawQuery != "expand%5B%5D=tokens&limit=5" || got.Body != reqBody {
		t.Fatalf("upstream saw %+v", got)
	}
	if got.User != projectID || got.Pass != projectKey {
		t.Fatalf("upstream Basic auth %q:%q", got.User, got.Pass)
	}
	wantAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte(projectID+":"+projectKey))
	if auth := got.Header.Values("Authorization"); len(auth) != 1 || auth[0] != wantAuth {
		t.Fatalf("caller's Authorization leaked upstream: %v", auth)
	}
	for name, want := range map[string]string{"X-Custom": "kept", "Idempotency-Key": "idem-1", "Content-Type": "application/json", "X-Forwarded-For": "", "X-Request-Id": ""} {
		if v := got.Header.Get(name); v != want {
			t.Errorf("upstream header %s = %q, want %q", name, v, want)
		}
	}

	if status != 201 || raw != upstreamBody {
		t.Fatalf("client got %d %q", status, raw)
	}
	for name, want := range map[string]string{"Idempotency-Replayed": "true", "X-Upstream": "po", "X-Ratelimit": "3000", "X-Ratelimit-Remaining": "2999", "Content-Type": "application/json"} {
		if v := header.Get(name); v != want {
			t.Errorf("response header %s = %q, want %q", name, v, want)
		}
	}
	reqs := e.mb.Requests()
	if r := reqs[len(reqs)-1]; r.Kind != "proxy" || r.ConnectionID != e.connA.ID || r.Status != 201 || r.Method != "POST" {
		t.Fatalf("recorded %+v", r)
	}
}

func TestProxyKeepsEscapedPathAndUpstreamErrors(t *testing.T) {
	e := newEnv(t)
	notFound := `{"success":false,"error_type":"resource.project.not-found","message":"The project could not be found."}`
	e.up.replies["DELETE /projects/%7Bproject_id%7D"] = reply{404, nil, notFound}
	status, _, raw := e.call(t, patA, "DELETE", "/connections/po-main/proxy/projects/%7Bproject_id%7D", "")
	if got := e.up.last(t); got.EscapedPath != "/projects/%7Bproject_id%7D" || got.Method != "DELETE" {
		t.Fatalf("upstream saw %+v", got)
	}
	if status != 404 || raw != notFound {
		t.Fatalf("got %d %s, want the upstream error unchanged", status, raw)
	}
}

func TestProxyConnectionErrors(t *testing.T) {
	e := newEnv(t)
	status, body := e.callJSON(t, patA, "GET", "/connections/"+e.connDown.ID+"/proxy/customers", "")
	wantError(t, status, body, 400, "connection", "connection_is_defunct",
		fmt.Sprintf("Connection %s is not ready (state DISCONNECTING, connected=false)", e.connDown.ID))
	status, body = e.callJSON(t, patA, "GET", "/connections/conn_missing/proxy/customers", "")
	wantError(t, status, body, 404, "bad_request", "not_found", "Connection with id 'conn_missing' not found")

	// READY but not connected is not usable either.
	e.mb.SetConnectionState(e.connA.ID, "READY", false)
	status, body = e.callJSON(t, patA, "GET", "/connections/"+e.connA.ID+"/proxy/customers", "")
	wantError(t, status, body, 400, "connection", "connection_is_defunct", "connected=false")
	if n := e.up.calls(); n != 0 {
		t.Fatalf("upstream called %d times", n)
	}
}

func TestProxyConcurrent(t *testing.T) {
	e := newEnv(t)
	var wg sync.WaitGroup
	errs := make(chan string, 40)
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, _, raw := e.call(t, patA, "GET", fmt.Sprintf("/connections/%s/proxy/customers/cust_%d", e.connA.ID, i), "")
			if status != 200 || raw != `{"success":true,"echo":{"method":"GET"}}` {
				errs <- fmt.Sprint(status, raw)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if e.up.calls() != 40 || len(e.mb.Requests()) != 40 {
		t.Fatalf("upstream %d, recorded %d", e.up.calls(), len(e.mb.Requests()))
	}
}
