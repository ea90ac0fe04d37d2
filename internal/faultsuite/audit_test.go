package faultsuite

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/faults"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
	"github.com/processout/terraform-provider-processout/internal/validate"
)

// stateOnly are attributes the API never returns: credentials (a gateway
// configuration's, SFTP settings' password or private key), the project's
// private key (returned once, at creation), and the operations' time limits
// (the provider's own).
var stateOnly = map[string]bool{
	"settings": true, "settings_wo": true, "settings_wo_version": true,
	"password": true, "password_wo": true, "password_wo_version": true,
	"private_key": true, "private_key_wo": true, "private_key_wo_version": true,
	"timeouts": true,
}

// unreadAfterSave are, per type, the attributes state holds null after a
// save until a refresh reads them (ProcessOut's answer to an SFTP save
// carries nothing): a null one is not compared with the emulator, whose
// value checkSFTPSettings holds to what a save makes instead.
var unreadAfterSave = map[string]map[string]bool{typeSFTP: {"enabled": true}}

// unordered are set attributes: the API's order is not the state's.
var unordered = map[string]bool{"events_whitelist": true, "sub_accounts_enabled": true}

// findings is what one audit of state against the emulator found. Extra
// objects are keyed by id, so one left over across audits counts once.
type findings struct {
	duplicates map[string]string // id → identity of the declared object it duplicates
	orphans    map[string]string // id → identity
	mismatches []string
	// missing are the declared addresses state lacks: a mismatch once an
	// apply has succeeded, the expected gap after an interrupted one.
	missing []string
}

// problems is every mismatch of a state that should hold all it declares.
func (f *findings) problems() []string {
	out := slices.Clone(f.mismatches)
	for _, addr := range f.missing {
		out = append(out, addr+" is declared but not in state")
	}
	return out
}

// untracked counts the emulator's objects state does not hold.
func (f *findings) untracked() int { return len(f.duplicates) + len(f.orphans) }

func newFindings() *findings {
	return &findings{duplicates: map[string]string{}, orphans: map[string]string{}}
}

func (f *findings) mismatch(format string, args ...any) {
	f.mismatches = append(f.mismatches, fmt.Sprintf(format, args...))
}

// auditState compares the state with the emulator: every declared object is
// in state, every state object is in the emulator with equal fields (and,
// for stripe, the emulator received the declared credentials), and every
// emulator object is in state; an object that is not is a duplicate of a
// declared one (same identity) or an orphan.
func auditState(emu *emulator.Emulator, st *tfjson.State, declared fleet) *findings {
	f := newFindings()
	want := declared.byAddress()
	inState := map[string]bool{} // emulator ids the state holds
	seen := map[string]bool{}    // declared addresses found in state
	for _, r := range stateResources(st) {
		m, ok := want[r.Address]
		if !ok {
			f.mismatch("%s is in state but not declared", r.Address)
			continue
		}
		seen[r.Address] = true
		id, _ := r.AttributeValues["id"].(string)
		inState[id] = true
		obj, ok := emu.ProcessOut.Object(kindOfType[r.Type], id)
		if !ok {
			f.mismatch("%s (%s) is in state but not in the emulator", r.Address, id)
			continue
		}
		for _, d := range compareFields(readAttributes(r), obj) {
			f.mismatch("%s %s", r.Address, d)
		}
		checkStateOnly(f, emu, m, r.AttributeValues, id)
		if m.typ == typeSFTP {
			creds, _ := emu.ProcessOut.SFTPCredentials(id)
			for _, d := range checkSFTPSettings(m, obj, creds, r.AttributeValues) {
				f.mismatch("%s: %s", r.Address, d)
			}
		}
	}
	for _, m := range declared {
		if !seen[m.address()] {
			f.missing = append(f.missing, m.address())
		}
	}
	identities := map[string]bool{}
	for _, m := range declared {
		identities[m.identity()] = true
	}
	for _, kind := range fleetKinds {
		for _, obj := range emu.ProcessOut.Objects(emu.ProjectID, kind) {
			id, _ := obj["id"].(string)
			if inState[id] {
				continue
			}
			if ident := identityOf(kind, obj); identities[ident] && !singletonKinds[kind] {
				f.duplicates[id] = ident
			} else {
				f.orphans[id] = ident
			}
		}
	}
	return f
}

// checkStateOnly checks what the API cannot show back: the credentials the
// emulator received, and a private key kept from the creation answer.
func checkStateOnly(f *findings, emu *emulator.Emulator, m member, attrs map[string]any, id string) {
	switch {
	case m.typ == typeGateway && m.gateway == gatewayStripe:
		if got, want := emu.ProcessOut.ReceivedSettings(id), m.credentials(); !maps.Equal(got, want) {
			f.mismatch("%s: the emulator holds credentials %v, the configuration declares version %d", m.address(), slices.Sorted(maps.Values(got)), m.version)
		}
		if v, _ := attrs["settings_wo"]; v != nil {
			f.mismatch("%s: settings_wo is in state", m.address())
		}
		if m.plainSettings && !maps.Equal(stringValues(attrs["settings"]), m.credentials()) {
			f.mismatch("%s: settings in state are not the declared credentials of version %d", m.address(), m.version)
		}
	case m.typ == typeProject:
		if key, _ := attrs["private_key"].(string); key == "" {
			f.mismatch("%s: private_key is missing from state", m.address())
		}
	}
}

// readAttributes are a state object's attributes without those still
// null after a save (unreadAfterSave).
func readAttributes(r *tfjson.StateResource) map[string]any {
	out := make(map[string]any, len(r.AttributeValues))
	for name, v := range r.AttributeValues {
		if v == nil && unreadAfterSave[r.Type][name] {
			continue
		}
		out[name] = v
	}
	return out
}

// checkSFTPSettings holds the emulator's SFTP settings (obj, and the
// credentials of their last save) to the declaration itself: its endpoint
// and username, enabled (what a save makes, CONTRACT.md §20), and exactly
// the declared password, neither a stale one, nor a private key beside it.
// In state, the write-only password must be null, and the sensitive
// fallback must be the declared one.
func checkSFTPSettings(m member, obj map[string]any, creds processoutapi.SFTPCredentials, attrs map[string]any) []string {
	var diffs []string
	for field, want := range map[string]any{"endpoint": m.sftpEndpoint(), "username": m.sftpUsername(), "enabled": true} {
		if got := obj[field]; got != want {
			diffs = append(diffs, fmt.Sprintf("the emulator holds %s %s, the configuration of version %d makes %s", field, encode(got), m.version, encode(want)))
		}
	}
	if want := (processoutapi.SFTPCredentials{Password: m.sftpPassword()}); creds != want {
		diffs = append(diffs, fmt.Sprintf("the emulator received the credentials %+v, the configuration declares %+v (version %d)", creds, want, m.version))
	}
	if attrs["password_wo"] != nil {
		diffs = append(diffs, "password_wo is in state")
	}
	if got, _ := attrs["password"].(string); m.plainSettings && got != m.sftpPassword() {
		diffs = append(diffs, fmt.Sprintf("password in state is not the declared password of version %d", m.version))
	}
	return diffs
}

// stringValues reads a map of strings from state, nil for anything else.
func stringValues(v any) map[string]string {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, e := range m {
		s, _ := e.(string)
		out[k] = s
	}
	return out
}

func stateResources(st *tfjson.State) []*tfjson.StateResource {
	if st == nil || st.Values == nil || st.Values.RootModule == nil {
		return nil
	}
	return st.Values.RootModule.Resources
}

// compareFields compares every attribute of a state object with the field
// of the same name in the emulator's object, and reports each difference.
// An attribute the emulator does not have is a difference too: a field the
// suite silently skipped would prove nothing.
func compareFields(state, obj map[string]any) []string {
	var diffs []string
	for _, name := range slices.Sorted(maps.Keys(state)) {
		if stateOnly[name] {
			continue
		}
		apiValue, ok := obj[name]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("%s: not a field of the emulator's object", name))
			continue
		}
		got, want := canonical(state[name], unordered[name]), canonical(apiValue, unordered[name])
		if a, b, ok := bothStrings(got, want); ok && amounts[name] {
			got, want = validate.CanonicalAmount(a), validate.CanonicalAmount(b)
		}
		if !reflect.DeepEqual(got, want) {
			diffs = append(diffs, fmt.Sprintf("%s: state %s, emulator %s", name, encode(got), encode(want)))
		}
	}
	return diffs
}

// amounts are decimal attributes: ProcessOut may answer the same number in
// another spelling ("19.9000" for "19.90", the AmountsReformatted reading),
// which the provider keeps as configured.
var amounts = map[string]bool{"amount": true}

// canonical maps the two JSON renderings onto one: empty collections are
// null (the provider stores null for "none"), numbers are decimal strings
// (gateway_id is a number in state and may be a string in the API),
// timestamps are UTC instants, sets are sorted.
func canonical(v any, set bool) any {
	switch x := v.(type) {
	case string:
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return t.UTC().Format(time.RFC3339Nano)
		}
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	case map[string]any:
		if len(x) == 0 {
			return nil
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = canonical(e, false)
		}
		return out
	case []any:
		if len(x) == 0 {
			return nil
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = canonical(e, false)
		}
		if set {
			sort.Slice(out, func(i, j int) bool { return encode(out[i]) < encode(out[j]) })
		}
		return out
	}
	return v
}

func bothStrings(a, b any) (string, string, bool) {
	x, okA := a.(string)
	y, okB := b.(string)
	return x, y, okA && okB
}

func encode(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// keyFindings is what the request log says about idempotency keys.
type keyFindings struct {
	writes        int // logical writes that reached ProcessOut (distinct keys)
	retriedWrites int // of those, the ones ProcessOut saw more than once
	replayed      int // answers served from the idempotency cache
	// selfDeletes are deletes of a supervised project, made as that project,
	// whose answer was lost: the retry meets 401, the deleted project's key
	// being gone, so no answer can be replayed.
	selfDeletes int
	creates     map[string]int
	violations  []string
}

// auditKeys reads ProcessOut's request log: every write carries a key; all
// attempts of one write carry the same key and, after the first reached
// ProcessOut, get the replayed answer rather than a second execution; a key
// never serves two different writes; no object is updated or deleted twice
// under two keys. creates counts the writes that created an object, per
// path, so the caller can hold them to the objects declared.
func auditKeys(log []processoutapi.Request) keyFindings {
	k := keyFindings{creates: map[string]int{}}
	type write struct {
		target  string
		entries []processoutapi.Request
	}
	byKey := map[string]*write{}
	var order []string
	executed := map[string]int{} // "PUT /path" → executions that were not replays
	for _, r := range log {
		if r.Method != http.MethodPost && r.Method != http.MethodPut && r.Method != http.MethodDelete {
			continue
		}
		target := r.Method + " " + r.Path
		if r.IdempotencyKey == "" {
			k.violations = append(k.violations, fmt.Sprintf("%s was sent without an Idempotency-Key", target))
			continue
		}
		if r.Replayed {
			k.replayed++
		}
		w := byKey[r.IdempotencyKey]
		if w == nil {
			w = &write{target: target}
			byKey[r.IdempotencyKey] = w
			order = append(order, r.IdempotencyKey)
		}
		if w.target != target {
			k.violations = append(k.violations, fmt.Sprintf("the key %s served %s and %s", r.IdempotencyKey, w.target, target))
		}
		w.entries = append(w.entries, r)
		success := r.Status >= 200 && r.Status < 300
		switch {
		case r.Replayed:
		case r.Method == http.MethodPost && success:
			k.creates[r.Path]++
		case success:
			executed[target]++
		case r.Method == http.MethodDelete && r.Status == http.StatusNotFound:
			// A delete retried under a new key finds its object gone.
			k.violations = append(k.violations, fmt.Sprintf("%s answered 404: the object was already deleted by an earlier attempt", target))
		}
	}
	for _, key := range order {
		w := byKey[key]
		k.writes++
		if len(w.entries) > 1 {
			k.retriedWrites++
		}
		executedOnce := false
		for _, e := range w.entries {
			switch {
			case beforeIdempotency(e.Status):
			case !executedOnce && e.Replayed:
				k.violations = append(k.violations, fmt.Sprintf("%s: the first request with key %s was a replay", w.target, key))
			case executedOnce && !e.Replayed && e.Status != http.StatusConflict:
				k.violations = append(k.violations, fmt.Sprintf("%s: a retry with key %s was executed again (status %d) instead of replayed", w.target, key, e.Status))
			}
			executedOnce = executedOnce || !beforeIdempotency(e.Status)
		}
		if last := w.entries[len(w.entries)-1]; executedOnce && strings.HasPrefix(w.target, "DELETE /projects/") && last.Status == http.StatusUnauthorized {
			k.selfDeletes++
		}
	}
	for target, n := range executed {
		if n > 1 {
			k.violations = append(k.violations, fmt.Sprintf("%s was executed %d times under different keys", target, n))
		}
	}
	return k
}

// beforeIdempotency reports the answers ProcessOut gives before it looks at
// the key (authentication and rate limiting): they execute nothing, so the
// next attempt with the key is still a first execution.
func beforeIdempotency(status int) bool {
	return status == http.StatusUnauthorized || status == http.StatusTooManyRequests
}

// blockingKinds are the faults that answer in place of the server: the
// request never reaches it. Latency and commit_then_fail let it through.
var blockingKinds = map[faults.Kind]bool{
	faults.RateLimit: true, faults.RateLimitNoRetryAfter: true, faults.Status500: true,
	faults.Status502: true, faults.Status503: true, faults.Reset: true, faults.Timeout: true,
}

// readActionRun is the path of a Membrane run of a reading action: a POST
// to Membrane, so commit_then_fail may hit it, that writes nothing to
// ProcessOut (the unserved-routes reading routes webhook endpoints there).
var readActionRun = regexp.MustCompile(`^/actions/(get|list)-[^/]+/run$`)

// sftpSettingsPath is the path of a project's SFTP settings, which a PUT
// creates or replaces whole.
var sftpSettingsPath = regexp.MustCompile(`^/projects/[^/]+/sftp-settings$`)

// lostWriteAnswers counts the commit_then_fail faults that lost the answer
// of a ProcessOut write: each must be followed by a replay of its key.
func lostWriteAnswers(events []faults.Event) int {
	n := 0
	for _, e := range events {
		if e.Kind == faults.CommitThenFail && !readActionRun.MatchString(e.Path) {
			n++
		}
	}
	return n
}

// faultCounts counts injected faults by kind.
func faultCounts(events []faults.Event) map[faults.Kind]int {
	out := map[faults.Kind]int{}
	for _, e := range events {
		out[e.Kind]++
	}
	return out
}

func total(counts map[faults.Kind]int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

func describeCounts(counts map[faults.Kind]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, counts[k]))
	}
	return strings.Join(parts, " ")
}
