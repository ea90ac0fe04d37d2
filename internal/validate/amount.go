package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// amountPattern is a decimal amount as ProcessOut writes money: digits, and
// an optional fraction (reference §3: "5402.93").
var amountPattern = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// maxAmountDecimals is the most decimals ProcessOut keeps in an amount
// (reference §6: invoices "support at most 4 decimals").
const maxAmountDecimals = 4

// maxAmountDigits bounds the integer part, as the emulator does.
const maxAmountDigits = 15

// CheckAmount reports why s is not a positive decimal amount with at most
// four decimals, such as "9.99".
func CheckAmount(s string) error {
	whole, fraction, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	switch {
	case !amountPattern.MatchString(s):
		return fmt.Errorf("must be a decimal amount such as \"9.99\" (digits, a dot, at most %d decimals), got %q", maxAmountDecimals, s)
	case len(fraction) > maxAmountDecimals:
		return fmt.Errorf("has %d decimals, got %q: ProcessOut keeps at most %d", len(fraction), s, maxAmountDecimals)
	case len(strings.TrimLeft(whole, "0")) > maxAmountDigits:
		return fmt.Errorf("has more than %d digits before the dot, got %q", maxAmountDigits, s)
	case strings.HasPrefix(s, "-") || !strings.ContainsAny(s, "123456789"):
		return fmt.Errorf("must be greater than zero, got %q", s)
	}
	return nil
}

// Amount validates a positive decimal amount.
func Amount() validator.String {
	return stringCheck{"must be a positive decimal amount with at most 4 decimals, such as \"9.99\"", "Invalid amount", CheckAmount}
}
