package processoutapi

import (
	"fmt"
	"regexp"
	"slices"
	"time"
)

// WebhookEndpoint is a project's webhook destination.
//
// Non-public convention [U] (CONTRACT.md §14): no public API exists; the
// emulator serves GET/POST /webhook-endpoints and GET/PUT/DELETE
// /webhook-endpoints/{id} with keys webhook_endpoint / webhook_endpoints.
// The id prefix "whe_" is an emulator choice (the real prefix is unknown).
type WebhookEndpoint struct {
	ID        string   `json:"id"`
	Project   *Project `json:"project,omitempty"` // expand=project
	ProjectID string   `json:"project_id"`
	URL       string   `json:"url"`
	// EventsWhitelist: null means every event; [] is kept as [] and also
	// means every event [I]. Names are kept in the order given, without
	// duplicates.
	EventsWhitelist []string  `json:"events_whitelist"`
	Sandbox         bool      `json:"sandbox"`
	CreatedAt       time.Time `json:"created_at"`
}

// eventName: lower-case dotted names such as transaction.captured or
// invoice.three_d_s.pending (letters, digits, underscores; at least one dot).
var eventName = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

var webhookEndpointSpec = &kindSpec{
	kind: KindWebhookEndpoint, single: "webhook_endpoint", plural: "webhook_endpoints",
	resource: "webhook-endpoint", label: "webhook endpoint",
	expands: []string{"project"},
	create: func(s *Server, c *reqCtx, in *input) (object, *apiError) {
		we := &WebhookEndpoint{ProjectID: c.projectID, Sandbox: c.sandbox, CreatedAt: s.clock()}
		id := s.objectID(in, KindWebhookEndpoint, "whe_", alnum)
		applyWebhookEndpoint(in, we, true)
		if err := in.err(); err != nil {
			return nil, err
		}
		we.ID = id()
		return we, nil
	},
	update: func(s *Server, c *reqCtx, in *input, obj object) *apiError {
		applyWebhookEndpoint(in, as[*WebhookEndpoint](obj), false)
		return in.err()
	},
	empty: func() object { return &WebhookEndpoint{} },
}

// applyWebhookEndpoint: url is required on create (400
// request.validation.missing-url, [U] code by analogy with missing-name);
// null/absent fields are unchanged on update.
func applyWebhookEndpoint(in *input, we *WebhookEndpoint, creating bool) {
	if u, ok := in.str("url", "invalid-url"); ok {
		if validHTTPURL(u) {
			we.URL = u
		} else {
			in.fail("invalid-url", "url", "The url must be a valid absolute http or https URL of at most 2048 characters.")
		}
	} else if _, given := in.get("url"); !given && creating {
		in.fail("missing-url", "url", "The url is required.")
	}
	if names, ok := in.strList("events_whitelist", "invalid-events-whitelist"); ok { // [U] code
		list := []string{}
		for i, name := range names {
			switch {
			case !eventName.MatchString(name) || len(name) > 255:
				in.fail("invalid-events-whitelist", fmt.Sprintf("events_whitelist[%d]", i),
					fmt.Sprintf("The event name %q is invalid: expected a lower-case dotted name such as transaction.captured.", name))
			case !slices.Contains(list, name):
				list = append(list, name)
			}
		}
		we.EventsWhitelist = list
	}
}

func (we *WebhookEndpoint) ident() ident {
	return ident{id: we.ID, owner: we.ProjectID, sandbox: we.Sandbox, created: we.CreatedAt}
}

func (we *WebhookEndpoint) clone() object { cp := *we; return &cp }

func (we *WebhookEndpoint) normalize() {
	we.Project = nil
	we.CreatedAt = we.CreatedAt.UTC()
}

func (we *WebhookEndpoint) view(s *Server, vc viewCtx) any {
	cp := *we
	if vc.ex["project"] {
		cp.Project = s.projectView(we.ProjectID)
	}
	return &cp
}
