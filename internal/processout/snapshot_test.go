package processout

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"
)

// fleetServer serves webhook endpoints: their list (newest first, 100 a
// page at most, start_after), GET and PUT of one, and counts the calls.
type fleetServer struct {
	mu sync.Mutex
	// objects are the endpoints, newest first; listOnly and getOnly hold
	// those only the list or only GET sees (a lagging list, a newer object).
	objects  []map[string]any
	getOnly  map[string]map[string]any
	listGone map[string]bool
	// omit are the fields the list leaves out of its items.
	omit []string
	// listed is closed to let the list answer (nil: at once).
	listed chan struct{}

	reads, pages, writes int
	cursors              map[string]int // start_after → pages asked with it
}

func newFleetServer(n int) *fleetServer {
	s := &fleetServer{getOnly: map[string]map[string]any{}, listGone: map[string]bool{}, cursors: map[string]int{}}
	for i := n - 1; i >= 0; i-- {
		s.objects = append(s.objects, endpointObject(i, "proj_1"))
	}
	return s
}

func endpointObject(i int, project string) map[string]any {
	return map[string]any{
		"id": endpointID(i), "project_id": project, "url": fmt.Sprintf("https://hooks.example.com/%d", i),
		"events_whitelist": []string{"invoice.completed"}, "sandbox": false, "created_at": "2026-01-01T00:00:00Z",
	}
}

func endpointID(i int) string { return fmt.Sprintf("whe_%05d", i) }

func (s *fleetServer) Do(ctx context.Context, r *Request) (*Response, error) {
	if r.Operation == "webhook_endpoint.list" && s.listed != nil {
		select {
		case <-s.listed:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r.Operation {
	case "webhook_endpoint.list":
		return s.page(r), nil
	case "webhook_endpoint.read":
		s.reads++
		id := r.PathParams["id"]
		if o := s.getOnly[id]; o != nil {
			return jsonAnswer(map[string]any{"success": true, "webhook_endpoint": o}), nil
		}
		for _, o := range s.objects {
			if o["id"] == id {
				return jsonAnswer(map[string]any{"success": true, "webhook_endpoint": o}), nil
			}
		}
		return &Response{Status: 404, Body: []byte(`{"success":false,"error_type":"resource.webhook-endpoint.not-found"}`)}, nil
	default:
		s.writes++
		return jsonAnswer(map[string]any{"success": true, "webhook_endpoint": s.objects[0]}), nil
	}
}

func (s *fleetServer) page(r *Request) *Response {
	s.pages++
	after := r.Query.Get("start_after")
	s.cursors[after]++
	limit, _ := strconv.Atoi(r.Query.Get("limit"))
	var visible []map[string]any
	for _, o := range s.objects {
		if id, _ := o["id"].(string); !s.listGone[id] {
			visible = append(visible, o)
		}
	}
	start := 0
	for i, o := range visible {
		if o["id"] == after {
			start = i + 1
		}
	}
	end := min(start+limit, len(visible))
	items := make([]map[string]any, 0, end-start)
	for _, o := range visible[start:end] {
		item := maps.Clone(o)
		for _, f := range s.omit {
			delete(item, f)
		}
		items = append(items, item)
	}
	return jsonAnswer(map[string]any{"success": true, "webhook_endpoints": items, "has_more": end < len(visible)})
}

func jsonAnswer(v any) *Response {
	body, _ := json.Marshal(v)
	return &Response{Status: 200, Body: body}
}

func (s *fleetServer) counts() (reads, pages int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reads, s.pages
}

// refreshAll refreshes the endpoints of ids, parallel at a time, as the
// CLI's refresh walk does, and returns what each read answered.
func refreshAll(t *testing.T, c *Client, ids []string, parallel int) map[string]*WebhookEndpoint {
	t.Helper()
	var mu sync.Mutex
	out := map[string]*WebhookEndpoint{}
	slots := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			found, err := c.RefreshWebhookEndpoint(context.Background(), id)
			if err != nil {
				t.Errorf("refresh %s: %v", id, err)
			}
			mu.Lock()
			out[id] = found
			mu.Unlock()
		})
	}
	wg.Wait()
	return out
}

func ids(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, endpointID(i))
	}
	return out
}

// The first refreshes of a kind are GETs: a configuration with a couple of
// objects never lists the project.
func TestSnapshotFirstRefreshesAreGets(t *testing.T) {
	srv := newFleetServer(5000)
	c := New(srv, WithProject("proj_1"))
	refreshAll(t, c, ids(0, SnapshotFrom-1), 1)
	if reads, pages := srv.counts(); reads != SnapshotFrom-1 || pages != 0 {
		t.Fatalf("%d refreshes made %d GETs and read %d pages, want %d GETs and no page", SnapshotFrom-1, reads, pages, SnapshotFrom-1)
	}
}

// A fleet is answered from the pages of its list, each page read once
// however many refreshes wait for it, and every answer is the GET's.
func TestSnapshotAnswersAFleetFromItsPages(t *testing.T) {
	const n = 250
	srv := newFleetServer(n)
	srv.listed = make(chan struct{})
	c := New(srv, WithProject("proj_1"))
	refreshAll(t, c, ids(0, SnapshotFrom-1), 1)
	done := make(chan map[string]*WebhookEndpoint)
	go func() { done <- refreshAll(t, c, ids(SnapshotFrom-1, n), 50) }()
	time.Sleep(50 * time.Millisecond) // 50 refreshes now wait for the first page
	close(srv.listed)
	got := <-done
	reads, pages := srv.counts()
	if reads != SnapshotFrom-1 || pages != 3 {
		t.Errorf("%d refreshes made %d GETs and read %d pages, want %d GETs and 3 pages", n, reads, pages, SnapshotFrom-1)
	}
	for cursor, asked := range srv.cursors {
		if asked != 1 {
			t.Errorf("the page after %q was read %d times, want once", cursor, asked)
		}
	}
	direct := New(newFleetServer(n), WithProject("proj_1"))
	for _, id := range ids(SnapshotFrom-1, n) {
		want, err := direct.GetWebhookEndpoint(context.Background(), id)
		if err != nil || !reflect.DeepEqual(got[id], want) {
			t.Fatalf("refresh of %s = %+v, the GET answers %+v (%v)", id, got[id], want, err)
		}
	}
}

// An object the list does not hold is read with its own GET, which alone
// says whether it is gone: one newer than the pages is found, one gone is
// not found.
func TestSnapshotMissingObjectIsConfirmedByGet(t *testing.T) {
	srv := newFleetServer(10)
	newer := endpointObject(99, "proj_1")
	srv.getOnly[endpointID(99)] = newer
	srv.listGone[endpointID(5)] = true // a list that lags a restore, say
	c := New(srv, WithProject("proj_1"))
	refreshAll(t, c, ids(0, 4), 1)
	readsBefore, _ := srv.counts()
	found, err := c.RefreshWebhookEndpoint(context.Background(), endpointID(99))
	if err != nil || found.URL != newer["url"] {
		t.Errorf("refresh of an object newer than the snapshot = %+v, %v; want it found by its GET", found, err)
	}
	found, err = c.RefreshWebhookEndpoint(context.Background(), endpointID(5))
	if err != nil || found == nil || found.ID != endpointID(5) {
		t.Errorf("refresh of an object the list leaves out = %+v, %v; want it found by its GET", found, err)
	}
	if _, err := c.RefreshWebhookEndpoint(context.Background(), endpointID(77)); !IsNotFound(err) {
		t.Errorf("refresh of an object nothing holds = %v, want the GET's not-found", err)
	}
	if reads, pages := srv.counts(); reads-readsBefore != 3 || pages != 1 {
		t.Errorf("made %d GETs and read %d pages for the three objects the list lacks, want 3 GETs and 1 page", reads-readsBefore, pages)
	}
}

// A list that leaves fields out of its items answers no refresh: each reads
// its object with its own GET, whose answer (with the events) it returns,
// and the snapshot stops at the first page.
func TestSnapshotPartialItemsAreReadByGet(t *testing.T) {
	const n = 250
	srv := newFleetServer(n)
	srv.omit = []string{"events_whitelist"}
	c := New(srv, WithProject("proj_1"))
	got := refreshAll(t, c, ids(0, n), 10)
	for id, w := range got {
		if w == nil || len(w.EventsWhitelist) != 1 {
			t.Fatalf("refresh of %s = %+v, want the GET's events", id, w)
		}
	}
	if reads, pages := srv.counts(); reads != n || pages != 1 {
		t.Errorf("made %d GETs and read %d pages, want %d GETs and the one page that showed the list omits fields", reads, pages, n)
	}
}

// A project holding far more objects than the state: the list is read no
// further than one page per refresh seen, then every refresh is a GET.
func TestSnapshotPagesAreBoundedByTheRefreshes(t *testing.T) {
	srv := newFleetServer(10000)
	c := New(srv, WithProject("proj_1"))
	oldest := ids(0, 5) // on the list's last page
	got := refreshAll(t, c, oldest, 1)
	for _, id := range oldest {
		if got[id] == nil {
			t.Fatalf("refresh of %s found nothing", id)
		}
	}
	reads, pages := srv.counts()
	if pages > len(oldest) || reads+pages > 2*len(oldest) {
		t.Errorf("%d refreshes made %d GETs and read %d pages, want at most one page per refresh and twice the GETs in all", len(oldest), reads, pages)
	}
	if pages == 0 {
		t.Errorf("the third refresh read no page: the snapshot was never taken")
	}
}

// An item the list answers for another project is not the object asked
// for: its own GET reads it (and the client refuses that answer too).
func TestSnapshotItemOfAnotherProjectIsReadByGet(t *testing.T) {
	srv := newFleetServer(10)
	srv.objects[0] = endpointObject(9, "proj_other")
	c := New(srv, WithProject("proj_1"))
	refreshAll(t, c, ids(0, SnapshotFrom), 1)
	_, err := c.RefreshWebhookEndpoint(context.Background(), endpointID(9))
	var wrong *WrongObjectError
	if !errors.As(err, &wrong) {
		t.Fatalf("refresh of an object listed for another project = %v, want the GET's answer refused", err)
	}
	if reads, _ := srv.counts(); reads != SnapshotFrom {
		t.Errorf("made %d GETs, want %d: the other project's item is read with its own GET", reads, SnapshotFrom)
	}
}

// A write of the kind drops its snapshot, which could answer the object as
// it was before.
func TestSnapshotIsDroppedByAWrite(t *testing.T) {
	srv := newFleetServer(10)
	c := New(srv, WithProject("proj_1"))
	refreshAll(t, c, ids(0, SnapshotFrom), 1)
	if _, err := c.UpdateWebhookEndpoint(context.Background(), endpointID(9), WebhookEndpointInput{URL: "https://hooks.example.com/new"}); err != nil {
		t.Fatal(err)
	}
	readsBefore, pagesBefore := srv.counts()
	refreshAll(t, c, ids(SnapshotFrom, 10), 1)
	if reads, pages := srv.counts(); reads-readsBefore != 10-SnapshotFrom || pages != pagesBefore {
		t.Errorf("after the write, %d refreshes made %d GETs and read %d more pages, want GETs only", 10-SnapshotFrom, reads-readsBefore, pages-pagesBefore)
	}
}

// A refresh cancelled while it waits for a page ends with its context's
// error; the others waiting are still answered.
func TestSnapshotWaitEndsWithTheRefreshContext(t *testing.T) {
	srv := newFleetServer(10)
	srv.listed = make(chan struct{})
	c := New(srv, WithProject("proj_1"))
	refreshAll(t, c, ids(0, SnapshotFrom-1), 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancelled := make(chan error)
	go func() {
		_, err := c.RefreshWebhookEndpoint(ctx, endpointID(8))
		cancelled <- err
	}()
	answered := make(chan *WebhookEndpoint)
	go func() {
		found, _ := c.RefreshWebhookEndpoint(context.Background(), endpointID(9))
		answered <- found
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	if err := <-cancelled; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled refresh = %v, want context.Canceled", err)
	}
	close(srv.listed)
	if found := <-answered; found == nil || found.ID != endpointID(9) {
		t.Errorf("the refresh still waiting = %+v, want its object", found)
	}
}

// Every list of a managed kind reads an item that lacks fields with its own
// GET, so a data source or the search for a lost create sees the object
// whole.
func TestListsReadPartialItemsWhole(t *testing.T) {
	srv := newFleetServer(3)
	srv.omit = []string{"events_whitelist"}
	c := New(srv, WithProject("proj_1"))
	n := 0
	for w, err := range c.WebhookEndpoints(context.Background(), ListOptions{}) {
		if err != nil || len(w.EventsWhitelist) != 1 {
			t.Fatalf("listed %+v, %v; want the events its GET answers", w, err)
		}
		n++
	}
	if reads, _ := srv.counts(); n != 3 || reads != 3 {
		t.Errorf("listed %d endpoints with %d GETs, want 3 and 3", n, reads)
	}
}

// A fleet whose objects are on the list's last pages, refreshed one at a
// time: each refresh that finds the page budget spent makes its own GET,
// and the next one reads one page more, until the pages answer the rest.
func TestSnapshotPagingResumesAsRefreshesCome(t *testing.T) {
	const n = 1000
	srv := newFleetServer(n)
	c := New(srv, WithProject("proj_1"))
	got := refreshAll(t, c, ids(0, n), 1) // the oldest first: the last page first
	if len(got) != n {
		t.Fatalf("%d answers, want %d", len(got), n)
	}
	if reads, pages := srv.counts(); pages != n/MaxPageSize || reads > 2*n/MaxPageSize {
		t.Errorf("%d refreshes made %d GETs and read %d pages, want the %d pages and at most %d GETs", n, reads, pages, n/MaxPageSize, 2*n/MaxPageSize)
	}
}
