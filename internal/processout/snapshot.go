package processout

import (
	"context"
	"strings"
	"sync"
)

// A refresh reads every object of the state, one GET each. When one client
// (one provider process: the CLI starts one per graph walk) refreshes many
// objects of one kind, the kind's list answers them instead, 100 a page: a
// snapshot. The rule, and why (BENCHMARKS.md, "Refresh from lists"):
//
//   - The first SnapshotFrom-1 refreshes of a kind are GETs; the next one
//     takes the snapshot, so a configuration with a couple of objects of a
//     kind never lists a project that holds thousands.
//   - Pages are read one at a time, only while a refresh waits for an
//     object no page read so far holds, and never more pages than the
//     refreshes of the kind the client has seen: past that the list would
//     cost more than the GETs it could spare, so the refresh that would
//     read the next page makes its own GET instead, and paging resumes
//     only once more refreshes have come. At worst the calls for a kind
//     are twice its refreshes; for a project that holds what the state
//     holds, the pages and SnapshotFrom-1 GETs.
//   - A refresh waits for the pages (one reader for all, however many
//     refreshes arrive at once) and is answered as soon as a page holds
//     its object whole. A page whose items all lack fields (a list that
//     serves summaries) stops the paging: no later page would do better.
//   - The snapshot only ever says "here it is": an object it does not hold
//     (newer than the pages, or left out by a lagging list), holds without
//     every field (model_keys.go), or holds for another project, is read
//     with its own GET, which alone may say it is gone.
//   - A write of the kind through the client drops the snapshot: it could
//     answer the object as it was before.

// SnapshotFrom is the refresh of a kind, counted within one client, that
// takes the kind's snapshot; the ones before it are GETs.
const SnapshotFrom = 3

type snapshotState int

const (
	snapshotIdle    snapshotState = iota // not taken yet
	snapshotOpen                         // pages are read as refreshes need them
	snapshotClosed                       // no more pages: the list is read to its end, or paging stopped
	snapshotDropped                      // a write of the kind: refreshes are GETs
)

// snapshots are a client's snapshots, by kind (the endpoint's name).
type snapshots struct {
	mu    sync.Mutex
	kinds map[string]droppable
}

type droppable interface{ drop() }

// written drops the snapshot of the kind an operation writes.
func (s *snapshots) written(operation string) {
	kind, _, _ := strings.Cut(operation, ".")
	s.mu.Lock()
	snap := s.kinds[kind]
	s.mu.Unlock()
	if snap != nil {
		snap.drop()
	}
}

// snapshotOf is the client's snapshot of kind e.
func snapshotOf[T idOf](c *Client, e endpoint) *snapshot[T] {
	c.snapshots.mu.Lock()
	defer c.snapshots.mu.Unlock()
	if s, ok := c.snapshots.kinds[e.name].(*snapshot[T]); ok {
		return s
	}
	if c.snapshots.kinds == nil {
		c.snapshots.kinds = map[string]droppable{}
	}
	s := &snapshot[T]{client: c, kind: e, listed: map[string]listedItem[T]{}, cursors: map[string]bool{"": true}, turn: make(chan struct{})}
	c.snapshots.kinds[e.name] = s
	return s
}

// snapshot is what a client read of one kind's list.
type snapshot[T idOf] struct {
	client *Client
	kind   endpoint

	mu      sync.Mutex
	state   snapshotState
	refresh int // refreshes of the kind seen
	listed  map[string]listedItem[T]
	pages   int
	cursor  string          // the start_after of the next page
	cursors map[string]bool // those already sent, so a list that repeats a page ends
	// fetching is set while a page is read; stopFetch cancels it once no
	// refresh waits for it.
	fetching  bool
	stopFetch context.CancelFunc
	waiting   int
	// turn is closed, and replaced, whenever a page lands or the snapshot
	// is dropped: the waiting refreshes look again.
	turn chan struct{}
}

type listedItem[T any] struct {
	item    T
	partial bool
}

// find answers the refresh of id from the snapshot: the object, whole, or
// nil when the refresh must read it with its own GET. Its error is only
// ever ctx's, when the refresh is cancelled while it waits for a page.
func (s *snapshot[T]) find(ctx context.Context, id string) (*T, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh++
	if s.state == snapshotIdle {
		if s.refresh < SnapshotFrom {
			return nil, nil
		}
		s.state = snapshotOpen
	}
	for {
		if s.state == snapshotDropped {
			return nil, nil
		}
		if it, ok := s.listed[id]; ok {
			if it.partial {
				return nil, nil
			}
			item := it.item
			return &item, nil
		}
		if s.state != snapshotOpen {
			return nil, nil
		}
		if !s.fetching {
			if s.pages >= s.refresh {
				return nil, nil // the next page would cost more than the refreshes seen could spare
			}
			s.fetchLocked(ctx)
		}
		turn := s.turn
		s.waiting++
		s.mu.Unlock()
		var err error
		select {
		case <-turn:
		case <-ctx.Done():
			err = ctx.Err()
		}
		s.mu.Lock()
		s.waiting--
		if err != nil {
			if s.waiting == 0 && s.stopFetch != nil {
				s.stopFetch()
			}
			return nil, err
		}
	}
}

// fetchLocked starts reading the next page. The read is detached from the
// refresh that starts it, whose cancellation must not fail the others
// waiting, and cancelled when none waits any more.
func (s *snapshot[T]) fetchLocked(ctx context.Context) {
	fetchCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.fetching, s.stopFetch = true, cancel
	cursor := s.cursor
	go func() {
		defer cancel()
		page, err := fetchPage[T](fetchCtx, s.client, s.kind.listRequest(), ListOptions{}, cursor, modelKeys[T]())
		s.mu.Lock()
		defer s.mu.Unlock()
		s.fetching, s.stopFetch = false, nil
		if s.state != snapshotOpen {
			return // dropped by a write while the page was read
		}
		s.takeLocked(page, err)
	}()
}

// takeLocked records a page, or stops paging on a failed read (the
// refreshes then make their own GETs, whose errors are theirs to report).
func (s *snapshot[T]) takeLocked(page Page[T], err error) {
	if err != nil {
		s.wakeLocked(snapshotClosed)
		return
	}
	s.pages++
	whole := 0
	for i, item := range page.Items {
		s.listed[item.itemID()] = listedItem[T]{item: item, partial: page.Partial[i]}
		if !page.Partial[i] {
			whole++
		}
	}
	switch {
	case len(page.Items) > 0 && whole == 0, !page.HasMore, len(page.Items) == 0:
		s.wakeLocked(snapshotClosed)
	case s.cursors[page.Items[len(page.Items)-1].itemID()]:
		s.wakeLocked(snapshotClosed) // the cursor did not advance
	default:
		s.cursor = page.Items[len(page.Items)-1].itemID()
		s.cursors[s.cursor] = true
		s.wakeLocked(snapshotOpen)
	}
}

// wakeLocked sets the state and wakes the waiting refreshes.
func (s *snapshot[T]) wakeLocked(state snapshotState) {
	s.state = state
	close(s.turn)
	s.turn = make(chan struct{})
}

func (s *snapshot[T]) drop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != snapshotDropped {
		s.wakeLocked(snapshotDropped)
	}
}

// refreshObject reads object id of kind e for a refresh: from the kind's
// snapshot when it holds the object whole and in the client's project,
// else with its own GET.
func refreshObject[T idOf](ctx context.Context, c *Client, e endpoint, id string) (*T, error) {
	if req := e.itemRequest("read", "", id); req.CheckPathParams() != nil {
		return getObject[T](ctx, c, e, id) // which refuses the ID
	}
	found, err := snapshotOf[T](c, e).find(ctx, id)
	if err != nil {
		return nil, err
	}
	if found != nil {
		req := e.listRequest()
		if c.checkAnswer(&req, id, *found) == nil {
			return found, nil
		}
	}
	return getObject[T](ctx, c, e, id)
}
