package httpx

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// FuzzCheckEndpoint: an endpoint the provider accepts is one credentials
// may go to: it names a host, uses https (plain http only to a loopback
// address), carries no user info, and the URL the HTTP client will use
// names the same host. A refusal never repeats a password given in the URL.
func FuzzCheckEndpoint(f *testing.F) {
	for _, s := range []string{
		"https://api.processout.com", "https://api.getmembrane.com/", "http://127.0.0.1:8081", "http://localhost:1/x",
		"http://[::1]:80", "http://api.example.com", "http://localhost.example.com", "http://127.0.0.1.example.com",
		"https://user:hunter2@api.example.com", "ftp://user:hunter2@api.example.com", "https://:443", "https://",
		"http://0x7f.0.0.1", "http://[::ffff:127.0.0.1]", "https://api.example.com:99999", "//api.example.com",
		"https:api.example.com", "HTTPS://API.EXAMPLE.COM", "https://a b.example.com", "http://127.1", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := CheckEndpoint(raw)
		if err != nil {
			if ref, perr := url.Parse(raw); perr == nil && ref.User != nil {
				if pw, ok := ref.User.Password(); ok && len(pw) >= 4 && strings.Contains(err.Error(), pw) {
					t.Fatalf("the refusal of %q repeats the password: %v", raw, err)
				}
			}
			return
		}
		host := u.Hostname()
		switch {
		case host == "":
			t.Fatalf("%q accepted without a host name", raw)
		case u.User != nil:
			t.Fatalf("%q accepted with user info", raw)
		case u.Scheme != "https" && u.Scheme != "http":
			t.Fatalf("%q accepted with scheme %q", raw, u.Scheme)
		case u.Scheme == "http" && host != "localhost" && !isLoopbackIP(host):
			t.Fatalf("%q accepted: plain http to %q, which is not loopback", raw, host)
		}
		again, err := url.Parse(u.String())
		if err != nil || again.Host != u.Host {
			t.Fatalf("%q: the client would call %q (host %q), not host %q", raw, u.String(), again.Host, u.Host)
		}
	})
}

func isLoopbackIP(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// FuzzRetryAfter: a server's Retry-After, whatever it says, never yields a
// negative wait (which would retry at once, hammering the server).
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"0", "1", "120", "-1", "9223372036854775807", "9223372037", "99999999999999999999",
		"Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "soon", " 5", "1.5", ""} {
		f.Add(s)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, value string) {
		d, ok := RetryAfter(http.Header{"Retry-After": {value}}, now)
		if d < 0 {
			t.Fatalf("Retry-After %q gave a negative wait %v", value, d)
		}
		if !ok && d != 0 {
			t.Fatalf("Retry-After %q not understood, yet a wait of %v", value, d)
		}
	})
}
