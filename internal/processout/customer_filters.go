package processout

import (
	"context"
	"iter"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// CustomerFilter selects customers by their fields. ProcessOut documents no
// field filters on GET /customers (only a free-form `filter` string), so the
// query parameters Query builds are an extension the local emulator
// understands; a server that ignores them still gives the right answer
// through FilteredCustomers, which checks every customer with Match.
// The zero value selects every customer.
type CustomerFilter struct {
	// Email matches the customer's email, ignoring case.
	Email string
	// ReferenceID matches the merchant's own reference exactly.
	ReferenceID string
	// Metadata entries must all be present on the customer with these values.
	Metadata map[string]string
	// CreatedAfter and CreatedBefore, when set, bound the creation time
	// (both exclusive).
	CreatedAfter  *time.Time
	CreatedBefore *time.Time
	// Sandbox, when set, keeps only sandbox (true) or live (false) customers.
	Sandbox *bool
}

// IsZero reports whether the filter selects every customer.
func (f CustomerFilter) IsZero() bool {
	return f.Email == "" && f.ReferenceID == "" && len(f.Metadata) == 0 &&
		f.CreatedAfter == nil && f.CreatedBefore == nil && f.Sandbox == nil
}

// Query returns the filter as query parameters (emulator extension):
// email, reference_id, metadata[key]=value, created_after and
// created_before (RFC 3339) and sandbox.
func (f CustomerFilter) Query() url.Values {
	q := url.Values{}
	if f.Email != "" {
		q.Set("email", f.Email)
	}
	if f.ReferenceID != "" {
		q.Set("reference_id", f.ReferenceID)
	}
	keys := make([]string, 0, len(f.Metadata))
	for k := range f.Metadata {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		q.Set("metadata["+k+"]", f.Metadata[k])
	}
	if f.CreatedAfter != nil {
		q.Set("created_after", f.CreatedAfter.UTC().Format(time.RFC3339Nano))
	}
	if f.CreatedBefore != nil {
		q.Set("created_before", f.CreatedBefore.UTC().Format(time.RFC3339Nano))
	}
	if f.Sandbox != nil {
		q.Set("sandbox", strconv.FormatBool(*f.Sandbox))
	}
	return q
}

// Match reports whether c satisfies every condition of the filter.
func (f CustomerFilter) Match(c *Customer) bool {
	if f.Email != "" && !strings.EqualFold(f.Email, c.Email) {
		return false
	}
	if f.ReferenceID != "" && f.ReferenceID != c.ReferenceID {
		return false
	}
	for k, want := range f.Metadata {
		if got, ok := c.Metadata[k]; !ok || got != want {
			return false
		}
	}
	if f.CreatedAfter != nil && !c.CreatedAt.After(*f.CreatedAfter) {
		return false
	}
	if f.CreatedBefore != nil && !c.CreatedAt.Before(*f.CreatedBefore) {
		return false
	}
	if f.Sandbox != nil && *f.Sandbox != c.Sandbox {
		return false
	}
	return true
}

// FilteredCustomers streams the customers that match f. The filter travels
// to the API as query parameters and is applied again to every page, so the
// answer is right whether or not the server honours the parameters. The
// list is fetched page by page as the caller consumes it: stopping the loop
// stops the fetching.
func (c *Client) FilteredCustomers(ctx context.Context, f CustomerFilter, opts ListOptions) iter.Seq2[Customer, error] {
	query := f.Query()
	for k, v := range opts.Filters {
		query[k] = v
	}
	opts.Filters = query
	return func(yield func(Customer, error) bool) {
		for cust, err := range c.Customers(ctx, opts) {
			if err != nil {
				yield(Customer{}, err)
				return
			}
			if !f.Match(&cust) {
				continue
			}
			if !yield(cust, nil) {
				return
			}
		}
	}
}
