package provider

import (
	"context"
	"sort"
	"sync"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// catalog is the gateway catalog, read at most once per provider run and
// only when a plan needs it. A failed read is not kept (the next caller
// tries again: its context may be the one that was not cancelled), except
// a catalog that is not served at all: ProcessOut publishes no catalog API,
// so that answer is final for the run and is asked for once.
type catalog struct {
	mu       sync.Mutex
	gateways map[string]processout.Gateway
	unserved error // the 404 naming no object that GET /gateways answered
	warned   bool  // the "catalog not served" warning has been given
}

func (c *catalog) load(ctx context.Context, api *processout.Client) (map[string]processout.Gateway, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gateways != nil {
		return c.gateways, nil
	}
	if c.unserved != nil {
		return nil, c.unserved
	}
	gateways := map[string]processout.Gateway{}
	for g, err := range api.Gateways(ctx, processout.ListOptions{Order: "asc"}) {
		if err != nil {
			if processout.IsNotServed(err) {
				c.unserved = err
			}
			return nil, err
		}
		gateways[g.Name] = g
	}
	c.gateways = gateways
	return gateways, nil
}

func gatewayNames(gateways map[string]processout.Gateway) []string {
	names := make([]string, 0, len(gateways))
	for n := range gateways {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// firstUnservedWarning reports whether the catalog is not served and this is
// the first time the run asks to warn about it: the plan-time checks of
// every gateway configuration are off, which one warning says.
func (c *catalog) firstUnservedWarning() (unserved, first bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.unserved == nil {
		return false, false
	}
	first = !c.warned
	c.warned = true
	return true, first
}
