package processoutapi

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestEnvelopes(t *testing.T) {
	_, c := newTestServer(t, Options{})

	created := c.do("POST", "/customers", map[string]any{"email": "ada@example.com"})
	cust := created.object(t, "customer")
	id, _ := cust["id"].(string)
	if !strings.HasPrefix(id, "cust_") || len(id) != len("cust_")+32 {
		t.Errorf("customer id %q: want cust_ + 32 characters", id)
	}
	if len(created.body) != 2 {
		t.Errorf("create body has extra keys: %s", created.raw)
	}

	list := c.do("GET", "/customers", nil)
	body := list.ok(t)
	for _, key := range []string{"customers", "count", "has_more", "limit", "order", "success", "total_count"} {
		if _, ok := body[key]; !ok {
			t.Errorf("list envelope misses %q: %s", key, list.raw)
		}
	}
	if body["count"] != 1.0 || body["total_count"] != 1.0 || body["has_more"] != false || body["limit"] != 10.0 || body["order"] != "desc" {
		t.Errorf("list envelope values: %s", list.raw)
	}

	deleted := c.do("DELETE", "/customers/"+id, nil)
	deleted.ok(t)
	if deleted.raw != `{"success":true}` {
		t.Errorf("delete answer = %s, want {\"success\":true}", deleted.raw)
	}

	gone := c.do("GET", "/customers/"+id, nil).fails(t, http.StatusNotFound, "resource.customer.not-found")
	if gone["message"] != "The customer could not be found." {
		t.Errorf("not-found message = %q", gone["message"])
	}
	if _, ok := gone["invalid_fields"]; ok {
		t.Errorf("a not-found error has invalid_fields: %v", gone)
	}
	c.do("DELETE", "/customers/"+id, nil).fails(t, http.StatusNotFound, "resource.customer.not-found")
	c.do("PUT", "/customers/"+id, map[string]any{}).fails(t, http.StatusNotFound, "resource.customer.not-found")

	c.do("GET", "/nothing-here", nil).fails(t, http.StatusNotFound, "request.route-not-found")
	c.do("GET", "/customers/a/b/c", nil).fails(t, http.StatusNotFound, "request.route-not-found")
	wrong := c.do("PATCH", "/customers", map[string]any{})
	wrong.fails(t, http.StatusMethodNotAllowed, "request.method-not-allowed")
	if got := wrong.header.Get("Allow"); got != "GET, POST" {
		t.Errorf("Allow = %q", got)
	}

	c.do("POST", "/customers", `{"email": `).fails(t, http.StatusBadRequest, "request.bad-format")
	c.do("POST", "/customers", `[1, 2]`).fails(t, http.StatusBadRequest, "request.bad-format")
	c.do("POST", "/customers", `{} {}`).fails(t, http.StatusBadRequest, "request.bad-format")

	bad := c.do("POST", "/customers", map[string]any{"email": "nope", "country_code": "XX"})
	fields := bad.fails(t, http.StatusBadRequest, "request.validation.invalid-email")
	if got := invalidFieldNames(t, fields); !slices.Equal(got, []string{"email", "country_code"}) {
		t.Errorf("invalid_fields = %v", got)
	}
}

func TestRateLimitHeadersOnEveryAnswer(t *testing.T) {
	_, c := newTestServer(t, Options{})
	anon := client{t: t, h: c.h}
	for _, r := range []reply{
		c.do("GET", "/customers", nil),
		c.do("GET", "/missing", nil),
		c.do("POST", "/customers", `{`),
		anon.do("GET", "/customers", nil),
	} {
		if r.header.Get("X-Ratelimit") != "3000" || r.header.Get("X-Ratelimit-Remaining") == "" {
			t.Errorf("%d answer without rate-limit headers: %v", r.status, r.header)
		}
		if r.header.Get("Retry-After") != "" {
			t.Errorf("unexpected Retry-After")
		}
		if r.header.Get("Content-Type") != "application/json" {
			t.Errorf("Content-Type = %q", r.header.Get("Content-Type"))
		}
	}
}

func TestAuthentication(t *testing.T) {
	s, c := newTestServer(t, Options{})
	other := s.client(t, s.AddProject("Other", false))
	cust := c.do("POST", "/customers", map[string]any{}).object(t, "customer")

	for name, cl := range map[string]client{
		"missing":        {t: t, h: s},
		"bad secret":     {t: t, h: s, user: c.user, secret: "key_live_wrong"},
		"unknown":        {t: t, h: s, user: "proj_unknown", secret: c.secret},
		"other's secret": {t: t, h: s, user: c.user, secret: other.secret},
		"empty user":     {t: t, h: s, user: "", secret: c.secret},
	} {
		body := cl.do("GET", "/customers", nil).fails(t, http.StatusUnauthorized, "request.authentication.invalid")
		if msg, _ := body["message"].(string); !strings.HasPrefix(msg, "Could not read your project ID. Please make sure to use Basic HTTP authentication") {
			t.Errorf("%s: message %q", name, msg)
		}
	}
	// Unknown routes need authentication too.
	client{t: t, h: s}.do("GET", "/missing", nil).fails(t, http.StatusUnauthorized, "request.authentication.invalid")

	// Another project sees nothing of ours.
	other.do("GET", "/customers/"+str(cust["id"]), nil).fails(t, http.StatusNotFound, "resource.customer.not-found")
	if n := other.do("GET", "/customers", nil).ok(t)["total_count"]; n != 0.0 {
		t.Errorf("other project lists %v customers", n)
	}

	// Public-key mode (empty secret) only on the client-safe reads.
	public := client{t: t, h: s, user: c.user}
	public.do("GET", "/gateway-configurations", nil).ok(t)
	public.do("GET", "/customers", nil).fails(t, http.StatusUnauthorized, "request.authentication.invalid")
	public.do("POST", "/gateways/sandbox/gateway-configurations", map[string]any{}).fails(t, http.StatusUnauthorized, "request.authentication.invalid")
}

func TestSandboxMode(t *testing.T) {
	s := New(Options{})
	creds := s.AddProject("Sandboxed", true)
	if !strings.HasPrefix(creds.ProjectID, "test-proj_") || !strings.HasPrefix(creds.Secret, "key_sandbox_") {
		t.Fatalf("sandbox credentials %+v", creds)
	}
	bare := strings.TrimPrefix(creds.ProjectID, "test-")
	sb := s.client(t, creds)
	live := client{t: t, h: s, user: bare, secret: creds.Secret}

	cust := sb.do("POST", "/customers", map[string]any{"email": "s@example.com"}).object(t, "customer")
	if cust["sandbox"] != true || cust["project_id"] != bare {
		t.Errorf("sandbox customer: sandbox=%v project_id=%v", cust["sandbox"], cust["project_id"])
	}
	// Sandbox and live data are separate.
	live.do("GET", "/customers/"+str(cust["id"]), nil).fails(t, http.StatusNotFound, "resource.customer.not-found")
	liveCust := live.do("POST", "/customers", map[string]any{}).object(t, "customer")
	if liveCust["sandbox"] != false {
		t.Errorf("live customer sandbox = %v", liveCust["sandbox"])
	}
	if got := ids(sb.do("GET", "/customers", nil).items(t, "customers")); !slices.Equal(got, []string{str(cust["id"])}) {
		t.Errorf("sandbox list = %v", got)
	}
	if got := len(s.Objects(bare, KindCustomer)); got != 2 {
		t.Errorf("Objects sees %d customers, want both modes (2)", got)
	}
	proj := sb.do("GET", "/projects/{project_id}", nil).object(t, "project")
	if proj["sandbox"] != true || proj["id"] != bare {
		t.Errorf("sandbox project = %v", proj)
	}
}

// TestSDKNoise sends what the SDKs put on the wire (CONTRACT.md §9).
func TestSDKNoise(t *testing.T) {
	_, c := newTestServer(t, Options{})
	goBody := `{"expand":null,"filter":"","limit":0,"end_before":"","start_after":"",
		"balance":null,"currency":null,"email":"go@example.com","first_name":null,"id":null,"reference_id":null,"metadata":null}`
	cust := c.do("POST", "/customers?end_before=&filter=&limit=0&start_after=", goBody,
		"API-Version", "1.4.0.0", "Idempotency-Key", "", "Disable-Logging", "").object(t, "customer")
	if cust["email"] != "go@example.com" || cust["balance"] != "0" || cust["metadata"] == nil {
		t.Errorf("customer from Go-style body: %v", cust)
	}
	id := str(cust["id"])
	// Bodies on GET and DELETE are ignored, even malformed ones.
	c.do("GET", "/customers/"+id+"?end_before=&filter=&limit=0&start_after=", `{"expand":null,`).ok(t)
	// Python/Node/Ruby option noise in the query.
	c.do("GET", "/customers?limit=None&start_after=None&end_before=null&order=&filter=", nil).ok(t)
	c.do("GET", "/customers?limit=&expand_merchant_accounts", nil).ok(t)
	c.do("GET", "/gateway-configurations?expand_merchant_accounts=None", `{"expand_merchant_accounts":true}`).ok(t)
	// No Content-Type at all.
	req := httptest.NewRequest("POST", "/customers", strings.NewReader(`{"first_name":"Raw"}`))
	req.SetBasicAuth(c.user, c.secret)
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Errorf("POST without Content-Type: %d %s", rec.Code, rec.Body)
	}
	// Empty body on POST is {}.
	c.do("POST", "/customers", "").ok(t)
	c.do("DELETE", "/customers/"+id, `{"expand":null}`).ok(t)
}

func TestOverTheWire(t *testing.T) {
	s := New(Options{})
	creds := s.AddProject("Wire", false)
	srv := httptest.NewServer(s)
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/projects/%7Bproject_id%7D", nil)
	req.SetBasicAuth(creds.ProjectID, creds.Secret)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("x-ratelimit") != "3000" || resp.Header.Get("x-ratelimit-remaining") != "2999" {
		t.Errorf("wire answer %d %v", resp.StatusCode, resp.Header)
	}
}

func TestDeterministicSeed(t *testing.T) {
	run := func() []string {
		s := New(Options{Seed: 42})
		creds := s.AddProject("Seeded", true)
		c := s.client(t, creds)
		cust := c.do("POST", "/customers", map[string]any{}).object(t, "customer")
		gc := c.do("POST", "/gateways/sandbox/gateway-configurations", map[string]any{}).object(t, "gateway_configuration")
		return []string{creds.ProjectID, creds.Secret, str(cust["id"]), str(gc["id"])}
	}
	a, b := run(), run()
	if !slices.Equal(a, b) {
		t.Errorf("same seed, different ids: %v vs %v", a, b)
	}
	if !strings.HasPrefix(a[3], "gway_conf_") || strings.ToLower(a[3]) != a[3] || len(a[3]) != len("gway_conf_")+32 {
		t.Errorf("gateway configuration id %q", a[3])
	}
}

func TestConcurrentRequests(t *testing.T) {
	s, c := newTestServer(t, Options{})
	var wg sync.WaitGroup
	for w := range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				r := c.do("POST", "/customers", map[string]any{"reference_id": fmt.Sprintf("w%d-%d", w, i)})
				if r.status != http.StatusOK {
					t.Errorf("concurrent create: %d %s", r.status, r.raw)
					return
				}
				c.do("GET", "/customers?limit=5", nil)
			}
		}()
	}
	wg.Wait()
	if got := len(s.Objects(strings.TrimPrefix(c.user, "test-"), KindCustomer)); got != 600 {
		t.Errorf("%d customers after 600 concurrent creates", got)
	}
	if got := c.do("GET", "/customers", nil).ok(t)["total_count"]; got != 600.0 {
		t.Errorf("total_count = %v", got)
	}
}
