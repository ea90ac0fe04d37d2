package processoutapi

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Readings chooses how the emulator plays the behaviours of ProcessOut that
// the contract (CONTRACT.md) marks unverified [U] or inferred [I] and whose
// worst plausible form could destroy, duplicate or silently lose data. The
// zero value is the optimistic reading, the contract's convention; Worst
// turns every one of them to its worst form. The provider must be safe under
// both: the suites run against each (EMULATOR_READINGS=worst).
type Readings struct {
	// IdempotencyTTL is how long an Idempotency-Key's answer is replayed;
	// 0 means the convention's 24 hours. [U]: the TTL is not documented.
	IdempotencyTTL time.Duration
	// ProjectPathIgnored makes GET, PUT and DELETE /projects/{id} act on
	// the authenticated project whatever the id. [I]: the SDKs only ever
	// send the literal /projects/{project_id}, "the current project".
	ProjectPathIgnored bool
	// UnservedRoutes hides the routes without a public API: every path
	// under /webhook-endpoints, /gateways (the catalog) and
	// /projects/applepay answers 404 resource.not-found, except the
	// gateway-configuration create and the calls of Membrane action runs
	// (unserved.go). [U]: the first two APIs are a convention (CONTRACT.md
	// §12, §14); the Apple Pay one is in the SDKs but in no public
	// reference (§24). It also withdraws the routes Node SDK 11 dropped as
	// unsupported features: /plans answers that 404 and /coupons 410
	// service.not-supported (CONTRACT.md §22, §23).
	UnservedRoutes bool
	// IgnoreListFilters makes every list ignore its filter parameters: the
	// customer field filters and the gateway-configuration `filter`. [U]:
	// ProcessOut documents no field filters (CONTRACT.md §5, §15).
	IgnoreListFilters bool
	// ReadLag makes a GET of an object younger than it answer 404
	// resource.<kind>.not-found, as a replicated store read before it has
	// caught up with the write would, and leaves an Apple Pay certificate
	// that young out of the certificate list (that kind's only read).
	// Projects are exempt (their reads are the project engineer's
	// reading). [U]: nothing says reads see the writes before them
	// (CONTRACT.md §19).
	ReadLag time.Duration
	// ApplePayCountNumber sends the Apple Pay certificate list's count as a
	// JSON number instead of the string the Go and Node SDKs type it as.
	// [U]: the server's type is unknown (CONTRACT.md §24).
	ApplePayCountNumber bool
	// ApplePayDeleteUnknownSucceeds answers a DELETE of an unknown Apple Pay
	// certificate with a success instead of a 404. [U]: no not-found code
	// is known for certificates (CONTRACT.md §24).
	ApplePayDeleteUnknownSucceeds bool
	// SFTPUnsetNotFound makes GET and DELETE of SFTP settings a project
	// does not have answer 404 resource.sftp-settings.not-found, where the
	// convention answers 200 with empty settings (GET) or success (DELETE).
	// [U]: the GET is in the SDKs only, and nothing says what it answers
	// before any save (CONTRACT.md §20).
	SFTPUnsetNotFound bool
	// AmountsReformatted makes the products' amounts come back in the
	// store's own form, four decimals ("10.5" is answered "10.5000"), not
	// as sent. [U]: nothing says ProcessOut answers an amount as it was
	// given (CONTRACT.md §21); a client that compares the strings would
	// see a change that is none, and would not find the object of a create
	// whose answer was lost.
	AmountsReformatted bool
	// ListsOmitFields makes the lists of the managed kinds leave fields out
	// of their items (listOmits: a gateway configuration's metadata and
	// public keys, a webhook endpoint's events, a product's metadata and
	// URLs, a plan's metadata and trial period, a coupon's metadata and
	// expiry), as a list that serves a summary of each object would; GET
	// answers them whole. [U]: nothing says a list item carries every
	// field its GET does (CONTRACT.md §19).
	ListsOmitFields bool
}

// listOmits are the fields ListsOmitFields leaves out of each kind's list
// items: the ones a summary is most likely to drop (free-form maps, lists,
// secondary settings), never the ID.
var listOmits = map[string][]string{
	KindGatewayConfiguration: {"metadata", "public_keys"},
	KindWebhookEndpoint:      {"events_whitelist"},
	KindProduct:              {"metadata", "return_url", "cancel_url"},
	KindPlan:                 {"metadata", "trial_period"},
	KindCoupon:               {"metadata", "expires_at"},
}

// listItem is an object's view as a list of its kind answers it: under
// ListsOmitFields, without the kind's listOmits.
func (r Readings) listItem(kind string, view any) any {
	omit := listOmits[kind]
	if !r.ListsOmitFields || len(omit) == 0 {
		return view
	}
	var fields map[string]json.RawMessage
	if raw, err := json.Marshal(view); err != nil || json.Unmarshal(raw, &fields) != nil {
		return view
	}
	for _, name := range omit {
		delete(fields, name)
	}
	return fields
}

// Reading names, as the emulator's -readings flag and EMULATOR_READINGS take them.
const (
	ReadingsOptimistic = "optimistic"
	ReadingsWorst      = "worst"
)

// WorstIdempotencyTTL is the replay window of the worst reading: long enough
// for a call's own retries, far too short for the next run's recovery.
const WorstIdempotencyTTL = time.Minute

// WorstReadLag is how long a new object stays invisible to GET under the
// worst reading: long enough that the refresh right after an apply meets
// it, short enough not to slow the suites much.
const WorstReadLag = time.Second

// hidesFresh reports whether the read-lag reading hides rec from a GET at now.
func (r Readings) hidesFresh(rec *record, now time.Time) bool {
	return r.ReadLag > 0 && rec.kind != KindProject && now.Sub(rec.created) < r.ReadLag
}

// Worst is every reading at its worst plausible form.
func Worst() Readings {
	return Readings{
		IdempotencyTTL:     WorstIdempotencyTTL,
		ProjectPathIgnored: true,
		UnservedRoutes:     true,
		IgnoreListFilters:  true,
		ReadLag:            WorstReadLag,

		ApplePayCountNumber:           true,
		ApplePayDeleteUnknownSucceeds: true,
		SFTPUnsetNotFound:             true,
		AmountsReformatted:            true,
		ListsOmitFields:               true,
	}
}

// ParseReadings reads a -readings value: "optimistic" (or empty) or "worst".
func ParseReadings(name string) (Readings, error) {
	switch strings.TrimSpace(name) {
	case "", ReadingsOptimistic:
		return Readings{}, nil
	case ReadingsWorst:
		return Worst(), nil
	}
	return Readings{}, fmt.Errorf("readings %q: want %q or %q", name, ReadingsOptimistic, ReadingsWorst)
}

// IsWorst reports whether r is the worst reading of every behaviour.
func (r Readings) IsWorst() bool { return r == Worst() }

func (r Readings) idempotencyTTL() time.Duration {
	if r.IdempotencyTTL > 0 {
		return r.IdempotencyTTL
	}
	return idempotencyTTL
}

// Readings returns the readings the server plays, so that a suite can take
// the way out a reading leaves (Membrane actions for unserved routes).
func (s *Server) Readings() Readings { return s.readings }
