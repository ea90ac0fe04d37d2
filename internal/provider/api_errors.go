package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/membrane"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// addAPIError reports a failed call. ProcessOut's field errors become
// attribute diagnostics when the field is one of the resource's attributes,
// so the CLI points at the line to fix.
func addAPIError(diags *diag.Diagnostics, action string, err error, attributes map[string]bool) {
	summary := "Cannot " + action
	var apiErr *processout.Error
	var me *membrane.Error
	var decodeErr *processout.DecodeError
	switch {
	case processout.IsApplePayNotConfigured(err):
		diags.AddError(summary+": Apple Pay is not set up for this project", applePayNotConfiguredDetail(err))
	case errors.As(err, &apiErr) && apiErr.Kind() == processout.KindValidation && len(apiErr.InvalidFields) > 0:
		for _, f := range apiErr.InvalidFields {
			detail := fmt.Sprintf("ProcessOut rejected %s: %s (%s).", f.Name, f.Message, apiErr.Type)
			// "url", "settings.secret_key", "events_whitelist[0]": the
			// attribute is the name up to the first dot or bracket.
			if root := strings.FieldsFunc(f.Name, func(r rune) bool { return r == '.' || r == '[' }); len(root) > 0 && attributes[root[0]] {
				diags.AddAttributeError(path.Root(root[0]), summary, detail)
			} else {
				diags.AddError(summary, detail)
			}
		}
	case errors.As(err, &apiErr) && apiErr.Kind() == processout.KindNotServed:
		diags.AddError(summary, notServedDetail(apiErr))
	case errors.As(err, &apiErr) && apiErr.Kind() == processout.KindAuthentication:
		diags.AddError(summary, fmt.Sprintf("%v\nProcessOut did not accept the credentials: check project_id/project_secret, or the ProcessOut credentials stored on the Membrane connection.", err))
	case errors.As(err, &apiErr) && apiErr.Kind() == processout.KindRateLimited:
		diags.AddError(summary, fmt.Sprintf("%v\nProcessOut kept rate limiting the calls; retry later, lower -parallelism, or raise max_retries.", err))
	case errors.As(err, &apiErr) && apiErr.Kind() == processout.KindServer:
		diags.AddError(summary, fmt.Sprintf("%v\nProcessOut (or a gateway in front of it) kept failing; the call was retried as max_retries allows. "+
			"Running the same command again later is safe: an update or delete that may have been carried out is read back "+
			"by the next run, which carries on from what ProcessOut holds.", err))
	case errors.As(err, &me) && me.IsAuthentication():
		diags.AddError(summary, fmt.Sprintf("%v\nMembrane did not accept the token; mint a fresh one (`membrane token`) or check the workspace credentials.", err))
	case errors.As(err, &decodeErr), httpx.IsTooLarge(err):
		diags.AddError(summary, fmt.Sprintf("%v\nThis is not an answer the ProcessOut API gives: check that processout_api_url (direct transport) "+
			"or the Membrane connection points at ProcessOut's API. If it does, ProcessOut or a proxy in between is failing; try again later.", err))
	case unansweredHint(err) != "":
		diags.AddError(summary, err.Error()+".\n"+unansweredHint(err))
	default:
		diags.AddError(summary, err.Error())
	}
}

// unansweredHint is what to do about a call that met no usable answer: a
// refused connection, or a retry budget spent without an answer; "" for
// any other error.
func unansweredHint(err error) string {
	var giveUp *httpx.GiveUpError
	switch {
	case httpx.IsRefused(err):
		return "Nothing listens there: check the URL (its host and port) and that the API, or the proxy or emulator in front of it, is running and reachable from here."
	case errors.As(err, &giveUp) && giveUp.Budget > 0:
		return fmt.Sprintf("No usable answer came within the call's retry budget of %s: the API may be down, or slower than request_timeout allows. "+
			"Raise %s to wait longer. Running the same command again later is safe: a change that may have been carried out "+
			"is read back by the next run.", giveUp.Budget, orEnv(&settingRetryBudget))
	}
	return ""
}

// hintLine is unansweredHint(err) as a paragraph of its own, or "".
func hintLine(err error) string {
	if hint := unansweredHint(err); hint != "" {
		return "\n\n" + hint
	}
	return ""
}
