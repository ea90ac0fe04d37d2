package processout

import (
	"context"
	"iter"
	"time"
)

// WebhookEndpoint is a URL ProcessOut posts events to. ProcessOut has no
// public API for these (the SDKs carry the model only); the paths follow the
// convention the emulator documents.
type WebhookEndpoint struct {
	ID        string `json:"id"`
	ProjectID string `json:"project_id"`
	URL       string `json:"url"`
	// EventsWhitelist lists the event names delivered; empty means all events.
	EventsWhitelist []string  `json:"events_whitelist"`
	Sandbox         bool      `json:"sandbox"`
	CreatedAt       time.Time `json:"created_at"`
}

func (w WebhookEndpoint) itemID() string { return w.ID }

// WebhookEndpointInput is the writable part of a webhook endpoint.
type WebhookEndpointInput struct {
	URL string `json:"url"`
	// EventsWhitelist is always sent: an empty list means "all events",
	// whereas null would mean "leave unchanged" on update.
	EventsWhitelist []string `json:"events_whitelist"`
}

var webhookEndpoints = endpoint{
	name: "webhook_endpoint", collection: "/webhook-endpoints", item: "/webhook-endpoints/{id}",
	key: "webhook_endpoint", plural: "webhook_endpoints",
}

func (in WebhookEndpointInput) body() WebhookEndpointInput {
	if in.EventsWhitelist == nil {
		in.EventsWhitelist = []string{}
	}
	return in
}

// CreateWebhookEndpoint creates a webhook endpoint.
func (c *Client) CreateWebhookEndpoint(ctx context.Context, in WebhookEndpointInput) (*WebhookEndpoint, error) {
	return createObject[WebhookEndpoint](ctx, c, webhookEndpoints, in.body())
}

// GetWebhookEndpoint fetches one webhook endpoint.
func (c *Client) GetWebhookEndpoint(ctx context.Context, id string) (*WebhookEndpoint, error) {
	return getObject[WebhookEndpoint](ctx, c, webhookEndpoints, id)
}

// RefreshWebhookEndpoint reads one for a refresh: from the list of the
// kind once the client has refreshed enough of them, else with its own GET
// (snapshot.go).
func (c *Client) RefreshWebhookEndpoint(ctx context.Context, id string) (*WebhookEndpoint, error) {
	return refreshObject[WebhookEndpoint](ctx, c, webhookEndpoints, id)
}

// UpdateWebhookEndpoint replaces the writable fields of a webhook endpoint.
func (c *Client) UpdateWebhookEndpoint(ctx context.Context, id string, in WebhookEndpointInput) (*WebhookEndpoint, error) {
	return updateObject[WebhookEndpoint](ctx, c, webhookEndpoints, id, in.body())
}

// DeleteWebhookEndpoint deletes a webhook endpoint.
func (c *Client) DeleteWebhookEndpoint(ctx context.Context, id string) error {
	return deleteObject(ctx, c, webhookEndpoints, id)
}

// WebhookEndpoints streams every webhook endpoint of the project.
func (c *Client) WebhookEndpoints(ctx context.Context, opts ListOptions) iter.Seq2[WebhookEndpoint, error] {
	return listWhole[WebhookEndpoint](ctx, c, webhookEndpoints, opts)
}
