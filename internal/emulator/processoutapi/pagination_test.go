package processoutapi

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
)

// walk pages through a customer list in one direction and returns every id seen.
func walk(t *testing.T, c client, base, cursorParam, firstCursor string, limit int) (seen []string, pages int) {
	t.Helper()
	return walkList(t, c, "customers", base, cursorParam, firstCursor, limit)
}

// walkList pages through any list (plural key) in one direction, following
// has_more, and returns every id seen, in list order.
func walkList(t *testing.T, c client, plural, base, cursorParam, firstCursor string, limit int) (seen []string, pages int) {
	t.Helper()
	cursor := firstCursor
	for {
		q := fmt.Sprintf("%s&limit=%d", base, limit)
		if cursor != "" {
			q += "&" + cursorParam + "=" + cursor
		}
		r := c.do("GET", q, nil)
		page := r.items(t, plural)
		if r.body["count"] != float64(len(page)) || len(page) > limit {
			t.Fatalf("%s: count %v for %d items", q, r.body["count"], len(page))
		}
		pages++
		if cursorParam == "end_before" {
			seen = append(ids(page), seen...)
			if len(page) > 0 {
				cursor = str(page[0]["id"])
			}
		} else {
			seen = append(seen, ids(page)...)
			if len(page) > 0 {
				cursor = str(page[len(page)-1]["id"])
			}
		}
		if r.body["has_more"] != true {
			return seen, pages
		}
		if pages > 1000 {
			t.Fatal("pagination does not end")
		}
	}
}

func TestPagination(t *testing.T) {
	s, c := newTestServer(t, Options{})
	s.SeedCustomers(c.user, 25)
	asc := ids(s.Objects(c.user, KindCustomer)) // creation order
	desc := slices.Clone(asc)
	slices.Reverse(desc)

	first := c.do("GET", "/customers", nil)
	if got := ids(first.items(t, "customers")); !slices.Equal(got, desc[:10]) {
		t.Errorf("default page = %v, want newest 10", got)
	}
	if first.body["has_more"] != true || first.body["total_count"] != 25.0 || first.body["limit"] != 10.0 || first.body["order"] != "desc" {
		t.Errorf("first page envelope: %s", first.raw)
	}

	if got, pages := walk(t, c, "/customers?order=desc", "start_after", "", 10); !slices.Equal(got, desc) || pages != 3 {
		t.Errorf("desc start_after walk = %v in %d pages", got, pages)
	}
	if got, pages := walk(t, c, "/customers?order=asc", "start_after", "", 7); !slices.Equal(got, asc) || pages != 4 {
		t.Errorf("asc start_after walk = %v in %d pages", got, pages)
	}
	// Walk back with end_before from the oldest (desc) / newest (asc) item.
	if got, _ := walk(t, c, "/customers?order=desc", "end_before", asc[0], 10); !slices.Equal(got, desc[:24]) {
		t.Errorf("desc end_before walk = %v", got)
	}
	if got, _ := walk(t, c, "/customers?order=asc", "end_before", desc[0], 4); !slices.Equal(got, asc[:24]) {
		t.Errorf("asc end_before walk = %v", got)
	}

	// end_before returns the items closest to the cursor; the cursor is excluded.
	page := c.do("GET", "/customers?order=desc&limit=3&end_before="+desc[10], nil)
	if got := ids(page.items(t, "customers")); !slices.Equal(got, desc[7:10]) || page.body["has_more"] != true {
		t.Errorf("end_before page = %v has_more=%v", got, page.body["has_more"])
	}
	page = c.do("GET", "/customers?order=asc&limit=5&start_after="+asc[20], nil)
	if got := ids(page.items(t, "customers")); !slices.Equal(got, asc[21:]) || page.body["has_more"] != false {
		t.Errorf("last asc page = %v has_more=%v", got, page.body["has_more"])
	}

	// limit values.
	if n := len(c.do("GET", "/customers?limit=0", nil).items(t, "customers")); n != 10 {
		t.Errorf("limit=0 gives %d", n)
	}
	if n := len(c.do("GET", "/customers?limit=100", nil).items(t, "customers")); n != 25 {
		t.Errorf("limit=100 gives %d", n)
	}
	for _, q := range []string{"limit=101", "limit=-1", "limit=ten", "limit=1.5", "order=up",
		"start_after=" + asc[0] + "&end_before=" + asc[1], "start_after=cust_unknown", "end_before=cust_unknown"} {
		c.do("GET", "/customers?"+q, nil).fails(t, http.StatusBadRequest, "request.pagination.invalid")
	}
	// A cursor from another project is unknown here.
	other := s.client(t, s.AddProject("Other", false))
	other.do("GET", "/customers?start_after="+asc[3], nil).fails(t, http.StatusBadRequest, "request.pagination.invalid")
}

// TestPaginationTies: objects created at the same instant are ordered by
// insertion, so the order stays total and pages neither skip nor repeat.
func TestPaginationTies(t *testing.T) {
	clock := emutest.NewClock()
	_, c := newTestServer(t, Options{Now: clock.Now})
	var created []string
	for range 12 {
		created = append(created, str(c.do("POST", "/customers", map[string]any{}).object(t, "customer")["id"]))
	}
	if got, _ := walk(t, c, "/customers?order=asc", "start_after", "", 5); !slices.Equal(got, created) {
		t.Errorf("asc with ties = %v, want %v", got, created)
	}
	desc := slices.Clone(created)
	slices.Reverse(desc)
	if got, _ := walk(t, c, "/customers?order=desc", "start_after", "", 5); !slices.Equal(got, desc) {
		t.Errorf("desc with ties = %v", got)
	}
}
