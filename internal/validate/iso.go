package validate

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// SlugPattern matches catalog names such as "stripe" or "checkoutcom".
var SlugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)

// CheckCurrency reports why s is not an ISO 4217 currency code. Only the
// shape is checked here; ProcessOut knows which codes exist.
func CheckCurrency(s string) error {
	if !currencyPattern.MatchString(s) {
		return fmt.Errorf("must be an ISO 4217 currency code of three capital letters, such as \"USD\" or \"EUR\", got %q", s)
	}
	return nil
}

// Currency validates an ISO 4217 currency code.
func Currency() validator.String {
	return stringCheck{"must be an ISO 4217 currency code such as USD", "Invalid currency", CheckCurrency}
}
