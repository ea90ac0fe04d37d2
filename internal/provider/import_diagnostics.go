package provider

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// What an import is told when its ID is not one of the kind's objects: which
// ID, which kind was expected, and how to list the real ones, instead of the
// CLI's "Cannot import non-existent remote object". An ID with a stray space
// is refused before any call; an ID ProcessOut does not have is reported by
// the Read that follows the import, which ImportState marks in private state
// (no extra call).

// importKind is what an import diagnostic says about a resource's objects.
type importKind struct {
	name     string // "gateway configuration"
	resource string // "processout_gateway_configuration"
	prefix   string // the prefix of its IDs, "" when it is not known
	listedBy string // how to list the real ones, a sentence
}

var (
	importGatewayConfiguration = importKind{name: "gateway configuration", resource: "processout_gateway_configuration", prefix: "gway_conf_",
		listedBy: "The processout_gateway_configurations data source lists the project's gateway configurations with their IDs."}
	// The webhook-endpoint prefix is not known: the emulator's whe_ is its
	// own choice (CONTRACT.md §3), so no ID is refused for lacking it.
	importWebhookEndpoint = importKind{name: "webhook endpoint", resource: "processout_webhook_endpoint",
		listedBy: "The processout_webhook_endpoints data source lists the project's webhook endpoints with their IDs."}
	importProduct = importKind{name: "product", resource: "processout_product", prefix: "prod_",
		listedBy: "The processout_products data source lists the project's products with their IDs."}
	importProject = importKind{name: "project", resource: "processout_project", prefix: "proj_",
		listedBy: "The projects it supervises are listed by GET /supervised-projects and in the dashboard; " +
			"the processout_project data source reads one by ID."}
)

// idPrefixes are the ID prefixes ProcessOut's objects are known by (verified
// from the SDKs and API examples, CONTRACT.md §3; whe_ is the emulator's),
// for telling a user which kind an ID they import is of.
var idPrefixes = []struct{ prefix, kind, resource string }{
	{"gway_conf_", "gateway configuration", "processout_gateway_configuration"},
	{"proj_", "project", "processout_project"},
	{"whe_", "webhook endpoint", "processout_webhook_endpoint"},
	{"prod_", "product", "processout_product"},
	{"cust_", "customer", ""},
	{"tok_", "customer token", ""},
	{"card_", "card", ""},
	{"ev_", "event", ""},
	{"iv_", "invoice", ""},
	{"tr_", "transaction", ""},
}

// importReadKey marks, in private state, the Read that follows an import.
const importReadKey = "import_read"

// importObject imports by ID or identity. It refuses a placeholder ID,
// which names no object, and an ID with whitespace, saying what to import
// instead; it marks the Read that follows, which reports an ID ProcessOut
// does not have.
func importObject(ctx context.Context, k importKind, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := req.ID
	if id == "" && req.Identity != nil {
		var identity idIdentity
		if resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...); resp.Diagnostics.HasError() {
			return
		}
		id = identity.ID.ValueString()
	}
	if isLostCreateID(id) {
		resp.Diagnostics.AddError("Cannot import a placeholder",
			fmt.Sprintf("%q is the placeholder of a create whose answer was lost, not the ID of an object. Import the object by its ProcessOut ID "+
				"(the list data sources find it).", id))
		return
	}
	if k.refuseWhitespace(id, &resp.Diagnostics) {
		return
	}
	importByID(ctx, req, resp)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importReadKey, []byte(`true`))...)
}

// refuseWhitespace refuses an ID with whitespace: ProcessOut IDs have none
// (CONTRACT.md §10), so it is a copy-and-paste accident, never an object.
func (k importKind) refuseWhitespace(id string, diags *diag.Diagnostics) bool {
	if !strings.ContainsFunc(id, unicode.IsSpace) {
		return false
	}
	trimmed := strings.TrimSpace(id)
	where := "has a space in it"
	switch {
	case strings.ContainsFunc(trimmed, unicode.IsSpace):
	case strings.TrimLeftFunc(id, unicode.IsSpace) == id:
		where = "has a stray space after it"
	case strings.TrimRightFunc(id, unicode.IsSpace) == id:
		where = "has a stray space before it"
	default:
		where = "has stray spaces around it"
	}
	fix := fmt.Sprintf("Import %q, the ID without the spaces.", trimmed)
	if strings.ContainsFunc(trimmed, unicode.IsSpace) {
		fix = "Copy the ID again. " + k.listedBy
	}
	diags.AddError("Import ID with a stray space",
		fmt.Sprintf("The %s ID %q %s. ProcessOut IDs contain no spaces, so nothing was imported. %s", k.resource, id, where, fix))
	return true
}

// importRead takes the import mark off a Read and reports whether it was
// there: the Read follows an import. It must be called by every Read of an
// importable resource, so that the mark never outlives that first Read.
func importRead(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) bool {
	mark, diags := req.Private.GetKey(ctx, importReadKey)
	resp.Diagnostics.Append(diags...)
	if len(mark) == 0 {
		return false
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importReadKey, nil)...)
	return true
}

// readGone is goneOrFailed, except after an import: an object ProcessOut
// does not have is then an error that says so, not a resource dropped from
// state (which the CLI reports as "non-existent remote object").
func (k importKind) readGone(ctx context.Context, data *providerData, importing bool, resp *resource.ReadResponse, id string, err error) bool {
	if importing && processout.IsNotFound(err) {
		k.addNotFound(data, id, fmt.Sprintf(" (%v)", err), &resp.Diagnostics)
		return true
	}
	return goneOrFailed(ctx, resp, k.name, id, err)
}

// addNotFound reports an imported ID ProcessOut has no object for; answer
// quotes ProcessOut's, when it gave one.
func (k importKind) addNotFound(data *providerData, id, answer string, diags *diag.Diagnostics) {
	missing := fmt.Sprintf("No %s with the ID %q exists in %s", k.name, id, data.projectScope)
	if k.resource == importProject.resource {
		missing = fmt.Sprintf("No project with the ID %q is supervised by %s", id, data.projectScope)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s, so nothing was imported%s.", missing, answer)
	if hint := k.idHint(data, id); hint != "" {
		b.WriteString("\n" + hint)
	}
	b.WriteString("\n" + k.listedBy)
	diags.AddError("Cannot import the "+k.name, b.String())
}

// idHint says what is wrong with the ID's form, when something is: another
// kind's prefix, the sandbox username form of a project, or the kind's
// prefix missing.
func (k importKind) idHint(data *providerData, id string) string {
	if k.resource == importProject.resource {
		if bare, sandbox := strings.CutPrefix(id, "test-"); sandbox {
			return fmt.Sprintf("%q is the sandbox username form: the project's ID is %q.", id, bare)
		}
		if known := data.connected.knownID(); known != "" && id == known {
			return fmt.Sprintf("%q is the project the provider is authenticated as, which processout_project does not manage "+
				"(the processout_project data source reads it).", id)
		}
	}
	for _, p := range idPrefixes {
		if p.resource == k.resource || !strings.HasPrefix(id, p.prefix) {
			continue
		}
		if p.resource == "" {
			return fmt.Sprintf("%q looks like the ID of a %s (%s…), not of a %s.", id, p.kind, p.prefix, k.name)
		}
		return fmt.Sprintf("%q looks like the ID of a %s (%s…): import it into %s instead.", id, p.kind, p.prefix, p.resource)
	}
	if k.prefix != "" && !strings.HasPrefix(id, k.prefix) {
		return fmt.Sprintf("%s IDs start with %s.", upperFirst(k.name), k.prefix)
	}
	return ""
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
