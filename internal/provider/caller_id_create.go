package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// Plans and coupons take the ID the configuration chooses, and ProcessOut
// holds one object per ID and project: a create cannot make a second
// object. That is a natural idempotency, used instead of the placeholder
// and listing of lost_create.go. A create that fails (an answer lost after
// ProcessOut committed it, or a refusal, such as the "already exists" that
// a retry of an earlier run's lost create meets) reads the object of that ID
// and compares it with the request:
//
//   - it matches when every field the create sends equals the object's:
//     name, amount (as a number: "10.00" is "10"), currency, interval, trial
//     period, URLs and metadata of a plan; discount, currency, iteration
//     count, redemption limit, expiry (as an instant) and metadata of a
//     coupon. A field the configuration leaves out matches only an empty
//     one. Then the object is taken into state, as the create's answer
//     would have been; if it was made before this create began (more than
//     lostCreateSkew before, for the clocks to differ: an earlier run's lost
//     create, or the same object made elsewhere, which no read can tell
//     apart), a warning says so and how to let go of it;
//   - any difference, and the object is neither changed nor taken: the
//     error names each differing field and how to import the object;
//   - no such object: the create's own error. After a lost answer nothing
//     is saved in state (no placeholder: the next apply's create can only
//     meet the same ID again, and resolves it the same way).
//
// The create's Idempotency-Key is never replayed to learn the outcome (its
// window is undocumented); the ID is what makes a repeat safe.

// callerIDKind is what the resources of a kind with caller-chosen IDs need
// to read it and to take an existing object over.
type callerIDKind[T any] struct {
	object     string          // "plan"
	attributes map[string]bool // the attributes ProcessOut's field errors may name
	get        func(ctx context.Context, api *processout.Client, id string) (*T, error)
	// refresh reads the object for a refresh (processout's snapshots).
	refresh func(ctx context.Context, api *processout.Client, id string) (*T, error)
	delete  func(ctx context.Context, api *processout.Client, id string) error
	// describe gives the object's creation time and the fingerprint of what
	// a create of it would have sent (every field, empty ones as "").
	describe func(*T) (createdAt time.Time, fp fingerprint)
}

// createWithID runs create, a create of the object with the ID id asking
// for want, and resolves its failure by reading the ID. It returns the
// object to store, or nil with the diagnostics said above.
func createWithID[T any](ctx context.Context, k callerIDKind[T], api *processout.Client, id string, want fingerprint,
	create apiCall[T], diags *diag.Diagnostics) *T {
	start := time.Now().UTC()
	created, err := create(ctx)
	if err == nil {
		return created
	}
	return k.claim(ctx, api, id, want, err, start, diags)
}

// claim resolves a failed create (createWithID).
func (k callerIDKind[T]) claim(ctx context.Context, api *processout.Client, id string, want fingerprint, createErr error, start time.Time, diags *diag.Diagnostics) *T {
	action := "create the " + k.object
	lost := createMayHaveHappened(createErr)
	if !lost && !isRefusal(createErr) {
		addAPIError(diags, action, createErr, k.attributes)
		return nil
	}
	// The object may have been made a moment ago (by this create, or by
	// another just before it), and not be readable yet: a not-found is read
	// again for a few seconds (read_settled.go).
	found, err := readSettled(ctx, types.StringNull(), func(ctx context.Context) (*T, error) { return k.get(ctx, api, id) })
	switch {
	case err != nil && lost:
		reading := fmt.Sprintf("reading the %s %q right after found none", k.object, id)
		if !processout.IsNotFound(err) {
			reading = fmt.Sprintf("reading the %s %q to find out failed too (%v)", k.object, id, err)
		}
		diags.AddError("Cannot "+action, fmt.Sprintf("%v\n\nProcessOut may have made the %s before its answer was lost, and %s. "+
			"Nothing was saved in state. The ID is chosen by this configuration, so no second %s can be made: the next apply creates it again and, "+
			"if ProcessOut did make it, meets \"already exists\", reads it and takes it into state when its values are the declared ones. "+
			"Running the same command again is safe.", createErr, k.object, reading, k.object))
		return nil
	case err != nil:
		addAPIError(diags, action, createErr, k.attributes)
		return nil
	}
	createdAt, got := k.describe(found)
	if diffs := differences(want, got); len(diffs) > 0 {
		diags.AddAttributeError(path.Root("id"), fmt.Sprintf("A %s with this ID already exists", k.object),
			fmt.Sprintf("ProcessOut already holds a %s with the ID %q, with other values than this configuration declares:\n%s\n"+
				"It was not changed, and not taken into state. If it is the %s this configuration means, import it "+
				"(`terraform import <address> %s`, or an `import` block with id = %q): the next plan then shows what differs. Otherwise choose another ID.\n\n"+
				"ProcessOut's answer to the create: %v", k.object, id, strings.Join(diffs, "\n"), k.object, id, id, createErr))
		return nil
	}
	if createdAt.Before(start.Add(-lostCreateSkew)) {
		diags.AddWarning(fmt.Sprintf("Existing %s taken into state", k.object),
			fmt.Sprintf("ProcessOut already held the %s %q, created at %s, before this create began, with exactly the values this configuration declares, "+
				"so it was taken into state instead of being made again: most likely the create of an earlier run whose answer was lost, "+
				"or the same %s made elsewhere. Terraform now manages it, and deletes it with this resource; if it must outlive this configuration, "+
				"remove it from state (`terraform state rm <address>`).", k.object, id, createdAt.Format(time.RFC3339), k.object))
	}
	return found
}

// isRefusal reports whether err is ProcessOut refusing the request (a 4xx
// other than authentication, rate limiting and not-found), as it refuses a
// second object with an ID already taken: the code of that refusal is
// undocumented (400 request.validation.invalid-id in the emulator), so any
// refusal is checked.
func isRefusal(err error) bool {
	var apiErr *processout.Error
	return errors.As(err, &apiErr) && apiErr.Kind() == processout.KindValidation
}

// differences lists the fields of want that the object's fingerprint got
// does not share, one line each.
func differences(want, got fingerprint) []string {
	var out []string
	for _, field := range slices.Sorted(maps.Keys(want)) {
		if got[field] != want[field] {
			out = append(out, fmt.Sprintf("  - %s: this configuration declares %s, ProcessOut holds %s", field, shown(want[field]), shown(got[field])))
		}
	}
	return out
}

// shown writes a fingerprint entry in a diagnostic: metadata as its JSON.
func shown(v string) string {
	switch {
	case v == "" || v == "{}":
		return "none"
	case strings.HasPrefix(v, "{"):
		return v
	}
	return fmt.Sprintf("%q", v)
}

// derefString is a fingerprint entry of an optional text: "" when absent.
func derefString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// metadataEntry is a fingerprint entry of metadata: {} when there is none.
func metadataEntry(m map[string]string) string {
	if m == nil {
		m = map[string]string{}
	}
	return canonicalJSON(m)
}

// read is the Read of the kind's resource: the object of its ID, read again
// while young (read_settled.go). It is nil when the object is gone (the
// resource is dropped from state, so the plan re-creates it) or the read
// failed (reported).
func (k callerIDKind[T]) read(ctx context.Context, api *processout.Client, id string, createdAt types.String, resp *resource.ReadResponse) *T {
	found, err := readSettled(ctx, createdAt, func(ctx context.Context) (*T, error) { return k.refresh(ctx, api, id) })
	if goneOrFailed(ctx, resp, k.object, id, err) {
		return nil
	}
	return found
}
