package processoutapi

import (
	"net/http"
	"testing"
)

func TestCoupons(t *testing.T) {
	s, c := newTestServer(t, Options{})
	pct := c.do("POST", "/coupons", map[string]any{"id": "25percentoff", "percent_off": 25, "amount_off": nil, "currency": nil,
		"iteration_count": 3, "max_redemptions": nil, "expires_at": "2030-10-02T15:00:00+02:00", "metadata": nil}).object(t, "coupon")
	if pct["id"] != "25percentoff" || pct["percent_off"] != float64(25) || pct["amount_off"] != nil || pct["currency"] != nil ||
		pct["iteration_count"] != float64(3) || pct["max_redemptions"] != float64(0) || pct["expires_at"] != "2030-10-02T13:00:00Z" ||
		pct["redeemed_number"] != float64(0) || pct["project_id"] != c.user || pct["created_at"] == nil {
		t.Errorf("created = %v", pct)
	}
	amt := c.do("POST", "/coupons", map[string]any{"id": "5off", "amount_off": "5.00", "currency": "EUR"}).object(t, "coupon")
	if amt["amount_off"] != "5.00" || amt["currency"] != "EUR" || amt["percent_off"] != nil || amt["expires_at"] != nil {
		t.Errorf("created = %v", amt)
	}

	// Only the metadata changes on PUT; the rest is ignored.
	up := c.do("PUT", "/coupons/25percentoff", map[string]any{"metadata": map[string]any{"campaign": "spring"}, "percent_off": 50,
		"iteration_count": 9, "expires_at": nil}).object(t, "coupon")
	if obj(up["metadata"])["campaign"] != "spring" || up["percent_off"] != float64(25) || up["iteration_count"] != float64(3) || up["expires_at"] != "2030-10-02T13:00:00Z" {
		t.Errorf("after PUT = %v", up)
	}

	for body, errType := range map[string]string{
		`{"percent_off":10}`: "request.validation.invalid-id",
		`{"id":"c"}`:         "request.validation.error",
		`{"id":"c","percent_off":10,"amount_off":"1","currency":"USD"}`: "request.validation.error",
		`{"id":"c","percent_off":101}`:                                  "request.validation.invalid-percent",
		`{"id":"c","percent_off":-1}`:                                   "request.validation.invalid-percent",
		`{"id":"c","percent_off":"10"}`:                                 "request.validation.invalid-percent",
		`{"id":"c","amount_off":"1"}`:                                   "request.validation.missing-currency",
		`{"id":"c","amount_off":"0","currency":"USD"}`:                  "request.validation.invalid-amount",
		`{"id":"c","amount_off":"1","currency":"XXY"}`:                  "request.validation.invalid-currency",
		`{"id":"c","percent_off":10,"iteration_count":-1}`:              "request.validation.invalid-iteration-count",
		`{"id":"c","percent_off":10,"max_redemptions":-1}`:              "request.validation.invalid-max-redemptions",
		`{"id":"c","percent_off":10,"expires_at":"next week"}`:          "request.validation.invalid-date",
		`{"id":"5off","percent_off":10}`:                                "request.validation.invalid-id",
	} {
		c.do("POST", "/coupons", body).fails(t, http.StatusBadRequest, errType)
	}
	if n := len(s.Objects(c.user, KindCoupon)); n != 2 {
		t.Errorf("%d coupons after failed creates, want 2", n)
	}
	c.do("DELETE", "/coupons/5off", nil).ok(t)
	c.do("GET", "/coupons/5off", nil).fails(t, http.StatusNotFound, "resource.coupon.not-found")
}
