package processoutapi

import (
	"context"
	"net/http"
)

// The unserved-routes reading (Readings.UnservedRoutes, CONTRACT.md §19):
// ProcessOut documents no public API for webhook endpoints or the gateway
// catalog, and its public reference has no Apple Pay certificate call (only
// the SDKs do), so at its worst the API-key routes under /webhook-endpoints,
// /gateways and /projects/applepay do not exist; and Node SDK 11 dropped
// plans and coupons as "unsupported features", so at its worst /plans and
// /coupons are withdrawn too (§22, §23). Creating a gateway configuration under
// /gateways/{name}/gateway-configurations is in the SDKs (verified) and stays
// served. Membrane's actions are the connector's own way in and keep
// reaching every route.

type connectorKey struct{}

// InternalCall marks a request context as a call that reaches ProcessOut
// other than with an API key over the public API: the Membrane connector's
// action runs, or the dashboard a seeded scenario stands for. The
// unserved-routes reading lets these through. Proxied calls are the
// caller's own requests and are not marked.
func InternalCall(ctx context.Context) context.Context {
	return context.WithValue(ctx, connectorKey{}, true)
}

func internalCall(ctx context.Context) bool {
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
		return len(segs) != 3 || segs[2] != "gateway-configurations"
	case "projects":
		return len(segs) >= 2 && segs[1] == "applepay"
	case "plans", "coupons":
		return true
	}
	return false
}

// unservedAnswer is the 404 an unserved route gives: ProcessOut's generic
// resource.not-found, which names no kind of object. It is the worst of the
// plausible bodies because it still looks like "gone" to a client that
// reads any *.not-found as the object being deleted; request.route-not-found
// would at least say the path is the problem.
//
// A withdrawn route is played in both plausible forms, so that a suite
// meets each: /plans answers that 404, /coupons a 410 Gone
// (unsupportedAnswer).
func unservedAnswer(segs []string) response {
	if segs[0] == "coupons" {
		return unsupportedAnswer("coupon")
	}
	return errorResponse(newError(http.StatusNotFound, "resource.not-found", "The resource could not be found."))
}
