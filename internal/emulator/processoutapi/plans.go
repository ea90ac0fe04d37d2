package processoutapi

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Plan is a subscription plan (CONTRACT.md §22): the caller chooses its id;
// amount, currency and interval cannot change after the create.
type Plan struct {
	ID          string            `json:"id"`
	Project     *Project          `json:"project,omitempty"` // expand=project
	ProjectID   string            `json:"project_id"`
	URL         string            `json:"url"`
	Name        string            `json:"name"`
	Amount      string            `json:"amount"`
	Currency    string            `json:"currency"`
	Interval    string            `json:"interval"`
	TrialPeriod *string           `json:"trial_period"`
	Metadata    map[string]string `json:"metadata"`
	ReturnURL   *string           `json:"return_url"`
	CancelURL   *string           `json:"cancel_url"`
	Sandbox     bool              `json:"sandbox"`
	CreatedAt   time.Time         `json:"created_at"`
}

var planSpec = &kindSpec{
	kind: KindPlan, single: "plan", plural: "plans", resource: "plan", label: "plan",
	expands: []string{"project"},
	find:    findScoped(KindPlan),
	create: func(s *Server, c *reqCtx, in *input) (object, *apiError) {
		p := &Plan{ProjectID: c.projectID, Sandbox: c.sandbox, CreatedAt: s.clock(), Metadata: map[string]string{}}
		p.ID = s.callerID(in, c, KindPlan, "plan")
		applyPlanTerms(in, p)
		applyPlan(in, p, true)
		if err := in.err(); err != nil {
			return nil, err
		}
		p.URL = planURL(p)
		return p, nil
	},
	// The update body of the SDKs carries name, trial_period, metadata,
	// return_url and cancel_url only; id, amount, currency and interval are
	// ignored when sent [U] (reference §9.1).
	update: func(s *Server, c *reqCtx, in *input, obj object) *apiError {
		applyPlan(in, as[*Plan](obj), false)
		return in.err()
	},
	empty: func() object { return &Plan{} },
}

// applyPlanTerms reads the fields set once, at the create: amount (a
// positive decimal string with at most 4 decimals), currency and interval,
// each required.
func applyPlanTerms(in *input, p *Plan) {
	p.Amount, _ = in.amountField("amount", true)
	if cur, ok := in.required("currency", "missing-currency", "invalid-currency"); ok {
		if validCurrency(cur) {
			p.Currency = cur
		} else {
			in.fail("invalid-currency", "currency", "The currency must be a valid ISO 4217 currency code with 3 characters.")
		}
	}
	if d, ok := in.required("interval", "invalid-duration", "invalid-duration"); ok {
		if validDuration(d) {
			p.Interval = d
		} else {
			in.fail("invalid-duration", "interval", durationMessage)
		}
	}
}

// required reads a string field that must be given: missing (null or
// absent) fails with the code missing, another type with invalid.
func (in *input) required(name, missing, invalid string) (string, bool) {
	if _, given := in.get(name); !given {
		in.fail(missing, name, fmt.Sprintf("The %s is required.", name))
		return "", false
	}
	return in.str(name, invalid)
}

// applyPlan reads the updatable fields: name (required on create), a
// trial_period and two URLs that "" clears, metadata. null or absent leaves
// a field unchanged (CONTRACT.md §10).
func applyPlan(in *input, p *Plan, creating bool) {
	var name *string
	_, given := in.get("name")
	in.setText(&name, "name", "invalid-name", 255, nil, "")
	switch {
	case name != nil && *name != "":
		p.Name = *name
	case name != nil || (creating && !given):
		in.fail("missing-name", "name", "The plan name is required.")
	}
	in.setCode(&p.TrialPeriod, "trial_period", "invalid-duration", validDuration, durationMessage)
	in.setCode(&p.ReturnURL, "return_url", "invalid-url", validHTTPURL, "The return_url must be a valid absolute http or https URL.")
	in.setCode(&p.CancelURL, "cancel_url", "invalid-url", validHTTPURL, "The cancel_url must be a valid absolute http or https URL.")
	if m, ok := in.strMap("metadata", "invalid-metadata"); ok {
		p.Metadata = m
	}
}

// planURL is the hosted page where a customer subscribes to the plan. Its
// real format is unknown [U]; the emulator's is its own.
func planURL(p *Plan) string {
	project := p.ProjectID
	if p.Sandbox {
		project = "test-" + project
	}
	return "https://checkout.processout.com/" + project + "/plans/" + url.PathEscape(p.ID)
}

// durationPattern is the plan interval grammar "1d2w3m4y": one or more
// terms of a number and a unit (d day, w week, m month, y year), in any
// order (Go SDK comment; legacy docs "1m15d"). Numbers have at most four
// digits (an emulator choice).
var durationPattern = regexp.MustCompile(`^([0-9]{1,4}[dwmy])+$`)

const durationMessage = "The specified duration value is invalid: use terms such as 1m, 1w or 1m15d (d day, w week, m month, y year) adding up to more than zero."

// validDuration: the grammar, and a positive total (the legacy docs'
// "must add up to a positive number of days").
func validDuration(s string) bool {
	return durationPattern.MatchString(s) && strings.ContainsAny(s, "123456789") // units are letters: some number is not zero
}

// amountField reads the field name as a positive decimal amount (positiveAmount);
// invalid-amount otherwise. required makes a missing one invalid too.
func (in *input) amountField(name string, required bool) (string, bool) {
	v, ok := in.get(name)
	if !ok {
		if required {
			in.fail("invalid-amount", name, fmt.Sprintf("The %s is required.", name))
		}
		return "", false
	}
	a, valid := positiveAmount(v)
	if !valid {
		in.fail("invalid-amount", name, fmt.Sprintf("The %s must be a positive decimal string with at most 4 decimals, such as \"9.99\".", name))
		return "", false
	}
	return a, true
}

func (p *Plan) ident() ident {
	return ident{id: p.ID, owner: p.ProjectID, sandbox: p.Sandbox, created: p.CreatedAt, scope: scopeOf(p.ProjectID, p.Sandbox)}
}

func (p *Plan) clone() object { cp := *p; return &cp }

func (p *Plan) normalize() {
	p.Project = nil
	p.CreatedAt = p.CreatedAt.UTC()
	if p.Metadata == nil {
		p.Metadata = map[string]string{}
	}
}

func (p *Plan) view(s *Server, vc viewCtx) any {
	cp := *p
	if vc.ex["project"] {
		cp.Project = s.projectView(p.ProjectID)
	}
	return &cp
}
