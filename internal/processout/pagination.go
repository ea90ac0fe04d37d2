package processout

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"strconv"
)

// MaxPageSize is the largest page ProcessOut serves.
const MaxPageSize = 100

// ListOptions select and order the items of a list.
type ListOptions struct {
	// Order is "asc" or "desc" (ProcessOut's default, newest first).
	Order string
	// PageSize defaults to MaxPageSize: fewer round trips is always better
	// for a provider that reads everything anyway.
	PageSize int
	// Filters are extra query parameters the endpoint understands.
	Filters url.Values
}

// Page is one page of a list.
type Page[T any] struct {
	Items   []T
	HasMore bool
}

type idOf interface{ itemID() string }

// listPages streams the items of a list endpoint page by page, following the
// start_after cursor. Only one page is held at a time. A cursor that comes
// back (a server or cache that ignores start_after answers the same page
// again) ends the list with an error instead of looping forever.
func listPages[T idOf](ctx context.Context, c *Client, base Request, opts ListOptions) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		cursor := ""
		seen := map[string]bool{}
		for {
			if seen[cursor] {
				var zero T
				yield(zero, &DecodeError{Operation: base.Operation, Status: 200,
					Reason: fmt.Sprintf("the API answered a page it had already sent (start_after %q did not advance the list)", cursor)})
				return
			}
			seen[cursor] = true
			page, err := fetchPage[T](ctx, c, base, opts, cursor)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range page.Items {
				if !yield(item, nil) {
					return
				}
			}
			if !page.HasMore || len(page.Items) == 0 {
				return
			}
			cursor = page.Items[len(page.Items)-1].itemID()
		}
	}
}

func fetchPage[T any](ctx context.Context, c *Client, base Request, opts ListOptions, startAfter string) (Page[T], error) {
	req := base
	req.List = true
	req.Query = url.Values{}
	for k, v := range opts.Filters {
		req.Query[k] = v
	}
	size := opts.PageSize
	if size <= 0 || size > MaxPageSize {
		size = MaxPageSize
	}
	req.Query.Set("limit", strconv.Itoa(size))
	if opts.Order != "" {
		req.Query.Set("order", opts.Order)
	}
	if startAfter != "" {
		req.Query.Set("start_after", startAfter)
	}
	resp, err := c.transport.Do(ctx, &req)
	if err != nil {
		return Page[T]{}, err
	}
	fields, err := decodeEnvelope(&req, resp)
	if err != nil {
		return Page[T]{}, err
	}
	var page Page[T]
	raw, ok := fields[req.ResponseKey]
	if !ok {
		return page, &DecodeError{Operation: req.Operation, Status: resp.Status, Reason: fmt.Sprintf("the %q list is missing", req.ResponseKey), Snippet: snippet(resp.Body)}
	}
	if string(raw) != "null" {
		if err := json.Unmarshal(raw, &page.Items); err != nil {
			return page, &DecodeError{Operation: req.Operation, Status: resp.Status, Reason: fmt.Sprintf("the %q list does not have the expected shape: %v", req.ResponseKey, err)}
		}
	}
	if raw, ok := fields["has_more"]; ok {
		if err := json.Unmarshal(raw, &page.HasMore); err != nil {
			return page, &DecodeError{Operation: req.Operation, Status: resp.Status, Reason: `"has_more" is not a boolean`}
		}
	}
	return page, nil
}
