package membrane

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/processout/terraform-provider-processout/internal/httpx"
)

// DefaultURL is Membrane's API.
const DefaultURL = "https://api.getmembrane.com"

// APIVersion is the membrane-api-version the client speaks.
const APIVersion = "2025-10-21"

// Client calls Membrane's own API.
type Client struct {
	base      string
	tokens    TokenSource
	http      *httpx.Client
	userAgent string
}

// NewClient returns a client of the Membrane API at base.
func NewClient(base *url.URL, tokens TokenSource, client *httpx.Client, userAgent string) *Client {
	return &Client{base: strings.TrimRight(base.String(), "/"), tokens: tokens, http: client, userAgent: userAgent}
}

// send makes one authenticated call. path may carry a query string.
func (c *Client) send(ctx context.Context, op, method, path string, header http.Header, body []byte) (*httpx.Result, error) {
	u, err := url.Parse(c.base + path)
	if err != nil {
		return nil, err
	}
	token, err := c.tokens.Token(ctx)
	if err != nil {
		return nil, err
	}
	if header == nil {
		header = http.Header{}
	}
	header.Set("Authorization", "Bearer "+token)
	header.Set("membrane-api-version", APIVersion)
	if body != nil {
		header.Set("Content-Type", "application/json")
	}
	if c.userAgent != "" {
		header.Set("User-Agent", c.userAgent)
	}
	return c.http.Do(ctx, httpx.Call{Operation: op, Method: method, URL: u, Header: header, Body: body})
}

// getJSON calls a Membrane endpoint and decodes its JSON answer into out.
func (c *Client) getJSON(ctx context.Context, op, path string, out any) error {
	res, err := c.send(ctx, op, http.MethodGet, path, nil, nil)
	if err != nil {
		return err
	}
	return decode(op, res, out)
}

func decode(op string, res *httpx.Result, out any) error {
	if res.Status < 200 || res.Status > 299 {
		if e := parseError(res.Status, res.Body); e != nil {
			return e
		}
		return &Error{Status: res.Status, Type: "unknown", Message: fmt.Sprintf("%s: unexpected answer %q", op, snippet(res.Body))}
	}
	if err := json.Unmarshal(res.Body, out); err != nil {
		return fmt.Errorf("%s: could not decode Membrane's answer: %w (it began with %q)", op, err, snippet(res.Body))
	}
	return nil
}

func snippet(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}
