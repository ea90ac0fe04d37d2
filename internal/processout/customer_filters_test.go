package processout

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"testing"
	"time"
)

// ignoringServer serves n customers in pages of the requested limit,
// newest first, and ignores every filter: what a real API without the
// emulator's extensions would do.
type ignoringServer struct {
	customers []Customer
	queries   []url.Values
}

func newIgnoringServer(n int) *ignoringServer {
	s := &ignoringServer{}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	tiers := []string{"gold", "silver", "bronze", "bronze"}
	for i := range n {
		s.customers = append(s.customers, Customer{
			ID:          fmt.Sprintf("cust_%03d", n-1-i),
			Email:       fmt.Sprintf("Customer-%03d@Example.com", n-1-i),
			ReferenceID: fmt.Sprintf("crm-%03d", n-1-i),
			Metadata:    map[string]string{"tier": tiers[(n-1-i)%len(tiers)], "segment": "smb"},
			Sandbox:     true,
			CreatedAt:   base.Add(time.Duration(n-1-i) * time.Hour),
		})
	}
	return s
}

func (s *ignoringServer) Do(_ context.Context, r *Request) (*Response, error) {
	s.queries = append(s.queries, r.Query)
	limit, _ := strconv.Atoi(r.Query.Get("limit"))
	start := 0
	if after := r.Query.Get("start_after"); after != "" {
		for i, c := range s.customers {
			if c.ID == after {
				start = i + 1
			}
		}
	}
	end := min(start+limit, len(s.customers))
	body, _ := json.Marshal(map[string]any{"success": true, "customers": s.customers[start:end], "has_more": end < len(s.customers)})
	return &Response{Status: 200, Body: body}, nil
}

func collectIDs(t *testing.T, c *Client, f CustomerFilter, stopAfter int) []string {
	t.Helper()
	var ids []string
	for cust, err := range c.FilteredCustomers(context.Background(), f, ListOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		if !f.Match(&cust) {
			t.Fatalf("%s does not match the filter but was yielded", cust.ID)
		}
		ids = append(ids, cust.ID)
		if len(ids) == stopAfter {
			break
		}
	}
	return ids
}

func TestFilteredCustomersReappliesFiltersTheServerIgnores(t *testing.T) {
	after := time.Date(2024, 1, 1, 100, 0, 0, 0, time.UTC)
	before := time.Date(2024, 1, 1, 110, 0, 0, 0, time.UTC)
	live := false
	cases := map[string]struct {
		filter CustomerFilter
		want   int
	}{
		"none":                 {CustomerFilter{}, 250},
		"email, any case":      {CustomerFilter{Email: "customer-042@example.COM"}, 1},
		"reference":            {CustomerFilter{ReferenceID: "crm-007"}, 1},
		"metadata":             {CustomerFilter{Metadata: map[string]string{"tier": "gold"}}, 63},
		"metadata, all keys":   {CustomerFilter{Metadata: map[string]string{"tier": "gold", "segment": "retail"}}, 0},
		"missing metadata key": {CustomerFilter{Metadata: map[string]string{"region": "eu"}}, 0},
		"time window":          {CustomerFilter{CreatedAfter: &after, CreatedBefore: &before}, 9},
		"sandbox":              {CustomerFilter{Sandbox: &live}, 0},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv := newIgnoringServer(250)
			got := collectIDs(t, New(srv), tc.filter, -1)
			if len(got) != tc.want {
				t.Fatalf("got %d customers, want %d", len(got), tc.want)
			}
			if len(srv.queries) != 3 {
				t.Fatalf("read %d pages, want all 3", len(srv.queries))
			}
			// The filter travels as query parameters too.
			for k, v := range tc.filter.Query() {
				if srv.queries[0].Get(k) != v[0] {
					t.Errorf("query %s = %q, want %q", k, srv.queries[0].Get(k), v[0])
				}
			}
		})
	}
}

func TestFilteredCustomersStopsFetchingWhenTheCallerStops(t *testing.T) {
	srv := newIgnoringServer(1000)
	got := collectIDs(t, New(srv), CustomerFilter{Metadata: map[string]string{"tier": "gold"}}, 30)
	if len(got) != 30 {
		t.Fatalf("got %d customers, want 30", len(got))
	}
	// 30 gold customers (one in four) sit in the first 120: two pages.
	if len(srv.queries) != 2 {
		t.Fatalf("fetched %d pages, want 2", len(srv.queries))
	}
}

func TestCustomerFilterQuery(t *testing.T) {
	at := time.Date(2024, 5, 1, 10, 30, 0, 0, time.FixedZone("CEST", 2*3600))
	yes := true
	q := CustomerFilter{
		Email: "a@example.com", ReferenceID: "crm-1", Metadata: map[string]string{"tier": "gold", "segment": "smb"},
		CreatedAfter: &at, Sandbox: &yes,
	}.Query()
	want := "created_after=2024-05-01T08%3A30%3A00Z&email=a%40example.com&metadata%5Bsegment%5D=smb&metadata%5Btier%5D=gold&reference_id=crm-1&sandbox=true"
	if got := q.Encode(); got != want {
		t.Fatalf("query\n got %s\nwant %s", got, want)
	}
	if !(CustomerFilter{}).IsZero() || len((CustomerFilter{}).Query()) != 0 {
		t.Fatal("the zero filter must select everything and send nothing")
	}
}
