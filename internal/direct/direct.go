// Package direct carries ProcessOut operations straight to the ProcessOut
// API with HTTP Basic auth (project ID and secret key), for teams that do
// not go through Membrane.
package direct

import (
	"context"
	"encoding/base64"
	"net/url"

	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// DefaultURL is ProcessOut's API, one host for sandbox and production.
const DefaultURL = "https://api.processout.com"

// Transport implements processout.Transport over HTTP Basic auth.
type Transport struct {
	base      *url.URL
	projectID string
	secret    string
	http      *httpx.Client
	userAgent string
}

// New returns a transport to the API at base, authenticating as projectID.
func New(base *url.URL, projectID, secret string, client *httpx.Client, userAgent string) *Transport {
	return &Transport{base: base, projectID: projectID, secret: secret, http: client, userAgent: userAgent}
}

// Do implements processout.Transport.
func (t *Transport) Do(ctx context.Context, req *processout.Request) (*processout.Response, error) {
	body, err := req.EncodedBody()
	if err != nil {
		return nil, err
	}
	u, err := req.URL(t.base.String())
	if err != nil {
		return nil, err
	}
	header := req.Header(t.userAgent)
	header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(t.projectID+":"+t.secret)))
	res, err := t.http.Do(ctx, httpx.Call{Operation: req.Operation, Method: req.Method, URL: u, Header: header, Body: body})
	if err != nil {
		return nil, err
	}
	return &processout.Response{Status: res.Status, Header: res.Header, Body: res.Body, Attempts: res.Attempts}, nil
}
