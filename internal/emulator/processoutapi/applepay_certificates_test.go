package processoutapi

import (
	"net/http"
	"regexp"
	"testing"
	"time"
)

const applePayPath = "/projects/applepay/alternative-merchant-certificates"

// applePayList returns the list answer's count (as sent) and ids.
func applePayList(t *testing.T, c client) (any, []string) {
	t.Helper()
	wrapper := c.do("GET", applePayPath, nil).object(t, "applepay_certificates")
	var got []string
	for _, item := range arr(wrapper["alternative_merchant_certificates"]) {
		got = append(got, str(obj(item)["id"]))
	}
	return wrapper["count"], got
}

// The contract of §24: an empty POST makes {id}, the list is one object
// with count as a string, DELETE removes, an unknown id is a generic 404.
func TestApplePayCertificates(t *testing.T) {
	s, c := newTestServer(t, Options{Seed: 7})
	if count, got := applePayList(t, c); count != "0" || len(got) != 0 {
		t.Fatalf("empty list: count %v ids %v, want \"0\" and none", count, got)
	}
	first := c.do("POST", applePayPath, nil).object(t, "alternative_merchant_certificate")
	second := c.do("POST", applePayPath, map[string]any{"expand": nil}).object(t, "alternative_merchant_certificate")
	if !regexp.MustCompile(`^amc_[A-Za-z0-9]{32}$`).MatchString(str(first["id"])) || len(first) != 1 {
		t.Errorf("created %v, want only an id amc_ and 32 letters or digits", first)
	}
	count, got := applePayList(t, c)
	if count != "2" || len(got) != 2 || got[0] != str(first["id"]) || got[1] != str(second["id"]) {
		t.Errorf("list: count %v ids %v, want the string \"2\" and [%v %v], oldest first", count, got, first["id"], second["id"])
	}
	c.do("DELETE", applePayPath+"/"+str(first["id"]), nil).ok(t)
	c.do("DELETE", applePayPath+"/"+str(first["id"]), nil).fails(t, http.StatusNotFound, "resource.not-found")
	c.do("GET", applePayPath+"/"+str(second["id"]), nil).fails(t, http.StatusMethodNotAllowed, "request.method-not-allowed")
	if objs := s.Objects(c.user, KindApplePayCertificate); len(objs) != 1 || objs[0]["id"] != second["id"] {
		t.Errorf("the emulator holds %v, want only %v", objs, second["id"])
	}

	// Another project sees none of them and cannot delete them.
	other := s.client(t, s.AddProject("Other", false))
	if _, got := applePayList(t, other); len(got) != 0 {
		t.Errorf("another project lists %v", got)
	}
	other.do("DELETE", applePayPath+"/"+str(second["id"]), nil).fails(t, http.StatusNotFound, "resource.not-found")
}

// Without Apple Pay set up, every call answers
// resource.applepay-configuration.not-found; the certificates come back
// with it.
func TestApplePayNotConfigured(t *testing.T) {
	s, c := newTestServer(t, Options{Seed: 8})
	id := str(c.do("POST", applePayPath, nil).object(t, "alternative_merchant_certificate")["id"])
	s.SetApplePayConfigured(c.user, false)
	for _, call := range [][2]string{{"GET", applePayPath}, {"POST", applePayPath}, {"DELETE", applePayPath + "/" + id}} {
		c.do(call[0], call[1], nil).fails(t, http.StatusNotFound, "resource.applepay-configuration.not-found")
	}
	s.SetApplePayConfigured(c.user, true)
	if _, got := applePayList(t, c); len(got) != 1 || got[0] != id {
		t.Errorf("after Apple Pay is set up again the list is %v, want [%s]", got, id)
	}
}

// The worst readings of §24: count as a number, an unknown DELETE that
// succeeds, a new certificate left out of the list for the read lag, and
// the route hidden from API keys.
func TestApplePayWorstReadings(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	_, worst := newTestServer(t, Options{Seed: 9, Readings: Worst(), Now: func() time.Time { return now }})
	worst.do("GET", applePayPath, nil).fails(t, http.StatusNotFound, "resource.not-found")

	s, c := newTestServer(t, Options{Seed: 9, Now: func() time.Time { return now },
		Readings: Readings{ApplePayCountNumber: true, ApplePayDeleteUnknownSucceeds: true, ReadLag: time.Second}})
	old := s.AddApplePayCertificate(c.user, false, now.Add(-time.Hour))
	fresh := str(c.do("POST", applePayPath, nil).object(t, "alternative_merchant_certificate")["id"])
	if count, got := applePayList(t, c); count != float64(1) || len(got) != 1 || got[0] != old {
		t.Errorf("within the lag: count %#v ids %v, want the number 1 and only %s (not %s)", count, got, old, fresh)
	}
	now = now.Add(2 * time.Second)
	if count, got := applePayList(t, c); count != float64(2) || len(got) != 2 {
		t.Errorf("after the lag: count %#v ids %v, want 2 and both", count, got)
	}
	c.do("DELETE", applePayPath+"/amc_unknown", nil).ok(t)
	if n := len(s.Objects(c.user, KindApplePayCertificate)); n != 2 {
		t.Errorf("the unknown DELETE left %d certificates, want 2", n)
	}
}
