package validate

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPlanAndCouponChecks(t *testing.T) {
	for _, tc := range []struct {
		check func(string) error
		name  string
		ok    []string
		bad   []string
	}{
		{CheckCallerID, "caller id",
			[]string{"silver-plan", "25percentoff", "A_b-9", strings.Repeat("x", 128)},
			[]string{"", "silver plan", "a/b", "a.b", "é", "lost-create:x", strings.Repeat("x", 129)}},
		{CheckAmount, "amount",
			[]string{"9.99", "10", "0.0001", "1.5000", "007.1", strings.Repeat("9", 15) + ".9999"},
			[]string{"", "0", "0.00", "-5", "9.99999", "9,99", ".5", "5.", "1e3", " 1", strings.Repeat("9", 16)}},
		{CheckDuration, "duration",
			[]string{"1m", "1w", "1m15d", "1d2w3m4y", "12m", "0d1m", "9999y"},
			[]string{"", "m", "0m", "0d0w", "1x", "1M", "1 m", "10000d", "-1m", "1.5m", "m1"}},
	} {
		for _, s := range tc.ok {
			if err := tc.check(s); err != nil {
				t.Errorf("%s %q refused: %v", tc.name, s, err)
			}
		}
		for _, s := range tc.bad {
			if err := tc.check(s); err == nil {
				t.Errorf("%s %q accepted", tc.name, s)
			}
		}
	}
}

// FuzzCheckCallerID: an ID the provider lets a caller choose is one
// segment of a URL path as it is (no escaping can change it, nor the
// Go SDK's QueryEscape), and cannot be the placeholder of a lost create.
func FuzzCheckCallerID(f *testing.F) {
	for _, s := range []string{"silver-plan", "a b", "a/b", "..", "", "lost-create:k", "x+y", strings.Repeat("a", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || CheckCallerID(s) != nil {
			return
		}
		if url.PathEscape(s) != s || url.QueryEscape(s) != s || s == "." || s == ".." || strings.Contains(s, ":") || len(s) > MaxCallerIDLength {
			t.Fatalf("%q accepted, but it does not travel unchanged in a path", s)
		}
	})
}
