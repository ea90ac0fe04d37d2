package provider

import (
	"context"
	"sort"
	"sync"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// catalog is the gateway catalog, read at most once per provider run and
// only when a plan needs it. A failed read is not kept: the next caller
// tries again (its context may be the one that was not cancelled).
type catalog struct {
	mu       sync.Mutex
	gateways map[string]processout.Gateway
}

func (c *catalog) load(ctx context.Context, api *processout.Client) (map[string]processout.Gateway, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gateways != nil {
		return c.gateways, nil
	}
	gateways := map[string]processout.Gateway{}
	for g, err := range api.Gateways(ctx, processout.ListOptions{Order: "asc"}) {
		if err != nil {
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
