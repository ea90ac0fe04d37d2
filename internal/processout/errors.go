package processout

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// InvalidField is one entry of ProcessOut's invalid_fields list.
type InvalidField struct {
	Name    string `json:"name"`
	Message string `json:"message"`
}

// Error is an error answer from ProcessOut.
type Error struct {
	Status        int
	Type          string // error_type, such as "resource.customer.not-found"
	Message       string
	InvalidFields []InvalidField
	Operation     string
	Attempts      int
	// Method and Path are the request's, the path expanded
	// ("/webhook-endpoints/whe_1"), so a 404 that names no object can say
	// which URL is not served.
	Method, Path string
	// NotFoundType is the code that would mean the object asked for does not
	// exist (Request.NotFoundType); empty when the request named no object.
	NotFoundType string
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ProcessOut answered %d", e.Status)
	if e.Type != "" {
		fmt.Fprintf(&b, " %s", e.Type)
	}
	if e.Operation != "" {
		fmt.Fprintf(&b, " to %s", e.Operation)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (gave up after %d attempts)", e.Attempts)
	}
	for _, f := range e.InvalidFields {
		fmt.Fprintf(&b, "\n  - %s: %s", f.Name, f.Message)
	}
	return b.String()
}

// Kind classifies an API error so callers can react without parsing codes.
type Kind int

const (
	KindOther Kind = iota
	// KindNotFound is ProcessOut saying the object asked for does not exist.
	KindNotFound
	// KindNotServed is a 404 that names no object (or another one): the
	// path is not served there, by a proxy in front of ProcessOut or by
	// ProcessOut itself for an API it does not publish; or a 410 Gone: the
	// API was withdrawn (Node SDK 11 dropped plans and coupons as
	// unsupported features). It never means the object is gone.
	KindNotServed
	KindValidation
	KindAuthentication
	KindRateLimited
	KindServer
)

// Kind tells what sort of failure the error is.
func (e *Error) Kind() Kind {
	switch {
	case e.Status == http.StatusGone:
		return KindNotServed
	case e.Status == http.StatusNotFound || strings.HasSuffix(e.Type, ".not-found"):
		if e.namesObject() {
			return KindNotFound
		}
		return KindNotServed
	case e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden:
		return KindAuthentication
	case e.Status == http.StatusTooManyRequests:
		return KindRateLimited
	case e.Status >= 500:
		return KindServer
	case e.Status >= 400:
		return KindValidation
	}
	return KindOther
}

// namesObject reports whether a not-found answer names the object asked
// for: its kind's resource.<kind>.not-found. Without an object asked for (a
// create under a gateway, say), any resource.<kind>.not-found names one; the
// generic resource.not-found and request.route-not-found never do.
func (e *Error) namesObject() bool {
	if e.NotFoundType != "" {
		return e.Type == e.NotFoundType
	}
	kind, ok := strings.CutPrefix(e.Type, "resource.")
	kind, ok2 := strings.CutSuffix(kind, ".not-found")
	return ok && ok2 && kind != "" && !strings.Contains(kind, ".")
}

// IsNotFound reports whether err is ProcessOut saying the object does not
// exist: a not-found naming it, or, for a kind read only by listing, a
// complete list without it (NotListedError).
func IsNotFound(err error) bool {
	var notListed *NotListedError
	return errorKind(err) == KindNotFound || errors.As(err, &notListed)
}

// IsNotServed reports whether err is a 404 that names no object, or a 410:
// the path is not served (KindNotServed).
func IsNotServed(err error) bool { return errorKind(err) == KindNotServed }

func errorKind(err error) Kind {
	var apiErr *Error
	var notConfigured *NotConfiguredError
	switch {
	case errors.As(err, &apiErr):
		return apiErr.Kind()
	case errors.As(err, &notConfigured):
		return KindNotFound
	}
	return KindOther
}

// DecodeError is returned when ProcessOut's answer cannot be understood.
type DecodeError struct {
	Operation string
	Status    int
	Reason    string
	Snippet   string
}

func (e *DecodeError) Error() string {
	msg := fmt.Sprintf("could not understand ProcessOut's answer to %s (HTTP %d): %s", e.Operation, e.Status, e.Reason)
	if e.Snippet != "" {
		msg += fmt.Sprintf("; the answer began with %q", e.Snippet)
	}
	return msg
}

const snippetLen = 120

func snippet(body []byte) string {
	s := strings.TrimSpace(string(body))
	if len(s) > snippetLen {
		s = s[:snippetLen] + "…"
	}
	return s
}

type errorBody struct {
	Success       *bool          `json:"success"`
	ErrorType     string         `json:"error_type"`
	Message       string         `json:"message"`
	InvalidFields []InvalidField `json:"invalid_fields"`
}

// errorFromResponse turns a non-2xx answer into an *Error. Bodies that are
// not ProcessOut JSON (an HTML page from a load balancer, say) still give an
// *Error with the status, and a message quoting the start of the body.
func errorFromResponse(req *Request, resp *Response) *Error {
	apiErr := &Error{Status: resp.Status, Operation: req.Operation, Attempts: resp.Attempts,
		Method: req.Method, Path: req.ExpandedPath(), NotFoundType: req.NotFoundType}
	var body errorBody
	if err := json.Unmarshal(resp.Body, &body); err == nil && (body.ErrorType != "" || body.Message != "") {
		apiErr.Type = body.ErrorType
		apiErr.Message = body.Message
		apiErr.InvalidFields = body.InvalidFields
		return apiErr
	}
	apiErr.Message = http.StatusText(resp.Status)
	if s := snippet(resp.Body); s != "" {
		apiErr.Message += fmt.Sprintf(" (body: %q)", s)
	}
	return apiErr
}
