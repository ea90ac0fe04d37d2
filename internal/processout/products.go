package processout

import (
	"context"
	"iter"
	"time"
)

// Product is a priced item with a hosted payment link (URL); each purchase
// through the link makes an invoice. The server generates its ID.
type Product struct {
	ID        string `json:"id"`
	ProjectID string `json:"project_id"`
	// URL is the payment link, read-only.
	URL  string `json:"url"`
	Name string `json:"name"`
	// Amount is a decimal string, such as "19.99".
	Amount    string            `json:"amount"`
	Currency  string            `json:"currency"`
	Metadata  map[string]string `json:"metadata"`
	ReturnURL *string           `json:"return_url"`
	CancelURL *string           `json:"cancel_url"`
	Sandbox   bool              `json:"sandbox"`
	CreatedAt time.Time         `json:"created_at"`
}

func (p Product) itemID() string { return p.ID }

// ProductInput is the writable part of a product; create and update send
// the same fields.
type ProductInput struct {
	Name     string `json:"name"`
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
	// Metadata is always sent: {} clears it, whereas null would leave it
	// unchanged on update.
	Metadata map[string]string `json:"metadata"`
	// ReturnURL and CancelURL are null when not given: ProcessOut keeps
	// what it holds.
	ReturnURL *string `json:"return_url"`
	CancelURL *string `json:"cancel_url"`
}

var products = endpoint{
	name: "product", collection: "/products", item: "/products/{id}",
	key: "product", plural: "products",
}

func (in ProductInput) body() ProductInput {
	if in.Metadata == nil {
		in.Metadata = map[string]string{}
	}
	return in
}

// CreateProduct creates a product.
func (c *Client) CreateProduct(ctx context.Context, in ProductInput) (*Product, error) {
	return createObject[Product](ctx, c, products, in.body())
}

// GetProduct fetches one product.
func (c *Client) GetProduct(ctx context.Context, id string) (*Product, error) {
	return getObject[Product](ctx, c, products, id)
}

// RefreshProduct reads one for a refresh: from the list of the
// kind once the client has refreshed enough of them, else with its own GET
// (snapshot.go).
func (c *Client) RefreshProduct(ctx context.Context, id string) (*Product, error) {
	return refreshObject[Product](ctx, c, products, id)
}

// UpdateProduct replaces the writable fields of a product.
func (c *Client) UpdateProduct(ctx context.Context, id string, in ProductInput) (*Product, error) {
	return updateObject[Product](ctx, c, products, id, in.body())
}

// DeleteProduct deletes a product.
func (c *Client) DeleteProduct(ctx context.Context, id string) error {
	return deleteObject(ctx, c, products, id)
}

// Products streams every product of the project.
func (c *Client) Products(ctx context.Context, opts ListOptions) iter.Seq2[Product, error] {
	return listWhole[Product](ctx, c, products, opts)
}
