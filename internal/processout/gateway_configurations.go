package processout

import (
	"context"
	"iter"
	"net/http"
	"time"
)

// GatewayConfiguration is a gateway set up on the project. Its credentials
// (settings) are write-only: ProcessOut never returns them.
type GatewayConfiguration struct {
	ID                         string            `json:"id"`
	ProjectID                  string            `json:"project_id"`
	GatewayID                  FlexibleID        `json:"gateway_id"`
	GatewayName                string            `json:"gateway_name"`
	Name                       *string           `json:"name"`
	DefaultCurrency            string            `json:"default_currency"`
	Enabled                    bool              `json:"enabled"`
	EnabledAt                  *time.Time        `json:"enabled_at"`
	PublicKeys                 map[string]string `json:"public_keys"`
	SubAccountsEnabled         []string          `json:"sub_accounts_enabled"`
	ProcessingRegion           *string           `json:"processing_region"`
	MerchantAccountCountryCode *string           `json:"merchant_account_country_code"`
	Metadata                   map[string]string `json:"metadata"`
	Sandbox                    bool              `json:"sandbox"`
	CreatedAt                  time.Time         `json:"created_at"`
}

func (g GatewayConfiguration) itemID() string { return g.ID }

// GatewayConfigurationInput is the writable part of a gateway configuration.
type GatewayConfigurationInput struct {
	Name               *string           `json:"name"`
	Enabled            bool              `json:"enabled"`
	DefaultCurrency    string            `json:"default_currency,omitempty"`
	ProcessingRegion   *string           `json:"processing_region"`
	Metadata           map[string]string `json:"metadata"`
	SubAccountsEnabled []string          `json:"sub_accounts_enabled"`
	// Settings are the gateway credentials. Nil leaves them unchanged on
	// update (they cannot be read back to be re-sent).
	Settings map[string]string `json:"settings,omitempty"`
}

var gatewayConfigurations = endpoint{
	name: "gateway_configuration", collection: "/gateway-configurations", item: "/gateway-configurations/{id}",
	key: "gateway_configuration", plural: "gateway_configurations",
}

func (in GatewayConfigurationInput) body() GatewayConfigurationInput {
	if in.Metadata == nil {
		in.Metadata = map[string]string{}
	}
	if in.SubAccountsEnabled == nil {
		in.SubAccountsEnabled = []string{}
	}
	return in
}

// CreateGatewayConfiguration configures the gateway named gatewayName.
func (c *Client) CreateGatewayConfiguration(ctx context.Context, gatewayName string, in GatewayConfigurationInput) (*GatewayConfiguration, error) {
	req := gatewayConfigurations.request("create", http.MethodPost)
	req.Path = "/gateways/{gateway_name}/gateway-configurations"
	req.PathParams = map[string]string{"gateway_name": gatewayName}
	req.Body = in.body()
	return itemFor[GatewayConfiguration](ctx, c, &req, "")
}

// GetGatewayConfiguration fetches one gateway configuration.
func (c *Client) GetGatewayConfiguration(ctx context.Context, id string) (*GatewayConfiguration, error) {
	return getObject[GatewayConfiguration](ctx, c, gatewayConfigurations, id)
}

// RefreshGatewayConfiguration reads one for a refresh: from the list of the
// kind once the client has refreshed enough of them, else with its own GET
// (snapshot.go).
func (c *Client) RefreshGatewayConfiguration(ctx context.Context, id string) (*GatewayConfiguration, error) {
	return refreshObject[GatewayConfiguration](ctx, c, gatewayConfigurations, id)
}

// UpdateGatewayConfiguration replaces the writable fields.
func (c *Client) UpdateGatewayConfiguration(ctx context.Context, id string, in GatewayConfigurationInput) (*GatewayConfiguration, error) {
	return updateObject[GatewayConfiguration](ctx, c, gatewayConfigurations, id, in.body())
}

// DeleteGatewayConfiguration deletes a gateway configuration.
func (c *Client) DeleteGatewayConfiguration(ctx context.Context, id string) error {
	return deleteObject(ctx, c, gatewayConfigurations, id)
}

// GatewayConfigurations streams the project's gateway configurations.
func (c *Client) GatewayConfigurations(ctx context.Context, opts ListOptions) iter.Seq2[GatewayConfiguration, error] {
	return listWhole[GatewayConfiguration](ctx, c, gatewayConfigurations, opts)
}
