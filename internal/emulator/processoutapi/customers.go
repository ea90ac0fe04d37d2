package processoutapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Customer is a ProcessOut customer (CONTRACT.md §15).
type Customer struct {
	ID             string          `json:"id"`
	Project        *Project        `json:"project,omitempty"` // expand=project
	ProjectID      string          `json:"project_id"`
	DefaultToken   json.RawMessage `json:"default_token,omitempty"` // expand=default_token: null (no tokens)
	DefaultTokenID *string         `json:"default_token_id"`
	// Tokens, Subscriptions and Transactions are null unless expanded, then [].
	Tokens        []any             `json:"tokens"`
	Subscriptions []any             `json:"subscriptions"`
	Transactions  []any             `json:"transactions"`
	Balance       string            `json:"balance"`
	Currency      *string           `json:"currency"`
	Email         *string           `json:"email"`
	FirstName     *string           `json:"first_name"`
	LastName      *string           `json:"last_name"`
	CompanyName   *string           `json:"company_name"`
	Address1      *string           `json:"address1"`
	Address2      *string           `json:"address2"`
	City          *string           `json:"city"`
	State         *string           `json:"state"`
	Zip           *string           `json:"zip"`
	CountryCode   *string           `json:"country_code"`
	IPAddress     *string           `json:"ip_address"`
	Phone         *Phone            `json:"phone"`
	PhoneNumber   *string           `json:"phone_number"`
	LegalDocument *string           `json:"legal_document"`
	DateOfBirth   *time.Time        `json:"date_of_birth"`
	Metadata      map[string]string `json:"metadata"`
	ReferenceID   *string           `json:"reference_id"`
	Sandbox       bool              `json:"sandbox"`
	CreatedAt     time.Time         `json:"created_at"`
	RegisteredAt  time.Time         `json:"registered_at"`
	IsBusiness    bool              `json:"is_business"`
	Sex           *string           `json:"sex"`
}

// Phone is a customer's structured phone number.
type Phone struct {
	Number      *string `json:"number"`
	DialingCode *string `json:"dialing_code"`
}

var customerSpec = &kindSpec{
	kind: KindCustomer, single: "customer", plural: "customers", resource: "customer", label: "customer",
	expands: []string{"project", "tokens", "subscriptions", "transactions", "default_token"},
	items:   listCustomers,
	create:  createCustomer,
	update: func(s *Server, c *reqCtx, in *input, obj object) *apiError {
		applyCustomer(in, as[*Customer](obj), false)
		return in.err()
	},
	empty: func() object { return &Customer{} },
}

func (cu *Customer) ident() ident {
	return ident{id: cu.ID, owner: cu.ProjectID, sandbox: cu.Sandbox, created: cu.CreatedAt}
}

func (cu *Customer) clone() object { cp := *cu; return &cp }

func (cu *Customer) normalize() {
	cu.Project, cu.DefaultToken, cu.Tokens, cu.Subscriptions, cu.Transactions = nil, nil, nil, nil, nil
	cu.CreatedAt, cu.RegisteredAt = cu.CreatedAt.UTC(), cu.RegisteredAt.UTC()
	cu.DateOfBirth = utcPtr(cu.DateOfBirth)
	if cu.Metadata == nil {
		cu.Metadata = map[string]string{}
	}
	if cu.Balance == "" {
		cu.Balance = "0"
	}
}

func (cu *Customer) view(s *Server, vc viewCtx) any {
	cp := *cu
	if vc.ex["project"] {
		cp.Project = s.projectView(cu.ProjectID)
	}
	// The emulator has no tokens, subscriptions or transactions.
	if vc.ex["tokens"] {
		cp.Tokens = []any{}
	}
	if vc.ex["subscriptions"] {
		cp.Subscriptions = []any{}
	}
	if vc.ex["transactions"] {
		cp.Transactions = []any{}
	}
	if vc.ex["default_token"] {
		cp.DefaultToken = json.RawMessage("null")
	}
	return &cp
}

// createCustomer: every field is optional. currency and reference_id are
// create-only (ignored on update); a caller-supplied id is honoured [U].
func createCustomer(s *Server, c *reqCtx, in *input) (object, *apiError) {
	now := s.clock()
	cu := &Customer{
		ProjectID: c.projectID, Balance: "0", Metadata: map[string]string{},
		Sandbox: c.sandbox, CreatedAt: now, RegisteredAt: now,
	}
	id := s.objectID(in, KindCustomer, "cust_", alnum)
	applyCustomer(in, cu, true)
	if err := in.err(); err != nil {
		return nil, err
	}
	cu.ID = id()
	return cu, nil
}

// applyCustomer validates a create/update body into cu. Update semantics
// [U] (CONTRACT.md §10, §15): null/absent = unchanged; a provided metadata
// map replaces the stored one whole. Free-text fields keep ""
// as ""; code fields (currency, country_code, ip_address, sex,
// default_token_id) and date_of_birth are cleared to null by "";
// registered_at "" resets it to created_at. Phone numbers are stored with a
// leading "+" rewritten to "00", as the API does.
func applyCustomer(in *input, cu *Customer, creating bool) {
	if creating {
		in.setCurrency(&cu.Currency, "currency")
		in.setText(&cu.ReferenceID, "reference_id", "invalid-id", 80, validReferenceID, // [U] code
			"The reference_id must be at most 80 printable ASCII characters without whitespace.")
	}
	if v, ok := in.get("balance"); ok {
		var b string // a decimal string; a JSON number is accepted too
		switch t := v.(type) {
		case string:
			b = t
		case json.Number:
			b = t.String()
		}
		if decimalPattern.MatchString(b) {
			cu.Balance = b
		} else {
			in.fail("invalid-amount", "balance", "The balance must be a decimal string with at most 4 decimals, such as \"-12.50\".")
		}
	}
	in.setText(&cu.Email, "email", "invalid-email", 254, validEmail, "The email must be a valid email address.")
	in.setText(&cu.FirstName, "first_name", "invalid-name", 80, nil, "")
	in.setText(&cu.LastName, "last_name", "invalid-name", 80, nil, "")
	in.setText(&cu.CompanyName, "company_name", "invalid-name", 255, nil, "")
	for _, f := range []struct {
		dst  **string
		name string
		max  int
	}{{&cu.Address1, "address1", 80}, {&cu.Address2, "address2", 80}, {&cu.City, "city", 80}, {&cu.State, "state", 80}, {&cu.Zip, "zip", 16}} {
		in.setText(f.dst, f.name, "invalid-address", f.max, nil, "")
	}
	in.setCode(&cu.CountryCode, "country_code", "invalid-country", validCountry,
		"The country_code must be an ISO 3166-1 alpha-2 country code such as US or FR.")
	in.setCode(&cu.IPAddress, "ip_address", "invalid-ip-address", validIP, "The customer IP address is invalid.")
	in.setText(&cu.LegalDocument, "legal_document", "invalid-legal-document", 255, nil, "")
	in.setCode(&cu.Sex, "sex", "invalid-sex", func(v string) bool { return v == "male" || v == "female" },
		"The sex must be male or female.")
	if b, ok := in.boolean("is_business", "invalid-type"); ok {
		cu.IsBusiness = b
	}
	if t, ok, empty := in.timestamp("date_of_birth", "invalid-date"); ok {
		cu.DateOfBirth = &t
	} else if empty {
		cu.DateOfBirth = nil
	}
	if t, ok, empty := in.timestamp("registered_at", "invalid-date"); ok {
		cu.RegisteredAt = t
	} else if empty {
		cu.RegisteredAt = cu.CreatedAt
	}
	if m, ok := in.strMap("metadata", "invalid-metadata"); ok {
		cu.Metadata = m
	}
	applyPhone(in, cu)
	if !creating {
		// The emulator has no tokens: any token id is unknown.
		in.setCode(&cu.DefaultTokenID, "default_token_id", "invalid-id", func(string) bool { return false },
			"The default_token_id does not match any token of this customer.")
	}
}

// applyPhone reads phone {number (max 14 digits), dialing_code} and
// phone_number (max 17 characters once "+" is written "00"). When phone is
// given without phone_number, phone_number becomes dialing_code + number [I].
func applyPhone(in *input, cu *Customer) {
	const code = "invalid-phone-number"
	phoneNumber := func(name, raw string, maxLen int) (string, bool) {
		n := normalizePhone(strings.TrimSpace(raw))
		switch {
		case n != "" && !digitsPattern.MatchString(n):
			in.fail(code, name, fmt.Sprintf("The %s must contain only digits, optionally after a leading +.", name))
		case len(n) > maxLen:
			in.fail(code, name, fmt.Sprintf("The phone number should not exceed %d characters.", maxLen))
		default:
			return n, true
		}
		return "", false
	}
	explicit := false
	if raw, ok := in.str("phone_number", code); ok {
		if n, valid := phoneNumber("phone_number", raw, 17); valid {
			cu.PhoneNumber, explicit = &n, true
		}
	}
	v, ok := in.get("phone")
	if !ok {
		return
	}
	obj, isObject := v.(map[string]any)
	if !isObject {
		in.fail(code, "phone", "The phone must be an object {number, dialing_code}.")
		return
	}
	sub := newInput(obj)
	phone := &Phone{}
	valid := true
	for _, f := range []struct {
		dst  **string
		name string
		max  int
	}{{&phone.Number, "number", 14}, {&phone.DialingCode, "dialing_code", 6}} {
		raw, given := sub.str(f.name, code)
		if !given {
			if _, present := sub.get(f.name); present {
				in.fail(code, "phone."+f.name, fmt.Sprintf("The phone.%s must be a string.", f.name))
				valid = false
			}
			continue
		}
		n, ok := phoneNumber("phone."+f.name, raw, f.max)
		valid = valid && ok
		*f.dst = &n
	}
	if !valid {
		return
	}
	cu.Phone = phone
	if !explicit && phone.Number != nil {
		full := deref(phone.DialingCode) + *phone.Number
		cu.PhoneNumber = &full
	}
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// listCustomers serves GET /customers. The real API only has a free-form
// `filter` (ignored here). As emulator extensions, these query filters are
// applied before pagination (total_count counts matches):
//
//	email=…              exact, case-insensitive
//	reference_id=…       exact
//	metadata[key]=value  exact, repeatable (all must match)
//	created_after=…      RFC 3339, strictly after
//	created_before=…     RFC 3339, strictly before
//	sandbox=true|false
//
// A malformed filter value is 400 request.filter.invalid.
func listCustomers(s *Server, c *reqCtx) ([]*record, *apiError) {
	items := s.st.list(listKey{kind: KindCustomer, owner: c.projectID, sandbox: c.sandbox})
	if s.readings.IgnoreListFilters {
		return items, nil
	}
	match, aerr := customerFilter(c.query)
	if aerr != nil || match == nil {
		return items, aerr
	}
	out := []*record{}
	for _, rec := range items {
		if match(as[*Customer](rec.obj)) {
			out = append(out, rec)
		}
	}
	return out, nil
}

func customerFilter(q url.Values) (func(*Customer) bool, *apiError) {
	var preds []func(*Customer) bool
	invalid := func(name, v, want string) *apiError {
		return newError(http.StatusBadRequest, "request.filter.invalid", "The %s filter %q is invalid: %s.", name, v, want)
	}
	if v := optionValue(q, "email"); v != "" {
		preds = append(preds, func(cu *Customer) bool { return cu.Email != nil && strings.EqualFold(*cu.Email, v) })
	}
	if v := optionValue(q, "reference_id"); v != "" {
		preds = append(preds, func(cu *Customer) bool { return cu.ReferenceID != nil && *cu.ReferenceID == v })
	}
	for key, vals := range q {
		name, ok := strings.CutPrefix(key, "metadata[")
		if !ok || !strings.HasSuffix(name, "]") || len(vals) == 0 {
			continue
		}
		name, want := strings.TrimSuffix(name, "]"), vals[0]
		preds = append(preds, func(cu *Customer) bool { got, ok := cu.Metadata[name]; return ok && got == want })
	}
	for _, bound := range []struct {
		name  string
		after bool
	}{{"created_after", true}, {"created_before", false}} {
		v := optionValue(q, bound.name)
		if v == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return nil, invalid(bound.name, v, "expected an RFC 3339 timestamp")
		}
		after := bound.after
		preds = append(preds, func(cu *Customer) bool {
			if after {
				return cu.CreatedAt.After(t)
			}
			return cu.CreatedAt.Before(t)
		})
	}
	if v := optionValue(q, "sandbox"); v != "" {
		want, err := strconv.ParseBool(v)
		if err != nil {
			return nil, invalid("sandbox", v, "expected true or false")
		}
		preds = append(preds, func(cu *Customer) bool { return cu.Sandbox == want })
	}
	if len(preds) == 0 {
		return nil, nil
	}
	return func(cu *Customer) bool {
		for _, p := range preds {
			if !p(cu) {
				return false
			}
		}
		return true
	}, nil
}
