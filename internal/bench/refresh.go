package bench

import "github.com/processout/terraform-provider-processout/internal/processout"

// Refresh is what the refresh of n objects of one kind costs in one
// provider process, when the project holds exactly those n objects
// (processout's snapshots, snapshot.go): the first
// processout.SnapshotFrom-1 are read with a GET each, and the next one
// takes the kind's snapshot, whose pages (processout.MaxPageSize objects
// each) answer every other. When the list leaves fields out of its items
// (wholeLists false: the emulator's ListsOmitFields reading), its first
// page shows it, and every object is read with its own GET. Fewer objects
// than processout.SnapshotFrom are read with a GET each.
//
// The count is exact when the list's last page holds an object the
// snapshot answers (n mod MaxPageSize is 0 or at least SnapshotFrom), and
// when n is at most SnapshotFrom × MaxPageSize, so that no page can wait
// for more refreshes than have come.
func Refresh(n int, wholeLists bool) Calls {
	from := processout.SnapshotFrom
	switch {
	case n < from:
		return Calls{Reads: n}
	case !wholeLists:
		return Calls{Reads: n, ListPages: 1}
	}
	return Calls{Reads: from - 1, ListPages: (n + processout.MaxPageSize - 1) / processout.MaxPageSize}
}

// Plus is the sum of two tallies of calls.
func (c Calls) Plus(d Calls) Calls {
	c.Reads += d.Reads
	c.ListPages += d.ListPages
	c.Creates += d.Creates
	c.Updates += d.Updates
	c.Deletes += d.Deletes
	c.CatalogPages += d.CatalogPages
	c.ConnectionReads += d.ConnectionReads
	c.ActionLists += d.ActionLists
	c.CredentialChecks += d.CredentialChecks
	c.Other = append(append([]string(nil), c.Other...), d.Other...)
	return c
}

// Refresh is what the refresh of the fleet costs: its gateway
// configurations and its webhook endpoints, each a kind of its own.
func (f Fleet) Refresh(wholeLists bool) Calls {
	return Refresh(f.GatewayConfigurations(), wholeLists).Plus(Refresh(f.WebhookEndpoints(), wholeLists))
}
