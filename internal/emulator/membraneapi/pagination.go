package membraneapi

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// listPage is Membrane's pagination envelope.
type listPage[T any] struct {
	Items  []T    `json:"items"`
	Cursor string `json:"cursor,omitempty"`
}

const cursorPrefix = "offset:"

// paginate cuts one page out of items according to the query's limit (1 to
// 1000, default defLimit) and cursor. Cursors are opaque strings; "" and "0"
// (where the SDK's findAll starts) mean the first page. The last page has no
// cursor.
func paginate[T any](items []T, q url.Values, defLimit int) (listPage[T], *httpError) {
	limit := defLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return listPage[T]{}, newHTTPError(http.StatusBadRequest, errBadRequest, "limit must be an integer between 1 and 1000, got '%s'", v)
		}
		limit = n
	}
	offset := 0
	if c := q.Get("cursor"); c != "" && c != "0" {
		raw, err := base64.RawURLEncoding.DecodeString(c)
		n, convErr := strconv.Atoi(strings.TrimPrefix(string(raw), cursorPrefix))
		if err != nil || convErr != nil || !strings.HasPrefix(string(raw), cursorPrefix) || n < 0 {
			return listPage[T]{}, newHTTPError(http.StatusBadRequest, errBadRequest, "Invalid cursor '%s'", c)
		}
		offset = n
	}
	page := listPage[T]{Items: []T{}}
	if offset < len(items) {
		end := min(offset+limit, len(items))
		page.Items = items[offset:end]
		if end < len(items) {
			page.Cursor = base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(end)))
		}
	}
	return page, nil
}

// boolQuery parses an optional boolean query parameter.
func boolQuery(q url.Values, name string) (value, set bool, herr *httpError) {
	v := q.Get(name)
	if v == "" {
		return false, false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, false, newHTTPError(http.StatusBadRequest, errBadRequest, "%s must be true or false, got '%s'", name, v)
	}
	return b, true, nil
}
