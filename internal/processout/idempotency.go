package processout

import "context"

type idempotencyKeyCtx struct{}

// WithIdempotencyKey makes the next write sent with ctx carry key instead of
// a key of its own. A caller that must be able to tell later which request
// a write was (the record of a create whose answer was lost) chooses the
// key itself, from NewIdempotencyKey.
func WithIdempotencyKey(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, idempotencyKeyCtx{}, key)
}

// NewIdempotencyKey returns a fresh key from c's generator. A function, not
// a method: it sends nothing, and Client's methods are its operations.
func NewIdempotencyKey(c *Client) string { return c.newKey() }

// idempotencyKey is the key a write sent with ctx carries.
func (c *Client) idempotencyKey(ctx context.Context) string {
	if key, ok := ctx.Value(idempotencyKeyCtx{}).(string); ok && key != "" {
		return key
	}
	return c.newKey()
}
