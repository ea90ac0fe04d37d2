package bench

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/processout/terraform-provider-processout/internal/emulator/membraneapi"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// Calls tallies the API calls of one CLI command from the emulator's request
// logs, separating the calls made for the managed objects (which must scale
// with N and nothing else) from the provider-wide look-ups (a bounded number
// per provider process, whatever N).
type Calls struct {
	// Calls for the objects, from the ProcessOut request log.
	Reads, Creates, Updates, Deletes int
	// ListPages are pages of the managed objects' lists (GET on a
	// collection), read to refresh many objects of a kind at once: calls
	// for the objects, like the reads they stand in for.
	ListPages int
	// CatalogPages are the gateway catalog list pages (GET /gateways): the
	// plan-time check of gateway names and credential keys.
	CatalogPages int
	// ConnectionReads are the Membrane connection look-ups (GET /connections
	// and /connections/{id}), made once per provider configuration.
	ConnectionReads int
	// ActionLists are the Membrane action lists (GET /actions), made once
	// per provider configuration whose membrane_actions routes an
	// operation, to check every routed action exists.
	ActionLists int
	// CredentialChecks are the direct transport's reads of the project the
	// credentials belong to (GET /projects/{project_id}, the literal path),
	// made once per provider configuration to check the project secret. The
	// processout_project data source reading the connected project, and,
	// over Membrane, SFTP settings learning the connected project's ID, make
	// the same call and are counted here too.
	CredentialChecks int
	// Other lists any call that fits none of the above: "METHOD /path".
	Other []string
}

// objectCollections are the paths of the managed objects' items.
var objectCollections = []string{"/gateway-configurations/", "/webhook-endpoints/", "/products/"}

// isObjectList reports whether path is a list of managed objects: a
// collection of objectCollections, or a gateway's configurations.
func isObjectList(path string) bool {
	for _, prefix := range objectCollections {
		if path == strings.TrimSuffix(prefix, "/") {
			return true
		}
	}
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	return len(segs) == 3 && segs[0] == "gateways" && segs[1] != "" && segs[2] == "gateway-configurations"
}

// Tally classifies the requests of the two emulator logs. A proxied call
// appears in both: it is counted from the ProcessOut log, where it landed.
func Tally(processout []processoutapi.Request, membrane []membraneapi.Request) Calls {
	var c Calls
	for _, r := range processout {
		c.add(r.Method, r.Path)
	}
	for _, r := range membrane {
		switch {
		case r.Kind == "connections" && r.Method == http.MethodGet:
			c.ConnectionReads++
		case r.Kind == "action" && r.Method == http.MethodGet:
			c.ActionLists++
		}
	}
	sort.Strings(c.Other)
	return c
}

func (c *Calls) add(method, path string) {
	item := false
	for _, prefix := range objectCollections {
		if rest, ok := strings.CutPrefix(path, prefix); ok && rest != "" && !strings.Contains(rest, "/") {
			item = true
		}
	}
	switch {
	case method == http.MethodGet && (path == "/gateways" || path == "/gateways/"):
		c.CatalogPages++
	case method == http.MethodGet && path == currentProjectPath:
		c.CredentialChecks++
	case method == http.MethodPost && (path == "/webhook-endpoints" || path == "/products" ||
		strings.HasPrefix(path, "/gateways/") && strings.HasSuffix(path, "/gateway-configurations")):
		c.Creates++
	case item && method == http.MethodGet:
		c.Reads++
	case method == http.MethodGet && isObjectList(path):
		c.ListPages++
	case item && (method == http.MethodPut || method == http.MethodPatch):
		c.Updates++
	case item && method == http.MethodDelete:
		c.Deletes++
	default:
		c.Other = append(c.Other, method+" "+path)
	}
}

// currentProjectPath is GET /projects/{project_id} as the emulator logs it
// (decoded): the project the credentials belong to.
const currentProjectPath = "/projects/{project_id}"

// Objects is the number of calls made for the managed objects.
func (c Calls) Objects() int { return c.Reads + c.ListPages + c.Creates + c.Updates + c.Deletes }

// Lookups is the number of provider-wide look-ups.
func (c Calls) Lookups() int {
	return c.CatalogPages + c.ConnectionReads + c.ActionLists + c.CredentialChecks
}

// Total is every call, unclassified ones included.
func (c Calls) Total() int { return c.Objects() + c.Lookups() + len(c.Other) }

// String is a one-line summary, such as
// "reads=12 list_pages=0 creates=0 updates=2 deletes=0 catalog_pages=0
// connection_reads=1 action_lists=0 credential_checks=0".
func (c Calls) String() string {
	s := fmt.Sprintf("reads=%d list_pages=%d creates=%d updates=%d deletes=%d catalog_pages=%d connection_reads=%d action_lists=%d credential_checks=%d",
		c.Reads, c.ListPages, c.Creates, c.Updates, c.Deletes, c.CatalogPages, c.ConnectionReads, c.ActionLists, c.CredentialChecks)
	if len(c.Other) > 0 {
		s += fmt.Sprintf(" other=%v", c.Other)
	}
	return s
}
