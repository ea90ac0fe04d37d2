package processout

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// ApplePayCertificate is an alternative Apple Pay merchant certificate of the
// authenticated project: a slot ProcessOut creates with its own key pair.
// The SDKs' model holds nothing but the ID; the certificate Apple signs is
// uploaded in the dashboard, and no API reads or writes it.
type ApplePayCertificate struct {
	ID string `json:"id"`
}

func (a ApplePayCertificate) itemID() string { return a.ID }

// ApplePayCertificateList is the answer to the list call, which is one
// object rather than a page: no cursor, no has_more.
type ApplePayCertificateList struct {
	// Count is what ProcessOut says the list holds: a JSON string in the Go
	// and Node SDKs ("2"), a number by the worst reading; null when absent.
	Count        *int
	Certificates []ApplePayCertificate
}

// Complete reports whether the list holds every certificate ProcessOut
// counts: a list that holds fewer may be a page of a longer one, and then
// an ID missing from it is not known to be gone.
func (l *ApplePayCertificateList) Complete() bool {
	return l.Count == nil || *l.Count <= len(l.Certificates)
}

// applePayCertificateWire is the list answer as sent.
type applePayCertificateWire struct {
	Count        *FlexibleID           `json:"count"`
	Certificates []ApplePayCertificate `json:"alternative_merchant_certificates"`
}

// applePayCertificates has no project in its path: the certificates are the
// authenticated project's (Go SDK alternative_merchant_certificate.go).
var applePayCertificates = endpoint{
	name:       "applepay_certificate",
	collection: "/projects/applepay/alternative-merchant-certificates",
	item:       "/projects/applepay/alternative-merchant-certificates/{id}",
	key:        "alternative_merchant_certificate", plural: "applepay_certificates",
}

// ApplePayNotConfiguredType is ProcessOut's code for a project without
// Apple Pay (iOS SDK POFailureCode); no certificate call can succeed then.
const ApplePayNotConfiguredType = "resource.applepay-configuration.not-found"

// IsApplePayNotConfigured reports whether err is ProcessOut saying Apple Pay
// is not set up for the project.
func IsApplePayNotConfigured(err error) bool {
	var apiErr *Error
	return errors.As(err, &apiErr) && apiErr.Type == ApplePayNotConfiguredType
}

// CreateApplePayCertificate makes a new alternative merchant certificate
// slot. The request has no fields (every SDK sends an empty object), so
// nothing in the answer can be matched against what was asked.
func (c *Client) CreateApplePayCertificate(ctx context.Context) (*ApplePayCertificate, error) {
	return createObject[ApplePayCertificate](ctx, c, applePayCertificates, map[string]any{})
}

// DeleteApplePayCertificate deletes an alternative merchant certificate.
func (c *Client) DeleteApplePayCertificate(ctx context.Context, id string) error {
	return deleteObject(ctx, c, applePayCertificates, id)
}

// ApplePayCertificates lists the project's alternative merchant
// certificates. The list names no object, yet a not-found in its answer
// must not read as "gone": the request carries the certificate kind's code,
// so resource.applepay-configuration.not-found is an error of its own
// (IsApplePayNotConfigured), never a missing certificate.
func (c *Client) ApplePayCertificates(ctx context.Context) (*ApplePayCertificateList, error) {
	req := applePayCertificates.request("list", http.MethodGet)
	req.ResponseKey = applePayCertificates.plural
	req.NotFoundType = applePayCertificates.notFoundType()
	var wire applePayCertificateWire
	if err := c.call(ctx, &req, &wire); err != nil {
		return nil, err
	}
	list := &ApplePayCertificateList{Certificates: wire.Certificates}
	if wire.Count != nil {
		n, err := strconv.Atoi(string(*wire.Count))
		if err != nil || n < 0 {
			return nil, &DecodeError{Operation: req.Operation, Status: http.StatusOK,
				Reason: fmt.Sprintf("the certificates' \"count\" is %q, not a number of certificates", string(*wire.Count))}
		}
		list.Count = &n
	}
	return list, nil
}

// FindApplePayCertificate looks a certificate up in the list (ProcessOut
// has no call that reads one). A certificate absent from a complete list
// is a NotListedError, which IsNotFound reports; absent from a list that
// holds fewer than its count, it is an IncompleteListError.
func (c *Client) FindApplePayCertificate(ctx context.Context, id string) (*ApplePayCertificate, error) {
	list, err := c.ApplePayCertificates(ctx)
	if err != nil {
		return nil, err
	}
	for i := range list.Certificates {
		if list.Certificates[i].ID == id {
			return &list.Certificates[i], nil
		}
	}
	if err := list.Incomplete(id); err != nil {
		return nil, err
	}
	return nil, &NotListedError{Operation: applePayCertificates.name + ".list", ID: id}
}

// NotListedError is a complete list that does not hold the object asked
// for: for a kind ProcessOut reads only by listing, its way of saying the
// object does not exist.
type NotListedError struct {
	Operation, ID string
}

func (e *NotListedError) Error() string {
	return fmt.Sprintf("%s: ProcessOut's list does not hold %q", e.Operation, e.ID)
}

// IncompleteListError is a list holding fewer objects than its count: an
// object it does not hold (ID, when one was asked for) may exist all the
// same.
type IncompleteListError struct {
	Operation, ID string
	Count, Listed int
}

func (e *IncompleteListError) Error() string {
	msg := fmt.Sprintf("%s: ProcessOut counts %d objects but listed %d, so its list is incomplete", e.Operation, e.Count, e.Listed)
	if e.ID == "" {
		return msg + " and what it left out cannot be told"
	}
	return msg + fmt.Sprintf(": %q is not among them, and whether it exists cannot be told (it was not taken for gone)", e.ID)
}

// Incomplete is the error of a list that holds fewer objects than its
// count, nil for a complete one; id names the object looked for, if any.
func (l *ApplePayCertificateList) Incomplete(id string) error {
	if l.Complete() {
		return nil
	}
	return &IncompleteListError{Operation: applePayCertificates.name + ".list", ID: id, Count: *l.Count, Listed: len(l.Certificates)}
}
