package processout

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// certificateServer answers the certificate list (after a pause, so that
// refreshes arrive while it is read) and deletes, counting the lists.
type certificateServer struct {
	lists  atomic.Int32
	status int
	ids    []string
}

func (s *certificateServer) Do(_ context.Context, r *Request) (*Response, error) {
	if r.Operation != "applepay_certificate.list" {
		return &Response{Status: 200, Body: []byte(`{"success":true}`)}, nil
	}
	s.lists.Add(1)
	time.Sleep(20 * time.Millisecond)
	if s.status != 0 {
		return &Response{Status: s.status, Body: []byte(`{"success":false,"error_type":"resource.applepay-configuration.not-found"}`)}, nil
	}
	return &Response{Status: 200, Body: []byte(applePayListAnswer(`"count":"3",`, s.ids...))}, nil
}

// refreshCertificates refreshes ids at once and returns the errors.
func refreshCertificates(c *Client, ids ...string) []error {
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() { _, errs[i] = c.RefreshApplePayCertificate(context.Background(), id) })
	}
	wg.Wait()
	return errs
}

// The refreshes of one client share one certificate list, read once
// however many arrive while it is read; a certificate it lacks is looked
// for in a list of its own, which alone says it is gone; a delete drops the
// shared list.
func TestApplePayRefreshesShareOneList(t *testing.T) {
	srv := &certificateServer{ids: []string{"amc_a", "amc_b", "amc_c"}}
	c := New(srv)
	for i, err := range refreshCertificates(c, "amc_a", "amc_b", "amc_c", "amc_a") {
		if err != nil {
			t.Fatalf("refresh %d: %v", i, err)
		}
	}
	if n := srv.lists.Load(); n != 1 {
		t.Fatalf("4 refreshes read the list %d times, want once", n)
	}
	if _, err := c.RefreshApplePayCertificate(context.Background(), "amc_gone"); !IsNotFound(err) {
		t.Errorf("refresh of a certificate no list holds = %v, want not found", err)
	}
	if n := srv.lists.Load(); n != 2 {
		t.Errorf("the missing certificate was looked for in %d lists in all, want its own one more", n)
	}
	if err := c.DeleteApplePayCertificate(context.Background(), "amc_c"); err != nil {
		t.Fatal(err)
	}
	refreshCertificates(c, "amc_a")
	if n := srv.lists.Load(); n != 3 {
		t.Errorf("after a delete the refresh read %d lists in all, want a list of its own", n-2)
	}
}

// A shared list that fails leaves each refresh to its own list, which
// reports the error; it is not read again for each refresh in turn.
func TestApplePayFailedSharedListLeavesEachRefreshItsOwn(t *testing.T) {
	srv := &certificateServer{status: 404}
	c := New(srv)
	for i, err := range refreshCertificates(c, "amc_a", "amc_b", "amc_c") {
		if !IsApplePayNotConfigured(err) {
			t.Errorf("refresh %d = %v, want Apple Pay not configured", i, err)
		}
	}
	if n := srv.lists.Load(); n != 4 {
		t.Errorf("3 refreshes read %d lists, want the failed shared one and one each", n)
	}
}
