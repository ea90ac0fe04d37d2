package processoutapi

import (
	"net/http"
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

	add("/projects/*", item(projectSpec))
	add("/supervised-projects", collection(projectSpec))
	add("/gateways", map[string]handlerFunc{http.MethodGet: handleList(gatewaySpec)})
	add("/gateways/*", map[string]handlerFunc{http.MethodGet: handleGet(gatewaySpec)})
	add("/gateways/*/gateway-configurations", collection(gatewayConfigurationSpec))
	add("/gateway-configurations", map[string]handlerFunc{http.MethodGet: handleList(gatewayConfigurationSpec)}, http.MethodGet)
	add("/gateway-configurations/*", item(gatewayConfigurationSpec), http.MethodGet)
	add("/webhook-endpoints", collection(webhookEndpointSpec))
	add("/webhook-endpoints/*", item(webhookEndpointSpec))
	add("/customers", collection(customerSpec))
	add("/customers/*", item(customerSpec))
	return routes
}
