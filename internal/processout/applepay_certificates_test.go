package processout

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func applePayListAnswer(count string, ids ...string) string {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = `{"id":"` + id + `"}`
	}
	return `{"success":true,"applepay_certificates":{` + count + `"alternative_merchant_certificates":[` + strings.Join(items, ",") + `]}}`
}

// The list's count is a string in the SDKs and may be a number; anything
// else is an answer the client does not understand.
func TestApplePayCertificatesCount(t *testing.T) {
	for name, tc := range map[string]struct {
		count    string
		want     int // -1: no count
		complete bool
		decodes  bool
	}{
		"string":       {`"count":"2",`, 2, true, true},
		"number":       {`"count":2,`, 2, true, true},
		"absent":       {``, -1, true, true},
		"null":         {`"count":null,`, -1, true, true},
		"more":         {`"count":"5",`, 5, false, true},
		"not a number": {`"count":"two",`, 0, false, false},
		"negative":     {`"count":-1,`, 0, false, false},
		"fraction":     {`"count":1.5,`, 0, false, false},
	} {
		t.Run(name, func(t *testing.T) {
			list, err := New(answer(200, applePayListAnswer(tc.count, "amc_a", "amc_b"))).ApplePayCertificates(context.Background())
			if !tc.decodes {
				var de *DecodeError
				if !errors.As(err, &de) || !strings.Contains(err.Error(), `"count"`) {
					t.Fatalf("err = %v, want a DecodeError naming count", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := -1
			if list.Count != nil {
				got = *list.Count
			}
			if got != tc.want {
				t.Errorf("count %d (-1: none), want %d", got, tc.want)
			}
			if list.Complete() != tc.complete || len(list.Certificates) != 2 {
				t.Errorf("complete %v with %d certificates, want %v with 2", list.Complete(), len(list.Certificates), tc.complete)
			}
		})
	}
}

// A certificate is found in the list; missing from a complete list it is
// not found; missing from an incomplete one it is neither found nor gone;
// a project without Apple Pay is never a missing certificate.
func TestFindApplePayCertificate(t *testing.T) {
	ctx := context.Background()
	found, err := New(answer(200, applePayListAnswer(`"count":"2",`, "amc_a", "amc_b"))).FindApplePayCertificate(ctx, "amc_b")
	if err != nil || found.ID != "amc_b" {
		t.Errorf("found %v, %v; want amc_b", found, err)
	}
	_, err = New(answer(200, applePayListAnswer(`"count":"2",`, "amc_a", "amc_b"))).FindApplePayCertificate(ctx, "amc_c")
	if !IsNotFound(err) {
		t.Errorf("missing from a complete list: %v, want not found", err)
	}
	_, err = New(answer(200, applePayListAnswer(`"count":"3",`, "amc_a", "amc_b"))).FindApplePayCertificate(ctx, "amc_c")
	var incomplete *IncompleteListError
	if IsNotFound(err) || !errors.As(err, &incomplete) {
		t.Errorf("missing from an incomplete list: %v, want an IncompleteListError that is not a not-found", err)
	}
	notConfigured := `{"success":false,"error_type":"resource.applepay-configuration.not-found","message":"The Apple Pay configuration was not found."}`
	_, err = New(answer(404, notConfigured)).FindApplePayCertificate(ctx, "amc_a")
	if IsNotFound(err) || !IsApplePayNotConfigured(err) {
		t.Errorf("Apple Pay not set up: %v, want IsApplePayNotConfigured and not a not-found", err)
	}
	generic := `{"success":false,"error_type":"resource.not-found","message":"The resource could not be found."}`
	if err := New(answer(404, generic)).DeleteApplePayCertificate(ctx, "amc_a"); IsNotFound(err) || !IsNotServed(err) {
		t.Errorf("DELETE answered a generic 404: %v, want not served, not gone", err)
	}
}

// The create sends an empty JSON object, as every SDK does.
func TestCreateApplePayCertificateSendsAnEmptyObject(t *testing.T) {
	var body []byte
	c := New(transportFunc(func(r *Request) (*Response, error) {
		body, _ = r.EncodedBody()
		return &Response{Status: 200, Body: []byte(`{"success":true,"alternative_merchant_certificate":{"id":"amc_new"}}`)}, nil
	}))
	cert, err := c.CreateApplePayCertificate(context.Background())
	if err != nil || cert.ID != "amc_new" || string(body) != "{}" {
		t.Errorf("created %v, %v with body %s; want amc_new from {}", cert, err, body)
	}
}
