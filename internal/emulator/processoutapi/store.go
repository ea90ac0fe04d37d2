package processoutapi

import (
	"fmt"
	"slices"
	"sort"
	"time"
)

// Object kinds, as accepted by Objects, Object, DeleteObject and PatchObject.
const (
	KindProject              = "project"
	KindGateway              = "gateway"
	KindGatewayConfiguration = "gateway_configuration"
	KindWebhookEndpoint      = "webhook_endpoint"
	KindCustomer             = "customer"
	KindApplePayCertificate  = "applepay_certificate"
	KindProduct              = "product"
	KindPlan                 = "plan"
	KindCoupon               = "coupon"
	// KindSFTPSettings is a project's SFTP settings; the id is the project's.
	KindSFTPSettings = "sftp_settings"
)

// ownedKinds are the kinds a project owns; deleting the project deletes them.
var ownedKinds = []string{KindProject, KindGatewayConfiguration, KindWebhookEndpoint, KindCustomer, KindApplePayCertificate, KindProduct,
	KindPlan, KindCoupon, KindSFTPSettings}

// object is a stored resource (*Project, *Gateway, *GatewayConfiguration,
// *WebhookEndpoint, *Customer, *Product, *Plan, *Coupon, *ApplePayCertificate,
// *SFTPSettings).
type object interface {
	ident() ident
	// view returns a copy fit for a response, with the requested expansions.
	view(s *Server, vc viewCtx) any
	// clone returns a shallow copy; updates work on a clone and replace maps
	// and slices rather than mutating them, so a failed update leaves the
	// stored object untouched.
	clone() object
	// normalize restores invariants after an out-of-band PatchObject: drops
	// expansion-only fields, puts times in UTC and fills defaults.
	normalize()
}

// ident is what the store indexes an object by.
type ident struct {
	id      string
	owner   string // project id; for projects the supervisor id ("" at top level)
	sandbox bool   // which of the owner's two data sets holds it
	created time.Time
	// scope is "" for ids unique across projects; a kind whose ids the
	// caller chooses (plans, coupons) keeps them unique per project and mode
	// only, and indexes them within scopeOf(owner, sandbox) (caller_ids.go).
	scope string
}

type viewCtx struct {
	ex      expansions
	sandbox bool
}

// record wraps a stored object with its index key. Within a list records are
// ordered by (created, seq): creation time, ties broken by insertion sequence,
// so the order is total and stable.
type record struct {
	kind string
	ident
	seq uint64
	obj object
}

func (a *record) less(b *record) bool {
	if !a.created.Equal(b.created) {
		return a.created.Before(b.created)
	}
	return a.seq < b.seq
}

func compareRecords(a, b *record) int {
	switch {
	case a.less(b):
		return -1
	case b.less(a):
		return 1
	}
	return 0
}

// as asserts the dynamic type of a stored object; a mismatch is a bug in
// the emulator, hence the panic.
func as[T any](v any) T {
	t, ok := v.(T)
	if !ok {
		panic(fmt.Sprintf("processoutapi: %T is not a %T", v, t))
	}
	return t
}

type listKey struct {
	kind, owner string
	sandbox     bool
}

// store indexes every object twice: by (kind, id) for lookups and cursors,
// and in one ascending slice per (kind, owner, sandbox) for listing. Cursor
// positions are found by binary search on the record's sort key, so paging
// costs O(log n + limit) whatever the list size.
type store struct {
	byID  map[string]map[string]*record
	lists map[listKey][]*record
}

func newStore() *store {
	return &store{byID: map[string]map[string]*record{}, lists: map[listKey][]*record{}}
}

func (r *record) listKey() listKey { return listKey{kind: r.kind, owner: r.owner, sandbox: r.sandbox} }

func (st *store) get(kind, id string) *record { return st.byID[kind][id] }

// key is the record's index key within its kind: its id, within its scope.
func (r *record) key() string { return scopedKey(r.scope, r.id) }

// list returns the ascending records of one list. The slice is shared:
// callers read it under the server lock and never modify it.
func (st *store) list(k listKey) []*record { return st.lists[k] }

func (st *store) index(r *record) {
	ids := st.byID[r.kind]
	if ids == nil {
		ids = map[string]*record{}
		st.byID[r.kind] = ids
	}
	ids[r.key()] = r
}

func (st *store) insert(r *record) {
	st.index(r)
	k := r.listKey()
	l := st.lists[k]
	i := sort.Search(len(l), func(i int) bool { return r.less(l[i]) })
	st.lists[k] = slices.Insert(l, i, r)
}

// insertMany adds records to one list with a single sort (bulk seeding).
func (st *store) insertMany(k listKey, rs []*record) {
	for _, r := range rs {
		st.index(r)
	}
	l := append(st.lists[k], rs...)
	if !slices.IsSortedFunc(l, compareRecords) {
		slices.SortFunc(l, compareRecords)
	}
	st.lists[k] = l
}

func (st *store) remove(r *record) {
	delete(st.byID[r.kind], r.key())
	k := r.listKey()
	l := st.lists[k]
	i := sort.Search(len(l), func(i int) bool { return !l[i].less(r) })
	if i < len(l) && l[i] == r {
		l = slices.Delete(l, i, i+1)
	}
	if len(l) == 0 {
		delete(st.lists, k)
	} else {
		st.lists[k] = l
	}
}

// removeOwner drops every list owned by owner at once and returns the
// removed records (deleting a project with 100k customers stays linear).
func (st *store) removeOwner(owner string) []*record {
	var removed []*record
	for _, kind := range ownedKinds {
		for _, sandbox := range []bool{false, true} {
			k := listKey{kind: kind, owner: owner, sandbox: sandbox}
			for _, r := range st.lists[k] {
				delete(st.byID[kind], r.key())
				removed = append(removed, r)
			}
			delete(st.lists, k)
		}
	}
	return removed
}

// owned returns both data sets (live and sandbox) of an owner for one kind,
// in creation order.
func (st *store) owned(kind, owner string) []*record {
	live := st.lists[listKey{kind: kind, owner: owner}]
	sandbox := st.lists[listKey{kind: kind, owner: owner, sandbox: true}]
	all := slices.Concat(live, sandbox)
	slices.SortFunc(all, compareRecords)
	return all
}
