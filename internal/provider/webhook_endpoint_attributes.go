package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// webhookEndpointAttributes are a webhook endpoint's values as Terraform
// holds them: the processout_webhook_endpoint resource's model embeds them,
// and they are one element of processout_webhook_endpoints.
type webhookEndpointAttributes struct {
	ID              types.String `tfsdk:"id"`
	URL             types.String `tfsdk:"url"`
	EventsWhitelist types.Set    `tfsdk:"events_whitelist"`
	Sandbox         types.Bool   `tfsdk:"sandbox"`
	ProjectID       types.String `tfsdk:"project_id"`
	CreatedAt       types.String `tfsdk:"created_at"`
}

// newWebhookEndpointAttributes converts an API webhook endpoint.
func newWebhookEndpointAttributes(w *processout.WebhookEndpoint) webhookEndpointAttributes {
	return webhookEndpointAttributes{
		ID:              types.StringValue(w.ID),
		URL:             types.StringValue(w.URL),
		EventsWhitelist: eventsWhitelistValue(w.EventsWhitelist),
		Sandbox:         types.BoolValue(w.Sandbox),
		ProjectID:       stringOrNull(w.ProjectID),
		CreatedAt:       timeValue(w.CreatedAt),
	}
}

// eventsWhitelistValue is the one collection that is null when ProcessOut
// holds none: null is "every event", and the resource refuses an empty set
// (which reads as "no event"), so that a listed endpoint's whitelist can be
// fed back into processout_webhook_endpoint (the for_each adoption pattern).
func eventsWhitelistValue(events []string) types.Set {
	if len(events) == 0 {
		return types.SetNull(types.StringType)
	}
	return stringSetValue(events)
}

// webhookEndpointDataSourceAttributes is the read-only schema of
// webhookEndpointAttributes.
func webhookEndpointDataSourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":               computedString("ID of the webhook endpoint."),
		"url":              computedString("URL that receives the events."),
		"events_whitelist": computedStringSet("Names of the events delivered, such as `transaction.captured`; null when every event is delivered."),
		"sandbox":          computedBool("Whether the endpoint belongs to the sandbox."),
		"project_id":       computedString("ID of the project the endpoint belongs to."),
		"created_at":       computedString("Creation time (RFC 3339)."),
	}
}
