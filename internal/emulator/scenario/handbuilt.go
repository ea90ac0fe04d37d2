// Package scenario holds the scenes the command and the rehearsals set on a
// running emulator; the emulated APIs know nothing of them. Its one scene
// is the hand-built project (SeedHandBuilt): the emulated project filled as
// a team that set ProcessOut up by hand in the dashboard would have it, to
// rehearse adopting it with Terraform (processout-emulator -seed-handbuilt,
// make demo-adopt, the adoption acceptance tests in internal/provider).
package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// HandBuilt lists what SeedHandBuilt created in the emulated project,
// by id, in creation order: the objects a team that set ProcessOut up by
// hand in the dashboard would bring to Terraform.
type HandBuilt struct {
	GatewayConfigurations []string
	WebhookEndpoints      []string
	SupervisedProjects    []string
	Products              []string
	// SFTPSettings are the projects whose SFTP settings were set (the
	// emulated project's): the settings' ID is their project's.
	SFTPSettings []string
}

// Count is the number of objects seeded.
func (h HandBuilt) Count() int {
	return len(h.GatewayConfigurations) + len(h.WebhookEndpoints) + len(h.SupervisedProjects) + len(h.Products) + len(h.SFTPSettings)
}

func (h HandBuilt) String() string {
	return fmt.Sprintf("%d gateway configurations, %d webhook endpoints, %d supervised project(s), %d products, %d SFTP settings",
		len(h.GatewayConfigurations), len(h.WebhookEndpoints), len(h.SupervisedProjects), len(h.Products), len(h.SFTPSettings))
}

// handBuiltGatewayConfiguration is one configuration of the hand-built
// seed: the body of POST /gateways/{gateway}/gateway-configurations.
type handBuiltGatewayConfiguration struct {
	gateway string
	body    map[string]any
}

// handBuiltGatewayConfigurations span six gateways, enabled and disabled,
// with and without a name, a currency, a region, metadata and
// sub-accounts. Every credential is set (the sandbox gateway takes none);
// ProcessOut never returns them.
var handBuiltGatewayConfigurations = []handBuiltGatewayConfiguration{
	{"stripe", map[string]any{
		"name": "Stripe EU", "default_currency": "EUR", "processing_region": "EEA",
		"metadata": map[string]any{"team": "payments-eu", "cost_center": "4200"},
		"settings": map[string]any{"secret_key": "sk_live_handbuilt_eu", "public_key": "pk_live_handbuilt_eu", "merchant_account_country": "FR"},
	}},
	{"stripe", map[string]any{
		"name": "Stripe US", "default_currency": "USD", "processing_region": "US",
		"settings": map[string]any{"secret_key": "sk_live_handbuilt_us", "public_key": "pk_live_handbuilt_us", "webhook_secret": "whsec_handbuilt_us"},
	}},
	{"stripe", map[string]any{
		"name": "Stripe legacy (2019)", "default_currency": "GBP", "enabled": false,
		"metadata": map[string]any{"deprecated": "true", "replaced_by": "Stripe EU"},
		"settings": map[string]any{"secret_key": "sk_live_handbuilt_legacy", "public_key": "pk_live_handbuilt_legacy"},
	}},
	{"adyen", map[string]any{
		"name": "Adyen EEA", "default_currency": "EUR", "processing_region": "EEA",
		"metadata":             map[string]any{"team": "payments-eu"},
		"sub_accounts_enabled": []any{"stripe"},
		"settings": map[string]any{"merchant_account": "ExampleEU", "api_key": "AQE_handbuilt_eea", "client_key": "live_handbuilt_eea",
			"hmac_key": "hmac_handbuilt_eea", "merchant_account_country": "NL"},
	}},
	{"adyen", map[string]any{
		"name": "Adyen UK", "default_currency": "GBP", "processing_region": "UK",
		"settings": map[string]any{"merchant_account": "ExampleUK", "api_key": "AQE_handbuilt_uk", "client_key": "live_handbuilt_uk",
			"live_url_prefix": "1797a841fbb37ca7-ExampleUK"},
	}},
	{"braintree", map[string]any{
		"name": "Braintree US", "default_currency": "USD", "processing_region": "US",
		"settings": map[string]any{"merchant_id": "MID-US-7781", "public_key": "bt_pub_handbuilt_us", "private_key": "bt_priv_handbuilt_us"},
	}},
	{"braintree", map[string]any{
		"name": "Braintree (paused)", "default_currency": "CAD", "enabled": false,
		"metadata": map[string]any{"paused_by": "finance", "ticket": "PAY-1312"},
		"settings": map[string]any{"merchant_id": "MID-CA-2290", "public_key": "bt_pub_handbuilt_ca", "private_key": "bt_priv_handbuilt_ca",
			"merchant_account_id": "example_cad"},
	}},
	{"checkoutcom", map[string]any{
		"name": "Checkout.com EEA-UK", "default_currency": "GBP", "processing_region": "EEA-UK",
		"settings": map[string]any{"secret_key": "sk_handbuilt_cko", "public_key": "pk_handbuilt_cko", "processing_channel_id": "pc_handbuilt"},
	}},
	// Set up in a hurry: no name, no currency, no region.
	{"checkoutcom", map[string]any{
		"settings": map[string]any{"secret_key": "sk_handbuilt_cko_2", "public_key": "pk_handbuilt_cko_2", "processing_channel_id": "pc_handbuilt_2"},
	}},
	{"paypal", map[string]any{
		"name": "PayPal wallet", "default_currency": "EUR",
		"metadata": map[string]any{"checkout": "express"},
		"settings": map[string]any{"client_id": "paypal_client_handbuilt", "client_secret": "paypal_secret_handbuilt"},
	}},
	{"sandbox", map[string]any{
		"name": "Sandbox for QA", "default_currency": "USD",
		"metadata": map[string]any{"team": "qa"},
	}},
	{"paypal", map[string]any{
		"name": "PayPal (old account)", "enabled": false,
		"settings": map[string]any{"client_id": "paypal_client_old", "client_secret": "paypal_secret_old", "merchant_id": "OLDMERCHANT"},
	}},
}

// handBuiltWebhookEndpoints: filtered and unfiltered endpoints, one with an
// empty filter (ProcessOut keeps [] as given; it means every event).
var handBuiltWebhookEndpoints = []map[string]any{
	{"url": "https://hooks.example.com/processout"},
	{"url": "https://payments.example.com/webhooks/processout", "events_whitelist": []any{
		"transaction.authorized", "transaction.captured", "transaction.failed", "transaction.refunded"}},
	{"url": "https://billing.example.com/processout/invoices", "events_whitelist": []any{"invoice.completed", "invoice.three_d_s.pending"}},
	{"url": "http://legacy-erp.example.net:8080/po-events"},
	{"url": "https://audit.example.com/processout", "events_whitelist": []any{}},
}

// handBuiltSupervisedProject is a marketplace sub-merchant the team created
// by hand, with every writable attribute set.
var handBuiltSupervisedProject = map[string]any{
	"name":             "Marketplace seller: Example Books",
	"default_currency": "EUR",
	"email":            "payments@example-books.example",
	"logo_url":         "https://example-books.example/logo.png",
	"dunning_configuration": []any{
		map[string]any{"action": "retry", "delay_in_days": 3},
		map[string]any{"action": "retry", "delay_in_days": 7},
		map[string]any{"action": "cancel", "delay_in_days": 14},
	},
	"public_metadata": map[string]any{"seller_id": "S-1042", "tier": "gold"},
}

// handBuiltProducts are payment links made in the dashboard: with and
// without metadata and URLs, in three currencies, one amount written with
// trailing zeros.
var handBuiltProducts = []map[string]any{
	{"name": "Annual membership", "amount": "119.90", "currency": "EUR",
		"metadata":   map[string]any{"plan": "annual", "team": "growth"},
		"return_url": "https://shop.example.com/membership/thanks", "cancel_url": "https://shop.example.com/membership"},
	{"name": "Monthly membership", "amount": "12.50", "currency": "EUR", "metadata": map[string]any{"plan": "monthly"},
		"return_url": "https://shop.example.com/membership/thanks"},
	{"name": "Gift card ($50)", "amount": "50", "currency": "USD"},
	{"name": "Workshop ticket (2023)", "amount": "250.00", "currency": "GBP", "metadata": map[string]any{"archived": "true"}},
}

// handBuiltSFTPSettings is where the team pointed the payout exports, with
// a password (ProcessOut never returns it).
var handBuiltSFTPSettings = map[string]any{
	"endpoint": "reports.example.com:2222", "username": "processout-exports", "password": "sftp_handbuilt_password", "private_key": nil,
}

// handBuiltAge is how far back the oldest seeded object was created; the
// others follow at even intervals, as if set up over the years.
const handBuiltAge = 3 * 365 * 24 * time.Hour

// SeedHandBuilt creates the hand-built project's objects in e's project:
// gateway configurations, webhook endpoints, a supervised project, products
// and the SFTP settings of the payout exports. It
// goes through the ProcessOut emulator's own HTTP handler (in process, not
// through the fault injector), with the project's credentials, so every
// object is exactly what the API would hold (validation, defaults,
// public_keys derived from the credentials). Creation times are then
// spread over the past. The request log is emptied afterwards: it shows
// what clients did, not the seed. With a rate limit, the seed's requests
// count against the project's bucket. Call it before handing e's address
// to clients.
func SeedHandBuilt(e *emulator.Emulator) (HandBuilt, error) {
	var h HandBuilt
	client := handlerClient{h: e.ProcessOut, user: e.Project.ProjectID, secret: e.Project.Secret}
	for _, gc := range handBuiltGatewayConfigurations {
		id, err := client.create("/gateways/"+gc.gateway+"/gateway-configurations", "gateway_configuration", gc.body)
		if err != nil {
			return h, err
		}
		h.GatewayConfigurations = append(h.GatewayConfigurations, id)
	}
	for _, body := range handBuiltWebhookEndpoints {
		id, err := client.create("/webhook-endpoints", "webhook_endpoint", body)
		if err != nil {
			return h, err
		}
		h.WebhookEndpoints = append(h.WebhookEndpoints, id)
	}
	id, err := client.create("/supervised-projects", "project", handBuiltSupervisedProject)
	if err != nil {
		return h, err
	}
	h.SupervisedProjects = append(h.SupervisedProjects, id)
	for _, body := range handBuiltProducts {
		id, err := client.create("/products", "product", body)
		if err != nil {
			return h, err
		}
		h.Products = append(h.Products, id)
	}
	if err := client.save("/projects/"+e.ProjectID+"/sftp-settings", handBuiltSFTPSettings); err != nil {
		return h, err
	}
	h.SFTPSettings = append(h.SFTPSettings, e.ProjectID)

	if err := ageHandBuilt(e.ProcessOut, h); err != nil {
		return h, err
	}
	e.ProcessOut.ResetRequests()
	return h, nil
}

// ageHandBuilt moves the creation (and enabling) times of the seeded
// objects into the past, oldest first, keeping their creation order.
func ageHandBuilt(po *processoutapi.Server, h HandBuilt) error {
	kinds := []struct {
		kind string
		ids  []string
	}{
		{processoutapi.KindGatewayConfiguration, h.GatewayConfigurations},
		{processoutapi.KindWebhookEndpoint, h.WebhookEndpoints},
		{processoutapi.KindProject, h.SupervisedProjects},
		{processoutapi.KindProduct, h.Products},
		{processoutapi.KindSFTPSettings, h.SFTPSettings},
	}
	now := time.Now().UTC()
	step := handBuiltAge / time.Duration(h.Count())
	i := 0
	for _, k := range kinds {
		for _, id := range k.ids {
			created := now.Add(-handBuiltAge + time.Duration(i)*step).Truncate(time.Second)
			i++
			fields := map[string]any{"created_at": created}
			if obj, ok := po.Object(k.kind, id); ok && obj["enabled"] == true {
				fields["enabled_at"] = created.Add(time.Hour)
			}
			if k.kind == processoutapi.KindSFTPSettings {
				fields = map[string]any{"saved_at": created} // saved, not created
			}
			if !po.PatchObject(k.kind, id, fields) {
				return fmt.Errorf("hand-built seed: could not age %s %s", k.kind, id)
			}
		}
	}
	return nil
}

// handlerClient calls an http.Handler in process with Basic auth.
type handlerClient struct {
	h            http.Handler
	user, secret string
}

// create POSTs body to path and returns the id of the object the answer
// holds under key.
func (c handlerClient) create(path, key string, body map[string]any) (string, error) {
	rec, err := c.send(http.MethodPost, path, body)
	if err != nil {
		return "", err
	}
	var answer map[string]json.RawMessage
	var obj struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &answer); err == nil {
		_ = json.Unmarshal(answer[key], &obj)
	}
	if rec.Code != http.StatusOK || obj.ID == "" {
		return "", fmt.Errorf("hand-built seed: POST %s answered %d: %s", path, rec.Code, rec.Body.String())
	}
	return obj.ID, nil
}

// save PUTs body to path, where the answer carries no object.
func (c handlerClient) save(path string, body map[string]any) error {
	rec, err := c.send(http.MethodPut, path, body)
	if err == nil && rec.Code != http.StatusOK {
		err = fmt.Errorf("hand-built seed: PUT %s answered %d: %s", path, rec.Code, rec.Body.String())
	}
	return err
}

// send sends body to path, as the dashboard would.
func (c handlerClient) send(method, path string, body map[string]any) (*httptest.ResponseRecorder, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(c.user, c.secret)
	// Made in the dashboard, not with an API key: served under every reading.
	req = req.WithContext(processoutapi.InternalCall(req.Context()))
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	return rec, nil
}
