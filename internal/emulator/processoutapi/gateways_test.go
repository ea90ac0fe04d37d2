package processoutapi

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestGatewayCatalog(t *testing.T) {
	s, c := newTestServer(t, Options{})
	catalog := s.Gateways()
	if len(catalog) < 10 {
		t.Fatalf("catalog has %d gateways", len(catalog))
	}
	names := map[string]Gateway{}
	for _, g := range catalog {
		names[g.Name] = g
	}
	for _, want := range []string{"stripe", "adyen", "braintree", "checkoutcom", "worldpay", "paypal", "sandbox", "klarna", "mollie", "cybersource"} {
		if _, ok := names[want]; !ok {
			t.Errorf("catalog misses %s", want)
		}
	}
	stripe := names["stripe"]
	if stripe.ID != "6" || stripe.NumericID != 6 || !slices.Equal(stripe.RequiredSettings, []string{"secret_key", "public_key"}) ||
		!slices.Equal(stripe.PublicSettings, []string{"public_key"}) {
		t.Errorf("stripe = %+v", stripe)
	}
	if len(names["sandbox"].RequiredSettings) != 0 {
		t.Errorf("sandbox requires %v", names["sandbox"].RequiredSettings)
	}

	g := c.do("GET", "/gateways/stripe", nil).object(t, "gateway")
	if g["id"] != "6" || g["name"] != "stripe" || g["display_name"] != "Stripe" || g["flows"] == nil || g["tags"] == nil {
		t.Errorf("GET /gateways/stripe = %v", g)
	}
	c.do("GET", "/gateways/6", nil).ok(t)
	c.do("GET", "/gateways/nope", nil).fails(t, http.StatusNotFound, "resource.gateway.not-found")

	// The catalog pages like every list.
	if total := c.do("GET", "/gateways?limit=5", nil).ok(t)["total_count"]; total != float64(len(catalog)) {
		t.Errorf("total_count = %v", total)
	}
	seen, _ := walkList(t, c, "gateways", "/gateways?order=asc", "start_after", "", 5)
	if len(seen) != len(catalog) || seen[0] != "1" {
		t.Errorf("paged catalog = %v", seen)
	}
}

func stripeSettings() map[string]any {
	return map[string]any{"secret_key": "sk_test_SECRET", "public_key": "pk_test_PUBLIC"}
}

func TestGatewayConfigurationLifecycle(t *testing.T) {
	s, c := newTestServer(t, Options{})
	r := c.do("POST", "/gateways/stripe/gateway-configurations", map[string]any{
		"id": nil, "name": "Stripe US", "default_currency": "USD", "processing_region": "US",
		"metadata": map[string]any{"team": "core"}, "settings": stripeSettings(), "sub_accounts_enabled": []any{"stripe"},
	})
	if strings.Contains(r.raw, "sk_test_SECRET") || strings.Contains(r.raw, `"settings"`) {
		t.Fatalf("create answer leaks settings: %s", r.raw)
	}
	gc := r.object(t, "gateway_configuration")
	id := str(gc["id"])
	if gc["gateway_id"] != 6.0 || gc["gateway_name"] != "stripe" || gc["enabled"] != true || gc["enabled_at"] == nil ||
		gc["project_id"] != c.user || gc["is_pulling"] != false || gc["config_entries"] != nil || gc["processing_region"] != "US" {
		t.Errorf("created = %v", gc)
	}
	if pk, _ := gc["public_keys"].(map[string]any); !maps.Equal(pk, map[string]any{"public_key": "pk_test_PUBLIC"}) {
		t.Errorf("public_keys = %v", gc["public_keys"])
	}
	if _, ok := gc["gateway"]; ok {
		t.Error("gateway present without expand")
	}
	if got := s.ReceivedSettings(id); !maps.Equal(got, map[string]string{"secret_key": "sk_test_SECRET", "public_key": "pk_test_PUBLIC"}) {
		t.Errorf("ReceivedSettings = %v", got)
	}

	// PUT without settings keeps them; disabling clears enabled_at.
	up := c.do("PUT", "/gateway-configurations/"+id, map[string]any{"id": id, "enabled": false, "name": "Stripe EU", "settings": nil})
	upd := up.object(t, "gateway_configuration")
	if upd["enabled"] != false || upd["enabled_at"] != nil || upd["name"] != "Stripe EU" || upd["default_currency"] != "USD" {
		t.Errorf("after disable: %v", upd)
	}
	if got := s.ReceivedSettings(id); got["secret_key"] != "sk_test_SECRET" {
		t.Errorf("settings not kept: %v", got)
	}
	// New settings replace the old ones and refresh public_keys.
	upd = c.do("PUT", "/gateway-configurations/"+id, map[string]any{"enabled": true,
		"settings": map[string]any{"secret_key": "sk2", "public_key": "pk2", "merchant_account_country": "FR"}}).object(t, "gateway_configuration")
	if upd["enabled_at"] == nil || obj(upd["public_keys"])["public_key"] != "pk2" || upd["merchant_account_country_code"] != "FR" {
		t.Errorf("after new settings: %v", upd)
	}
	if got := s.ReceivedSettings(id); got["secret_key"] != "sk2" {
		t.Errorf("ReceivedSettings after update = %v", got)
	}
	// Settings never come back, in any answer.
	for _, path := range []string{"/gateway-configurations/" + id, "/gateway-configurations", "/gateways/stripe/gateway-configurations"} {
		if raw := c.do("GET", path, nil).raw; strings.Contains(raw, "sk2") || strings.Contains(raw, `"settings"`) {
			t.Errorf("GET %s leaks settings: %s", path, raw)
		}
	}
	obj, _ := s.Object(KindGatewayConfiguration, id)
	if _, ok := obj["settings"]; ok {
		t.Error("Object() has settings")
	}

	// Lists: all, per gateway.
	c.do("POST", "/gateways/sandbox/gateway-configurations", map[string]any{"enabled": false}).ok(t)
	if n := len(c.do("GET", "/gateway-configurations", nil).items(t, "gateway_configurations")); n != 2 {
		t.Errorf("secret-key list shows %d configurations, want disabled ones too (2)", n)
	}
	perGateway := c.do("GET", "/gateways/stripe/gateway-configurations", nil).items(t, "gateway_configurations")
	if len(perGateway) != 1 || perGateway[0]["id"] != id {
		t.Errorf("stripe configurations = %v", ids(perGateway))
	}
	c.do("GET", "/gateways/nope/gateway-configurations", nil).fails(t, http.StatusNotFound, "resource.gateway.not-found")
	c.do("POST", "/gateways/nope/gateway-configurations", map[string]any{}).fails(t, http.StatusNotFound, "resource.gateway.not-found")
	public := client{t: t, h: s, user: c.user}
	if n := len(public.do("GET", "/gateway-configurations", nil).items(t, "gateway_configurations")); n != 1 {
		t.Errorf("public-key list shows %d, want enabled only (1)", n)
	}
	if n := len(public.do("GET", "/gateway-configurations?with_disabled=true", nil).items(t, "gateway_configurations")); n != 2 {
		t.Errorf("public-key list with_disabled shows %d", n)
	}
	if n := len(c.do("GET", "/gateway-configurations?filter=card-payments", nil).items(t, "gateway_configurations")); n != 2 {
		t.Errorf("card-payments filter shows %d", n)
	}
	c.do("GET", "/gateway-configurations?filter=bogus", nil).fails(t, http.StatusBadRequest, "request.filter.invalid")

	c.do("DELETE", "/gateway-configurations/"+id, nil).ok(t)
	c.do("GET", "/gateway-configurations/"+id, nil).fails(t, http.StatusNotFound, "resource.gateway-configuration.not-found")
	if s.ReceivedSettings(id) != nil {
		t.Error("settings survive their configuration")
	}
}

func TestGatewayConfigurationSettingsValidation(t *testing.T) {
	_, c := newTestServer(t, Options{})
	const invalid = "request.validation.invalid-settings"

	missing := c.do("POST", "/gateways/stripe/gateway-configurations", map[string]any{"name": "No settings"}).fails(t, http.StatusBadRequest, invalid)
	if got := invalidFieldNames(t, missing); !slices.Equal(got, []string{"settings.secret_key", "settings.public_key"}) {
		t.Errorf("missing settings invalid_fields = %v", got)
	}
	if msg := str(missing["message"]); !strings.Contains(msg, "secret_key") || !strings.Contains(msg, "public_key") {
		t.Errorf("message does not name the keys: %q", msg)
	}

	partial := c.do("POST", "/gateways/adyen/gateway-configurations", map[string]any{"settings": map[string]any{
		"merchant_account": "Acme", "api_key": "k", "client_key": "", "bogus": "x", "live_url_prefix": "abc"}}).fails(t, http.StatusBadRequest, invalid)
	if got := invalidFieldNames(t, partial); !slices.Equal(got, []string{"settings.client_key", "settings.bogus"}) {
		t.Errorf("adyen invalid_fields = %v", got)
	}
	if msg := str(partial["message"]); !strings.Contains(msg, "client_key") || !strings.Contains(msg, "bogus") {
		t.Errorf("message does not name the keys: %q", msg)
	}

	c.do("POST", "/gateways/stripe/gateway-configurations", map[string]any{"settings": map[string]any{"secret_key": 5, "public_key": "pk"}}).
		fails(t, http.StatusBadRequest, invalid)
	c.do("POST", "/gateways/stripe/gateway-configurations", map[string]any{"settings": "sk=1"}).fails(t, http.StatusBadRequest, invalid)
	c.do("POST", "/gateways/sandbox/gateway-configurations", map[string]any{"settings": map[string]any{"anything": "x"}}).
		fails(t, http.StatusBadRequest, invalid)
	// The sandbox gateway needs no settings at all.
	sb := c.do("POST", "/gateways/sandbox/gateway-configurations", map[string]any{}).object(t, "gateway_configuration")
	if len(obj(sb["public_keys"])) != 0 || len(arr(sb["sub_accounts_enabled"])) != 0 || len(obj(sb["metadata"])) != 0 {
		t.Errorf("sandbox configuration defaults: %v", sb)
	}

	// An update with bad settings changes nothing.
	gc := c.do("POST", "/gateways/stripe/gateway-configurations", map[string]any{"name": "Kept", "settings": stripeSettings()}).object(t, "gateway_configuration")
	id := str(gc["id"])
	c.do("PUT", "/gateway-configurations/"+id, map[string]any{"name": "Changed", "settings": map[string]any{"secret_key": "only"}}).
		fails(t, http.StatusBadRequest, invalid)
	if got := c.do("GET", "/gateway-configurations/"+id, nil).object(t, "gateway_configuration"); got["name"] != "Kept" {
		t.Errorf("failed update changed the name to %v", got["name"])
	}

	for body, errType := range map[string]string{
		`{"processing_region": "MARS"}`:         "request.validation.invalid-processing-region",
		`{"default_currency": "usd"}`:           "request.validation.invalid-currency",
		`{"enabled": "yes"}`:                    "request.validation.invalid-type",
		`{"metadata": {"a": 1}}`:                "request.validation.invalid-metadata",
		`{"sub_accounts_enabled": ["unknown"]}`: "request.validation.invalid-subaccount",
		`{"settings": {"merchant_account_country": "ZZ", "secret_key": "a", "public_key": "b"}}`: invalid,
	} {
		c.do("PUT", "/gateway-configurations/"+id, body).fails(t, http.StatusBadRequest, errType)
	}
	// "" clears processing_region; null keeps it.
	c.do("PUT", "/gateway-configurations/"+id, map[string]any{"processing_region": "EEA-UK"}).ok(t)
	if got := c.do("PUT", "/gateway-configurations/"+id, map[string]any{"processing_region": nil}).object(t, "gateway_configuration"); got["processing_region"] != "EEA-UK" {
		t.Errorf("null changed processing_region to %v", got["processing_region"])
	}
	if got := c.do("PUT", "/gateway-configurations/"+id, map[string]any{"processing_region": ""}).object(t, "gateway_configuration"); got["processing_region"] != nil {
		t.Errorf("\"\" left processing_region at %v", got["processing_region"])
	}
}

func TestExpandEncodings(t *testing.T) {
	_, c := newTestServer(t, Options{})
	gc := c.do("POST", "/gateways/stripe/gateway-configurations", map[string]any{"settings": stripeSettings()}).object(t, "gateway_configuration")
	id := str(gc["id"])
	hasGateway := func(obj map[string]any) bool {
		g, _ := obj["gateway"].(map[string]any)
		return g["name"] == "stripe"
	}
	for _, q := range []string{"expand[]=gateway", "expand=gateway", "expand[0]=gateway", "expand=project%2Cgateway",
		"expand=project&expand=gateway", "expand[]=project&expand[]=gateway", "expand=gateway.tags"} {
		obj := c.do("GET", "/gateway-configurations/"+id+"?"+q, nil).object(t, "gateway_configuration")
		if !hasGateway(obj) {
			t.Errorf("?%s: no gateway expanded", q)
		}
		list := c.do("GET", "/gateway-configurations?"+q, nil).items(t, "gateway_configurations")
		if !hasGateway(list[0]) {
			t.Errorf("list ?%s: no gateway expanded", q)
		}
	}
	both := c.do("GET", "/gateway-configurations/"+id+"?expand=project,gateway", nil).object(t, "gateway_configuration")
	if p, _ := both["project"].(map[string]any); p["id"] != c.user {
		t.Errorf("project not expanded: %v", both["project"])
	}
	// Bodies of POST and PUT carry expand too.
	created := c.do("POST", "/gateways/sandbox/gateway-configurations", map[string]any{"expand": []any{"gateway"}}).object(t, "gateway_configuration")
	if g, _ := created["gateway"].(map[string]any); g["name"] != "sandbox" {
		t.Errorf("POST body expand: %v", created["gateway"])
	}
	if !hasGateway(c.do("PUT", "/gateway-configurations/"+id, map[string]any{"expand": []any{"gateway"}}).object(t, "gateway_configuration")) {
		t.Error("PUT body expand ignored")
	}
	// Empty expand values are no expansion; unknown ones are rejected.
	if obj := c.do("GET", "/gateway-configurations/"+id+"?expand=", nil).object(t, "gateway_configuration"); obj["gateway"] != nil {
		t.Error("empty expand expanded something")
	}
	c.do("GET", "/gateway-configurations/"+id+"?expand[]=nonsense", nil).fails(t, http.StatusBadRequest, "request.expand.invalid")
	cust := c.do("POST", "/customers", map[string]any{"expand": []any{"project", "tokens"}}).object(t, "customer")
	if p, _ := cust["project"].(map[string]any); p["id"] != c.user {
		t.Errorf("customer project not expanded: %v", cust["project"])
	}
	if tokens, ok := cust["tokens"].([]any); !ok || len(tokens) != 0 {
		t.Errorf("expanded tokens = %v", cust["tokens"])
	}
}
