package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// A store that serves reads from replicas may not find an object for a
// moment after creating it (the emulator's ReadLag reading). Taking that
// "not found" at its word would drop the object from state, and the next
// apply would create a second one. So an object created less than
// settleWindow ago is read again a few times (processout.SettleDelays)
// before it counts as gone.
const settleWindow = time.Minute

// readSettled reads an object with get; createdAt is its creation time as
// state holds it (RFC 3339). It is null only while an import reads the
// object for the first time: an object the user says exists may be just as
// new, so it is read again too.
func readSettled[T any](ctx context.Context, createdAt types.String, get func(context.Context) (*T, error)) (*T, error) {
	if !createdWithin(createdAt, settleWindow, time.Now()) {
		return get(ctx)
	}
	return processout.ReadSettled(ctx, get)
}

// createdWithin reports whether createdAt is less than window before now (a
// time after now, from a clock ahead of ours, counts as recent; an unknown
// creation time, as in an import, may be recent).
func createdWithin(createdAt types.String, window time.Duration, now time.Time) bool {
	if createdAt.IsNull() || createdAt.IsUnknown() {
		return true
	}
	t, err := time.Parse(time.RFC3339Nano, createdAt.ValueString())
	return err == nil && now.Sub(t) < window
}
