package processoutapi

import (
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
)

const (
	defaultLimit = 10
	maxLimit     = 100
)

// pageParams are the list options of CONTRACT.md §5.
type pageParams struct {
	limit      int
	desc       bool
	startAfter string
	endBefore  string
}

func (p pageParams) orderName() string {
	if p.desc {
		return "desc"
	}
	return "asc"
}

func (p pageParams) cursor() string { return p.startAfter + p.endBefore }

// optionValue reads a query option leniently (CONTRACT.md §9): SDKs send unset
// options as "", "null" (Node), "None" (Python) or a bare key (Ruby); all of
// them mean "absent".
func optionValue(q url.Values, name string) string {
	v := strings.TrimSpace(q.Get(name))
	switch v {
	case "null", "None", "nil", "undefined":
		return ""
	}
	return v
}

// parsePage reads limit, order, start_after and end_before. limit: absent,
// empty or 0 means 10; 1..100 is taken as is; anything else (negative, over
// 100, not an integer) is 400 request.pagination.invalid, as is an unknown
// order or both cursors at once.
func parsePage(q url.Values) (pageParams, *apiError) {
	p := pageParams{limit: defaultLimit, desc: true}
	if v := optionValue(q, "limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxLimit {
			return p, paginationError("The limit must be an integer between 1 and %d (0 means the default of %d), got %q.", maxLimit, defaultLimit, v)
		}
		if n > 0 {
			p.limit = n
		}
	}
	switch order := optionValue(q, "order"); order {
	case "", "desc":
	case "asc":
		p.desc = false
	default:
		return p, paginationError("The order must be asc or desc, got %q.", order)
	}
	p.startAfter = optionValue(q, "start_after")
	p.endBefore = optionValue(q, "end_before")
	if p.startAfter != "" && p.endBefore != "" {
		return p, paginationError("Only one of start_after and end_before may be set.")
	}
	return p, nil
}

// paginate cuts one page out of items (ascending by creation). The cursor
// record is excluded and need not be in items (a filtered view): its sort key
// places it. start_after walks away from the newest item in desc order and
// towards it in asc order; end_before is the reverse and returns the limit
// items closest to the cursor. has_more says whether items remain further
// along the walking direction.
func paginate(items []*record, cursor *record, p pageParams) ([]*record, bool) {
	n := len(items)
	var lo, hi int
	var more bool
	// after: the page lies among items sorting after the cursor.
	after := (p.startAfter != "") != p.desc
	switch {
	case cursor == nil && !p.desc:
		lo, hi = 0, min(p.limit, n)
		more = hi < n
	case cursor == nil:
		lo, hi = max(0, n-p.limit), n
		more = lo > 0
	case after:
		lo = sort.Search(n, func(i int) bool { return cursor.less(items[i]) })
		hi = min(lo+p.limit, n)
		more = hi < n
	default:
		hi = sort.Search(n, func(i int) bool { return !items[i].less(cursor) })
		lo = max(0, hi-p.limit)
		more = lo > 0
	}
	page := slices.Clone(items[lo:hi])
	if p.desc {
		slices.Reverse(page)
	}
	return page, more
}
