package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/membrane"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// A create whose every attempt failed may still have been carried out by
// ProcessOut: the answer, not the request, was lost (a timeout, a reset, a
// 5xx after the commit). Dropping the resource would leave that object
// untracked and the next run would make a second one. Instead the resource
// is saved with a placeholder ID and an error (the CLI keeps it tainted),
// and its private state holds the recovery record below. The next run finds
// the object again, in Read (refresh) or, with -refresh=false, in the Delete
// of the replacement, by listing the kind and matching the request's
// fingerprint. The Idempotency-Key is never replayed to learn the object:
// ProcessOut's replay window is undocumented, and a replay after it has
// expired would carry out the create a second time.

// lostCreatePrefix starts every placeholder ID. ProcessOut IDs are a prefix,
// an underscore and letters or digits; no object can have a colon in its ID.
const lostCreatePrefix = "lost-create:"

// lostCreatePrivateKey is the private state key of the recovery record.
const lostCreatePrivateKey = "lost_create"

// lostCreateSkew widens the time window a candidate's created_at must fall
// in, for the clocks of this machine and of ProcessOut to differ.
const lostCreateSkew = 10 * time.Minute

// lostCreate is the recovery record of a create whose answer was lost. It
// holds no credentials: the fingerprint is made of the object's plain
// attributes only.
type lostCreate struct {
	IdempotencyKey string      `json:"idempotency_key"`
	Fingerprint    fingerprint `json:"fingerprint"`
	FirstAttempt   time.Time   `json:"first_attempt"`
	GaveUp         time.Time   `json:"gave_up"`
	// ListedBefore, for a kind whose create sends nothing to match (Apple
	// Pay certificates), is every ID known before the create: its object
	// is the one ID listed afterwards that is not among them.
	ListedBefore []string `json:"listed_before,omitempty"`
}

// fingerprint is what a create asked for, as attribute → canonical value;
// an object matches when every entry equals the object's own.
type fingerprint map[string]string

// matches reports whether an object's fingerprint agrees with every field
// the create set.
func (f fingerprint) matches(object fingerprint) bool {
	for k, v := range f {
		if object[k] != v {
			return false
		}
	}
	return true
}

// canonicalJSON renders a value as a fingerprint entry: sorted map keys,
// lists as given (callers sort sets first).
func canonicalJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func isLostCreateID(id string) bool { return strings.HasPrefix(id, lostCreatePrefix) }

// createAttempt is a create under way: the key it carries and when it began.
type createAttempt struct {
	object       string // "webhook endpoint"
	fingerprint  fingerprint
	listedBefore []string // lostCreate.ListedBefore
	key          string
	start        time.Time
}

// beginCreate chooses the create's Idempotency-Key and returns the context
// the create must be sent with.
func beginCreate(ctx context.Context, api *processout.Client, object string, fp fingerprint) (context.Context, *createAttempt) {
	a := &createAttempt{object: object, fingerprint: fp, key: processout.NewIdempotencyKey(api), start: time.Now().UTC()}
	return processout.WithIdempotencyKey(ctx, a.key), a
}

// failed ends a create that returned err. When ProcessOut may have made the
// object, the resource is saved as a placeholder with the recovery record,
// so that the next run finds it, and failed reports true; otherwise nothing
// is saved. Either way the error is reported.
func (a *createAttempt) failed(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse, err error, attributes map[string]bool, next string) (saved bool) {
	action := "create the " + a.object
	if !createMayHaveHappened(err) {
		addAPIError(&resp.Diagnostics, action, err, attributes)
		return false
	}
	rec := lostCreate{IdempotencyKey: a.key, Fingerprint: a.fingerprint, ListedBefore: a.listedBefore, FirstAttempt: a.start, GaveUp: time.Now().UTC()}
	id := lostCreatePrefix + a.key
	if saveLostCreate(ctx, req, resp, id, rec) {
		resp.Diagnostics.AddError("Cannot "+action, fmt.Sprintf("%v\n\nProcessOut may have made the %s before its answer was lost. "+
			"The attempt is recorded in state (ID %q, tainted), without replaying the request: %s%s", err, a.object, id, next, hintLine(err)))
		return true
	}
	addAPIError(&resp.Diagnostics, action, err, attributes)
	return false
}

// saveLostCreate stores the placeholder: the planned values with the
// unknown ones null, the placeholder ID, no identity (it would otherwise
// have to change when the object is found), and the record.
func saveLostCreate(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse, id string, rec lostCreate) bool {
	known, err := tftypes.Transform(req.Plan.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		return false
	}
	record, err := json.Marshal(rec)
	if err != nil {
		return false
	}
	var diags diag.Diagnostics
	resp.State.Raw = known
	diags.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	diags.Append(resp.Private.SetKey(ctx, lostCreatePrivateKey, record)...)
	if resp.Identity != nil {
		resp.Identity.Raw = tftypes.NewValue(resp.Identity.Schema.Type().TerraformType(ctx), nil)
	}
	if diags.HasError() {
		resp.State.RemoveResource(ctx)
		resp.Diagnostics.Append(diags...)
		return false
	}
	return true
}

// createMayHaveHappened reports whether a failed create may still have been
// carried out. Only a final answer that refuses the request says it was
// not: ProcessOut's (or Membrane's own) 4xx other than the retryable ones, a
// 200 whose body says it failed, a redirect that was not followed, an
// answer that is not ProcessOut's (the URL points elsewhere), an ID that
// could not be sent, and a call none of whose attempts was sent (stopped
// before the first, or every one failing to connect: a refused connection).
// A stop after an attempt was sent leaves the outcome open, as does a
// retry budget or a timeouts deadline that cut an attempt short. A 429 or
// 409 after the retries may follow an earlier attempt that committed, and a
// timeout, a reset or a 5xx may follow the commit itself.
func createMayHaveHappened(err error) bool {
	var apiErr *processout.Error
	var me *membrane.Error
	var decodeErr *processout.DecodeError
	var pathErr *processout.PathParamError
	switch {
	case errors.As(err, &apiErr):
		return refusalUndecided(apiErr.Status)
	case errors.As(err, &me):
		return refusalUndecided(me.Status)
	case errors.As(err, &decodeErr), errors.As(err, &pathErr), httpx.IsTooLarge(err), httpx.IsRedirect(err), httpx.NeverSent(err):
		return false
	}
	return true
}

// refusalUndecided reports whether an error status leaves the outcome open.
func refusalUndecided(status int) bool {
	return status >= http.StatusInternalServerError || httpx.RetryableStatus(status)
}

// lostKind is what recovery needs to know of one kind of object.
type lostKind[T any] struct {
	object string // "webhook endpoint"
	// list streams every object of the kind.
	list func(ctx context.Context, api *processout.Client) func(yield func(T, error) bool)
	// describe gives an object's ID, creation time and fingerprint.
	describe func(*T) (id string, createdAt time.Time, fp fingerprint)
	// unmanaged, when set, says why a found object cannot be taken over
	// (a project's private key came only in the lost answer).
	unmanaged func(id string) string
}

// privateGetter is the request side of private state.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// lostRecord returns the recovery record of a placeholder, or nil with an
// error diagnostic when the state holds a placeholder without one.
func lostRecord(ctx context.Context, private privateGetter, id string, diags *diag.Diagnostics) *lostCreate {
	raw, d := private.GetKey(ctx, lostCreatePrivateKey)
	diags.Append(d...)
	var rec lostCreate
	if len(raw) == 0 || json.Unmarshal(raw, &rec) != nil {
		diags.AddError("Placeholder without its recovery record",
			fmt.Sprintf("The state holds %q, the placeholder of a create whose answer was lost, but not the record needed to find the object. "+
				"Look the object up with the list data sources, import it if it exists, and remove the placeholder with `terraform state rm`.", id))
		return nil
	}
	return &rec
}

// find lists the kind and returns the IDs of the objects matching the
// record: same fingerprint, created while the create was under way.
func (k lostKind[T]) find(ctx context.Context, api *processout.Client, rec *lostCreate) ([]T, error) {
	from, until := rec.FirstAttempt.Add(-lostCreateSkew), rec.GaveUp.Add(lostCreateSkew)
	var found []T
	for obj, err := range k.list(ctx, api) {
		if err != nil {
			return nil, err
		}
		_, created, fp := k.describe(&obj)
		if created.Before(from) || created.After(until) || !rec.Fingerprint.matches(fp) {
			continue
		}
		found = append(found, obj)
	}
	return found, nil
}

// recoverOne finds the object of a placeholder. It returns the object (nil
// when ProcessOut made none) and false when the run must stop: the search
// failed, several objects match, or the object cannot be managed.
func (k lostKind[T]) recoverOne(ctx context.Context, api *processout.Client, private privateGetter, id string, diags *diag.Diagnostics) (*T, bool) {
	rec := lostRecord(ctx, private, id, diags)
	if rec == nil {
		return nil, false
	}
	found, err := k.find(ctx, api, rec)
	if err != nil {
		addAPIError(diags, "look up the "+k.object+" whose create answer was lost", err, nil)
		return nil, false
	}
	switch len(found) {
	case 0:
		return nil, true
	case 1:
		foundID, _, _ := k.describe(&found[0])
		if k.unmanaged != nil {
			diags.AddError("ProcessOut made the "+k.object+" whose create answer was lost", k.unmanaged(foundID))
			return nil, false
		}
		return &found[0], true
	}
	ids := make([]string, len(found))
	for i := range found {
		ids[i], _, _ = k.describe(&found[i])
	}
	diags.AddError("Several "+k.object+"s match a create whose answer was lost",
		fmt.Sprintf("A create of this %s (placeholder %q, first attempt %s) lost its answer, and ProcessOut holds %d objects that match it: %s. "+
			"Only one can be this resource. Remove the placeholder (`terraform state rm`), import the right one (`terraform import <address> <id>`), "+
			"and delete the others in the ProcessOut dashboard, or `import` them into their own resources.",
			k.object, id, rec.FirstAttempt.Format(time.RFC3339), len(found), strings.Join(ids, ", ")))
	return nil, false
}

// readLost handles a Read of a placeholder: the object found replaces it
// (the resource stays tainted, so the plan replaces it with the declared
// one), no object drops it (the plan creates it). found is nil when the
// Read is over.
func readLost[T any](ctx context.Context, k lostKind[T], api *processout.Client, id string, req resource.ReadRequest, resp *resource.ReadResponse) (found *T) {
	found, ok := k.recoverOne(ctx, api, req.Private, id, &resp.Diagnostics)
	switch {
	case !ok:
		return nil
	case found == nil:
		setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
		resp.State.RemoveResource(ctx)
		return nil
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, lostCreatePrivateKey, nil)...)
	return found
}

// deleteTarget is the ID a Delete removes: the state's, or for a
// placeholder the object found for it ("" when there is none, or on error).
func deleteTarget[T any](ctx context.Context, k lostKind[T], api *processout.Client, id string, req resource.DeleteRequest, diags *diag.Diagnostics) string {
	if !isLostCreateID(id) {
		return id
	}
	found, ok := k.recoverOne(ctx, api, req.Private, id, diags)
	if !ok || found == nil {
		return ""
	}
	foundID, _, _ := k.describe(found)
	return foundID
}

// refuseLostCreateUpdate stops an update of a placeholder (possible only
// after `untaint` with -refresh=false): there is no object to update yet.
func refuseLostCreateUpdate(id string, diags *diag.Diagnostics) bool {
	if !isLostCreateID(id) {
		return false
	}
	diags.AddError("The create of this resource lost its answer",
		fmt.Sprintf("%q is a placeholder, not an object: run a plan or apply with refresh on, which finds the object ProcessOut made (if any) and replaces it.", id))
	return true
}

// lostFoundNext is what the next run does for a kind whose found object is
// taken over; matchedBy names the attributes it is found by.
func lostFoundNext(matchedBy string) string {
	return "the next plan or apply looks the object up by its " + matchedBy + " and, if ProcessOut made it, replaces it with the declared one " +
		"(deletes it and creates it again); if ProcessOut made none, it creates it. Running the same command again is safe: it makes no second object."
}

// lostProjectNext is what the next run does for a project.
const lostProjectNext = "the next plan or apply looks the project up by its name. If ProcessOut made none, it creates it. " +
	"If ProcessOut made it, the run stops and names it: its private key came only in the lost answer, so it must be deleted in the dashboard " +
	"or imported with its key. No second project is made either way."
