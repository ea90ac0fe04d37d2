package processoutapi

import (
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var productID = regexp.MustCompile(`^prod_[A-Za-z0-9]{32}$`)

func TestProducts(t *testing.T) {
	s, c := newTestServer(t, Options{})
	p := c.do("POST", "/products", map[string]any{
		"id": "prod_chosen", "name": "Annual plan", "amount": "120.50", "currency": "EUR",
		"metadata": map[string]any{"sku": "ANN-1"}, "return_url": "https://shop.example.com/thanks", "cancel_url": nil,
	}).object(t, "product")
	id := str(p["id"])
	if !productID.MatchString(id) || p["url"] != "https://checkout.processout.com/"+id || p["project_id"] != c.user ||
		p["sandbox"] != false || p["created_at"] == nil {
		t.Errorf("created = %v (the id is generated, a body id ignored)", p)
	}
	if p["name"] != "Annual plan" || p["amount"] != "120.50" || p["currency"] != "EUR" || p["return_url"] != "https://shop.example.com/thanks" ||
		p["cancel_url"] != nil || !maps.Equal(obj(p["metadata"]), map[string]any{"sku": "ANN-1"}) {
		t.Errorf("created = %v, want the fields as sent", p)
	}
	if got := c.do("GET", "/products/"+id, nil).object(t, "product"); !maps.EqualFunc(got, p, func(a, b any) bool { return encodeString(a) == encodeString(b) }) {
		t.Errorf("GET = %v, want the created %v", got, p)
	}

	// Every field updates; null/absent is unchanged; {} clears metadata; ""
	// clears a URL; url stays the payment link.
	up := c.do("PUT", "/products/"+id, map[string]any{
		"name": "Annual plan (2025)", "amount": 99, "currency": "USD", "metadata": map[string]any{},
		"return_url": "", "cancel_url": "https://shop.example.com/cancel", "url": "https://evil.example.com/",
	}).object(t, "product")
	if up["name"] != "Annual plan (2025)" || up["amount"] != "99" || up["currency"] != "USD" || len(obj(up["metadata"])) != 0 ||
		up["return_url"] != nil || up["cancel_url"] != "https://shop.example.com/cancel" || up["url"] != p["url"] {
		t.Errorf("after PUT = %v", up)
	}
	kept := c.do("PUT", "/products/"+id, map[string]any{"name": nil, "amount": nil, "metadata": nil}).object(t, "product")
	if kept["name"] != up["name"] || kept["amount"] != up["amount"] || kept["cancel_url"] != up["cancel_url"] {
		t.Errorf("null fields changed the product: %v", kept)
	}

	other := c.do("POST", "/products", map[string]any{"name": "Sticker", "amount": "0.5", "currency": "JPY"}).object(t, "product")
	if got := ids(c.do("GET", "/products", nil).items(t, "products")); !slices.Equal(got, []string{str(other["id"]), id}) {
		t.Errorf("list (desc) = %v", got)
	}

	for body, errType := range map[string]string{
		`{"amount": "1", "currency": "EUR"}`:                                 "request.validation.missing-name",
		`{"name": "", "amount": "1", "currency": "EUR"}`:                     "request.validation.invalid-name",
		`{"name": "x", "currency": "EUR"}`:                                   "request.validation.missing-amount",
		`{"name": "x", "amount": "0", "currency": "EUR"}`:                    "request.validation.invalid-amount",
		`{"name": "x", "amount": "-3", "currency": "EUR"}`:                   "request.validation.invalid-amount",
		`{"name": "x", "amount": "1.23456", "currency": "EUR"}`:              "request.validation.invalid-amount",
		`{"name": "x", "amount": "ten", "currency": "EUR"}`:                  "request.validation.invalid-amount",
		`{"name": "x", "amount": "1"}`:                                       "request.validation.missing-currency",
		`{"name": "x", "amount": "1", "currency": "eur"}`:                    "request.validation.invalid-currency",
		`{"name": "x", "amount": "1", "currency": "EUR", "return_url": "/"}`: "request.validation.invalid-url",
		`{"name": "x", "amount": "1", "currency": "EUR", "metadata": [1]}`:   "request.validation.invalid-metadata",
	} {
		c.do("POST", "/products", body).fails(t, http.StatusBadRequest, errType)
	}
	c.do("PUT", "/products/"+id, `{"currency": ""}`).fails(t, http.StatusBadRequest, "request.validation.invalid-currency")
	if n := len(s.Objects(c.user, KindProduct)); n != 2 {
		t.Errorf("%d products after failed creates, want 2", n)
	}

	// A product makes invoices; nothing is stored for them.
	iv := c.do("POST", "/products/"+id+"/invoices", nil).object(t, "invoice")
	if !strings.HasPrefix(str(iv["id"]), "iv_") || iv["product_id"] != id || iv["amount"] != "99" || iv["currency"] != "USD" || iv["name"] != up["name"] {
		t.Errorf("invoice = %v", iv)
	}
	c.do("POST", "/products/prod_nope/invoices", nil).fails(t, http.StatusNotFound, "resource.product.not-found")

	c.do("DELETE", "/products/"+id, nil).ok(t)
	c.do("GET", "/products/"+id, nil).fails(t, http.StatusNotFound, "resource.product.not-found")
	c.do("PUT", "/products/"+id, map[string]any{"name": "x"}).fails(t, http.StatusNotFound, "resource.product.not-found")
}

// Under the worst reading amounts come back with four decimals, whatever
// was sent, on create and update alike.
func TestProductAmountsReformatted(t *testing.T) {
	_, c := newTestServer(t, Options{Readings: Readings{AmountsReformatted: true}})
	p := c.do("POST", "/products", map[string]any{"name": "x", "amount": "10.5", "currency": "EUR"}).object(t, "product")
	if p["amount"] != "10.5000" {
		t.Errorf("created amount %v, want 10.5000", p["amount"])
	}
	up := c.do("PUT", "/products/"+str(p["id"]), map[string]any{"amount": "7"}).object(t, "product")
	if up["amount"] != "7.0000" {
		t.Errorf("updated amount %v, want 7.0000", up["amount"])
	}
	if !Worst().AmountsReformatted {
		t.Error("the worst reading does not reformat amounts")
	}
}

// Products belong to their project and mode: another project, or the
// sandbox of the same one, does not see them; deleting the project deletes
// them.
func TestProductsOwnership(t *testing.T) {
	s, c := newTestServer(t, Options{})
	id := str(c.do("POST", "/products", map[string]any{"name": "x", "amount": "1", "currency": "EUR"}).object(t, "product")["id"])
	other := s.client(t, s.AddProject("Other", false))
	other.do("GET", "/products/"+id, nil).fails(t, http.StatusNotFound, "resource.product.not-found")
	if n := len(other.do("GET", "/products", nil).items(t, "products")); n != 0 {
		t.Errorf("another project lists %d products", n)
	}
	sandbox := c
	sandbox.user = "test-" + c.user
	sandbox.do("GET", "/products/"+id, nil).fails(t, http.StatusNotFound, "resource.product.not-found")
	if !s.DeleteObject(KindProject, c.user) {
		t.Fatal("could not delete the project")
	}
	if _, ok := s.Object(KindProduct, id); ok {
		t.Error("the product outlived its project")
	}
}

func encodeString(v any) string { return string(encodeJSON(v)) }
