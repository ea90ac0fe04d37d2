package validate

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// CheckRFC3339 reports why s is not an RFC 3339 timestamp with a time zone.
func CheckRFC3339(s string) error {
	if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
		return fmt.Errorf("must be an RFC 3339 timestamp with a time zone, such as \"2024-01-31T00:00:00Z\" or \"2024-01-31T09:30:00+01:00\"; got %q", s)
	}
	return nil
}

// RFC3339 validates an RFC 3339 timestamp.
func RFC3339() validator.String {
	return stringCheck{"must be an RFC 3339 timestamp such as 2024-01-31T00:00:00Z", "Invalid timestamp", CheckRFC3339}
}
