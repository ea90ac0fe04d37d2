package processoutapi

import (
	"context"
	"net/http"
)

// The unserved-routes reading (Readings.UnservedRoutes, CONTRACT.md §19):
// ProcessOut documents no public API for webhook endpoints or the gateway
// catalog, so at its worst the API-key routes under /webhook-endpoints and
// /gateways do not exist. Creating a gateway configuration under
// /gateways/{name}/gateway-configurations is in the SDKs (verified) and stays
// served. Membrane's actions are the connector's own way in and keep
// reaching every route.

type connectorKey struct{}

// ViaConnector marks a request context as a call the Membrane connector
// makes for an action run, which the unserved-routes reading lets through.
// Proxied calls are the caller's own requests and are not marked.
func ViaConnector(ctx context.Context) context.Context {
	return context.WithValue(ctx, connectorKey{}, true)
}

func viaConnector(ctx context.Context) bool {
	marked, _ := ctx.Value(connectorKey{}).(bool)
	return marked
}

// unservedRoute reports whether the reading hides the path segs.
func (r Readings) unservedRoute(segs []string) bool {
	if !r.UnservedRoutes || len(segs) == 0 {
		return false
	}
	switch segs[0] {
	case "webhook-endpoints":
		return true
	case "gateways":
		return !(len(segs) == 3 && segs[2] == "gateway-configurations")
	}
	return false
}

// unservedAnswer is the 404 an unserved route gives: ProcessOut's generic
// resource.not-found, which names no kind of object. It is the worst of the
// plausible bodies because it still looks like "gone" to a client that
// reads any *.not-found as the object being deleted; request.route-not-found
// would at least say the path is the problem.
func unservedAnswer() response {
	return errorResponse(newError(http.StatusNotFound, "resource.not-found", "The resource could not be found."))
}
