package processoutapi

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"
)

// GatewayConfiguration is a project's configuration of a catalog gateway
// (CONTRACT.md §13). Its credentials (`settings`) are write-only: accepted on
// create and update, never rendered (see Server.ReceivedSettings).
type GatewayConfiguration struct {
	ID                         string            `json:"id"`                // gway_conf_ + 32 lowercase alphanumerics
	Project                    *Project          `json:"project,omitempty"` // expand=project
	ProjectID                  string            `json:"project_id"`
	Gateway                    *Gateway          `json:"gateway,omitempty"` // expand=gateway
	GatewayID                  int               `json:"gateway_id"`
	GatewayName                string            `json:"gateway_name"`
	Name                       *string           `json:"name"`
	DefaultCurrency            *string           `json:"default_currency"`
	Enabled                    bool              `json:"enabled"`
	EnabledAt                  *time.Time        `json:"enabled_at"`
	PublicKeys                 map[string]string `json:"public_keys"`
	SubAccountsEnabled         []string          `json:"sub_accounts_enabled"`
	ProcessingRegion           *string           `json:"processing_region"`
	MerchantAccountCountryCode *string           `json:"merchant_account_country_code"`
	Metadata                   map[string]string `json:"metadata"`
	IsPulling                  bool              `json:"is_pulling"`
	ConfigEntries              []any             `json:"config_entries"` // always null
	Sandbox                    bool              `json:"sandbox"`
	CreatedAt                  time.Time         `json:"created_at"`
}

var processingRegions = []string{"EEA", "EEA-UK", "UK", "US"}

// Known values of the list `filter` option (CONTRACT.md §5, §13).
var gatewayFilters = map[string]func(*Gateway) bool{
	"card-payments":               func(g *Gateway) bool { return slices.Contains(g.Tags, "credit-card") },
	"alternative-payment-methods": (*Gateway).isAPM,
	"alternative-payment-methods-with-tokenization": func(g *Gateway) bool {
		return g.isAPM() && slices.Contains(g.Flows, "tokenization")
	},
	// The emulator has no native APMs.
	"native-alternative-payment-methods": func(*Gateway) bool { return false },
}

var gatewayConfigurationSpec = &kindSpec{
	kind: KindGatewayConfiguration, single: "gateway_configuration", plural: "gateway_configurations",
	resource: "gateway-configuration", label: "gateway configuration",
	expands: []string{"gateway", "project"},
	items:   listGatewayConfigurations,
	create:  createGatewayConfiguration,
	update:  updateGatewayConfiguration,
	empty:   func() object { return &GatewayConfiguration{} },
}

func (gc *GatewayConfiguration) ident() ident {
	return ident{id: gc.ID, owner: gc.ProjectID, sandbox: gc.Sandbox, created: gc.CreatedAt}
}

func (gc *GatewayConfiguration) clone() object { cp := *gc; return &cp }

func (gc *GatewayConfiguration) normalize() {
	gc.Project, gc.Gateway, gc.ConfigEntries = nil, nil, nil
	gc.CreatedAt = gc.CreatedAt.UTC()
	gc.EnabledAt = utcPtr(gc.EnabledAt)
	if gc.PublicKeys == nil {
		gc.PublicKeys = map[string]string{}
	}
	if gc.SubAccountsEnabled == nil {
		gc.SubAccountsEnabled = []string{}
	}
	if gc.Metadata == nil {
		gc.Metadata = map[string]string{}
	}
}

func (gc *GatewayConfiguration) view(s *Server, vc viewCtx) any {
	cp := *gc
	if vc.ex["gateway"] {
		if g := s.gatewayByName[gc.GatewayName]; g != nil {
			cp.Gateway = g.copy()
		}
	}
	if vc.ex["project"] {
		cp.Project = s.projectView(gc.ProjectID)
	}
	return &cp
}

// listGatewayConfigurations serves GET /gateway-configurations and
// GET /gateways/{name}/gateway-configurations.
//
// Decision on with_disabled ([I]/[U], CONTRACT.md §13): with the secret key
// every configuration is listed, disabled ones included, whatever
// with_disabled says; in public-key mode (empty secret, client SDKs)
// disabled configurations are hidden unless with_disabled=true.
// expand_merchant_accounts (query or body) is accepted and has no effect.
// `filter` takes the documented values (card-payments,
// alternative-payment-methods, …-with-tokenization,
// native-alternative-payment-methods), matched against the gateway's tags
// and flows; any other value is 400 request.filter.invalid.
func listGatewayConfigurations(s *Server, c *reqCtx) ([]*record, *apiError) {
	items := s.st.list(listKey{kind: KindGatewayConfiguration, owner: c.projectID, sandbox: c.sandbox})
	var gw *Gateway
	if len(c.params) > 0 {
		if gw = s.gatewayByName[c.params[0]]; gw == nil {
			return nil, gatewaySpec.notFound()
		}
	}
	var match func(*Gateway) bool
	if f := optionValue(c.query, "filter"); f != "" && !s.readings.IgnoreListFilters {
		if match = gatewayFilters[f]; match == nil {
			return nil, newError(http.StatusBadRequest, "request.filter.invalid", "The filter %q is not supported for gateway configurations.", f)
		}
	}
	hideDisabled := c.publicKey && !truthy(optionValue(c.query, "with_disabled"))
	if gw == nil && match == nil && !hideDisabled {
		return items, nil
	}
	out := []*record{}
	for _, rec := range items {
		gc := as[*GatewayConfiguration](rec.obj)
		switch {
		case gw != nil && gc.GatewayName != gw.Name,
			hideDisabled && !gc.Enabled,
			match != nil && !match(s.gatewayByName[gc.GatewayName]):
			continue
		}
		out = append(out, rec)
	}
	return out, nil
}

func truthy(v string) bool { return v == "true" || v == "1" }

func createGatewayConfiguration(s *Server, c *reqCtx, in *input) (object, *apiError) {
	gw := s.gatewayByName[c.params[0]]
	if gw == nil {
		return nil, gatewaySpec.notFound()
	}
	now := s.clock()
	gc := &GatewayConfiguration{
		ProjectID:          c.projectID,
		GatewayID:          gw.NumericID,
		GatewayName:        gw.Name,
		PublicKeys:         map[string]string{},
		SubAccountsEnabled: []string{},
		Metadata:           map[string]string{},
		Sandbox:            c.sandbox,
		CreatedAt:          now,
	}
	id := s.objectID(in, KindGatewayConfiguration, "gway_conf_", lowerAlnum)
	settings := s.applyGatewayConfiguration(in, gc, gw, true, now)
	if err := in.err(); err != nil {
		return nil, err
	}
	gc.ID = id()
	s.settings[gc.ID] = settings
	return gc, nil
}

func updateGatewayConfiguration(s *Server, c *reqCtx, in *input, obj object) *apiError {
	gc := as[*GatewayConfiguration](obj)
	gw := s.gatewayByName[gc.GatewayName]
	if gw == nil {
		return gatewaySpec.notFound()
	}
	settings := s.applyGatewayConfiguration(in, gc, gw, false, s.clock())
	if err := in.err(); err != nil {
		return err
	}
	if settings != nil {
		s.settings[gc.ID] = settings
	}
	return nil
}

// applyGatewayConfiguration validates a create/update body into gc and
// returns the settings to store (nil: keep the stored ones). The body "id"
// is read by the create path only; Go also sends it on update, where it is
// ignored.
//
// Decisions: a new configuration is enabled unless "enabled": false is sent
// [U]; enabled_at is set when enabled turns true and null while disabled.
// null/absent fields are unchanged on update [U]; "" clears name-like codes
// (processing_region, default_currency) to null.
func (s *Server) applyGatewayConfiguration(in *input, gc *GatewayConfiguration, gw *Gateway, creating bool, now time.Time) map[string]string {
	settings := readSettings(in, gw, creating)
	in.setText(&gc.Name, "name", "invalid-name", 255, nil, "")
	in.setCurrency(&gc.DefaultCurrency, "default_currency")
	in.setCode(&gc.ProcessingRegion, "processing_region", "invalid-processing-region", // [U] code
		func(v string) bool { return slices.Contains(processingRegions, v) },
		"The processing_region must be one of EEA, EEA-UK, UK or US (or null).")
	enabled := gc.Enabled || creating
	if v, ok := in.boolean("enabled", "invalid-type"); ok {
		enabled = v
	}
	switch {
	case !enabled:
		gc.EnabledAt = nil
	case creating || !gc.Enabled:
		gc.EnabledAt = &now
	}
	gc.Enabled = enabled
	if m, ok := in.strMap("metadata", "invalid-metadata"); ok {
		gc.Metadata = m
	}
	if subs, ok := in.strList("sub_accounts_enabled", "invalid-subaccount"); ok {
		gc.SubAccountsEnabled = s.readSubAccounts(in, subs)
	}
	if settings != nil {
		gc.PublicKeys = map[string]string{}
		for _, key := range gw.PublicSettings {
			if v := settings[key]; v != "" {
				gc.PublicKeys[key] = v
			}
		}
		gc.MerchantAccountCountryCode = nil
		if v := settings[merchantAccountCountrySetting]; v != "" {
			gc.MerchantAccountCountryCode = &v
		}
	}
	return settings
}

// readSubAccounts: every entry must name a catalog gateway (the documented
// example is ["stripe"]); duplicates are dropped, order kept.
func (s *Server) readSubAccounts(in *input, subs []string) []string {
	out := []string{}
	for i, sub := range subs {
		if s.gatewayByName[sub] == nil {
			in.fail("invalid-subaccount", fmt.Sprintf("sub_accounts_enabled[%d]", i),
				fmt.Sprintf("The sub-account %q is not a known gateway.", sub))
			continue
		}
		if !slices.Contains(out, sub) {
			out = append(out, sub)
		}
	}
	return out
}

// readSettings validates `settings` against the gateway's credential
// schema: every required key must be present and non-empty, no key outside
// required+optional is accepted, merchant_account_country must be an ISO
// 3166-1 alpha-2 code. Each failure names its key as settings.<key>
// (request.validation.invalid-settings). On create, absent settings are
// validated as {} (so the required keys are reported missing); on update,
// absent or null settings keep the stored ones, and provided settings
// replace them whole.
func readSettings(in *input, gw *Gateway, creating bool) map[string]string {
	const code = "invalid-settings"
	_, provided := in.get("settings")
	if !provided && !creating {
		return nil
	}
	settings := map[string]string{}
	if provided {
		m, ok := in.strMap("settings", code)
		if !ok {
			return nil
		}
		settings = m
	}
	before := len(in.errs)
	for _, key := range gw.RequiredSettings {
		if strings.TrimSpace(settings[key]) == "" {
			in.fail(code, "settings."+key, fmt.Sprintf("The setting %s is required by the %s gateway.", key, gw.Name))
		}
	}
	for _, key := range slices.Sorted(maps.Keys(settings)) {
		if !gw.acceptsSetting(key) {
			in.fail(code, "settings."+key, fmt.Sprintf("The setting %s is not supported by the %s gateway (supported: %s).",
				key, gw.Name, gw.supportedSettings()))
		}
	}
	if v := settings[merchantAccountCountrySetting]; v != "" && gw.acceptsSetting(merchantAccountCountrySetting) && !validCountry(v) {
		in.fail(code, "settings."+merchantAccountCountrySetting,
			fmt.Sprintf("The setting %s must be an ISO 3166-1 alpha-2 country code.", merchantAccountCountrySetting))
	}
	if len(in.errs) > before {
		return nil
	}
	return settings
}
