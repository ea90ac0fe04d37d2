package processoutapi

import (
	"encoding/json"
	"math/big"
	"time"
	"unicode/utf8"
)

// Product is a priced item with a hosted payment link (CONTRACT.md §21).
// Every writable field can be updated; the server generates the id.
type Product struct {
	ID        string   `json:"id"`                // prod_ + 32 alphanumerics [I]
	Project   *Project `json:"project,omitempty"` // expand=project
	ProjectID string   `json:"project_id"`
	URL       string   `json:"url"` // read-only payment link
	productTerms
	Sandbox   bool      `json:"sandbox"`
	CreatedAt time.Time `json:"created_at"`
}

// productTerms are a product's writable fields, which its invoices copy.
type productTerms struct {
	Name      string            `json:"name"`
	Amount    string            `json:"amount"`
	Currency  string            `json:"currency"`
	Metadata  map[string]string `json:"metadata"`
	ReturnURL *string           `json:"return_url"`
	CancelURL *string           `json:"cancel_url"`
}

// productCheckoutURL is where the emulator's payment links point: the
// processout.js modal-link example shows https://checkout.processout.com/prod_…
// [I]; nothing is served there.
const productCheckoutURL = "https://checkout.processout.com/"

var productSpec = &kindSpec{
	kind: KindProduct, single: "product", plural: "products",
	resource: "product", label: "product",
	expands: []string{"project"},
	create: func(s *Server, c *reqCtx, in *input) (object, *apiError) {
		p := &Product{ProjectID: c.projectID, productTerms: productTerms{Metadata: map[string]string{}}, Sandbox: c.sandbox, CreatedAt: s.clock()}
		// POST /products takes no id (no SDK sends one): one in the body
		// is ignored, not honoured as on the kinds of §10 [U].
		applyProduct(in, p, true, s.readings.AmountsReformatted)
		if err := in.err(); err != nil {
			return nil, err
		}
		p.ID = s.newID(KindProduct, "prod_", alnum)
		p.URL = productCheckoutURL + p.ID
		return p, nil
	},
	update: func(s *Server, c *reqCtx, in *input, obj object) *apiError {
		applyProduct(in, as[*Product](obj), false, s.readings.AmountsReformatted)
		return in.err()
	},
	empty: func() object { return &Product{} },
}

// applyProduct validates a create/update body into p. name, amount and
// currency are required on create (missing-name, missing-amount,
// missing-currency: [U] codes; invoices require the three [V], so products
// plausibly do [I]) and cannot be cleared. Update semantics as §10 [U]:
// null/absent = unchanged, a provided metadata map replaces the stored one,
// "" clears return_url and cancel_url. reformat plays the
// Readings.AmountsReformatted reading.
func applyProduct(in *input, p *Product, creating, reformat bool) {
	if s, ok := in.str("name", "invalid-name"); ok {
		if s == "" || utf8.RuneCountInString(s) > 255 {
			in.fail("invalid-name", "name", "The name must be 1 to 255 characters.")
		} else {
			p.Name = s
		}
	} else if _, given := in.get("name"); !given && creating {
		in.fail("missing-name", "name", "The name is required.")
	}
	if v, ok := in.get("amount"); ok {
		if amount, valid := positiveAmount(v); valid {
			p.Amount = amount
			if reformat {
				p.Amount = reformattedAmount(amount)
			}
		} else {
			in.fail("invalid-amount", "amount", "The amount must be a positive decimal string with at most 4 decimals, such as \"19.99\".")
		}
	} else if creating {
		in.fail("missing-amount", "amount", "The amount is required.")
	}
	if s, ok := in.str("currency", "invalid-currency"); ok {
		if validCurrency(s) {
			p.Currency = s
		} else {
			in.fail("invalid-currency", "currency", "The currency must be a valid ISO 4217 currency code with 3 characters.")
		}
	} else if _, given := in.get("currency"); !given && creating {
		in.fail("missing-currency", "currency", "The currency is required.")
	}
	if m, ok := in.strMap("metadata", "invalid-metadata"); ok {
		p.Metadata = m
	}
	for _, f := range []struct {
		dst  **string
		name string
	}{{&p.ReturnURL, "return_url"}, {&p.CancelURL, "cancel_url"}} {
		in.setCode(f.dst, f.name, "invalid-url", validHTTPURL, "The "+f.name+" must be a valid absolute http or https URL of at most 2048 characters.")
	}
}

// positiveAmount reads an amount of a product, plan or coupon: a decimal
// string (a JSON number is taken too, as for balances) of up to 15 integer
// digits and 4 decimals, above 0.
func positiveAmount(v any) (string, bool) {
	var s string
	switch t := v.(type) {
	case string:
		s = t
	case json.Number:
		s = t.String()
	}
	if !decimalPattern.MatchString(s) {
		return "", false
	}
	r, ok := new(big.Rat).SetString(s)
	return s, ok && r.Sign() > 0
}

// reformattedAmount is an amount as a store of four-decimal numbers renders
// it: "10.5" → "10.5000".
func reformattedAmount(amount string) string {
	r, _ := new(big.Rat).SetString(amount)
	return r.FloatString(4)
}

func (p *Product) ident() ident {
	return ident{id: p.ID, owner: p.ProjectID, sandbox: p.Sandbox, created: p.CreatedAt}
}

func (p *Product) clone() object { cp := *p; return &cp }

func (p *Product) normalize() {
	p.Project = nil
	p.CreatedAt = p.CreatedAt.UTC()
	if p.Metadata == nil {
		p.Metadata = map[string]string{}
	}
}

func (p *Product) view(s *Server, vc viewCtx) any {
	cp := *p
	if vc.ex["project"] {
		cp.Project = s.projectView(p.ProjectID)
	}
	return &cp
}

// productInvoice is the invoice POST /products/{id}/invoices answers: the
// product's name, amount, currency, metadata and URLs, copied [U] (what the
// real call copies is unknown). The emulator keeps no invoices: it serves
// no other invoice route (§16).
type productInvoice struct {
	ID        string `json:"id"`
	ProjectID string `json:"project_id"`
	ProductID string `json:"product_id"`
	URL       string `json:"url"`
	productTerms
	Sandbox   bool      `json:"sandbox"`
	CreatedAt time.Time `json:"created_at"`
}

// handleProductInvoice serves POST /products/{id}/invoices.
func handleProductInvoice(s *Server, c *reqCtx) response {
	rec := productSpec.lookup(s, c, c.params[0])
	if rec == nil {
		return errorResponse(productSpec.notFound())
	}
	p := as[*Product](rec.obj)
	id := s.newID("invoice", "iv_", alnum)
	return okObject("invoice", &productInvoice{
		ID: id, ProjectID: p.ProjectID, ProductID: p.ID, URL: productCheckoutURL + id,
		productTerms: p.productTerms, Sandbox: p.Sandbox, CreatedAt: s.clock(),
	})
}
