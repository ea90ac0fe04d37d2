package processoutapi

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

type handlerFunc func(*Server, *reqCtx) response

// route is one path pattern; "*" segments capture a path parameter.
type route struct {
	segs    []string
	methods map[string]handlerFunc
	public  map[string]bool // methods open to public-key (empty secret) auth
}

func (rt *route) allowed() string {
	ms := make([]string, 0, len(rt.methods))
	for m := range rt.methods {
		ms = append(ms, m)
	}
	slices.Sort(ms)
	return strings.Join(ms, ", ")
}

func matchRoute(routes []*route, segs []string) (*route, []string) {
	for _, rt := range routes {
		if len(rt.segs) != len(segs) {
			continue
		}
		var params []string
		ok := true
		for i, seg := range rt.segs {
			if seg == "*" {
				params = append(params, segs[i])
			} else if seg != segs[i] {
				ok = false
				break
			}
		}
		if ok {
			return rt, params
		}
	}
	return nil, nil
}

// routeMatch is where the route table puts a request.
type routeMatch struct {
	segs    []string    // the decoded path segments
	rt      *route      // nil: no route has this path, or it does not decode
	params  []string    // the route's path parameters
	handler handlerFunc // nil: the route does not take the method
}

// lookup finds a request's route and handler.
func (s *Server) lookup(r *http.Request) routeMatch {
	segs, ok := splitPath(r.URL)
	m := routeMatch{segs: segs}
	if !ok {
		return m
	}
	m.rt, m.params = matchRoute(s.routes, segs)
	if m.rt != nil {
		m.handler = m.rt.methods[r.Method]
	}
	return m
}

// public reports whether the route opens the method to public-key auth.
func (m routeMatch) public(method string) bool { return m.rt != nil && m.rt.public[method] }

// refuse answers a request no handler takes: 404 request.route-not-found
// for a path no route has, 405 request.method-not-allowed (with Allow) for
// a method the route does not take. refused is false when a handler takes
// the request.
func (m routeMatch) refuse(r *http.Request) (refusal response, refused bool) {
	switch {
	case m.rt == nil:
		return errorResponse(newError(http.StatusNotFound, "request.route-not-found",
			"The requested route %s %s could not be found.", r.Method, r.URL.Path)), true
	case m.handler == nil:
		resp := errorResponse(newError(http.StatusMethodNotAllowed, "request.method-not-allowed", // [U] code
			"The method %s is not allowed on %s (allowed: %s).", r.Method, r.URL.Path, m.rt.allowed()))
		resp.allow = m.rt.allowed()
		return resp, true
	}
	return response{}, false
}

// splitPath returns the decoded path segments. Percent-encoded segments are
// decoded one by one, so "/projects/%7Bproject_id%7D" gives
// ["projects", "{project_id}"] and an escaped "/" stays inside its segment.
// One trailing slash is tolerated.
func splitPath(u *url.URL) ([]string, bool) {
	p := strings.TrimSuffix(strings.TrimPrefix(u.EscapedPath(), "/"), "/")
	if p == "" {
		return nil, true
	}
	parts := strings.Split(p, "/")
	for i, part := range parts {
		dec, err := url.PathUnescape(part)
		if err != nil || dec == "" {
			return nil, false
		}
		parts[i] = dec
	}
	return parts, true
}

// buildRoutes is the route table. Each kind's behaviour is its kindSpec, in
// the kind's file (projects.go, gateways.go, gateway_configurations.go,
// webhook_endpoints.go, customers.go, products.go, plans.go, coupons.go);
// crud.go's generic list, get, create, update and delete handlers serve
// them. Apple Pay certificates, whose list is one object rather than a
// page, have handlers of their own.
func buildRoutes() []*route {
	var routes []*route
	add := func(pattern string, methods map[string]handlerFunc, public ...string) {
		rt := &route{segs: strings.Split(strings.Trim(pattern, "/"), "/"), methods: methods, public: map[string]bool{}}
		for _, m := range public {
			rt.public[m] = true
		}
		routes = append(routes, rt)
	}
	collection := func(k *kindSpec) map[string]handlerFunc {
		return map[string]handlerFunc{http.MethodGet: handleList(k), http.MethodPost: handleCreate(k)}
	}
	item := func(k *kindSpec) map[string]handlerFunc {
		return map[string]handlerFunc{http.MethodGet: handleGet(k), http.MethodPut: handleUpdate(k), http.MethodDelete: handleDelete(k)}
	}

	// Projects: the authenticated one and those it supervises.
	add("/projects/*", item(projectSpec))
	add("/supervised-projects", collection(projectSpec))
	// A project's SFTP settings: one object, saved (PUT) rather than created.
	add("/projects/*/sftp-settings", map[string]handlerFunc{
		http.MethodGet: handleGetSFTPSettings, http.MethodPut: handleSaveSFTPSettings, http.MethodDelete: handleDeleteSFTPSettings,
	})
	// The gateway catalog, read-only.
	add("/gateways", map[string]handlerFunc{http.MethodGet: handleList(gatewaySpec)})
	add("/gateways/*", map[string]handlerFunc{http.MethodGet: handleGet(gatewaySpec)})
	// Gateway configurations: created under their gateway; the reads are
	// open to public-key auth.
	add("/gateways/*/gateway-configurations", collection(gatewayConfigurationSpec))
	add("/gateway-configurations", map[string]handlerFunc{http.MethodGet: handleList(gatewayConfigurationSpec)}, http.MethodGet)
	add("/gateway-configurations/*", item(gatewayConfigurationSpec), http.MethodGet)
	add("/webhook-endpoints", collection(webhookEndpointSpec))
	add("/webhook-endpoints/*", item(webhookEndpointSpec))
	add("/customers", collection(customerSpec))
	add("/customers/*", item(customerSpec))
	add("/plans", collection(planSpec))
	add("/plans/*", item(planSpec))
	add("/coupons", collection(couponSpec))
	add("/coupons/*", item(couponSpec))
	add("/products", collection(productSpec))
	add("/products/*", item(productSpec))
	add("/products/*/invoices", map[string]handlerFunc{http.MethodPost: handleProductInvoice})
	// Apple Pay alternative merchant certificates of the authenticated
	// project (applepay_certificates.go): no read of one, no update.
	add("/projects/applepay/alternative-merchant-certificates", map[string]handlerFunc{
		http.MethodGet: handleApplePayList, http.MethodPost: handleApplePayCreate})
	add("/projects/applepay/alternative-merchant-certificates/*", map[string]handlerFunc{http.MethodDelete: handleApplePayDelete})
	return routes
}
