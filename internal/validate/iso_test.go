package validate

import (
	"strings"
	"testing"
)

// expectChecks runs check on each value: "" wants it accepted, any other
// text an error containing it.
func expectChecks(t *testing.T, check func(string) error, cases map[string]string) {
	t.Helper()
	for value, want := range cases {
		err := check(value)
		switch {
		case want == "" && err != nil:
			t.Errorf("%q refused: %v", value, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: %v, want an error containing %q", value, err, want)
		}
	}
}

func TestCheckCurrency(t *testing.T) {
	expectChecks(t, CheckCurrency, map[string]string{
		"EUR":  "",
		"XCG":  "",
		"XYZ":  `is "XYZ", which is not an ISO 4217 currency code (such as "USD" or "EUR")`,
		"XAU":  `is "XAU", which is not an ISO 4217 currency code`, // gold: not a currency payments are made in
		"usd":  `is "usd", which is not an ISO 4217 currency code: codes are upper case, write "USD"`,
		"Eur":  `write "EUR"`,
		"xyz":  `must be an ISO 4217 currency code of three capital letters, such as "USD" or "EUR", got "xyz"`,
		"euro": `must be an ISO 4217 currency code of three capital letters, such as "USD" or "EUR", got "euro"`,
		"":     `got ""`,
	})
}

func TestCheckGatewayName(t *testing.T) {
	expectChecks(t, CheckGatewayName, map[string]string{
		"stripe":   "",
		"adyen-eu": "",
		"":         `is empty: give the name of a gateway of ProcessOut's catalog; the processout_gateways data source lists the names`,
		"Stripe!":  `got "Stripe!"; the processout_gateways data source lists the names`,
	})
}
