package processout

import (
	"context"
	"encoding/json"
	"iter"
	"strconv"
)

// Gateway is an entry of ProcessOut's gateway catalog. The catalog has no
// public API; the paths follow the emulator's documented convention.
type Gateway struct {
	ID                    FlexibleID `json:"id"`
	Name                  string     `json:"name"`
	DisplayName           string     `json:"display_name"`
	LogoURL               string     `json:"logo_url"`
	URL                   string     `json:"url"`
	Flows                 []string   `json:"flows"`
	Tags                  []string   `json:"tags"`
	CanPullTransactions   bool       `json:"can_pull_transactions"`
	CanRefund             bool       `json:"can_refund"`
	IsOAuthAuthentication bool       `json:"is_oauth_authentication"`
	Description           string     `json:"description"`
	RequiredSettings      []string   `json:"required_settings"`
	OptionalSettings      []string   `json:"optional_settings"`
	PublicSettings        []string   `json:"public_settings"`
}

func (g Gateway) itemID() string { return g.Name }

// FlexibleID accepts an ID sent as a JSON string or number: the SDKs type the
// gateway id as a string while configurations carry it as an integer.
type FlexibleID string

// UnmarshalJSON implements json.Unmarshaler.
func (f *FlexibleID) UnmarshalJSON(data []byte) error {
	var n json.Number
	if err := json.Unmarshal(data, &n); err == nil {
		*f = FlexibleID(n.String())
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	*f = FlexibleID(s)
	return nil
}

// Int returns the ID as an integer, or 0 when it is not one.
func (f FlexibleID) Int() int64 {
	n, _ := strconv.ParseInt(string(f), 10, 64)
	return n
}

var gateways = endpoint{
	name: "gateway", collection: "/gateways", item: "/gateways/{gateway_name}",
	key: "gateway", plural: "gateways", idParam: "gateway_name",
}

// GetGateway fetches one catalog entry by its name (slug), such as "stripe".
func (c *Client) GetGateway(ctx context.Context, name string) (*Gateway, error) {
	return getObject[Gateway](ctx, c, gateways, name)
}

// Gateways streams the gateway catalog.
func (c *Client) Gateways(ctx context.Context, opts ListOptions) iter.Seq2[Gateway, error] {
	return listObjects[Gateway](ctx, c, gateways, opts)
}
