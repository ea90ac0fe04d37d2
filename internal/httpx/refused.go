package httpx

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"syscall"
	"time"
)

// A refused connection proves the request was never sent (nothing listens
// at the address), so retrying it is safe, but an API that is not there
// will not appear within a retry budget of minutes: a call gives up after
// Policy.RefusedAttempts refusals in a row, a second or so apart, with an
// error naming the address and, when the provider named it
// (NameEndpoint), the setting that holds it.

// DefaultRefusedAttempts is Policy.RefusedAttempts when it is 0.
const DefaultRefusedAttempts = 3

// refusedBackoff is the least wait after a refused connection: long enough
// for a proxy or API that is restarting to come back between two tries.
const refusedBackoff = time.Second

// wsaECONNREFUSED is Windows' connection refused, which syscall.ECONNREFUSED
// does not match there.
const wsaECONNREFUSED = 10061

func (p Policy) refusedAttempts() int {
	if p.RefusedAttempts > 0 {
		return p.RefusedAttempts
	}
	return DefaultRefusedAttempts
}

// isRefused reports whether err is a refused connection.
func isRefused(err error) bool {
	var errno syscall.Errno
	return errors.As(err, &errno) && (errno == syscall.ECONNREFUSED || uintptr(errno) == wsaECONNREFUSED)
}

// isDialError reports whether err is a failure to open the connection (a
// refusal, an unknown host, a connect timeout): the request was not sent.
func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// NameEndpoint gives the site (scheme and host) of base a name for errors,
// such as the setting that holds it: "processout_api_url (or
// PROCESSOUT_API_URL)". Call it before c's first Do; a Client made by
// WithSecrets shares the names.
func (c *Client) NameEndpoint(base *url.URL, name string) {
	if base == nil {
		return
	}
	site := base.Scheme + "://" + base.Host
	if prior, ok := c.endpoints[site]; ok && prior != name {
		name = prior + " or " + name // two settings at the same site
	}
	c.endpoints[site] = name
}

func siteOf(call Call) string { return call.URL.Scheme + "://" + call.URL.Host }

// RefusedError reports a call given up because its last attempts met a
// refused connection.
type RefusedError struct {
	Operation string
	URL       string // the site refused: scheme and host
	Attempts  int
	Refused   int // the last attempts refused in a row
	Elapsed   time.Duration
	// Sent says whether an earlier attempt may have reached the server.
	Sent bool
	// Setting names the site (NameEndpoint); "" when unnamed.
	Setting string
	Last    error
}

func (e *RefusedError) Error() string {
	where := e.URL
	if e.Setting != "" {
		where += ", the address in " + e.Setting
	}
	tries := attempts(e.Attempts)
	if e.Refused < e.Attempts {
		tries = fmt.Sprintf("the last %d of %s", e.Refused, tries)
	}
	return fmt.Sprintf("%s: nothing accepts connections at %s: the connection was refused on %s over %s",
		e.Operation, where, tries, e.Elapsed.Round(time.Millisecond))
}

func (e *RefusedError) Unwrap() error { return e.Last }

// IsRefused reports whether err is a RefusedError.
func IsRefused(err error) bool {
	var e *RefusedError
	return errors.As(err, &e)
}
