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
	Items []T
	// Partial[i] says Items[i] lacks a field of T's model, when the page
	// was read with the model's keys (fetchPage); nil otherwise.
	Partial []bool
	HasMore bool
}

type idOf interface{ itemID() string }

// listPages streams the items of a list endpoint page by page, following the
// start_after cursor. Only one page is held at a time. A cursor that comes
// back (a server or cache that ignores start_after answers the same page
// again) ends the list with an error instead of looping forever. whole,
// when not nil, reads in full an item the list sent without every field of
// T's model (a list may serve a summary of each object, the emulator's
// ListsOmitFields reading): the item is yielded as whole answers it, and
// left out when whole finds it gone.
func listPages[T idOf](ctx context.Context, c *Client, base Request, opts ListOptions, whole func(context.Context, string) (*T, error)) iter.Seq2[T, error] {
	var keys []string
	if whole != nil {
		keys = modelKeys[T]()
	}
	return func(yield func(T, error) bool) {
		cursor := ""
		seen := map[string]bool{}
		for {
			if seen[cursor] {
				var zero T
				yield(zero, repeatedPage(base.Operation, cursor))
				return
			}
			seen[cursor] = true
			page, err := fetchPage[T](ctx, c, base, opts, cursor, keys)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for i, item := range page.Items {
				if page.Partial != nil && page.Partial[i] {
					full, err := whole(ctx, item.itemID())
					switch {
					case IsNotFound(err):
						continue
					case err != nil:
						yield(item, err)
						return
					}
					item = *full
				}
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

// repeatedPage is the error of a list whose cursor did not advance.
func repeatedPage(operation, cursor string) error {
	return &DecodeError{Operation: operation, Status: 200,
		Reason: fmt.Sprintf("the API answered a page it had already sent (start_after %q did not advance the list)", cursor)}
}

// fetchPage reads one page. keys, when not nil, are the fields an item must
// carry to be whole (modelKeys): page.Partial marks the items lacking one.
func fetchPage[T any](ctx context.Context, c *Client, base Request, opts ListOptions, startAfter string, keys []string) (Page[T], error) {
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
		if err := decodeItems(raw, keys, &page); err != nil {
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
