package processout

import (
	"context"
	"iter"
	"net/http"
	"time"
)

// Coupon is a discount template for subscriptions. The caller chooses its
// ID at creation, and nothing but its metadata changes afterwards
// (reference §5f). Node SDK 11 dropped coupons as unsupported; Go and
// Python still ship them.
type Coupon struct {
	ID        string  `json:"id"`
	ProjectID string  `json:"project_id"`
	AmountOff *string `json:"amount_off"`
	// PercentOff is 0 to 100; exactly one of it and AmountOff is set.
	PercentOff *int64  `json:"percent_off"`
	Currency   *string `json:"currency"`
	// IterationCount is the billing cycles the discount lasts, 0 forever.
	IterationCount int64 `json:"iteration_count"`
	// MaxRedemptions is how many times it may be redeemed, 0 without limit.
	MaxRedemptions int64             `json:"max_redemptions"`
	ExpiresAt      *time.Time        `json:"expires_at"`
	Metadata       map[string]string `json:"metadata"`
	RedeemedNumber int64             `json:"redeemed_number"`
	Sandbox        bool              `json:"sandbox"`
	CreatedAt      time.Time         `json:"created_at"`
}

func (co Coupon) itemID() string         { return co.ID }
func (co Coupon) ownerProjectID() string { return co.ProjectID }

// CouponInput is what a create sends. Nil pointers are sent as null.
type CouponInput struct {
	ID             string            `json:"id"`
	AmountOff      *string           `json:"amount_off"`
	PercentOff     *int64            `json:"percent_off"`
	Currency       *string           `json:"currency"`
	IterationCount int64             `json:"iteration_count"`
	MaxRedemptions int64             `json:"max_redemptions"`
	ExpiresAt      *time.Time        `json:"expires_at"`
	Metadata       map[string]string `json:"metadata"`
}

// CouponUpdate is what an update sends: the metadata, whole ({} clears it).
type CouponUpdate struct {
	Metadata map[string]string `json:"metadata"`
}

var coupons = endpoint{
	name: "coupon", collection: "/coupons", item: "/coupons/{id}",
	key: "coupon", plural: "coupons",
}

// CreateCoupon creates a coupon with the caller's ID.
func (c *Client) CreateCoupon(ctx context.Context, in CouponInput) (*Coupon, error) {
	if in.Metadata == nil {
		in.Metadata = map[string]string{}
	}
	req := coupons.request("create", http.MethodPost)
	req.Body = in
	// The answer must be the coupon asked for: the ID is the caller's.
	return itemFor[Coupon](ctx, c, &req, in.ID)
}

// GetCoupon fetches one coupon.
func (c *Client) GetCoupon(ctx context.Context, id string) (*Coupon, error) {
	return getObject[Coupon](ctx, c, coupons, id)
}

// RefreshCoupon reads one for a refresh: from the list of the
// kind once the client has refreshed enough of them, else with its own GET
// (snapshot.go).
func (c *Client) RefreshCoupon(ctx context.Context, id string) (*Coupon, error) {
	return refreshObject[Coupon](ctx, c, coupons, id)
}

// UpdateCoupon replaces a coupon's metadata, the one field that may change.
func (c *Client) UpdateCoupon(ctx context.Context, id string, in CouponUpdate) (*Coupon, error) {
	if in.Metadata == nil {
		in.Metadata = map[string]string{}
	}
	return updateObject[Coupon](ctx, c, coupons, id, in)
}

// DeleteCoupon deletes a coupon.
func (c *Client) DeleteCoupon(ctx context.Context, id string) error {
	return deleteObject(ctx, c, coupons, id)
}

// Coupons streams the project's coupons.
func (c *Client) Coupons(ctx context.Context, opts ListOptions) iter.Seq2[Coupon, error] {
	return listWhole[Coupon](ctx, c, coupons, opts)
}
