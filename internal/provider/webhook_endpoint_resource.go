package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
	"github.com/processout/terraform-provider-processout/internal/validate"
)

var (
	_ resource.ResourceWithConfigure   = &WebhookEndpointResource{}
	_ resource.ResourceWithImportState = &WebhookEndpointResource{}
	_ resource.ResourceWithIdentity    = &WebhookEndpointResource{}
)

// WebhookEndpointResource manages a webhook endpoint.
type WebhookEndpointResource struct {
	objectResource[WebhookEndpointResourceModel, processout.WebhookEndpoint, *WebhookEndpointResourceModel]
}

// WebhookEndpointResourceModel is the resource's state.
type WebhookEndpointResourceModel struct {
	ID              types.String `tfsdk:"id"`
	URL             types.String `tfsdk:"url"`
	EventsWhitelist types.Set    `tfsdk:"events_whitelist"`
	Sandbox         types.Bool   `tfsdk:"sandbox"`
	ProjectID       types.String `tfsdk:"project_id"`
	CreatedAt       types.String `tfsdk:"created_at"`
}

// NewWebhookEndpointResource returns the resource.
func NewWebhookEndpointResource() resource.Resource {
	r := &WebhookEndpointResource{}
	r.what = "webhook endpoint"
	r.attributes = map[string]bool{"url": true, "events_whitelist": true}
	r.ops = objectOps[WebhookEndpointResourceModel, processout.WebhookEndpoint]{
		create: func(ctx context.Context, api *processout.Client, plan, _ *WebhookEndpointResourceModel) (*processout.WebhookEndpoint, error) {
			return api.CreateWebhookEndpoint(ctx, plan.input(ctx))
		},
		read: (*processout.Client).GetWebhookEndpoint,
		update: func(ctx context.Context, api *processout.Client, plan, _, _ *WebhookEndpointResourceModel) (*processout.WebhookEndpoint, error) {
			return api.UpdateWebhookEndpoint(ctx, plan.ID.ValueString(), plan.input(ctx))
		},
		remove: (*processout.Client).DeleteWebhookEndpoint,
	}
	return r
}

// Metadata implements resource.Resource.
func (r *WebhookEndpointResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook_endpoint"
}

// eventNamePattern is the event names ProcessOut accepts: a lower-case word
// and one or more dotted lower-case words, such as transaction.captured.
var eventNamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// Schema implements resource.Resource.
func (r *WebhookEndpointResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A URL ProcessOut posts events to (`transaction.captured`, `invoice.completed`, …).\n\n" +
			"~> ProcessOut documents no public API for webhook endpoints (they are set in the dashboard); this resource uses " +
			"the `/webhook-endpoints` convention described in the provider documentation.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the webhook endpoint.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"url": schema.StringAttribute{
				Required: true, MarkdownDescription: "Absolute `http` or `https` URL that receives the events.",
				Validators: []validator.String{validate.WebURL()},
			},
			"events_whitelist": schema.SetAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Names of the events delivered, such as `transaction.captured`. Omit it to receive every event.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.LengthAtMost(255), stringvalidator.RegexMatches(eventNamePattern,
						"must be an event name such as \"transaction.captured\" (lowercase words separated by dots)")),
				},
			},
			"sandbox": schema.BoolAttribute{
				Computed: true, MarkdownDescription: "Whether the endpoint belongs to the sandbox (decided by the credentials in use).",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"project_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the project the endpoint belongs to.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Creation time (RFC 3339).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *WebhookEndpointResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("webhook endpoint")
}

func (m WebhookEndpointResourceModel) input(ctx context.Context) processout.WebhookEndpointInput {
	return processout.WebhookEndpointInput{URL: m.URL.ValueString(), EventsWhitelist: stringSet(ctx, m.EventsWhitelist)}
}

func (m *WebhookEndpointResourceModel) objectID() string { return m.ID.ValueString() }

func (m *WebhookEndpointResourceModel) fill(w *processout.WebhookEndpoint) {
	m.ID = types.StringValue(w.ID)
	m.URL = types.StringValue(w.URL)
	m.EventsWhitelist = stringSetOrNull(w.EventsWhitelist)
	m.Sandbox = types.BoolValue(w.Sandbox)
	m.ProjectID = types.StringValue(w.ProjectID)
	m.CreatedAt = timeValue(w.CreatedAt)
}
