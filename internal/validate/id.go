package validate

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// callerIDPattern is what the provider lets a caller choose as the ID of a
// plan or coupon: ProcessOut documents no rule (reference §10.1), its
// examples are "silver-plan" and "25percentoff", and the ID goes into the
// URL path (the Go SDK escapes it with QueryEscape, turning a space into
// "+"), so only letters, digits, "_" and "-" are safe.
var callerIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// MaxCallerIDLength bounds a caller-chosen ID (an emulator and provider
// choice: ProcessOut documents none).
const MaxCallerIDLength = 128

// CheckCallerID reports why s cannot be the ID of a plan or coupon.
func CheckCallerID(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("is empty: choose an ID such as \"silver-plan\" (letters, digits, \"_\" and \"-\")")
	case len(s) > MaxCallerIDLength:
		return fmt.Errorf("must be at most %d characters long, got %d", MaxCallerIDLength, len(s))
	case !callerIDPattern.MatchString(s):
		return fmt.Errorf("must be made of letters, digits, \"_\" and \"-\" only (it goes into the URL path), such as \"silver-plan\", got %q", s)
	}
	return nil
}

// CallerID validates the caller-chosen ID of a plan or coupon.
func CallerID() validator.String {
	return stringCheck{"must be 1 to 128 letters, digits, \"_\" or \"-\", such as silver-plan", "Invalid ID", CheckCallerID}
}
