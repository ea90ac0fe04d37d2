// Package validate holds the checks on user input the provider runs at plan
// time, as framework validators and as plain functions the fuzzers reach.
package validate

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/processout/terraform-provider-processout/internal/httpx"
)

// CheckWebURL reports why s is not an absolute http(s) URL with a host, as
// ProcessOut accepts them: no whitespace or control characters, at most 2048
// characters. Its messages never repeat a password given in s.
func CheckWebURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("is not a URL, got %q", httpx.RedactURL(s))
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("must start with https:// (or http://), got %q", httpx.RedactURL(s))
	case u.Host == "" || u.Hostname() == "":
		return fmt.Errorf("must name a host, as in https://hooks.example.com/processout, got %q", httpx.RedactURL(s))
	case u.User != nil:
		return fmt.Errorf("must not carry credentials (user:password@), got %q", httpx.RedactURL(s))
	case strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }):
		return fmt.Errorf("must not contain spaces or control characters (escape a space as %%20), got %q", httpx.RedactURL(s))
	case len(s) > 2048:
		return fmt.Errorf("must be at most 2048 characters long, got %d", len(s))
	}
	return nil
}

// WebURL validates an absolute http(s) URL.
func WebURL() validator.String {
	return stringCheck{"must be an absolute http(s) URL", "Invalid URL", CheckWebURL}
}

var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s.][^@\s]*\.[^@\s]*[^@\s.]$`)

// CheckEmail reports why s is not an email address: a plain RFC 5322
// address (no display name or angle brackets) with a dotted domain, at most
// 254 characters, as ProcessOut accepts them.
func CheckEmail(s string) error {
	addr, err := mail.ParseAddress(s)
	if len(s) > 254 || !emailPattern.MatchString(s) || err != nil || addr.Address != s || addr.Name != "" {
		return fmt.Errorf("must be an email address such as payments@example.com, got %q", s)
	}
	return nil
}

// Email validates an email address.
func Email() validator.String {
	return stringCheck{"must be an email address", "Invalid email", CheckEmail}
}
