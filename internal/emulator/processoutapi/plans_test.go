package processoutapi

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func silverPlan() map[string]any {
	return map[string]any{"id": "silver-plan", "name": "Silver", "amount": "9.99", "currency": "USD", "interval": "1m",
		"trial_period": nil, "metadata": nil, "return_url": nil, "cancel_url": nil}
}

func TestPlans(t *testing.T) {
	s, c := newTestServer(t, Options{})
	p := c.do("POST", "/plans", silverPlan()).object(t, "plan")
	if p["id"] != "silver-plan" || p["project_id"] != c.user || p["amount"] != "9.99" || p["currency"] != "USD" || p["interval"] != "1m" ||
		p["trial_period"] != nil || p["sandbox"] != false || p["created_at"] == nil || !strings.HasSuffix(str(p["url"]), "/plans/silver-plan") {
		t.Errorf("created = %v", p)
	}
	if got := obj(p["metadata"]); got == nil || len(got) != 0 {
		t.Errorf("metadata = %v, want {}", p["metadata"])
	}

	// PUT applies the updatable fields and ignores the immutable ones.
	up := c.do("PUT", "/plans/silver-plan", map[string]any{
		"name": "Silver 2", "trial_period": "1w", "return_url": "https://shop.example.com/ok", "metadata": map[string]any{"tier": "2"},
		"amount": "1.00", "currency": "EUR", "interval": "1y", "id": "other",
	}).object(t, "plan")
	if up["name"] != "Silver 2" || up["trial_period"] != "1w" || up["return_url"] != "https://shop.example.com/ok" || obj(up["metadata"])["tier"] != "2" ||
		up["amount"] != "9.99" || up["currency"] != "USD" || up["interval"] != "1m" || up["id"] != "silver-plan" {
		t.Errorf("after PUT = %v", up)
	}
	// null is unchanged; "" clears a trial period or a URL.
	up = c.do("PUT", "/plans/silver-plan", map[string]any{"name": nil, "trial_period": "", "return_url": nil}).object(t, "plan")
	if up["name"] != "Silver 2" || up["trial_period"] != nil || up["return_url"] != "https://shop.example.com/ok" {
		t.Errorf("after PUT of nulls = %v", up)
	}

	for body, errType := range map[string]string{
		`{"name":"x","amount":"1","currency":"USD","interval":"1m"}`:                                         "request.validation.invalid-id",
		`{"id":"a b","name":"x","amount":"1","currency":"USD","interval":"1m"}`:                              "request.validation.invalid-id",
		`{"id":"` + strings.Repeat("a", 129) + `","name":"x","amount":"1","currency":"USD","interval":"1m"}`: "request.validation.invalid-id",
		`{"id":"p","amount":"1","currency":"USD","interval":"1m"}`:                                           "request.validation.missing-name",
		`{"id":"p","name":"x","currency":"USD","interval":"1m"}`:                                             "request.validation.invalid-amount",
		`{"id":"p","name":"x","amount":"1.12345","currency":"USD","interval":"1m"}`:                          "request.validation.invalid-amount",
		`{"id":"p","name":"x","amount":"0","currency":"USD","interval":"1m"}`:                                "request.validation.invalid-amount",
		`{"id":"p","name":"x","amount":"-5","currency":"USD","interval":"1m"}`:                               "request.validation.invalid-amount",
		`{"id":"p","name":"x","amount":"1","interval":"1m"}`:                                                 "request.validation.missing-currency",
		`{"id":"p","name":"x","amount":"1","currency":"usd","interval":"1m"}`:                                "request.validation.invalid-currency",
		`{"id":"p","name":"x","amount":"1","currency":"USD"}`:                                                "request.validation.invalid-duration",
		`{"id":"p","name":"x","amount":"1","currency":"USD","interval":"0d"}`:                                "request.validation.invalid-duration",
		`{"id":"p","name":"x","amount":"1","currency":"USD","interval":"1x"}`:                                "request.validation.invalid-duration",
		`{"id":"p","name":"x","amount":"1","currency":"USD","interval":"1m","trial_period":"m"}`:             "request.validation.invalid-duration",
		`{"id":"p","name":"x","amount":"1","currency":"USD","interval":"1m","cancel_url":"ftp://x"}`:         "request.validation.invalid-url",
		`{"id":"p","name":"x","amount":"1","currency":"USD","interval":"1m","metadata":{"k":1}}`:             "request.validation.invalid-metadata",
		`{"id":"silver-plan","name":"x","amount":"1","currency":"USD","interval":"1m"}`:                      "request.validation.invalid-id",
	} {
		c.do("POST", "/plans", body).fails(t, http.StatusBadRequest, errType)
	}
	dup := c.do("POST", "/plans", silverPlan()).fails(t, http.StatusBadRequest, "request.validation.invalid-id")
	if dup["message"] != "A plan with this ID already exists." || !slices.Equal(invalidFieldNames(t, dup), []string{"id"}) {
		t.Errorf("duplicate answer = %v", dup)
	}
	for _, d := range []string{"1w", "1m15d", "2y", "1d2w3m4y", "12m"} {
		body := silverPlan()
		body["id"], body["interval"] = "p-"+d, d
		c.do("POST", "/plans", body).ok(t)
	}
	if n := len(s.Objects(c.user, KindPlan)); n != 6 {
		t.Errorf("%d plans, want 6", n)
	}
	c.do("DELETE", "/plans/silver-plan", nil).ok(t)
	c.do("GET", "/plans/silver-plan", nil).fails(t, http.StatusNotFound, "resource.plan.not-found")
	c.do("DELETE", "/plans/silver-plan", nil).fails(t, http.StatusNotFound, "resource.plan.not-found")
	c.do("POST", "/plans", silverPlan()).ok(t) // a deleted id is free again [U]
}

// Caller-chosen ids are unique per project and mode: another project, and
// the sandbox of the same project, may each hold a "silver-plan", and each
// sees only its own.
func TestPlanIDsArePerProjectAndMode(t *testing.T) {
	s, live := newTestServer(t, Options{})
	sandbox := live
	sandbox.user = "test-" + live.user
	other := s.client(t, s.AddProject("Other", false))
	for _, c := range []client{live, sandbox, other} {
		body := silverPlan()
		body["name"] = c.user
		c.do("POST", "/plans", body).ok(t)
	}
	for _, c := range []client{live, sandbox, other} {
		if got := c.do("GET", "/plans/silver-plan", nil).object(t, "plan"); got["name"] != c.user {
			t.Errorf("%s reads %v", c.user, got)
		}
		if got := ids(c.do("GET", "/plans", nil).items(t, "plans")); !slices.Equal(got, []string{"silver-plan"}) {
			t.Errorf("%s lists %v", c.user, got)
		}
		c.do("GET", "/plans?start_after=silver-plan", nil).ok(t) // the cursor is found within the scope
	}
	sandbox.do("DELETE", "/plans/silver-plan", nil).ok(t)
	live.do("GET", "/plans/silver-plan", nil).ok(t)
	if _, ok := s.Object(KindPlan, "silver-plan"); ok {
		t.Error("Object found one of the two plans still holding silver-plan: the id is ambiguous across projects")
	}
	other.do("DELETE", "/plans/silver-plan", nil).ok(t)
	if got, ok := s.Object(KindPlan, "silver-plan"); !ok || got["project_id"] != live.user {
		t.Errorf("Object = %v, %v: want the one plan left", got, ok)
	}
	if !s.PatchObject(KindPlan, "silver-plan", map[string]any{"name": "Patched"}) {
		t.Fatal("PatchObject refused the plan")
	}
	if got := live.do("GET", "/plans/silver-plan", nil).object(t, "plan"); got["name"] != "Patched" {
		t.Errorf("after PatchObject = %v", got)
	}
}

// Under the unserved-routes reading, /plans answers 404 resource.not-found
// and /coupons 410, to API keys; the Membrane connector's calls get through.
func TestPlansAndCouponsUnserved(t *testing.T) {
	_, c := newTestServer(t, Options{Readings: Readings{UnservedRoutes: true}})
	c.do("POST", "/plans", silverPlan()).fails(t, http.StatusNotFound, "resource.not-found")
	c.do("GET", "/plans/silver-plan", nil).fails(t, http.StatusNotFound, "resource.not-found")
	c.do("GET", "/coupons", nil).fails(t, http.StatusGone, "service.not-supported")
	c.do("DELETE", "/coupons/x", nil).fails(t, http.StatusGone, "service.not-supported")
}
