// Package bench holds what the call-count acceptance tests and the
// `make bench` program share: the configuration of a fleet of N managed
// objects, and the tally of the API calls a CLI command made.
package bench

import (
	"fmt"
	"strings"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// Fleet describes N managed objects: even indexes are Stripe gateway
// configurations, odd ones webhook endpoints, so any N mixes both kinds.
type Fleet struct {
	N int
	// Generation, when above 0, changes one object in ten (see changes):
	// the "update of 10%" phase.
	Generation int
	// WriteOnly gives the gateway credentials as settings_wo (CLIs with
	// write-only attributes) instead of the sensitive settings map.
	WriteOnly bool
}

// Updated is how many objects a Generation above 0 changes: one in ten,
// ceil(N/10) when N is even.
func (f Fleet) Updated() int {
	n := 0
	for i := range f.N {
		if changes(i) {
			n++
		}
	}
	return n
}

// changes reports whether object i changes with the generation: one object
// in each ten, alternately a gateway configuration (10k, k even) and a
// webhook endpoint (10k+1, k odd), so updates cover both kinds.
func changes(i int) bool { return i%10 == (i/10)%2 }

// GatewayConfigurations is how many of the N objects are gateway
// configurations; the rest are webhook endpoints.
func (f Fleet) GatewayConfigurations() int { return (f.N + 1) / 2 }

// WebhookEndpoints is how many of the N objects are webhook endpoints.
func (f Fleet) WebhookEndpoints() int { return f.N / 2 }

// suffix is what the changed objects carry in the current generation.
func (f Fleet) suffix(i int) string {
	if f.Generation > 0 && changes(i) {
		return fmt.Sprintf("-g%d", f.Generation)
	}
	return ""
}

// HCL is the fleet's resources (without the provider block). Every object
// is its own resource block, as a team's configuration would have them,
// with no dependency between them, so the CLI may handle them in parallel.
func (f Fleet) HCL() string {
	var b strings.Builder
	for i := range f.N {
		if i%2 == 0 {
			f.gatewayConfiguration(&b, i)
		} else {
			f.webhookEndpoint(&b, i)
		}
	}
	return b.String()
}

// name is gateway configuration i's name.
func (f Fleet) name(i int) string { return fmt.Sprintf("stripe-%04d%s", i, f.suffix(i)) }

// url is webhook endpoint i's URL.
func (f Fleet) url(i int) string {
	return fmt.Sprintf("https://hooks.example.com/processout/%04d%s", i, f.suffix(i))
}

// Names are the gateway configurations' names.
func (f Fleet) Names() []string {
	var out []string
	for i := 0; i < f.N; i += 2 {
		out = append(out, f.name(i))
	}
	return out
}

// URLs are the webhook endpoints' URLs.
func (f Fleet) URLs() []string {
	var out []string
	for i := 1; i < f.N; i += 2 {
		out = append(out, f.url(i))
	}
	return out
}

func (f Fleet) gatewayConfiguration(b *strings.Builder, i int) {
	credentials := "settings"
	version := ""
	if f.WriteOnly {
		credentials = "settings_wo"
		version = "\n  settings_wo_version = 1"
	}
	fmt.Fprintf(b, `resource "processout_gateway_configuration" "gc%04d" {
  gateway_name     = "stripe"
  name             = %q
  default_currency = "EUR"
  metadata         = { team = "payments", index = "%d" }
  %s = {
    secret_key = "sk_test_%04d"
    public_key = "pk_test_%04d"
  }%s
}
`, i, f.name(i), i, credentials, i, i, version)
}

func (f Fleet) webhookEndpoint(b *strings.Builder, i int) {
	fmt.Fprintf(b, `resource "processout_webhook_endpoint" "we%04d" {
  url              = %q
  events_whitelist = ["transaction.captured", "invoice.completed"]
}
`, i, f.url(i))
}

// FloorHCL is the same number of terraform_data resources with the same
// update pattern: what the CLI itself costs for N objects, with no provider
// process and no API call.
func (f Fleet) FloorHCL() string {
	var b strings.Builder
	for i := range f.N {
		fmt.Fprintf(&b, "resource \"terraform_data\" \"d%04d\" {\n  input = \"object-%04d%s\"\n}\n", i, i, f.suffix(i))
	}
	return b.String()
}

// Stored checks that the emulator's project holds exactly the fleet: as
// many objects of each kind, with the names and URLs of this generation.
func (f Fleet) Stored(po *processoutapi.Server, projectID string) error {
	names := fieldSet(po.Objects(projectID, processoutapi.KindGatewayConfiguration), "name")
	urls := fieldSet(po.Objects(projectID, processoutapi.KindWebhookEndpoint), "url")
	if len(names) != f.GatewayConfigurations() || len(urls) != f.WebhookEndpoints() {
		return fmt.Errorf("the emulator holds %d gateway configurations and %d webhook endpoints, want %d and %d",
			len(names), len(urls), f.GatewayConfigurations(), f.WebhookEndpoints())
	}
	for _, want := range f.Names() {
		if !names[want] {
			return fmt.Errorf("no gateway configuration named %q in the emulator", want)
		}
	}
	for _, want := range f.URLs() {
		if !urls[want] {
			return fmt.Errorf("no webhook endpoint for %q in the emulator", want)
		}
	}
	return nil
}

// fieldSet is the set of a string field's values over objects.
func fieldSet(objects []map[string]any, field string) map[string]bool {
	set := make(map[string]bool, len(objects))
	for _, o := range objects {
		if v, ok := o[field].(string); ok {
			set[v] = true
		}
	}
	return set
}
