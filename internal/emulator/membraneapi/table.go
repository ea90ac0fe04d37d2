package membraneapi

import (
	"net/http"
	"regexp"
	"strings"
)

// opKind is what an action's output looks like.
type opKind int

const (
	opObject opKind = iota // the object under ResponseKey
	opList                 // {items, has_more, total_count}
	opDelete               // {deleted: true, id}
	opSaved                // {saved: true}: ProcessOut answers the write with no object
)

// opSpec is one row of the ProcessOut action table: a ProcessOut REST
// operation exposed as a Membrane action. See ACTIONS.md for the contract.
type opSpec struct {
	Key, Name, Description string
	Method, Path           string // Path is a template with {placeholders}
	ResponseKey            string // e.g. "customer", or "customers" for lists
	Kind                   opKind
	InputSchema            map[string]any
}

// verb is one operation a resource offers.
type verb string

const (
	verbList   verb = "list"
	verbGet    verb = "get"
	verbCreate verb = "create"
	verbUpdate verb = "update"
	verbDelete verb = "delete"
	// verbSave creates or replaces a singleton (PUT), answered with no object.
	verbSave verb = "save"
)

// resource describes a ProcessOut resource; processOutActions expands each
// (resource, verb) pair into an opSpec.
type resource struct {
	noun, nouns      string // "webhook endpoint", "webhook endpoints"
	objKey, listKey  string // response keys: "webhook_endpoint", "webhook_endpoints"
	collection, item string // "/webhook-endpoints", "/webhook-endpoints/{id}"
	create           string // create path when not the collection
	fields           map[string]any
	createRequired   []string
	note             string // appended to every description
	verbs            []verb
	// listObject: the list answer is one object under listKey, not a page
	// of items, and the list action outputs it as an object action does.
	listObject bool
}

func str(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }
func boolean(desc string) map[string]any {
	return map[string]any{"type": "boolean", "description": desc}
}
func obj(desc string) map[string]any { return map[string]any{"type": "object", "description": desc} }
func arr(desc string) map[string]any {
	return map[string]any{"type": "array", "description": desc, "items": map[string]any{}}
}

var customerFields = map[string]any{
	"email": str("Email address"), "first_name": str("First name"), "last_name": str("Last name"),
	"company_name": str("Company name"), "address1": str("Address line 1"), "address2": str("Address line 2"),
	"city": str("City"), "state": str("State"), "zip": str("ZIP code"), "country_code": str("ISO 3166-1 alpha-2 country"),
	"ip_address": str("IPv4 or IPv6 address"), "phone_number": str("Phone number"), "phone": obj("{number, dialing_code}"),
	"legal_document": str("Legal document number"), "date_of_birth": str("Date of birth"), "sex": str("male or female"),
	"is_business": boolean("Business customer"), "metadata": obj("String to string map"),
	"balance": str("Decimal balance"), "currency": str("ISO 4217 currency (create only)"),
	"reference_id": str("Merchant reference (create only)"), "default_token_id": str("Default token (update only)"),
	"registered_at": str("Registration time"),
}

var gatewayConfigurationFields = map[string]any{
	"name": str("Display name"), "enabled": boolean("Enabled"), "default_currency": str("ISO 4217 currency"),
	"processing_region": str("Processing region"), "metadata": obj("String to string map"),
	"settings": obj("Gateway credentials (write-only, never returned)"), "sub_accounts_enabled": arr("Sub-account names"),
}

var productFields = map[string]any{
	"name": str("Name"), "amount": str("Decimal amount, such as 19.99"), "currency": str("ISO 4217 currency"),
	"metadata": obj("String to string map"), "return_url": str("URL after payment"), "cancel_url": str("URL after a cancelled payment"),
}

var projectFields = map[string]any{
	"name": str("Name"), "default_currency": str("ISO 4217 currency"), "logo_url": str("Logo URL"),
	"email": str("Contact email"), "dunning_configuration": arr("[{action, delay_in_days}]"),
}

var planFields = map[string]any{
	"id": str("Caller-chosen id (create only)"), "name": str("Name"), "amount": str("Decimal amount (create only)"),
	"currency": str("ISO 4217 currency (create only)"), "interval": str("Billing interval such as 1m (create only)"),
	"trial_period": str("Trial period such as 1w"), "metadata": obj("String to string map"),
	"return_url": str("URL after subscribing"), "cancel_url": str("URL after cancelling"),
}

var couponFields = map[string]any{
	"id": str("Caller-chosen id (create only)"), "amount_off": str("Decimal amount off (create only)"),
	"percent_off":     map[string]any{"type": "integer", "description": "Percent off, 0 to 100 (create only)"},
	"currency":        str("ISO 4217 currency of amount_off (create only)"),
	"iteration_count": map[string]any{"type": "integer", "description": "Billing cycles the discount lasts; 0 forever (create only)"},
	"max_redemptions": map[string]any{"type": "integer", "description": "Most redemptions; 0 no limit (create only)"},
	"expires_at":      str("Expiry time (create only)"), "metadata": obj("String to string map"),
}

var resources = []resource{
	{noun: "customer", nouns: "customers", objKey: "customer", listKey: "customers",
		collection: "/customers", item: "/customers/{id}", fields: customerFields,
		verbs: []verb{verbList, verbGet, verbCreate, verbUpdate, verbDelete}},
	{noun: "webhook endpoint", nouns: "webhook endpoints", objKey: "webhook_endpoint", listKey: "webhook_endpoints",
		collection: "/webhook-endpoints", item: "/webhook-endpoints/{id}",
		fields:         map[string]any{"url": str("Destination URL"), "events_whitelist": arr("Event names; empty means all events")},
		createRequired: []string{"url"}, note: "Non-public ProcessOut API convention.",
		verbs: []verb{verbList, verbGet, verbCreate, verbUpdate, verbDelete}},
	{noun: "gateway configuration", nouns: "gateway configurations", objKey: "gateway_configuration", listKey: "gateway_configurations",
		collection: "/gateway-configurations", item: "/gateway-configurations/{id}",
		create: "/gateways/{gateway_name}/gateway-configurations", fields: gatewayConfigurationFields,
		note:  "Settings are write-only and never returned.",
		verbs: []verb{verbList, verbGet, verbCreate, verbUpdate, verbDelete}},
	{noun: "product", nouns: "products", objKey: "product", listKey: "products",
		collection: "/products", item: "/products/{id}", fields: productFields,
		createRequired: []string{"name", "amount", "currency"}, note: "The url (payment link) is read-only.",
		verbs: []verb{verbList, verbGet, verbCreate, verbUpdate, verbDelete}},
	{noun: "project", nouns: "projects", objKey: "project", item: "/projects/{project_id}", fields: projectFields,
		note:  "project_id defaults to the connected project.",
		verbs: []verb{verbGet, verbUpdate}},
	{noun: "supervised project", nouns: "supervised projects", objKey: "project", listKey: "projects",
		collection: "/supervised-projects",
		fields: map[string]any{"id": str("Id"), "name": str("Name"), "default_currency": str("ISO 4217 currency"),
			"dunning_configuration": arr("[{action, delay_in_days}]"), "applepay_settings": obj("Apple Pay settings"),
			"public_metadata": obj("Public metadata")},
		createRequired: []string{"name"}, note: "The created project carries its private_key.",
		verbs: []verb{verbList, verbCreate}},
	{noun: "plan", nouns: "plans", objKey: "plan", listKey: "plans",
		collection: "/plans", item: "/plans/{id}", fields: planFields,
		createRequired: []string{"id", "name", "amount", "currency", "interval"}, note: "Dropped from ProcessOut's Node SDK 11.",
		verbs: []verb{verbList, verbGet, verbCreate, verbUpdate, verbDelete}},
	{noun: "coupon", nouns: "coupons", objKey: "coupon", listKey: "coupons",
		collection: "/coupons", item: "/coupons/{id}", fields: couponFields,
		createRequired: []string{"id"}, note: "Dropped from ProcessOut's Node SDK 11.",
		verbs: []verb{verbList, verbGet, verbCreate, verbUpdate, verbDelete}},
	{noun: "project sftp settings", objKey: "sftp_settings", item: "/projects/{project_id}/sftp-settings",
		fields: map[string]any{"endpoint": str("host:port"), "username": str("User name"),
			"password": str("Password (write-only; or private_key)"), "private_key": str("Base64 private key (write-only; or password)")},
		note:  "The payout export server; project_id defaults to the connected project. Credentials are never returned.",
		verbs: []verb{verbGet, verbSave, verbDelete}},
	{noun: "gateway", nouns: "gateways", objKey: "gateway", listKey: "gateways",
		collection: "/gateways", item: "/gateways/{gateway_name}", note: "Catalog of payment gateways.",
		verbs: []verb{verbList, verbGet}},
	{noun: "Apple Pay alternative merchant certificate", nouns: "Apple Pay alternative merchant certificates",
		objKey: "alternative_merchant_certificate", listKey: "applepay_certificates",
		collection: "/projects/applepay/alternative-merchant-certificates", item: "/projects/applepay/alternative-merchant-certificates/{id}",
		note:  "The authenticated project's; the list is one object {count, alternative_merchant_certificates}.",
		verbs: []verb{verbList, verbCreate, verbDelete}, listObject: true},
}

// listInput is the input every list action accepts.
var listInput = map[string]any{
	"limit":       map[string]any{"type": "integer", "description": "Page size, 1 to 100 (default 10)"},
	"start_after": str("Return items after this id"), "end_before": str("Return items before this id"),
	"order": str("asc or desc (default desc)"), "filter": str("ProcessOut filter"),
	"expand": arr("Sub-objects to expand"),
}

var idempotencyInput = map[string]any{"idempotencyKey": str("Sent upstream as the Idempotency-Key header")}

var placeholderRE = regexp.MustCompile(`\{([a-z_]+)\}`)

// placeholders lists a path template's placeholder names.
func placeholders(path string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

// pathDefaults are placeholders filled from the connection when absent.
var pathDefaults = map[string]func(Connection) string{
	"project_id": func(c Connection) string { return strings.TrimPrefix(c.ProjectID, "test-") },
}

// processOutActions expands the resource table into the action table.
func processOutActions() []opSpec {
	var specs []opSpec
	for _, res := range resources {
		for _, v := range res.verbs {
			specs = append(specs, res.spec(v))
		}
	}
	return specs
}

func (res resource) spec(v verb) opSpec {
	noun := res.noun
	s := opSpec{Kind: opObject, ResponseKey: res.objKey}
	var desc string
	var props []map[string]any
	switch v {
	case verbList:
		noun = res.nouns
		s.Method, s.Path, s.Kind, s.ResponseKey = http.MethodGet, res.collection, opList, res.listKey
		desc, props = "List "+res.nouns+", newest first, one page at a time.", []map[string]any{listInput}
		if res.listObject {
			s.Kind, desc, props = opObject, "List "+res.nouns+" in one answer.", nil
		}
	case verbGet:
		s.Method, s.Path = http.MethodGet, res.item
		desc, props = "Get a "+res.noun+".", []map[string]any{{"expand": arr("Sub-objects to expand")}}
	case verbCreate:
		s.Method, s.Path = http.MethodPost, res.collection
		if res.create != "" {
			s.Path = res.create
		}
		desc, props = "Create a "+res.noun+".", []map[string]any{res.fields, idempotencyInput}
	case verbUpdate:
		s.Method, s.Path = http.MethodPut, res.item
		desc, props = "Update a "+res.noun+"; send the full desired state.", []map[string]any{res.fields, idempotencyInput}
	case verbDelete:
		s.Method, s.Path, s.Kind = http.MethodDelete, res.item, opDelete
		desc, props = "Delete a "+res.noun+".", []map[string]any{idempotencyInput}
	case verbSave:
		s.Method, s.Path, s.Kind = http.MethodPut, res.item, opSaved
		desc, props = "Create or replace the "+res.noun+"; send the full desired state.", []map[string]any{res.fields, idempotencyInput}
	}
	s.Key = string(v) + "-" + strings.ReplaceAll(strings.ToLower(noun), " ", "-")
	s.Name = strings.ToUpper(string(v[:1])) + string(v[1:]) + " " + noun
	s.Description = strings.TrimSpace(desc + " " + res.note)

	properties := map[string]any{}
	for _, p := range props {
		for k, schema := range p {
			properties[k] = schema
		}
	}
	required := []string{}
	for _, name := range placeholders(s.Path) {
		properties[name] = str("Path parameter " + name)
		if pathDefaults[name] == nil {
			required = append(required, name)
		}
	}
	if v == verbCreate {
		required = append(required, res.createRequired...)
	}
	s.InputSchema = map[string]any{"type": "object", "properties": properties, "required": required}
	return s
}
