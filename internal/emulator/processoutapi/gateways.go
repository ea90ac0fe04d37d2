package processoutapi

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Gateway is an entry of the gateway catalog (CONTRACT.md §12). The catalog
// endpoints are a non-public convention [U]: GET /gateways (list envelope,
// key "gateways") and GET /gateways/{name} (key "gateway"), where {name} is
// the slug; the numeric id is accepted there too.
type Gateway struct {
	// ID is the numeric id as a string (the Go SDK types it string), e.g. "6".
	ID string `json:"id"`
	// NumericID is the same id as the integer gateway_id of configurations.
	NumericID             int      `json:"-"`
	Name                  string   `json:"name"` // slug, e.g. "stripe"
	DisplayName           string   `json:"display_name"`
	LogoURL               string   `json:"logo_url"`
	URL                   string   `json:"url"`
	Flows                 []string `json:"flows"` // one-off, subscription, tokenization
	Tags                  []string `json:"tags"`  // credit-card, e-wallet, bnpl, apm…
	CanPullTransactions   bool     `json:"can_pull_transactions"`
	CanRefund             bool     `json:"can_refund"`
	IsOAuthAuthentication bool     `json:"is_oauth_authentication"`
	Description           string   `json:"description"`
	// Emulator extensions describing the credential schema of `settings`.
	RequiredSettings []string `json:"required_settings"`
	OptionalSettings []string `json:"optional_settings"`
	// PublicSettings are the settings keys copied to a configuration's
	// public_keys (the client-safe part of the credentials).
	PublicSettings []string `json:"public_settings"`
}

// merchantAccountCountrySetting is the optional settings key from which a
// configuration's merchant_account_country_code is derived (emulator
// convention: the real derivation is not documented).
const merchantAccountCountrySetting = "merchant_account_country"

var (
	flowsAll      = []string{"one-off", "subscription", "tokenization"}
	flowsOneOff   = []string{"one-off"}
	flowsNoSubs   = []string{"one-off", "tokenization"}
	catalogOrigin = time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
)

var catalog = []Gateway{
	{NumericID: 1, Name: "sandbox", DisplayName: "Sandbox", Flows: flowsAll, Tags: []string{"credit-card", "test"},
		CanRefund: true, Description: "ProcessOut's test gateway: no credentials, no real money.",
		RequiredSettings: []string{}, OptionalSettings: []string{merchantAccountCountrySetting}, PublicSettings: []string{}},
	{NumericID: 2, Name: "adyen", DisplayName: "Adyen", Flows: flowsAll, Tags: []string{"credit-card", "apm", "e-wallet"},
		CanPullTransactions: true, CanRefund: true, Description: "Global payment platform for cards and local payment methods.",
		RequiredSettings: []string{"merchant_account", "api_key", "client_key"},
		OptionalSettings: []string{"live_url_prefix", "hmac_key", merchantAccountCountrySetting}, PublicSettings: []string{"client_key"}},
	{NumericID: 3, Name: "braintree", DisplayName: "Braintree", Flows: flowsAll, Tags: []string{"credit-card", "e-wallet"},
		CanPullTransactions: true, CanRefund: true, Description: "PayPal's card and wallet processing platform.",
		RequiredSettings: []string{"merchant_id", "public_key", "private_key"},
		OptionalSettings: []string{"merchant_account_id", merchantAccountCountrySetting}, PublicSettings: []string{"public_key"}},
	{NumericID: 4, Name: "checkoutcom", DisplayName: "Checkout.com", Flows: flowsAll, Tags: []string{"credit-card", "apm"},
		CanPullTransactions: true, CanRefund: true, Description: "Unified payments platform for cards and alternative payment methods.",
		RequiredSettings: []string{"secret_key", "public_key", "processing_channel_id"},
		OptionalSettings: []string{"webhook_secret", merchantAccountCountrySetting}, PublicSettings: []string{"public_key"}},
	{NumericID: 5, Name: "cybersource", DisplayName: "Cybersource", Flows: flowsAll, Tags: []string{"credit-card"},
		CanRefund: true, Description: "Visa's payment management platform.",
		RequiredSettings: []string{"merchant_id", "key_id", "shared_secret"},
		OptionalSettings: []string{merchantAccountCountrySetting}, PublicSettings: []string{}},
	{NumericID: 6, Name: "stripe", DisplayName: "Stripe", Flows: flowsAll, Tags: []string{"credit-card", "apm", "e-wallet"},
		CanPullTransactions: true, CanRefund: true, Description: "Online payment processing for internet businesses.",
		RequiredSettings: []string{"secret_key", "public_key"},
		OptionalSettings: []string{"webhook_secret", merchantAccountCountrySetting}, PublicSettings: []string{"public_key"}},
	{NumericID: 7, Name: "klarna", DisplayName: "Klarna", Flows: flowsOneOff, Tags: []string{"bnpl", "apm"},
		CanRefund: true, Description: "Buy now, pay later and instalment payments.",
		RequiredSettings: []string{"username", "password"},
		OptionalSettings: []string{"region", merchantAccountCountrySetting}, PublicSettings: []string{}},
	{NumericID: 8, Name: "mollie", DisplayName: "Mollie", Flows: flowsNoSubs, Tags: []string{"credit-card", "apm"},
		CanRefund: true, Description: "European payment service provider for cards and local methods.",
		RequiredSettings: []string{"api_key"}, OptionalSettings: []string{"profile_id"}, PublicSettings: []string{"profile_id"}},
	{NumericID: 9, Name: "paypal", DisplayName: "PayPal", Flows: flowsNoSubs, Tags: []string{"e-wallet", "apm"},
		CanPullTransactions: true, CanRefund: true, IsOAuthAuthentication: true, Description: "PayPal wallet payments.",
		RequiredSettings: []string{"client_id", "client_secret"}, OptionalSettings: []string{"merchant_id"}, PublicSettings: []string{"client_id"}},
	{NumericID: 10, Name: "worldpay", DisplayName: "Worldpay", Flows: flowsAll, Tags: []string{"credit-card"},
		CanPullTransactions: true, CanRefund: true, Description: "Global card acquiring and processing.",
		RequiredSettings: []string{"merchant_code", "username", "password"},
		OptionalSettings: []string{"installation_id", merchantAccountCountrySetting}, PublicSettings: []string{}},
	{NumericID: 11, Name: "authorizenet", DisplayName: "Authorize.net", Flows: flowsAll, Tags: []string{"credit-card"},
		CanRefund: true, Description: "Card payment gateway for North American merchants.",
		RequiredSettings: []string{"api_login_id", "transaction_key"}, OptionalSettings: []string{"client_key"}, PublicSettings: []string{"client_key"}},
	{NumericID: 12, Name: "dlocal", DisplayName: "dLocal", Flows: flowsNoSubs, Tags: []string{"credit-card", "apm"},
		CanRefund: true, Description: "Cross-border payments in emerging markets.",
		RequiredSettings: []string{"x_login", "x_trans_key", "secret_key"}, OptionalSettings: []string{}, PublicSettings: []string{}},
}

var gatewaySpec = &kindSpec{
	kind: KindGateway, single: "gateway", plural: "gateways", resource: "gateway", label: "gateway",
	find: func(s *Server, _ *reqCtx, id string) *record { return s.gatewayRecord(id) },
	items: func(s *Server, _ *reqCtx) ([]*record, *apiError) {
		return s.st.list(listKey{kind: KindGateway}), nil
	},
	empty: func() object { return &Gateway{} },
}

func (s *Server) loadCatalog() {
	for i := range catalog {
		g := catalog[i]
		g.ID = strconv.Itoa(g.NumericID)
		g.LogoURL = "https://assets.processout.com/gateways/" + g.Name + ".svg"
		g.URL = gatewayHomepages[g.Name]
		s.gatewayByName[g.Name] = &g
		s.insertObject(KindGateway, &g)
	}
}

var gatewayHomepages = map[string]string{
	"sandbox": "https://www.processout.com", "adyen": "https://www.adyen.com", "braintree": "https://www.braintreepayments.com",
	"checkoutcom": "https://www.checkout.com", "cybersource": "https://www.cybersource.com", "stripe": "https://stripe.com",
	"klarna": "https://www.klarna.com", "mollie": "https://www.mollie.com", "paypal": "https://www.paypal.com",
	"worldpay": "https://www.worldpay.com", "authorizenet": "https://www.authorize.net", "dlocal": "https://www.dlocal.com",
}

// gatewayRecord finds a catalog entry by slug or by id.
func (s *Server) gatewayRecord(nameOrID string) *record {
	if g := s.gatewayByName[nameOrID]; g != nil {
		return s.st.get(KindGateway, g.ID)
	}
	return s.st.get(KindGateway, nameOrID)
}

func (g *Gateway) ident() ident {
	return ident{id: g.ID, created: catalogOrigin.Add(time.Duration(g.NumericID) * time.Hour)}
}

func (g *Gateway) clone() object { return g.copy() }

func (g *Gateway) normalize() {}

func (g *Gateway) view(*Server, viewCtx) any { return g.copy() }

func (g *Gateway) copy() *Gateway {
	cp := *g
	cp.Flows = slices.Clone(g.Flows)
	cp.Tags = slices.Clone(g.Tags)
	cp.RequiredSettings = slices.Clone(g.RequiredSettings)
	cp.OptionalSettings = slices.Clone(g.OptionalSettings)
	cp.PublicSettings = slices.Clone(g.PublicSettings)
	return &cp
}

func (g *Gateway) acceptsSetting(key string) bool {
	return slices.Contains(g.RequiredSettings, key) || slices.Contains(g.OptionalSettings, key)
}

func (g *Gateway) supportedSettings() string {
	keys := slices.Concat(g.RequiredSettings, g.OptionalSettings)
	if len(keys) == 0 {
		return "none"
	}
	return strings.Join(keys, ", ")
}

func (g *Gateway) isAPM() bool {
	return slices.ContainsFunc(g.Tags, func(t string) bool { return t == "apm" || t == "e-wallet" || t == "bnpl" })
}

// Gateways returns the catalog in id order.
func (s *Server) Gateways() []Gateway {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Gateway
	for _, rec := range s.st.list(listKey{kind: KindGateway}) {
		out = append(out, *as[*Gateway](rec.obj).copy())
	}
	return out
}
