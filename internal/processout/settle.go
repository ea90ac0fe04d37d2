package processout

import (
	"context"
	"time"
)

// SettleDelays are the pauses before each new read of an object that
// ProcessOut says is gone while it may only be too new to be seen (a store
// that serves reads from replicas, the emulator's ReadLag reading): about
// four seconds in all.
var SettleDelays = []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second}

// ReadSettled reads with get and, while the answer is a not-found, reads
// again after each of SettleDelays; it returns the last answer. A
// cancelled ctx ends the pauses with the answer so far.
func ReadSettled[T any](ctx context.Context, get func(context.Context) (*T, error)) (*T, error) {
	found, err := get(ctx)
	for _, pause := range SettleDelays {
		if !IsNotFound(err) {
			break
		}
		timer := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			timer.Stop()
			return found, err
		case <-timer.C:
		}
		found, err = get(ctx)
	}
	return found, err
}
