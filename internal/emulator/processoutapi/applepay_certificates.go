package processoutapi

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Apple Pay alternative merchant certificates (CONTRACT.md §24): the extra
// Apple Pay certificates of the authenticated project, created with an
// empty body, listed in one object and deleted by id. The SDKs' model has
// nothing but the id, and no call uploads the certificate Apple signs (the
// dashboard does), so the emulator stores nothing else.

// ApplePayCertificate is one alternative merchant certificate slot. Only
// the id is rendered; the rest indexes it (owner, mode, creation time).
type ApplePayCertificate struct {
	ID        string    `json:"id"`
	projectID string    // the owning project, bare
	sandbox   bool      // the mode of the call that made it
	createdAt time.Time // never rendered: the SDKs have no such field
}

// applePayCertificatePrefix starts the ids the emulator makes: "amc_" and
// 32 letters or digits. [U] emulator choice: the real format is unknown.
const applePayCertificatePrefix = "amc_"

func (a *ApplePayCertificate) ident() ident {
	return ident{id: a.ID, owner: a.projectID, sandbox: a.sandbox, created: a.createdAt}
}

func (a *ApplePayCertificate) clone() object { cp := *a; return &cp }

func (a *ApplePayCertificate) normalize() { a.createdAt = a.createdAt.UTC() }

func (a *ApplePayCertificate) view(*Server, viewCtx) any {
	return map[string]any{"id": a.ID}
}

// applePayConfigured refuses every certificate call of a project whose
// Apple Pay is not set up (SetApplePayConfigured): 404
// resource.applepay-configuration.not-found, the code the iOS SDK knows
// ([V] code, [I] when it is returned). Its certificates are kept, hidden,
// and come back when Apple Pay is set up again (emulator choice).
func (s *Server) applePayConfigured(c *reqCtx) *apiError {
	if s.applePayOff[c.projectID] {
		return newError(http.StatusNotFound, "resource.applepay-configuration.not-found", "The Apple Pay configuration was not found.")
	}
	return nil
}

func applePayListKey(c *reqCtx) listKey {
	return listKey{kind: KindApplePayCertificate, owner: c.projectID, sandbox: c.sandbox}
}

// handleApplePayList serves GET /projects/applepay/alternative-merchant-certificates:
// {"applepay_certificates": {"count": "<n>", "alternative_merchant_certificates": [{"id"}…]}},
// oldest first, in one answer. count is a JSON string ([V] Go and Node SDK
// types; an integer breaks the Go SDK), a number under
// Readings.ApplePayCountNumber. Pagination options are ignored: the answer
// has no has_more [V] and no SDK pages it. Under Readings.ReadLag a
// certificate younger than the lag is not listed yet: the list is this
// kind's only read.
func handleApplePayList(s *Server, c *reqCtx) response {
	if aerr := s.applePayConfigured(c); aerr != nil {
		return errorResponse(aerr)
	}
	now := s.clock()
	items := []any{}
	for _, rec := range s.st.list(applePayListKey(c)) {
		if !s.readings.hidesFresh(rec, now) {
			items = append(items, rec.obj.view(s, viewCtx{sandbox: c.sandbox}))
		}
	}
	var count any = strconv.Itoa(len(items))
	if s.readings.ApplePayCountNumber {
		count = len(items)
	}
	return okObject("applepay_certificates", map[string]any{"count": count, "alternative_merchant_certificates": items})
}

// handleApplePayCreate serves POST: every SDK sends an empty data map, so
// fields in the body (the SDKs' echoed options among them) are ignored [U].
// The answer is {"alternative_merchant_certificate": {"id"}} [V: Go SDK
// since 8d5884d].
func handleApplePayCreate(s *Server, c *reqCtx) response {
	if aerr := s.applePayConfigured(c); aerr != nil {
		return errorResponse(aerr)
	}
	rec := s.insertApplePayCertificate(c.projectID, c.sandbox, s.clock())
	return okObject("alternative_merchant_certificate", rec.obj.view(s, viewCtx{sandbox: c.sandbox}))
}

// handleApplePayDelete serves DELETE …/{id}. An unknown id is 404 with the
// generic resource.not-found (the reference's presumption, [U]: no
// certificate code is known), or, under
// Readings.ApplePayDeleteUnknownSucceeds, a success.
func handleApplePayDelete(s *Server, c *reqCtx) response {
	if aerr := s.applePayConfigured(c); aerr != nil {
		return errorResponse(aerr)
	}
	rec := s.st.get(KindApplePayCertificate, c.lastParam())
	if rec == nil || rec.owner != c.projectID || rec.sandbox != c.sandbox {
		if s.readings.ApplePayDeleteUnknownSucceeds {
			return okDeleted()
		}
		return errorResponse(newError(http.StatusNotFound, "resource.not-found", "The alternative merchant certificate could not be found."))
	}
	s.removeRecord(rec)
	return okDeleted()
}

func (s *Server) insertApplePayCertificate(projectID string, sandbox bool, created time.Time) *record {
	cert := &ApplePayCertificate{
		ID:        s.newID(KindApplePayCertificate, applePayCertificatePrefix, alnum),
		projectID: projectID, sandbox: sandbox, createdAt: created.UTC(),
	}
	return s.insertObject(KindApplePayCertificate, cert)
}

// AddApplePayCertificate makes a certificate out of band, as the dashboard
// would have at createdAt, and returns its id. projectID is the bare or
// "test-" form.
func (s *Server) AddApplePayCertificate(projectID string, sandbox bool, createdAt time.Time) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.insertApplePayCertificate(strings.TrimPrefix(projectID, "test-"), sandbox, createdAt).id
}

// SetApplePayConfigured sets up (true, the default of every project) or
// removes (false) Apple Pay for a project: without it, every certificate
// call answers 404 resource.applepay-configuration.not-found.
func (s *Server) SetApplePayConfigured(projectID string, configured bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := strings.TrimPrefix(projectID, "test-")
	if configured {
		delete(s.applePayOff, id)
	} else {
		s.applePayOff[id] = true
	}
}
