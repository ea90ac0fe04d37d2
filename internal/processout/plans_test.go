package processout

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"testing"
)

// Node SDK 11 dropped plans and coupons as unsupported features: a 410 on
// their routes, like a 404 that names no object, says the route is not
// served, never that the object is gone.
func TestGoneRouteIsNotServed(t *testing.T) {
	ctx := context.Background()
	gone := answer(410, `{"success":false,"error_type":"service.not-supported","message":"The coupon API is no longer supported."}`)
	for name, call := range map[string]func(*Client) error{
		"plan read":     func(c *Client) error { _, err := c.GetPlan(ctx, "silver"); return err },
		"coupon delete": func(c *Client) error { return c.DeleteCoupon(ctx, "25off") },
		"coupon create": func(c *Client) error { _, err := c.CreateCoupon(ctx, CouponInput{ID: "25off"}); return err },
	} {
		err := call(New(gone))
		var apiErr *Error
		if !errors.As(err, &apiErr) || apiErr.Kind() != KindNotServed || IsNotFound(err) {
			t.Errorf("%s: %v, want KindNotServed", name, err)
		}
	}
}

// The create of a caller-chosen ID must answer that ID; the bodies carry
// what the SDKs send: the create every field, the update only the fields
// that may change, metadata always whole.
func TestPlanAndCouponBodies(t *testing.T) {
	ctx := context.Background()
	var bodies []map[string]any
	record := func(key, object string) transportFunc {
		return func(r *Request) (*Response, error) {
			raw, _ := r.EncodedBody()
			var b map[string]any
			_ = json.Unmarshal(raw, &b)
			bodies = append(bodies, b)
			return &Response{Status: 200, Body: []byte(`{"success":true,"` + key + `":` + object + `}`)}, nil
		}
	}
	_, err := New(record("plan", `{"id":"gold"}`)).CreatePlan(ctx, PlanInput{ID: "silver", Amount: "9.99", Currency: "USD", Interval: "1m"})
	var wrong *WrongObjectError
	if !errors.As(err, &wrong) || wrong.Asked != "silver" {
		t.Errorf("a create answering another plan: %v, want a WrongObjectError", err)
	}
	keys := slices.Sorted(maps.Keys(bodies[0]))
	if want := []string{"amount", "cancel_url", "currency", "id", "interval", "metadata", "name", "return_url", "trial_period"}; !slices.Equal(keys, want) {
		t.Errorf("plan create body keys %v, want %v", keys, want)
	}
	if _, err := New(record("plan", `{"id":"silver"}`)).UpdatePlan(ctx, "silver", PlanUpdate{Name: "S"}); err != nil {
		t.Fatal(err)
	}
	keys = slices.Sorted(maps.Keys(bodies[1]))
	if want := []string{"cancel_url", "metadata", "name", "return_url", "trial_period"}; !slices.Equal(keys, want) {
		t.Errorf("plan update body keys %v, want %v", keys, want)
	}
	if _, err := New(record("coupon", `{"id":"c"}`)).UpdateCoupon(ctx, "c", CouponUpdate{}); err != nil {
		t.Fatal(err)
	}
	if got, ok := bodies[2]["metadata"].(map[string]any); !ok || len(got) != 0 || len(bodies[2]) != 1 {
		t.Errorf("coupon update body %v, want {\"metadata\":{}}", bodies[2])
	}
}
