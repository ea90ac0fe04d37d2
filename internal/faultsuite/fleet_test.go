package faultsuite

import (
	"fmt"
	"regexp"
	"strings"
)

// Resource types of the fleet and the emulator kinds that hold them.
const (
	typeProject    = "processout_project"
	typeWebhook    = "processout_webhook_endpoint"
	typeGateway    = "processout_gateway_configuration"
	typeProduct    = "processout_product"
	typeSFTP       = "processout_project_sftp_settings"
	kindProject    = "project"
	kindWebhook    = "webhook_endpoint"
	kindGateway    = "gateway_configuration"
	kindProduct    = "product"
	kindSFTP       = "sftp_settings"
	gatewayStripe  = "stripe"
	gatewaySandbox = "sandbox"
)

var kindOfType = map[string]string{typeProject: kindProject, typeWebhook: kindWebhook, typeGateway: kindGateway, typeProduct: kindProduct, typeSFTP: kindSFTP}

// fleetKinds are the emulator kinds a fleet may declare.
var fleetKinds = []string{kindProject, kindWebhook, kindGateway, kindProduct, kindSFTP}

// singletonKinds are the kinds a project holds at most one of: an object
// of theirs that state does not track duplicates nothing, it is an orphan.
var singletonKinds = map[string]bool{kindSFTP: true}

// member is one declared object. Its version (1, then 2 for the half that
// the update step changes) decides every value it declares.
type member struct {
	typ     string
	name    string // resource name in the configuration
	index   int
	gateway string // for gateway configurations
	version int
	// plainSettings declares stripe credentials in the sensitive settings
	// attribute, and the SFTP password in password, for CLIs without
	// write-only attributes (Terraform < 1.11).
	plainSettings bool
}

func (m member) address() string { return m.typ + "." + m.name }

// identity is what names the object across versions in the emulator (URL
// path, configuration or project name without the version), so an extra
// object can be told apart as a duplicate of a declared one or an orphan.
func (m member) identity() string {
	switch m.typ {
	case typeWebhook:
		return fmt.Sprintf("https://hooks.example.com/faults/wh-%03d", m.index)
	case typeGateway:
		return fmt.Sprintf("faults-%s-%03d", m.gateway, m.index)
	case typeProduct:
		return fmt.Sprintf("faults-product-%03d", m.index)
	case typeSFTP:
		return "faults-sftp-settings"
	}
	return "faults-project"
}

var versionSuffix = regexp.MustCompile(`(/v| v)\d+$`)

// identityOf reads the identity back from an emulator object (for SFTP
// settings, a singleton, only a label: their endpoint).
func identityOf(kind string, obj map[string]any) string {
	field := map[string]string{kindWebhook: "url", kindGateway: "name", kindProject: "name", kindProduct: "name", kindSFTP: "endpoint"}[kind]
	s, _ := obj[field].(string)
	return versionSuffix.ReplaceAllString(s, "")
}

// credentials are the stripe settings_wo of this version; the emulator must
// have received exactly these.
func (m member) credentials() map[string]string {
	return map[string]string{
		"secret_key": fmt.Sprintf("sk_test_faults_%03d_v%d", m.index, m.version),
		"public_key": fmt.Sprintf("pk_test_faults_%03d_v%d", m.index, m.version),
	}
}

// The SFTP settings of this version: the update step changes the server,
// the user and the password (and its version), and the emulator must hold
// exactly these.
func (m member) sftpEndpoint() string {
	return fmt.Sprintf("sftp-v%d.faults.example.com:%s", m.version, pick(m.version, "22", "2222"))
}

func (m member) sftpUsername() string { return fmt.Sprintf("faults-exports-v%d", m.version) }

func (m member) sftpPassword() string { return fmt.Sprintf("sftp_faults_password_v%d", m.version) }

func (m member) hcl() string {
	v := m.version
	var b strings.Builder
	fmt.Fprintf(&b, "resource %q %q {\n", m.typ, m.name)
	switch m.typ {
	case typeProject:
		fmt.Fprintf(&b, "  name             = \"%s v%d\"\n", m.identity(), v)
		fmt.Fprintf(&b, "  default_currency = %q\n", pick(v, "EUR", "USD"))
		fmt.Fprintf(&b, "  email            = \"payments-v%d@example.com\"\n", v)
		fmt.Fprintf(&b, "  public_metadata  = { suite = \"faults\", version = \"%d\" }\n", v)
		fmt.Fprintf(&b, "  dunning_configuration = [{ action = \"retry\", delay_in_days = %d }, { action = \"cancel\", delay_in_days = %d }]\n", v, 7*v)
	case typeWebhook:
		fmt.Fprintf(&b, "  url              = \"%s/v%d\"\n", m.identity(), v)
		fmt.Fprintf(&b, "  events_whitelist = %s\n", pick(v, `["transaction.captured"]`, `["transaction.captured", "invoice.completed"]`))
	case typeProduct:
		fmt.Fprintf(&b, "  name       = \"%s v%d\"\n", m.identity(), v)
		fmt.Fprintf(&b, "  amount     = %q\n", pick(v, "19.90", "24"))
		fmt.Fprintf(&b, "  currency   = %q\n", pick(v, "EUR", "USD"))
		fmt.Fprintf(&b, "  metadata   = { index = \"%d\", version = \"%d\" }\n", m.index, v)
		fmt.Fprintf(&b, "  return_url = \"https://shop.example.com/faults/%03d/v%d\"\n", m.index, v)
	case typeSFTP:
		fmt.Fprintf(&b, "  endpoint = %q\n", m.sftpEndpoint())
		fmt.Fprintf(&b, "  username = %q\n", m.sftpUsername())
		if m.plainSettings {
			fmt.Fprintf(&b, "  password = %q\n", m.sftpPassword())
		} else {
			fmt.Fprintf(&b, "  password_wo         = %q\n", m.sftpPassword())
			fmt.Fprintf(&b, "  password_wo_version = %d\n", v)
		}
	case typeGateway:
		fmt.Fprintf(&b, "  gateway_name      = %q\n", m.gateway)
		fmt.Fprintf(&b, "  name              = \"%s v%d\"\n", m.identity(), v)
		fmt.Fprintf(&b, "  enabled           = %t\n", v == 1)
		fmt.Fprintf(&b, "  default_currency  = %q\n", pick(v, "EUR", "GBP"))
		fmt.Fprintf(&b, "  processing_region = %q\n", pick(v, "EEA", "UK"))
		fmt.Fprintf(&b, "  metadata          = { index = \"%d\", version = \"%d\" }\n", m.index, v)
		if m.gateway == gatewayStripe {
			c := m.credentials()
			if m.plainSettings {
				fmt.Fprintf(&b, "  settings          = { secret_key = %q, public_key = %q }\n", c["secret_key"], c["public_key"])
			} else {
				fmt.Fprintf(&b, "  settings_wo         = { secret_key = %q, public_key = %q }\n", c["secret_key"], c["public_key"])
				fmt.Fprintf(&b, "  settings_wo_version = %d\n", v)
			}
		}
	}
	b.WriteString("}\n")
	return b.String()
}

func pick(version int, v1, v2 string) string {
	if version == 1 {
		return v1
	}
	return v2
}

// fleet is the declared configuration: one supervised project and the
// connected project's SFTP settings, then products (a quarter of the rest),
// webhook endpoints, stripe and sandbox gateway configurations sharing what
// is left.
type fleet []member

func newFleet(objects int) fleet {
	rest := objects - 2
	products := rest / 4
	webhooks, stripe, sandbox := splitConfigurations(rest - products)
	return fleetOf(composition{project: true, sftpSettings: true, products: products, webhooks: webhooks, stripe: stripe, sandbox: sandbox})
}

// splitConfigurations shares n objects between webhook endpoints (half),
// stripe and sandbox gateway configurations.
func splitConfigurations(n int) (webhooks, stripe, sandbox int) {
	webhooks = n / 2
	stripe = (n - webhooks) / 2
	return webhooks, stripe, n - webhooks - stripe
}

// composition is what a fleet declares: the supervised project and the
// connected project's SFTP settings when set, and so many of each other
// kind.
type composition struct {
	project, sftpSettings               bool
	products, webhooks, stripe, sandbox int
}

// fleetOf declares c at version 1: the supervised project, the SFTP
// settings, products, webhook endpoints, stripe gateway configurations
// (with credentials) and sandbox ones, in that order.
func fleetOf(c composition) fleet {
	var f fleet
	if c.project {
		f = append(f, member{typ: typeProject, name: "project", version: 1})
	}
	if c.sftpSettings {
		f = append(f, member{typ: typeSFTP, name: "payout_exports", version: 1})
	}
	for i := range c.products + c.webhooks + c.stripe + c.sandbox {
		m := member{index: i, version: 1}
		switch {
		case i < c.products:
			m.typ, m.name = typeProduct, fmt.Sprintf("product_%03d", i)
		case i < c.products+c.webhooks:
			m.typ, m.name = typeWebhook, fmt.Sprintf("wh_%03d", i)
		case i < c.products+c.webhooks+c.stripe:
			m.typ, m.gateway, m.name = typeGateway, gatewayStripe, fmt.Sprintf("stripe_%03d", i)
		default:
			m.typ, m.gateway, m.name = typeGateway, gatewaySandbox, fmt.Sprintf("sandbox_%03d", i)
		}
		f = append(f, m)
	}
	return f
}

// withPlainSettings returns the fleet declaring stripe credentials in
// settings rather than settings_wo, and the SFTP password in password
// rather than password_wo.
func (f fleet) withPlainSettings() fleet {
	out := make(fleet, len(f))
	for i, m := range f {
		m.plainSettings = true
		out[i] = m
	}
	return out
}

// updateHalf returns the fleet with every other member (the project
// included) and the SFTP settings moved to version 2, and how many members
// changed. The SFTP settings always change: there is one, and its update
// (a save replacing the settings whole, the credential with them) is a
// path of its own.
func (f fleet) updateHalf() (fleet, int) {
	out := make(fleet, len(f))
	changed := 0
	for i, m := range f {
		if i%2 == 0 || m.typ == typeSFTP {
			m.version = 2
			changed++
		}
		out[i] = m
	}
	return out, changed
}

func (f fleet) config(providerBlock string) string {
	var b strings.Builder
	b.WriteString(providerBlock)
	for _, m := range f {
		b.WriteString("\n")
		b.WriteString(m.hcl())
	}
	return b.String()
}

func (f fleet) byAddress() map[string]member {
	out := make(map[string]member, len(f))
	for _, m := range f {
		out[m.address()] = m
	}
	return out
}

// creates is how many members a create makes with a POST: all but the SFTP
// settings, which a PUT saves (auditKeys holds it to one execution per
// phase).
func (f fleet) creates() int {
	return len(f) - f.count()[kindSFTP]
}

// count returns how many members of each emulator kind are declared.
func (f fleet) count() map[string]int {
	out := map[string]int{}
	for _, m := range f {
		out[kindOfType[m.typ]]++
	}
	return out
}
