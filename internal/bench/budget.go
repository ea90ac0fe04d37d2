package bench

import "fmt"

// Budget is what one CLI command may call for the managed objects: the
// writes exactly (one create, update or delete per object the plan changes:
// none can be saved, and no more is ever needed), and at most the calls of
// its refresh. The provider refreshes the first objects of a kind with a
// GET each and the rest from pages of the kind's list (Refresh), so the
// refresh of 500 objects costs 10 calls, not 500; fewer is allowed (a
// smaller fleet of a kind), more is a regression.
type Budget struct {
	Refreshed                 int // calls the refresh may make (reads and list pages: at most this many)
	Creates, Updates, Deletes int // writes: exactly this many
}

// Minimum is the calls of the model: the refresh's plus the writes.
func (b Budget) Minimum() int { return b.Refreshed + b.Creates + b.Updates + b.Deletes }

// Allows reports whether the calls for the objects are within the budget:
// the writes exact, the refresh at most its calls.
func (b Budget) Allows(c Calls) bool {
	return c.Creates == b.Creates && c.Updates == b.Updates && c.Deletes == b.Deletes &&
		c.Reads+c.ListPages <= b.Refreshed
}

// String is the budget as a table shows it: "≤ 500 + 50" (at most 500 calls
// for the refresh, exactly 50 writes), "0 + 500" when nothing is refreshed.
func (b Budget) String() string {
	writes := b.Creates + b.Updates + b.Deletes
	if b.Refreshed == 0 {
		return fmt.Sprintf("0 + %d", writes)
	}
	return fmt.Sprintf("≤ %d + %d", b.Refreshed, writes)
}
