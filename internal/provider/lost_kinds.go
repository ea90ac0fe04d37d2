package provider

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/processout/terraform-provider-processout/internal/processout"
	"github.com/processout/terraform-provider-processout/internal/validate"
)

// The kinds a lost create can be recovered for (lost_create.go): how each is
// listed and what of a create identifies the object it made. A fingerprint
// holds only what ProcessOut stores as sent; an attribute it may rewrite
// (a default, a normalised list) would make the object unfindable.

func sortedSet(items []string) string {
	s := slices.Clone(items)
	if s == nil {
		s = []string{}
	}
	slices.Sort(s)
	return canonicalJSON(s)
}

func webhookEndpointFingerprint(url string, events []string) fingerprint {
	return fingerprint{"url": url, "events_whitelist": sortedSet(events)}
}

var lostWebhookEndpoints = lostKind[processout.WebhookEndpoint]{
	object: "webhook endpoint",
	list: func(ctx context.Context, api *processout.Client) func(func(processout.WebhookEndpoint, error) bool) {
		return api.WebhookEndpoints(ctx, processout.ListOptions{})
	},
	describe: func(w *processout.WebhookEndpoint) (string, time.Time, fingerprint) {
		return w.ID, w.CreatedAt, webhookEndpointFingerprint(w.URL, w.EventsWhitelist)
	},
}

// gatewayConfigurationFingerprint is the gateway and the fields the create
// set; the credentials are never part of it.
func gatewayConfigurationFingerprint(gatewayName string, name, currency, region *string, metadata map[string]string) fingerprint {
	fp := fingerprint{"gateway_name": gatewayName}
	if name != nil {
		fp["name"] = *name
	}
	if currency != nil && *currency != "" {
		fp["default_currency"] = *currency
	}
	if region != nil {
		fp["processing_region"] = *region
	}
	if len(metadata) > 0 {
		fp["metadata"] = canonicalJSON(metadata)
	}
	return fp
}

var lostGatewayConfigurations = lostKind[processout.GatewayConfiguration]{
	object: "gateway configuration",
	list: func(ctx context.Context, api *processout.Client) func(func(processout.GatewayConfiguration, error) bool) {
		return api.GatewayConfigurations(ctx, processout.ListOptions{})
	},
	describe: func(g *processout.GatewayConfiguration) (string, time.Time, fingerprint) {
		return g.ID, g.CreatedAt, gatewayConfigurationFingerprint(g.GatewayName, g.Name, &g.DefaultCurrency, g.ProcessingRegion, g.Metadata)
	},
}

func projectFingerprint(name, email, currency string) fingerprint {
	fp := fingerprint{"name": name}
	if email != "" {
		fp["email"] = email
	}
	if currency != "" {
		fp["default_currency"] = currency
	}
	return fp
}

// lostProjects cannot take over what they find: a project's private key is
// returned only by the create, whose answer was lost, and a supervised
// project is updated and deleted as itself, with that key.
var lostProjects = lostKind[processout.Project]{
	object: "project",
	list: func(ctx context.Context, api *processout.Client) func(func(processout.Project, error) bool) {
		return api.SupervisedProjects(ctx, processout.ListOptions{})
	},
	describe: func(p *processout.Project) (string, time.Time, fingerprint) {
		return p.ID, p.CreatedAt, projectFingerprint(p.Name, p.Email, p.DefaultCurrency)
	},
	unmanaged: func(id string) string {
		return fmt.Sprintf("ProcessOut made the supervised project %s, but the answer that carried its private key (returned by no other call) was lost, "+
			"so the provider can neither manage nor delete it. Either delete %s in the ProcessOut dashboard and run again (a new project is then created), "+
			"or keep it: remove the placeholder with `terraform state rm <address>` and import %s with its private key, "+
			"as the processout_project documentation describes.", id, id, id)
	},
}

// productFingerprint is what a product's create set. The amount is taken as
// a number: ProcessOut may answer it in another spelling ("10.5000" for
// "10.5", the AmountsReformatted reading), which would otherwise make the
// object unfindable.
func productFingerprint(name, amount, currency string, metadata map[string]string, returnURL, cancelURL *string) fingerprint {
	fp := fingerprint{"name": name, "amount": validate.CanonicalAmount(amount), "currency": currency}
	if len(metadata) > 0 {
		fp["metadata"] = canonicalJSON(metadata)
	}
	if returnURL != nil {
		fp["return_url"] = *returnURL
	}
	if cancelURL != nil {
		fp["cancel_url"] = *cancelURL
	}
	return fp
}

var lostProducts = lostKind[processout.Product]{
	object: "product",
	list: func(ctx context.Context, api *processout.Client) func(func(processout.Product, error) bool) {
		return api.Products(ctx, processout.ListOptions{})
	},
	describe: func(p *processout.Product) (string, time.Time, fingerprint) {
		return p.ID, p.CreatedAt, productFingerprint(p.Name, p.Amount, p.Currency, p.Metadata, p.ReturnURL, p.CancelURL)
	},
}
