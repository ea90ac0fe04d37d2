package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/processout/terraform-provider-processout/internal/iso4217"
)

// SlugPattern matches catalog names such as "stripe" or "checkoutcom".
var SlugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)

// CheckCurrency reports why s is not an active ISO 4217 currency code
// (package iso4217), suggesting the upper-case form when that is one.
func CheckCurrency(s string) error {
	switch upper := strings.ToUpper(s); {
	case iso4217.Active(s):
		return nil
	case iso4217.Active(upper):
		return fmt.Errorf("is %q, which is not an ISO 4217 currency code: codes are upper case, write %q", s, upper)
	case currencyPattern.MatchString(s):
		return fmt.Errorf("is %q, which is not an ISO 4217 currency code (such as \"USD\" or \"EUR\"); "+
			"the list of codes: https://www.iso.org/iso-4217-currency-codes.html", s)
	}
	return fmt.Errorf("must be an ISO 4217 currency code of three capital letters, such as \"USD\" or \"EUR\", got %q", s)
}

// Currency validates an ISO 4217 currency code.
func Currency() validator.String {
	return stringCheck{"must be an active ISO 4217 currency code such as USD", "Invalid currency", CheckCurrency}
}

// CheckGatewayName reports why s is not a gateway name of ProcessOut's
// catalog, by its shape (the catalog itself is checked at plan time when it
// is served).
func CheckGatewayName(s string) error {
	const find = "the processout_gateways data source lists the names (its gateways[*].name), such as \"stripe\" or \"adyen\""
	switch {
	case s == "":
		return fmt.Errorf("is empty: give the name of a gateway of ProcessOut's catalog; %s", find)
	case !SlugPattern.MatchString(s):
		return fmt.Errorf("must be a gateway name such as \"stripe\" (lowercase letters, digits, dashes), got %q; %s", s, find)
	}
	return nil
}

// GatewayName validates the shape of a gateway name.
func GatewayName() validator.String {
	return stringCheck{"must be a gateway name such as \"stripe\" (lowercase letters, digits, dashes)", "Invalid gateway name", CheckGatewayName}
}
