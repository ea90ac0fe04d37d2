package processout

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/uuid"
)

// Client is the typed ProcessOut API over any Transport.
type Client struct {
	transport Transport
	newKey    func() string
	// project is the bare ID of the project the credentials belong to, when
	// the client knows it; answers naming another are refused (answers.go).
	project string
	// snapshots answer refreshes from lists (snapshot.go).
	snapshots snapshots
}

// Option configures a Client.
type Option func(*Client)

// WithIdempotencyKeys replaces the Idempotency-Key generator (tests use a
// deterministic one).
func WithIdempotencyKeys(gen func() string) Option {
	return func(c *Client) { c.newKey = gen }
}

// WithProject names the project the credentials belong to (a "test-"
// sandbox prefix is dropped), so that an answer carrying another project's
// ID is refused instead of reaching the caller.
func WithProject(id string) Option {
	return func(c *Client) { c.project = strings.TrimPrefix(id, "test-") }
}

// New returns a client sending its operations through t.
func New(t Transport, opts ...Option) *Client {
	c := &Client{transport: t, newKey: uuid.NewString}
	for _, opt := range opts {
		opt(c)
	}
	return c
}

// call sends req and decodes the object under req.ResponseKey into out
// (out may be nil, for deletes).
func (c *Client) call(ctx context.Context, req *Request, out any) error {
	if err := req.CheckPathParams(); err != nil {
		return err
	}
	if req.Write() {
		c.snapshots.written(req.Operation)
		if req.IdempotencyKey == "" {
			req.IdempotencyKey = c.idempotencyKey(ctx)
		}
	}
	resp, err := c.transport.Do(ctx, req)
	if err != nil {
		return err
	}
	fields, err := decodeEnvelope(req, resp)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	raw, ok := fields[req.ResponseKey]
	if !ok || string(raw) == "null" {
		return &DecodeError{Operation: req.Operation, Status: resp.Status, Reason: fmt.Sprintf("the %q field is missing", req.ResponseKey), Snippet: snippet(resp.Body)}
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return &DecodeError{Operation: req.Operation, Status: resp.Status, Reason: fmt.Sprintf("the %q field does not have the expected shape: %v", req.ResponseKey, err)}
	}
	return nil
}

// decodeEnvelope checks the status and the success flag and returns the
// top-level fields of a successful answer.
func decodeEnvelope(req *Request, resp *Response) (map[string]json.RawMessage, error) {
	op := req.Operation
	if resp.Status < 200 || resp.Status > 299 {
		return nil, errorFromResponse(req, resp)
	}
	if len(resp.Body) == 0 {
		return nil, &DecodeError{Operation: op, Status: resp.Status, Reason: "the body is empty"}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(resp.Body, &fields); err != nil {
		return nil, &DecodeError{Operation: op, Status: resp.Status, Reason: "the body is not a JSON object", Snippet: snippet(resp.Body)}
	}
	var success bool
	if raw, ok := fields["success"]; !ok || json.Unmarshal(raw, &success) != nil {
		return nil, &DecodeError{Operation: op, Status: resp.Status, Reason: `the "success" field is missing or not a boolean`, Snippet: snippet(resp.Body)}
	}
	if !success {
		apiErr := errorFromResponse(req, resp)
		if apiErr.Type == "" {
			apiErr.Type = "unknown"
		}
		// A 200 that says it failed is still a failure; keep ProcessOut's
		// own words but never call it a success.
		apiErr.Status = http.StatusOK
		return nil, apiErr
	}
	return fields, nil
}
