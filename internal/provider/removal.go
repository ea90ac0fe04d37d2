package provider

// What removing an attribute from a resource's configuration does, said
// the same way in each attribute's description and in the resources'
// "Removing an attribute" tables (removal_test.go has a test per rule).
//
// The rule follows what ProcessOut allows. Text and code fields (names,
// currencies, regions, URLs, emails) are kept: ProcessOut takes a null
// field as "not provided", and whether an empty string clears one is
// unverified (it may be refused, as an invalid currency, or ignored), so
// the provider never tries and re-sends the value ProcessOut holds, which
// no reading of an update can lose. Collections are cleared: ProcessOut
// starts every object with them empty ({} or []), and the provider sends
// each whole on every update, so emptying one is the same write as removing
// one entry (an update that ProcessOut refuses or ignores fails the apply,
// loudly, and loses nothing). Required attributes cannot be removed. Credentials are never
// sent unless given: ProcessOut keeps those it holds.

const (
	removalKeeps = " Removing it from the configuration keeps the value ProcessOut holds: the plan shows no change, " +
		"and Terraform stops managing it (a value changed in the dashboard is read, never reverted)."
	removalClearsMap  = " Removing it from the configuration clears it in ProcessOut: the plan shows `null`, and the update sends `{}`."
	removalClearsList = " Removing it from the configuration clears it in ProcessOut: the plan shows `null`, and the update sends `[]`."
)

// removalKeepsWhy is the reason, in the tables, for the rows whose values
// are kept.
const removalKeepsWhy = "ProcessOut takes a `null` field as \"not provided\" and documents no value that clears these " +
	"(an empty string may be refused or ignored), so the provider never tries: it sends the value ProcessOut holds again with later updates."

const gatewayConfigurationRemovalTable = "## Removing an attribute\n\n" +
	"| Attribute | Removing it from the configuration |\n" +
	"|---|---|\n" +
	"| `gateway_name` | Not possible: it is required (*The argument \"gateway_name\" is required*). Changing it creates a new configuration. |\n" +
	"| `name`, `default_currency`, `processing_region` | Keeps the value ProcessOut holds; the plan shows no change and Terraform stops managing it. " + removalKeepsWhy + " |\n" +
	"| `metadata`, `sub_accounts_enabled` | Clears it: the plan shows `null`, and the update sends `{}` or `[]`: ProcessOut takes each collection whole, so this is the same write as removing one entry. |\n" +
	"| `enabled` | Enables the configuration: it returns to its default, `true`, and the plan shows `false -> true`. Keep `enabled = false` to keep it disabled. |\n" +
	"| `settings`, or `settings_wo` with `settings_wo_version` | Keeps the credentials ProcessOut holds: the update sends none, and `settings` leaves the state. |\n"

const projectRemovalTable = "## Removing an attribute\n\n" +
	"| Attribute | Removing it from the configuration |\n" +
	"|---|---|\n" +
	"| `name` | Not possible: ProcessOut requires a project name (*The argument \"name\" is required*). |\n" +
	"| `default_currency`, `logo_url`, `email` | Keeps the value ProcessOut holds; the plan shows no change and Terraform stops managing it. " + removalKeepsWhy + " |\n" +
	"| `dunning_configuration`, `public_metadata` | Clears it: the plan shows `null`, and the update sends `[]` or `{}`: ProcessOut takes each collection whole, so this is the same write as removing one entry. |\n" +
	"| `private_key` | Keeps the key in state: Terraform goes on reaching the project with it. |\n"
