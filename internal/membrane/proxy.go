package membrane

import (
	"context"
	"net/url"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// ProxyTransport carries ProcessOut operations through a connection's API
// proxy: Membrane adds ProcessOut's base URL and credentials and relays
// ProcessOut's status, headers and body unchanged.
type ProxyTransport struct {
	client       *Client
	connectionID string
}

// NewProxyTransport returns a transport through the given connection.
func NewProxyTransport(client *Client, connectionID string) *ProxyTransport {
	return &ProxyTransport{client: client, connectionID: connectionID}
}

// Do implements processout.Transport. Membrane's own errors (unknown
// connection, bad token) are returned as *Error; ProcessOut's answers, errors
// included, are returned as the Response.
func (t *ProxyTransport) Do(ctx context.Context, req *processout.Request) (*processout.Response, error) {
	body, err := req.EncodedBody()
	if err != nil {
		return nil, err
	}
	prefix := "/connections/" + url.PathEscape(t.connectionID) + "/proxy"
	u, err := req.URL(prefix)
	if err != nil {
		return nil, err
	}
	header := req.Header("")
	res, err := t.client.send(ctx, req.Operation, req.Method, u.String(), header, body)
	if err != nil {
		return nil, err
	}
	if res.Status >= 300 {
		if e := parseError(res.Status, res.Body); e != nil {
			return nil, e
		}
	}
	return &processout.Response{Status: res.Status, Header: res.Header, Body: res.Body, Attempts: res.Attempts}, nil
}
