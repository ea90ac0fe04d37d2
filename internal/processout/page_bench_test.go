package processout

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// customerPage is a ProcessOut answer holding the page-th full page of
// customers, every field filled, as a list of seeded customers looks.
func customerPage(tb testing.TB, page int, hasMore bool) []byte {
	tb.Helper()
	created := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	currency := "EUR"
	items := make([]Customer, MaxPageSize)
	for i := range items {
		items[i] = Customer{
			ID: fmt.Sprintf("cust_%026d", page*MaxPageSize+i), ProjectID: "proj_bench", Balance: "0", Currency: &currency,
			Email: fmt.Sprintf("customer-%05d@example.com", i), FirstName: "Chloé", LastName: "Dubois",
			Address1: fmt.Sprintf("%d Main Street", i), City: "Paris", Zip: "75001", CountryCode: "FR",
			PhoneNumber: "0033123456789", Metadata: map[string]string{"tier": "gold", "segment": "retail"},
			ReferenceID: fmt.Sprintf("crm-%05d", i), Sandbox: true, CreatedAt: created.Add(time.Duration(i) * time.Minute),
			RegisteredAt: &created,
		}
	}
	body, err := json.Marshal(map[string]any{"success": true, "customers": items, "has_more": hasMore, "total_count": 100000})
	if err != nil {
		tb.Fatal(err)
	}
	return body
}

// BenchmarkCustomerPage decodes one page of 100 customers, the unit of
// every customer list.
func BenchmarkCustomerPage(b *testing.B) {
	body := customerPage(b, 0, false)
	c := New(answer(200, string(body)))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range c.Customers(context.Background(), ListOptions{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != MaxPageSize {
			b.Fatalf("%d customers decoded, want %d", n, MaxPageSize)
		}
	}
}

// BenchmarkFilteredCustomerScan reads ten pages through a filter that
// matches nothing, as a scan against an API that ignores the filter does.
func BenchmarkFilteredCustomerScan(b *testing.B) {
	const pages = 10
	bodies := make([][]byte, pages)
	size := 0
	for i := range bodies {
		bodies[i] = customerPage(b, i, i < pages-1)
		size += len(bodies[i])
	}
	calls := 0
	c := New(transportFunc(func(*Request) (*Response, error) {
		calls++
		return &Response{Status: 200, Body: bodies[(calls-1)%pages]}, nil
	}))
	filter := CustomerFilter{Metadata: map[string]string{"campaign": "none"}}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range c.FilteredCustomers(context.Background(), filter, ListOptions{}) {
			if err != nil {
				b.Fatal(err)
			}
			b.Fatal("the filter matched a customer")
		}
	}
	if calls%pages != 0 {
		b.Fatalf("%d calls, not a multiple of %d pages", calls, pages)
	}
}
