package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
type WebhookEndpointResource struct{ configured }

// WebhookEndpointResourceModel is the resource's state: the endpoint's
// attributes and the operations' time limits.
type WebhookEndpointResourceModel struct {
	webhookEndpointAttributes
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// webhookEndpointFieldAttributes are the attributes ProcessOut's field errors may
// name.
var webhookEndpointFieldAttributes = map[string]bool{"url": true, "events_whitelist": true}

// NewWebhookEndpointResource returns the resource.
func NewWebhookEndpointResource() resource.Resource { return &WebhookEndpointResource{} }

// Metadata implements resource.Resource.
func (r *WebhookEndpointResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook_endpoint"
}

// Schema implements resource.Resource.
func (r *WebhookEndpointResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
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
				MarkdownDescription: "Names of the events delivered, such as `transaction.captured`. Omit it to receive every event. " +
					"Known events: " + knownEventsMarkdown() + ". ProcessOut documents no complete list: another lowercase dotted name " +
					"is accepted, with a warning at plan, since an event ProcessOut never fires is never delivered.",
				Validators: []validator.Set{setvalidator.SizeAtLeast(1), eventNames{}},
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
			"timeouts": timeoutsAttribute(ctx, "webhook endpoint"),
		},
	}
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *WebhookEndpointResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("webhook endpoint")
}

// Create implements resource.Resource. The answer carries the endpoint, so
// nothing is read back.
func (r *WebhookEndpointResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan WebhookEndpointResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	ctx, done := withTimeout(ctx, plan.Timeouts, opCreate, &resp.Diagnostics)
	defer done()
	in := plan.input(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	ctx, attempt := beginCreate(ctx, r.data.api, "webhook endpoint", webhookEndpointFingerprint(in.URL, in.EventsWhitelist))
	created, err := r.data.api.CreateWebhookEndpoint(ctx, in)
	if err != nil {
		attempt.failed(ctx, req, resp, err, webhookEndpointFieldAttributes, lostFoundNext("url and events_whitelist"))
		return
	}
	plan.setFromAPI(created)
	saveObject(ctx, &resp.State, resp.Identity, &plan, created.ID, &resp.Diagnostics)
}

// Read implements resource.Resource. An endpoint deleted out of band is
// dropped from state, so the plan re-creates it.
func (r *WebhookEndpointResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state WebhookEndpointResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	ctx, done := withTimeout(ctx, state.Timeouts, opRead, &resp.Diagnostics)
	defer done()
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	found := readObject(ctx, lostWebhookEndpoints, importWebhookEndpoint, r.data, state.ID.ValueString(), state.CreatedAt, r.data.api.RefreshWebhookEndpoint, req, resp)
	if found != nil {
		state.setFromAPI(found)
		saveObject(ctx, &resp.State, resp.Identity, &state, found.ID, &resp.Diagnostics)
	}
}

// Update implements resource.Resource.
func (r *WebhookEndpointResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan WebhookEndpointResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	ctx, done := withTimeout(ctx, plan.Timeouts, opUpdate, &resp.Diagnostics)
	defer done()
	in := plan.input(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) || refuseLostCreateUpdate(plan.ID.ValueString(), &resp.Diagnostics) ||
		updateOnlyTimeouts(ctx, req, resp, plan.ID.ValueString()) {
		return
	}
	updated, err := r.data.api.UpdateWebhookEndpoint(ctx, plan.ID.ValueString(), in)
	if err != nil {
		addAPIError(&resp.Diagnostics, "update the webhook endpoint", err, webhookEndpointFieldAttributes)
		return
	}
	plan.setFromAPI(updated)
	saveObject(ctx, &resp.State, resp.Identity, &plan, updated.ID, &resp.Diagnostics)
}

// Delete implements resource.Resource. An endpoint already gone is deleted.
func (r *WebhookEndpointResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state WebhookEndpointResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	ctx, done := withTimeout(ctx, state.Timeouts, opDelete, &resp.Diagnostics)
	defer done()
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	destroyObject(ctx, lostWebhookEndpoints, r.data.api, state.ID.ValueString(), r.data.api.DeleteWebhookEndpoint, req, &resp.Diagnostics)
}

// ImportState implements resource.ResourceWithImportState: by ID and by
// identity.
func (r *WebhookEndpointResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObject(ctx, importWebhookEndpoint, req, resp)
}

// input is the endpoint as the create and update calls send it.
func (m WebhookEndpointResourceModel) input(ctx context.Context, diags *diag.Diagnostics) processout.WebhookEndpointInput {
	return processout.WebhookEndpointInput{URL: m.URL.ValueString(), EventsWhitelist: stringSet(ctx, m.EventsWhitelist, diags)}
}

// setFromAPI takes the endpoint's values as ProcessOut returned them.
func (m *WebhookEndpointResourceModel) setFromAPI(w *processout.WebhookEndpoint) {
	m.webhookEndpointAttributes = newWebhookEndpointAttributes(w)
}
