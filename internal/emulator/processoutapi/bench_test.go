package processoutapi

import (
	"encoding/json"
	"net/http/httptest"
	"testing"
)

// BenchmarkListCustomers100k seeds 100,000 customers and pages through all
// of them with limit=100 (1,000 requests per iteration).
func BenchmarkListCustomers100k(b *testing.B) {
	s := New(Options{Seed: 1})
	creds := s.AddProject("Bench", false)
	s.SeedCustomers(creds.ProjectID, 100_000)
	b.ResetTimer()
	for b.Loop() {
		cursor, seen := "", 0
		for {
			target := "/customers?limit=100"
			if cursor != "" {
				target += "&start_after=" + cursor
			}
			req := httptest.NewRequest("GET", target, nil)
			req.SetBasicAuth(creds.ProjectID, creds.Secret)
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			var page struct {
				Customers []struct {
					ID string `json:"id"`
				} `json:"customers"`
				HasMore bool `json:"has_more"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || rec.Code != 200 {
				b.Fatalf("%d %v", rec.Code, err)
			}
			seen += len(page.Customers)
			if !page.HasMore {
				break
			}
			cursor = page.Customers[len(page.Customers)-1].ID
		}
		if seen != 100_000 {
			b.Fatalf("paged %d customers", seen)
		}
		s.ResetRequests()
	}
}
