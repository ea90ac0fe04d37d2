package processoutapi

import (
	"fmt"
	"strings"
	"time"
)

// Coupon is a discount template for subscriptions (CONTRACT.md §23): the
// caller chooses its id, and nothing but its metadata changes after the
// create.
type Coupon struct {
	ID             string            `json:"id"`
	Project        *Project          `json:"project,omitempty"` // expand=project
	ProjectID      string            `json:"project_id"`
	AmountOff      *string           `json:"amount_off"`
	PercentOff     *int64            `json:"percent_off"`
	Currency       *string           `json:"currency"`
	IterationCount int64             `json:"iteration_count"`
	MaxRedemptions int64             `json:"max_redemptions"`
	ExpiresAt      *time.Time        `json:"expires_at"`
	Metadata       map[string]string `json:"metadata"`
	RedeemedNumber int64             `json:"redeemed_number"`
	Sandbox        bool              `json:"sandbox"`
	CreatedAt      time.Time         `json:"created_at"`
}

var couponSpec = &kindSpec{
	kind: KindCoupon, single: "coupon", plural: "coupons", resource: "coupon", label: "coupon",
	expands: []string{"project"},
	find:    findScoped(KindCoupon),
	create: func(s *Server, c *reqCtx, in *input) (object, *apiError) {
		co := &Coupon{ProjectID: c.projectID, Sandbox: c.sandbox, CreatedAt: s.clock(), Metadata: map[string]string{}}
		co.ID = s.callerID(in, c, KindCoupon, "coupon")
		applyCouponTerms(in, co)
		applyCouponMetadata(in, co)
		if err := in.err(); err != nil {
			return nil, err
		}
		return co, nil
	},
	// The SDKs' update body is the metadata alone; any other field sent is
	// ignored [U] (reference §9.1).
	update: func(s *Server, c *reqCtx, in *input, obj object) *apiError {
		applyCouponMetadata(in, as[*Coupon](obj))
		return in.err()
	},
	empty: func() object { return &Coupon{} },
}

// applyCouponTerms reads the fields set once, at the create: exactly one
// of amount_off (with its currency) and percent_off (0 to 100), and the
// optional iteration_count (0 = forever), max_redemptions (0 = no limit)
// and expires_at. Sending both discounts or neither is undocumented: 400
// request.validation.error [U].
func applyCouponTerms(in *input, co *Coupon) {
	_, amountGiven := in.get("amount_off")
	_, percentGiven := in.get("percent_off")
	switch {
	case amountGiven && percentGiven:
		in.fail("error", "amount_off", "Give either amount_off or percent_off, not both.")
	case !amountGiven && !percentGiven:
		in.fail("error", "amount_off", "Give amount_off (with its currency) or percent_off.")
	}
	if a, ok := in.amountField("amount_off", false); ok {
		co.AmountOff = &a
	}
	if p, ok := in.integer("percent_off", "invalid-percent"); ok {
		if p < 0 || p > 100 {
			in.fail("invalid-percent", "percent_off", "The percent_off must be between 0 and 100.")
		} else {
			co.PercentOff = &p
		}
	}
	in.setCurrency(&co.Currency, "currency")
	if amountGiven && co.Currency == nil {
		in.fail("missing-currency", "currency", "The currency of amount_off is required.")
	}
	for _, f := range []struct {
		dst  *int64
		name string
	}{{&co.IterationCount, "iteration_count"}, {&co.MaxRedemptions, "max_redemptions"}} {
		if n, ok := in.integer(f.name, "invalid-"+kebab(f.name)); ok { // [U] codes, emulator choice
			if n < 0 {
				in.fail("invalid-"+kebab(f.name), f.name, fmt.Sprintf("The %s must not be negative (0 means no limit).", f.name))
			} else {
				*f.dst = n
			}
		}
	}
	if t, ok, _ := in.timestamp("expires_at", "invalid-date"); ok {
		co.ExpiresAt = &t
	}
}

func applyCouponMetadata(in *input, co *Coupon) {
	if m, ok := in.strMap("metadata", "invalid-metadata"); ok {
		co.Metadata = m
	}
}

func kebab(name string) string { return strings.ReplaceAll(name, "_", "-") }

func (co *Coupon) ident() ident {
	return ident{id: co.ID, owner: co.ProjectID, sandbox: co.Sandbox, created: co.CreatedAt, scope: scopeOf(co.ProjectID, co.Sandbox)}
}

func (co *Coupon) clone() object { cp := *co; return &cp }

func (co *Coupon) normalize() {
	co.Project = nil
	co.CreatedAt = co.CreatedAt.UTC()
	co.ExpiresAt = utcPtr(co.ExpiresAt)
	if co.Metadata == nil {
		co.Metadata = map[string]string{}
	}
}

func (co *Coupon) view(s *Server, vc viewCtx) any {
	cp := *co
	if vc.ex["project"] {
		cp.Project = s.projectView(co.ProjectID)
	}
	return &cp
}
