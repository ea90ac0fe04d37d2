package membrane

import (
	"context"
	"fmt"
	"net/url"
	"time"
)

// Connection is a tenant's authenticated link to an external app.
type Connection struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	Key            string    `json:"key"`
	IntegrationKey string    `json:"integrationKey"`
	TenantID       string    `json:"tenantId"`
	State          string    `json:"state"`
	Connected      *bool     `json:"connected"`
	Disconnected   *bool     `json:"disconnected"`
	CreatedAt      time.Time `json:"createdAt"`
}

// StateReady is the state of a usable connection.
const StateReady = "READY"

// Usable reports whether calls can go through the connection. Older
// deployments report `disconnected` rather than `connected`.
func (c Connection) Usable() bool {
	return c.State == StateReady && (c.Connected == nil || *c.Connected) && (c.Disconnected == nil || !*c.Disconnected)
}

// IsConnected is Connected with the older Disconnected flag folded in.
func (c Connection) IsConnected() bool {
	if c.Connected != nil {
		return *c.Connected
	}
	return c.Disconnected == nil || !*c.Disconnected
}

// GetConnection fetches one connection by id or key.
func (c *Client) GetConnection(ctx context.Context, selector string) (*Connection, error) {
	var conn Connection
	if err := c.getJSON(ctx, "membrane.connection.read", "/connections/"+url.PathEscape(selector), &conn); err != nil {
		return nil, err
	}
	return &conn, nil
}

// ListConnections returns every connection the token's tenant can see,
// following Membrane's cursor.
func (c *Client) ListConnections(ctx context.Context) ([]Connection, error) {
	return listAll[Connection](ctx, c, "membrane.connection.list", "/connections", url.Values{})
}

// listAll reads every page of a Membrane list at path, following its
// cursor, 1000 items a page: the largest Membrane serves (PaginationQuery),
// so a long list costs few round trips.
func listAll[T any](ctx context.Context, c *Client, op, path string, q url.Values) ([]T, error) {
	var all []T
	q.Set("limit", "1000")
	for {
		var page struct {
			Items  []T    `json:"items"`
			Cursor string `json:"cursor"`
		}
		if err := c.getJSON(ctx, op, path+"?"+q.Encode(), &page); err != nil {
			return nil, err
		}
		all = append(all, page.Items...)
		if page.Cursor == "" || len(page.Items) == 0 {
			return all, nil
		}
		// A cursor that does not move would page forever.
		if page.Cursor == q.Get("cursor") {
			return nil, fmt.Errorf("%s: Membrane returned the same cursor %q twice; the list cannot be read to its end", op, page.Cursor)
		}
		q.Set("cursor", page.Cursor)
	}
}

// NotUsableError reports a connection that exists but cannot carry calls.
type NotUsableError struct{ Connection Connection }

func (e *NotUsableError) Error() string {
	c := e.Connection
	return fmt.Sprintf("the Membrane connection %s (%q) is not usable: state %s, connected=%t; reconnect it (membrane connect --connectionId %s) or choose another",
		c.ID, c.Name, c.State, c.IsConnected(), c.ID)
}
