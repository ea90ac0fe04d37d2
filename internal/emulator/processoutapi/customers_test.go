package processoutapi

import (
	"fmt"
	"maps"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
)

func TestCustomerFields(t *testing.T) {
	_, c := newTestServer(t, Options{})
	body := map[string]any{
		"email": "grace@example.com", "first_name": "Grace", "last_name": "Hopper", "company_name": "Navy",
		"address1": "1 Main St", "address2": "Apt 2", "city": "Arlington", "state": "VA", "zip": "22201",
		"country_code": "US", "ip_address": "2001:db8::1", "phone": map[string]any{"number": "5551234", "dialing_code": "+1"},
		"legal_document": "123.456.789-00", "date_of_birth": "1906-12-09", "is_business": true, "sex": "female",
		"metadata": map[string]any{"tier": "gold"}, "reference_id": "crm-1", "currency": "USD", "balance": "-12.5",
		"registered_at": "2020-01-02T03:04:05Z",
	}
	cu := c.do("POST", "/customers", body).object(t, "customer")
	for key, want := range map[string]any{
		"email": "grace@example.com", "company_name": "Navy", "country_code": "US", "ip_address": "2001:db8::1",
		"phone_number": "0015551234", "date_of_birth": "1906-12-09T00:00:00Z", "is_business": true, "sex": "female",
		"reference_id": "crm-1", "currency": "USD", "balance": "-12.5", "registered_at": "2020-01-02T03:04:05Z",
		"tokens": nil, "subscriptions": nil, "transactions": nil, "default_token_id": nil,
	} {
		if cu[key] != want {
			t.Errorf("%s = %#v, want %#v", key, cu[key], want)
		}
	}
	if ph, _ := cu["phone"].(map[string]any); ph["number"] != "5551234" || ph["dialing_code"] != "001" {
		t.Errorf("phone = %v", cu["phone"])
	}
	id := str(cu["id"])

	// currency and reference_id are create-only: ignored on PUT.
	up := c.do("PUT", "/customers/"+id, map[string]any{"currency": "EUR", "reference_id": "other", "first_name": "G.",
		"email": nil, "metadata": map[string]any{"tier": "silver"}, "phone_number": "+33612345678"}).object(t, "customer")
	if up["currency"] != "USD" || up["reference_id"] != "crm-1" || up["first_name"] != "G." || up["email"] != "grace@example.com" ||
		up["phone_number"] != "0033612345678" {
		t.Errorf("after PUT = %v", up)
	}
	if md, _ := up["metadata"].(map[string]any); !maps.Equal(md, map[string]any{"tier": "silver"}) {
		t.Errorf("metadata = %v", up["metadata"])
	}
	// "" clears code fields to null and keeps text fields as "".
	cleared := c.do("PUT", "/customers/"+id, map[string]any{"country_code": "", "sex": "", "last_name": ""}).object(t, "customer")
	if cleared["country_code"] != nil || cleared["sex"] != nil || cleared["last_name"] != "" {
		t.Errorf("after clearing = %v", cleared)
	}

	// Defaults of an empty create.
	empty := c.do("POST", "/customers", map[string]any{}).object(t, "customer")
	if empty["balance"] != "0" || empty["registered_at"] != empty["created_at"] || empty["is_business"] != false ||
		len(obj(empty["metadata"])) != 0 || empty["currency"] != nil {
		t.Errorf("empty customer = %v", empty)
	}
	if _, err := time.Parse(time.RFC3339Nano, str(empty["created_at"])); err != nil || !strings.HasSuffix(str(empty["created_at"]), "Z") {
		t.Errorf("created_at %v is not RFC 3339 UTC", empty["created_at"])
	}

	// A caller-supplied id is honoured once.
	if got := c.do("POST", "/customers", map[string]any{"id": "cust_mine"}).object(t, "customer"); got["id"] != "cust_mine" {
		t.Errorf("id = %v", got["id"])
	}
	c.do("POST", "/customers", map[string]any{"id": "cust_mine"}).fails(t, http.StatusBadRequest, "request.validation.invalid-id")
}

func TestCustomerValidation(t *testing.T) {
	_, c := newTestServer(t, Options{})
	long := func(n int) string { return strings.Repeat("x", n) }
	cases := []struct {
		field   string
		value   any
		errType string
	}{
		{"email", "not-an-email", "invalid-email"},
		{"email", "a@b", "invalid-email"},
		{"email", "Name <a@b.co>", "invalid-email"},
		{"currency", "EURO", "invalid-currency"},
		{"currency", "XXX", "invalid-currency"},
		{"currency", "eur", "invalid-currency"},
		{"country_code", "FRA", "invalid-country"},
		{"country_code", "ZZ", "invalid-country"},
		{"country_code", "fr", "invalid-country"},
		{"ip_address", "999.1.1.1", "invalid-ip-address"},
		{"first_name", long(81), "invalid-name"},
		{"last_name", long(81), "invalid-name"},
		{"address1", long(81), "invalid-address"},
		{"city", long(81), "invalid-address"},
		{"zip", long(17), "invalid-address"},
		{"legal_document", long(256), "invalid-legal-document"},
		{"sex", "other", "invalid-sex"},
		{"reference_id", "has space", "invalid-id"},
		{"reference_id", long(81), "invalid-id"},
		{"reference_id", "naïve", "invalid-id"},
		{"phone_number", "+33 6 12", "invalid-phone-number"},
		{"phone_number", "+331234567890123456", "invalid-phone-number"},
		{"phone", map[string]any{"number": "123456789012345"}, "invalid-phone-number"},
		{"phone", "0612", "invalid-phone-number"},
		{"date_of_birth", "yesterday", "invalid-date"},
		{"registered_at", "2020-13-01", "invalid-date"},
		{"metadata", map[string]any{"n": 1}, "invalid-metadata"},
		{"metadata", []any{"a"}, "invalid-metadata"},
		{"balance", "1.23456", "invalid-amount"},
		{"balance", "ten", "invalid-amount"},
		{"is_business", "yes", "invalid-type"},
		{"email", 42, "invalid-email"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s=%v", tc.field, tc.value), func(t *testing.T) {
			body := c.do("POST", "/customers", map[string]any{tc.field: tc.value}).
				fails(t, http.StatusBadRequest, "request.validation."+tc.errType)
			if names := invalidFieldNames(t, body); len(names) != 1 || !strings.HasPrefix(names[0], tc.field) {
				t.Errorf("invalid_fields = %v", names)
			}
		})
	}
	ip := c.do("POST", "/customers", map[string]any{"ip_address": "nope"}).fails(t, http.StatusBadRequest, "request.validation.invalid-ip-address")
	if ip["message"] != "The customer IP address is invalid." {
		t.Errorf("ip message = %q", ip["message"])
	}
	phone := c.do("POST", "/customers", map[string]any{"phone_number": "123456789012345678"}).fails(t, http.StatusBadRequest, "request.validation.invalid-phone-number")
	if phone["message"] != "The phone number should not exceed 17 characters." {
		t.Errorf("phone message = %q", phone["message"])
	}
	// Valid edge values.
	for field, value := range map[string]any{
		"first_name": long(80), "zip": long(16), "reference_id": "~!" + long(78), "ip_address": "192.168.0.1",
		"balance": "1000000.1234", "currency": "JPY", "country_code": "GB", "date_of_birth": "Mon, 02 Jan 2006 15:04:05 MST",
	} {
		c.do("POST", "/customers", map[string]any{field: value}).ok(t)
	}
	c.do("PUT", "/customers/"+str(c.do("POST", "/customers", map[string]any{}).object(t, "customer")["id"]),
		map[string]any{"default_token_id": "tok_unknown"}).fails(t, http.StatusBadRequest, "request.validation.invalid-id")
}

func TestCustomerFilters(t *testing.T) {
	clock := emutest.NewClock()
	s, c := newTestServer(t, Options{Now: clock.Now})
	s.SeedCustomers(c.user, 60)
	all := s.Objects(c.user, KindCustomer)
	if len(all) != 60 {
		t.Fatalf("seeded %d", len(all))
	}
	count := func(q string) int {
		t.Helper()
		r := c.do("GET", "/customers?limit=100&"+q, nil)
		items := r.items(t, "customers")
		if r.body["total_count"] != float64(len(items)) {
			t.Errorf("?%s: total_count %v, %d items", q, r.body["total_count"], len(items))
		}
		return len(items)
	}
	want := func(pred func(map[string]any) bool) int {
		n := 0
		for _, cu := range all {
			if pred(cu) {
				n++
			}
		}
		return n
	}
	if n := count("email=CUSTOMER-00042@example.com"); n != 1 {
		t.Errorf("email filter: %d", n)
	}
	if n := count("reference_id=crm-00007"); n != 1 {
		t.Errorf("reference_id filter: %d", n)
	}
	gold := want(func(cu map[string]any) bool { return obj(cu["metadata"])["tier"] == "gold" })
	if n := count("metadata%5Btier%5D=gold"); n != gold {
		t.Errorf("metadata[tier]=gold: %d, want %d", n, gold)
	}
	goldRetail := want(func(cu map[string]any) bool {
		md := obj(cu["metadata"])
		return md["tier"] == "gold" && md["segment"] == "retail"
	})
	if n := count("metadata[tier]=gold&metadata[segment]=retail"); n != goldRetail {
		t.Errorf("two metadata filters: %d, want %d", n, goldRetail)
	}
	pivot := str(all[20]["created_at"])
	if n := count("created_after=" + pivot); n != 39 {
		t.Errorf("created_after: %d, want 39", n)
	}
	if n := count("created_before=" + pivot); n != 20 {
		t.Errorf("created_before: %d, want 20", n)
	}
	if n := count("sandbox=false"); n != 60 {
		t.Errorf("sandbox=false: %d", n)
	}
	if n := count("sandbox=true"); n != 0 {
		t.Errorf("sandbox=true: %d", n)
	}
	business := want(func(cu map[string]any) bool { return cu["is_business"] == true })
	if business == 0 || business == 60 {
		t.Errorf("seed has %d business customers", business)
	}
	c.do("GET", "/customers?created_after=yesterday", nil).fails(t, http.StatusBadRequest, "request.filter.invalid")
	c.do("GET", "/customers?sandbox=maybe", nil).fails(t, http.StatusBadRequest, "request.filter.invalid")

	// Filters apply before pagination.
	if got, _ := walk(t, c, "/customers?metadata[tier]=gold", "start_after", "", 3); len(got) != gold {
		t.Errorf("paged gold customers: %d, want %d", len(got), gold)
	}
}

func TestSeedCustomers(t *testing.T) {
	clock := emutest.NewClock()
	s := New(Options{Now: clock.Now})
	creds := s.AddProject("Seeded", true)
	bare := strings.TrimPrefix(creds.ProjectID, "test-")
	s.SeedCustomers(bare, 10)
	s.SeedCustomers(creds.ProjectID, 5)
	all := s.Objects(bare, KindCustomer)
	if len(all) != 15 {
		t.Fatalf("%d customers", len(all))
	}
	emails := map[string]bool{}
	var prev time.Time
	for _, cu := range all {
		if cu["sandbox"] != true || cu["project_id"] != bare {
			t.Errorf("seeded customer mode/project: %v %v", cu["sandbox"], cu["project_id"])
		}
		emails[str(cu["email"])] = true
		created, _ := time.Parse(time.RFC3339Nano, str(cu["created_at"]))
		if !created.Before(clock.Now()) || created.Before(prev) {
			t.Errorf("created_at %v out of order or in the future", created)
		}
		prev = created
		md := obj(cu["metadata"])
		if tier := md["tier"]; tier != "gold" && tier != "silver" && tier != "bronze" {
			t.Errorf("tier %v", tier)
		}
		if md["segment"] == nil || cu["reference_id"] == nil {
			t.Errorf("seeded customer lacks segment/reference_id: %v", cu)
		}
	}
	if len(emails) != 15 || !emails["customer-00001@example.com"] || !emails["customer-00015@example.com"] {
		t.Errorf("emails = %v", emails)
	}
	c := s.client(t, creds)
	if got := c.do("GET", "/customers", nil).ok(t)["total_count"]; got != 15.0 {
		t.Errorf("API sees %v seeded customers", got)
	}
}
