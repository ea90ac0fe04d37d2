package provider

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/processout/terraform-provider-processout/internal/membrane"
)

// checkRoutedActions lists the connection's actions, once per provider
// process and only when membrane_actions routes an operation, and reports
// every routed action the connection does not have: a typo would otherwise
// pass the plan and fail when its operation runs, perhaps during a destroy.
// A list that cannot be read leaves the routes unchecked, with a warning:
// the connection was just read, and the runs report their own errors.
func checkRoutedActions(ctx context.Context, mc *membrane.Client, connectionID string, routes map[string]string, diags *diag.Diagnostics) {
	if len(routes) == 0 {
		return
	}
	actions, err := mc.ListActions(ctx, connectionID, "")
	if err != nil {
		diags.AddAttributeWarning(path.Root(settingActions.attr), "Cannot check membrane_actions",
			fmt.Sprintf("%v\nThe routed actions were not checked; an action that does not exist fails when its operation runs.", err))
		return
	}
	ops := make([]string, 0, len(routes))
	for op := range routes {
		ops = append(ops, op)
	}
	slices.Sort(ops)
	for _, op := range ops {
		selector := routes[op]
		if slices.ContainsFunc(actions, func(a membrane.Action) bool { return actionSelects(a, selector) }) {
			continue
		}
		diags.AddAttributeError(path.Root(settingActions.attr).AtMapKey(op), "Unknown Membrane action in membrane_actions",
			fmt.Sprintf("membrane_actions routes %s to %q, but the Membrane connection %s has no action with that key or id, "+
				"so %s would fail when it runs (perhaps during a destroy).\n%s\n"+
				"The processout_membrane_actions data source lists the connection's actions and their keys "+
				"(or `membrane action list --connectionId %s --json`).",
				op, selector, connectionID, op, closestActions(selector, actions), connectionID))
	}
}

// actionSelects reports whether selector names the action the way Membrane
// resolves a run's selector: its id, its key, or "<integrationKey>.<key>"
// (docs.integration.app /reference/element-selectors, as the emulator's
// findAction does; any prefix when the list does not say which app).
func actionSelects(a membrane.Action, selector string) bool {
	if a.ID == selector || (a.Key != "" && a.Key == selector) {
		return true
	}
	app, key, qualified := strings.Cut(selector, ".")
	return qualified && a.Key != "" && key == a.Key && (a.IntegrationKey == "" || a.IntegrationKey == app)
}

// closestActions names the connection's action keys (ids for actions
// without one) nearest to selector.
func closestActions(selector string, actions []membrane.Action) string {
	names := make([]string, 0, len(actions))
	for _, a := range actions {
		names = append(names, cmp.Or(a.Key, a.ID))
	}
	if len(names) == 0 {
		return "The connection has no actions at all."
	}
	return "Closest action keys on the connection: " + quotedList(closest(selector, names, 3)) + "."
}

// quotedList is `"a", "b", "c"`.
func quotedList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(quoted, ", ")
}
