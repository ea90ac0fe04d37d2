package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// knownEvents are the webhook event names the provider knows ProcessOut
// fires. The list is what public sources name, not ProcessOut's own list,
// which it does not publish in full: a name outside it is warned about,
// never refused.
//
// Sources and confidence (verified: stated in ProcessOut's SDK code or its
// own documentation, as in internal/emulator/processoutapi/CONTRACT.md):
//   - transaction.captured, transaction.failed, invoice.completed,
//     invoice.pending: the event names of the ProcessOut API reference the
//     emulator's contract is drawn from (its §5c, Events), verified there
//     from the Go SDK's event model, the OAS event examples and the legacy
//     docs' _events.md.erb.
//   - transaction.requested, transaction.authorized, transaction.voided,
//     transaction.refunded, transaction.operation.refund.pending: the
//     "Transaction events" table of https://docs.processout.com/reference/events
//     [V: WEB]. The copy read stops after transaction.operation.refund.pending,
//     so the table may name more transaction events, and the page says other
//     resources fire events too: the list is incomplete.
var knownEvents = []string{
	"invoice.completed",
	"invoice.pending",
	"transaction.authorized",
	"transaction.captured",
	"transaction.failed",
	"transaction.operation.refund.pending",
	"transaction.refunded",
	"transaction.requested",
	"transaction.voided",
}

// eventNamePattern is the event names ProcessOut accepts: a lower-case word
// and one or more dotted lower-case words, such as transaction.captured.
var eventNamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// maxEventNameLength is the longest event name ProcessOut stores.
const maxEventNameLength = 255

// knownEventsMarkdown is the list for the schema's description.
func knownEventsMarkdown() string {
	quoted := make([]string, len(knownEvents))
	for i, e := range knownEvents {
		quoted[i] = "`" + e + "`"
	}
	return strings.Join(quoted, ", ")
}

// eventNames is the validator of events_whitelist: a name that cannot be an
// event name is an error, a well-formed one the provider does not know is
// a warning (ProcessOut would accept it and never fire it). Both say which
// name, as `events_whitelist: "transaction.*"`.
type eventNames struct{}

func (eventNames) Description(context.Context) string {
	return "each element is an event name, such as transaction.captured"
}

func (v eventNames) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (eventNames) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attr := req.Path.String()
	for _, elem := range req.ConfigValue.Elements() {
		s, ok := elem.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		name := s.ValueString()
		switch {
		case len(name) > maxEventNameLength:
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid event name",
				fmt.Sprintf("%s: %q is %d characters long; an event name has at most %d.", attr, shortened(name), len(name), maxEventNameLength))
		case !eventNamePattern.MatchString(name):
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid event name",
				fmt.Sprintf("%s: %q is not an event name: event names are lowercase words separated by dots, such as %q. "+
					"Wildcards are not accepted: list each event, or omit %s to receive every event.", attr, name, "transaction.captured", attr))
		case !slices.Contains(knownEvents, name):
			resp.Diagnostics.AddAttributeWarning(req.Path, "Unknown event name",
				fmt.Sprintf("%s: %q is not an event the provider knows ProcessOut fires, so the endpoint may never receive it. "+
					"The closest known events: %s.\nKnown events: %s.\nThe list comes from ProcessOut's public documentation, "+
					"which does not name every event: if ProcessOut does fire %q, ignore this warning.",
					attr, name, quotedList(closest(name, knownEvents, 2)), strings.Join(knownEvents, ", "), name))
		}
	}
}

// shortened is s cut to 40 characters, for quoting an over-long value.
func shortened(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
