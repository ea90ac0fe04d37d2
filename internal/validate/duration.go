package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// durationPattern is ProcessOut's grammar for a plan's interval and trial
// period, "1d2w3m4y" (Go SDK comment): terms of a number and a unit, d day,
// w week, m month, y year, such as "1m" (monthly), "1w" or "1m15d" (legacy
// docs). Numbers of more than four digits are refused: no billing period
// is ten thousand units long, and the emulator refuses them too.
var durationPattern = regexp.MustCompile(`^([0-9]{1,4}[dwmy])+$`)

// CheckDuration reports why s is not a positive duration of that grammar.
func CheckDuration(s string) error {
	switch {
	case !durationPattern.MatchString(s):
		return fmt.Errorf("must be a duration such as \"1m\" (monthly), \"1w\" (weekly) or \"1m15d\": numbers of at most 4 digits, "+
			"each followed by d (day), w (week), m (month) or y (year), got %q", s)
	case !strings.ContainsAny(s, "123456789"): // the units are letters: some number is not zero
		return fmt.Errorf("adds up to nothing, got %q: the duration must be positive, such as \"1m\"", s)
	}
	return nil
}

// Duration validates a plan interval or trial period.
func Duration() validator.String {
	return stringCheck{"must be a positive duration such as 1m, 1w or 1m15d (d day, w week, m month, y year)", "Invalid duration", CheckDuration}
}
