package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/processout/terraform-provider-processout/internal/httpx"
)

// logRetry is the HTTP client's retry hook: one INFO line per retry, so that
// TF_LOG=info shows a call that is being retried instead of minutes of
// silence. ctx is the call's, whose masks hide the client's secrets; the
// line carries no header or body.
func logRetry(ctx context.Context, r httpx.Retry) {
	msg := fmt.Sprintf("retrying %s (%s %s%s) after %s: attempt %d of %d in %s",
		r.Call.Operation, r.Call.Method, r.Call.URL.Host, r.Call.URL.Path, r.Reason, r.Attempt, r.MaxAttempts, r.Wait.Round(time.Millisecond))
	if r.Budget > 0 {
		msg += fmt.Sprintf(", %s of the %s retry_budget spent", r.Elapsed.Round(time.Millisecond), r.Budget)
	}
	tflog.Info(ctx, msg, map[string]any{
		"operation":    r.Call.Operation,
		"attempt":      r.Attempt,
		"max_attempts": r.MaxAttempts,
		"wait_ms":      r.Wait.Milliseconds(),
		"elapsed_ms":   r.Elapsed.Milliseconds(),
		"budget_ms":    r.Budget.Milliseconds(),
	})
}
