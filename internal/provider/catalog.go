package provider

import (
	"context"
	"sort"
	"sync"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// catalog is the gateway catalog, read at most once per provider run and
// only when a plan needs it.
type catalog struct {
	once     sync.Once
	gateways map[string]processout.Gateway
	err      error
}

func (c *catalog) load(ctx context.Context, api *processout.Client) (map[string]processout.Gateway, error) {
	c.once.Do(func() {
		c.gateways = map[string]processout.Gateway{}
		for g, err := range api.Gateways(ctx, processout.ListOptions{Order: "asc"}) {
			if err != nil {
				c.err = err
				return
			}
			c.gateways[g.Name] = g
		}
	})
	return c.gateways, c.err
}

func gatewayNames(gateways map[string]processout.Gateway) []string {
	names := make([]string, 0, len(gateways))
	for n := range gateways {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
