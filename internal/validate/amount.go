package validate

import (
	"fmt"
	"math/big"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// MaxAmountDecimals is the most decimals ProcessOut takes in an amount
// ("amounts support at most 4 decimals", its invoice reference).
const MaxAmountDecimals = 4

// maxAmountDigits bounds the integer part, as the emulator does.
const maxAmountDigits = 15

var amountPattern = regexp.MustCompile(`^-?([0-9]*)(?:\.([0-9]*))?$`)

// CheckAmount reports why s is not an amount ProcessOut charges: a decimal
// string above zero, written with digits and a dot, with at most four
// decimals, such as "19.99".
func CheckAmount(s string) error {
	m := amountPattern.FindStringSubmatch(s)
	switch {
	case s == "":
		return fmt.Errorf("is empty: give a positive decimal amount such as \"19.99\"")
	case m == nil && strings.Count(s, ",") == 1 && amountPattern.MatchString(strings.Replace(s, ",", ".", 1)):
		return fmt.Errorf("must use a dot for decimals, as in %q, got %q", strings.Replace(s, ",", ".", 1), s)
	case m == nil || m[1] == "" || strings.HasSuffix(s, "."):
		return fmt.Errorf("must be a decimal amount written with digits and at most one dot, such as \"19.99\", got %q", s)
	case strings.HasPrefix(s, "-"):
		return fmt.Errorf("must be positive, got %q", s)
	case len(m[2]) > MaxAmountDecimals:
		r, _ := new(big.Rat).SetString(s)
		return fmt.Errorf("has %d decimals, got %q: ProcessOut takes at most %d, such as %q", len(m[2]), s, MaxAmountDecimals, r.FloatString(MaxAmountDecimals))
	case len(m[1]) > maxAmountDigits:
		return fmt.Errorf("must have at most %d digits before the dot, got %q", maxAmountDigits, s)
	}
	if r, _ := new(big.Rat).SetString(s); r.Sign() == 0 {
		return fmt.Errorf("must be more than zero, got %q", s)
	}
	return nil
}

// Amount validates a positive decimal amount.
func Amount() validator.String {
	return stringCheck{"must be a positive decimal amount with at most 4 decimals, such as 19.99", "Invalid amount", CheckAmount}
}

// SameAmount reports whether two amounts that CheckAmount accepts are the
// same number ("10.5" and "10.50").
func SameAmount(a, b string) bool {
	ra, okA := new(big.Rat).SetString(a)
	rb, okB := new(big.Rat).SetString(b)
	return okA && okB && ra.Cmp(rb) == 0
}

// CanonicalAmount writes an amount in one form whatever its zeros ("010.50"
// and "10.5" are "10.5"); s itself when it is not a number.
func CanonicalAmount(s string) string {
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "eE/") {
		return s
	}
	out := r.FloatString(MaxAmountDecimals)
	if strings.Contains(out, ".") {
		out = strings.TrimRight(strings.TrimRight(out, "0"), ".")
	}
	return out
}
