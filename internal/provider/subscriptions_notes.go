package provider

import "fmt"

// What the pages of processout_plan and processout_coupon say of both.

// legacySubscriptionsNote is the warning of the plan and coupon pages.
const legacySubscriptionsNote = "~> ProcessOut's newest Node SDK (11) dropped plans and coupons as \"unsupported features\", while its Go and " +
	"Python SDKs still ship them. Check that your project is still served them (Subscriptions in the dashboard) before declaring any. " +
	"If ProcessOut answers their routes with a 404 that names no object, or a 410 Gone, the provider stops with an error saying so, " +
	"removes nothing from state, and names the ways out: Membrane actions (`membrane_actions`), the dashboard, or a `removed` block."

// callerIDNote says what a caller-chosen ID means for the lifecycle of
// the object (a "plan", a "coupon").
func callerIDNote(object string) string { return fmt.Sprintf(callerIDNoteFormat, object) }

const callerIDNoteFormat = "The ID is chosen here and is the %[1]s's identity in ProcessOut: a change of it, or of an attribute that cannot change, " +
	"deletes the %[1]s and creates it again with the same or the new ID (`create_before_destroy` cannot keep an ID: the new %[1]s would meet " +
	"the old one's). A create that meets an existing %[1]s with this ID (the retry of a create whose answer was lost) takes it into state " +
	"when every declared value matches it, and fails naming the differences otherwise; the existing %[1]s is never changed by that create."
