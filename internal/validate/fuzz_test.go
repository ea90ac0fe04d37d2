package validate

import (
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/processout/terraform-provider-processout/internal/iso4217"
)

// Terraform strings are always valid UTF-8 (HCL reads Unicode text), so the
// targets below skip other byte strings: no configuration can produce them.

// FuzzCheckWebURL: a URL the provider accepts at plan time is one ProcessOut
// can post to: it parses, is http(s), names a host, carries no credentials
// and no whitespace or control characters, and fits in 2048 characters. A
// refusal never repeats a password given in the URL.
func FuzzCheckWebURL(f *testing.F) {
	for _, s := range []string{
		"https://hooks.example.com/processout", "http://localhost:8080/x?y=1#z", "ftp://hooks.example.com",
		"https://user:hunter2@hooks.example.com", "ftp://user:hunter2@hooks.example.com", "https://", "https://:443/x",
		"hooks.example.com/x", "https://hooks.example.com/a b", "https://hooks.example.com/\tx", "https://[::1]/",
		"https://exa mple.com", "mailto:a@example.com", "https:hooks.example.com", "https://hooks.example.com/" + strings.Repeat("a", 2100), "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip()
		}
		err := CheckWebURL(s)
		if err != nil {
			if u, perr := url.Parse(s); perr == nil && u.User != nil {
				if pw, ok := u.User.Password(); ok && len(pw) >= 4 && strings.Contains(err.Error(), pw) {
					t.Fatalf("the refusal of %q repeats the password: %v", s, err)
				}
			}
			return
		}
		u, perr := url.Parse(s)
		switch {
		case perr != nil:
			t.Fatalf("%q accepted but does not parse: %v", s, perr)
		case u.Scheme != "http" && u.Scheme != "https":
			t.Fatalf("%q accepted with scheme %q", s, u.Scheme)
		case u.Hostname() == "":
			t.Fatalf("%q accepted without a host", s)
		case u.User != nil:
			t.Fatalf("%q accepted with credentials", s)
		case len(s) > 2048:
			t.Fatalf("%q accepted with %d characters", s, len(s))
		case strings.ContainsFunc(s, isSpaceOrControl):
			t.Fatalf("%q accepted with whitespace or a control character, which ProcessOut refuses", s)
		}
	})
}

// FuzzCheckEmail: an address the provider accepts is a plain RFC 5322
// addr-spec (what net/mail parses back to itself, no display name, no
// angle brackets) with a dotted domain, at most 254 characters: what
// ProcessOut accepts.
func FuzzCheckEmail(f *testing.F) {
	for _, s := range []string{
		"payments@example.com", "a.b+tag@sub.example.co.uk", "a@b", "a@b.", "@example.com", "a@.example.com",
		"a.@example.com", ".a@example.com", "a..b@example.com", "a(b)@example.com", "Name <a@example.com>",
		"a@example.com>", "a b@example.com", `"a b"@example.com`, "a@exa_mple.com", "a@b.c.", strings.Repeat("a", 250) + "@b.cd", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || CheckEmail(s) != nil {
			return
		}
		addr, err := mail.ParseAddress(s)
		switch {
		case err != nil:
			t.Fatalf("%q accepted, but it is not an email address: %v", s, err)
		case addr.Address != s || addr.Name != "":
			t.Fatalf("%q accepted, but it is the address %q named %q", s, addr.Address, addr.Name)
		case len(s) > 254:
			t.Fatalf("%q accepted with %d characters", s, len(s))
		}
		domain := s[strings.LastIndexByte(s, '@')+1:]
		if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
			t.Fatalf("%q accepted with the domain %q", s, domain)
		}
	})
}

// FuzzCheckCurrency: exactly the active ISO 4217 codes pass, and a refusal
// suggests the upper-case form only when that one passes.
func FuzzCheckCurrency(f *testing.F) {
	for _, s := range []string{"USD", "EUR", "usd", "XYZ", "US", "USDT", "U$D", "ÉUR", " EUR", "", "xau", "XAU"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckCurrency(s)
		if (err == nil) != iso4217.Active(s) {
			t.Fatalf("CheckCurrency(%q) = %v, want accepted=%t", s, err, iso4217.Active(s))
		}
		upper := strings.ToUpper(s)
		if suggests := err != nil && strings.Contains(err.Error(), "write "+strconv.Quote(upper)); suggests != (err != nil && iso4217.Active(upper)) {
			t.Fatalf("CheckCurrency(%q) = %v: suggesting %q is %t, want %t", s, err, upper, suggests, !suggests)
		}
	})
}

// FuzzSlugPattern: a gateway name that passes is one path segment that
// needs no escaping, so it names the same catalog entry everywhere.
func FuzzSlugPattern(f *testing.F) {
	for _, s := range []string{"stripe", "checkoutcom", "adyen-eu", "-x", "Stripe", "a/b", "..", "a.b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if SlugPattern.MatchString(s) && (url.PathEscape(s) != s || s == "." || s == ".." || strings.ToLower(s) != s) {
			t.Fatalf("gateway name %q accepted but is not a plain lowercase path segment", s)
		}
	})
}

// isSpaceOrControl is what no URL sent to ProcessOut may contain.
func isSpaceOrControl(r rune) bool {
	return r <= ' ' || r == 0x7f
}
