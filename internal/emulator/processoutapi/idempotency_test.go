package processoutapi

import (
	"net/http"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
)

func TestIdempotency(t *testing.T) {
	clock := emutest.NewClock()
	s, c := newTestServer(t, Options{Now: clock.Now})
	key := func(k string) []string { return []string{"Idempotency-Key", k} }

	first := c.do("POST", "/customers", `{"email":"a@example.com","first_name":"A"}`, key("k1")...)
	// Same body with keys reordered and other whitespace: replayed.
	second := c.do("POST", "/customers", `{ "first_name": "A", "email": "a@example.com" }`, key("k1")...)
	if first.raw != second.raw || second.status != http.StatusOK {
		t.Errorf("replay differs:\n%s\n%s", first.raw, second.raw)
	}
	if n := len(s.Objects(c.user, KindCustomer)); n != 1 {
		t.Errorf("%d customers after a replay, want 1", n)
	}
	reqs := s.Requests()
	if len(reqs) != 2 || reqs[0].Replayed || !reqs[1].Replayed || reqs[1].IdempotencyKey != "k1" || reqs[1].Status != http.StatusOK {
		t.Errorf("request log = %+v", reqs)
	}

	// Same key, different body.
	c.do("POST", "/customers", `{"email":"b@example.com"}`, key("k1")...).fails(t, http.StatusBadRequest, "request.idempotency-key.invalid")
	// Same key on another path or method is independent.
	c.do("POST", "/webhook-endpoints", map[string]any{"url": "https://example.com/h"}, key("k1")...).ok(t)
	id := str(first.object(t, "customer")["id"])
	c.do("PUT", "/customers/"+id, map[string]any{"first_name": "B"}, key("k1")...).ok(t)
	// Another project's identical request is independent.
	other := s.client(t, s.AddProject("Other", false))
	other.do("POST", "/customers", `{"email":"a@example.com","first_name":"A"}`, key("k1")...).ok(t)
	if n := len(s.Objects(other.user, KindCustomer)); n != 1 {
		t.Errorf("other project has %d customers", n)
	}

	// Empty key = absent: two creates.
	c.do("POST", "/customers", map[string]any{}, key("")...).ok(t)
	c.do("POST", "/customers", map[string]any{}, key("")...).ok(t)
	if n := len(s.Objects(c.user, KindCustomer)); n != 3 {
		t.Errorf("%d customers, want 3", n)
	}

	// Errors are replayed too (final answers below 500 are cached).
	bad := c.do("POST", "/customers", map[string]any{"email": "bad"}, key("k2")...)
	again := c.do("POST", "/customers", map[string]any{"email": "bad"}, key("k2")...)
	again.fails(t, http.StatusBadRequest, "request.validation.invalid-email")
	if bad.raw != again.raw || !s.Requests()[len(s.Requests())-1].Replayed {
		t.Error("validation error not replayed")
	}

	// DELETE replays its answer; its body does not matter.
	c.do("DELETE", "/customers/"+id, `{"a":1}`, key("k3")...).ok(t)
	c.do("DELETE", "/customers/"+id, `{"b":2}`, key("k3")...).ok(t)
	c.do("DELETE", "/customers/"+id, nil, key("k4")...).fails(t, http.StatusNotFound, "resource.customer.not-found")

	// Entries expire after 24 hours.
	clock.Advance(24*time.Hour + time.Second)
	c.do("POST", "/customers", `{"email":"a@example.com","first_name":"A"}`, key("k1")...).ok(t)
	if n := len(s.Objects(c.user, KindCustomer)); n != 3 {
		t.Errorf("%d customers after expiry, want 3 (2 left + 1 new)", n)
	}

	// A GET ignores the header.
	c.do("GET", "/customers", nil, key("k1")...).ok(t)
	if last := s.Requests()[len(s.Requests())-1]; last.Replayed {
		t.Error("GET replayed")
	}

	long := make([]byte, 256)
	for i := range long {
		long[i] = 'k'
	}
	c.do("POST", "/customers", map[string]any{}, key(string(long))...).fails(t, http.StatusBadRequest, "request.idempotency-key.invalid")
}

func TestIdempotencyStillProcessing(t *testing.T) {
	s, c := newTestServer(t, Options{})
	// Simulate a first request still being handled.
	s.mu.Lock()
	_, err := s.idem.begin(idemKey{project: c.user, method: "POST", path: "/customers", key: "busy"}, `{}`, s.clock())
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	c.do("POST", "/customers", map[string]any{}, "Idempotency-Key", "busy").fails(t, http.StatusConflict, "request.still-processing")
	c.do("POST", "/customers", map[string]any{"x": 1}, "Idempotency-Key", "busy").fails(t, http.StatusBadRequest, "request.idempotency-key.invalid")
	if n := len(s.Objects(c.user, KindCustomer)); n != 0 {
		t.Errorf("%d customers created while the key was busy", n)
	}
}
