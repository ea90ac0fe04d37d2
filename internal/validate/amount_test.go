package validate

import (
	"regexp"
	"testing"
)

func TestCheckAmount(t *testing.T) {
	expectChecks(t, CheckAmount, map[string]string{
		"19.99":            "",
		"1":                "",
		"0.0001":           "",
		"120.5000":         "",
		"999999999999999":  "",
		"":                 `is empty: give a positive decimal amount such as "19.99"`,
		"19,99":            `must use a dot for decimals, as in "19.99", got "19,99"`,
		"ten":              `must be a decimal amount written with digits and at most one dot, such as "19.99", got "ten"`,
		"1e3":              `written with digits and at most one dot`,
		" 10":              `written with digits and at most one dot`,
		".5":               `written with digits and at most one dot`,
		"5.":               `written with digits and at most one dot`,
		"1.2.3":            `written with digits and at most one dot`,
		"-5":               `must be positive, got "-5"`,
		"0":                `must be more than zero, got "0"`,
		"0.0000":           `must be more than zero, got "0.0000"`,
		"1.23456":          `has 5 decimals, got "1.23456": ProcessOut takes at most 4, such as "1.2346"`,
		"1000000000000000": `must have at most 15 digits before the dot, got "1000000000000000"`,
	})
}

func TestSameAndCanonicalAmount(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{{"10.5", "10.5000", true}, {"010.50", "10.5", true}, {"7", "7.0000", true}, {"10.5", "10.05", false}, {"x", "x", false}} {
		if got := SameAmount(c.a, c.b); got != c.same {
			t.Errorf("SameAmount(%q, %q) = %v", c.a, c.b, got)
		}
		if c.same && CanonicalAmount(c.a) != CanonicalAmount(c.b) {
			t.Errorf("CanonicalAmount(%q) = %q, CanonicalAmount(%q) = %q", c.a, CanonicalAmount(c.a), c.b, CanonicalAmount(c.b))
		}
	}
	for in, want := range map[string]string{"10.5000": "10.5", "7.0000": "7", "0100": "100", "19.99": "19.99", "1e3": "1e3", "ten": "ten"} {
		if got := CanonicalAmount(in); got != want {
			t.Errorf("CanonicalAmount(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzCheckAmount: an amount that passes is one the emulator (CONTRACT.md
// §21) accepts, written with digits and a dot, and its canonical form is
// the same number.
func FuzzCheckAmount(f *testing.F) {
	for _, s := range []string{"19.99", "0", "-1", "1.23456", "1e3", "0x10", "1/2", "١٢", "+5", "10.50", ""} {
		f.Add(s)
	}
	emulatorAmount := regexp.MustCompile(`^[0-9]{1,15}(\.[0-9]{1,4})?$`)
	f.Fuzz(func(t *testing.T, s string) {
		if CheckAmount(s) != nil {
			return
		}
		if !emulatorAmount.MatchString(s) {
			t.Fatalf("CheckAmount accepted %q, which ProcessOut's rule refuses", s)
		}
		if c := CanonicalAmount(s); !SameAmount(s, c) || CheckAmount(c) != nil {
			t.Fatalf("CanonicalAmount(%q) = %q: not the same accepted amount", s, c)
		}
	})
}
