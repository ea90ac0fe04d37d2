package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
	_ resource.ResourceWithConfigure   = &ProductResource{}
	_ resource.ResourceWithImportState = &ProductResource{}
	_ resource.ResourceWithIdentity    = &ProductResource{}
)

// ProductResource manages a product: a price with a hosted payment link.
type ProductResource struct{ configured }

// ProductResourceModel is the resource's state: exactly the product's
// attributes.
type ProductResourceModel struct {
	productAttributes
}

// productFieldAttributes are the attributes ProcessOut's field errors may
// name.
var productFieldAttributes = map[string]bool{
	"name": true, "amount": true, "currency": true, "metadata": true, "return_url": true, "cancel_url": true,
}

// NewProductResource returns the resource.
func NewProductResource() resource.Resource { return &ProductResource{} }

// Metadata implements resource.Resource.
func (r *ProductResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_product"
}

const productRemovalTable = "## Removing an attribute\n\n" +
	"| Attribute | Removing it from the configuration |\n" +
	"|---|---|\n" +
	"| `name`, `amount`, `currency` | Not possible: they are required (*The argument \"amount\" is required*). Changing them updates the product in place. |\n" +
	"| `return_url`, `cancel_url` | Keeps the value ProcessOut holds; the plan shows no change and Terraform stops managing it. " + removalKeepsWhy + " |\n" +
	"| `metadata` | Clears it: the plan shows `null`, and the update sends `{}`: ProcessOut takes the map whole, so this is the same write as removing one entry. |\n"

// Schema implements resource.Resource.
func (r *ProductResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := stringplanmodifier.UseStateForUnknown()
	resp.Schema = schema.Schema{
		MarkdownDescription: "A product: a name and a price with a hosted payment link (`url`) that customers pay at; " +
			"each payment makes an invoice. Every argument can be changed in place: the product, its ID and its link stay.\n\n" +
			"~> ProcessOut documents products in its SDKs (Go, Node, Python) only, not in its API reference.\n\n" + productRemovalTable,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the product (`prod_…`), chosen by ProcessOut.",
				PlanModifiers: []planmodifier.String{useState},
			},
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Name shown to the customer.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
			"amount": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Price, as a decimal string such as `\"19.99\"`: above zero, with a dot and at most 4 decimals. " +
					"ProcessOut may answer the same number in another spelling (`\"19.9900\"`); that is no change.",
				Validators: []validator.String{validate.Amount()},
			},
			"currency": schema.StringAttribute{
				Required: true, MarkdownDescription: "ISO 4217 currency code of the price, such as `EUR`.",
				Validators: []validator.String{validate.Currency()},
			},
			"metadata": schema.MapAttribute{
				Optional: true, ElementType: types.StringType, MarkdownDescription: "Key/value metadata." + removalClearsMap,
				Validators: []validator.Map{mapvalidator.KeysAre(stringvalidator.LengthBetween(1, 255))},
			},
			"return_url": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Absolute `http(s)` URL the customer is sent to after paying." + removalKeeps,
				PlanModifiers: []planmodifier.String{useState},
				Validators:    []validator.String{validate.WebURL()},
			},
			"cancel_url": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Absolute `http(s)` URL the customer is sent to after cancelling the payment." + removalKeeps,
				PlanModifiers: []planmodifier.String{useState},
				Validators:    []validator.String{validate.WebURL()},
			},
			"url": schema.StringAttribute{
				Computed: true, MarkdownDescription: "The payment link: where customers pay for the product. Read-only.",
				PlanModifiers: []planmodifier.String{useState},
			},
			"sandbox": schema.BoolAttribute{
				Computed: true, MarkdownDescription: "Whether the product belongs to the sandbox (decided by the credentials in use).",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"project_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the project the product belongs to.",
				PlanModifiers: []planmodifier.String{useState},
			},
			"created_at": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Creation time (RFC 3339).",
				PlanModifiers: []planmodifier.String{useState},
			},
		},
	}
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *ProductResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("product")
}

// Create implements resource.Resource. The answer carries the product, so
// nothing is read back. ProcessOut chooses the ID, so a create whose answer
// is lost leaves a placeholder that the next run resolves (lost_create.go).
func (r *ProductResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan ProductResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	in := plan.input(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	fp := productFingerprint(in.Name, in.Amount, in.Currency, in.Metadata, in.ReturnURL, in.CancelURL)
	ctx, attempt := beginCreate(ctx, r.data.api, "product", fp)
	created, err := r.data.api.CreateProduct(ctx, in)
	if err != nil {
		attempt.failed(ctx, req, resp, err, productFieldAttributes, lostFoundNext("name, amount, currency, metadata and URLs"))
		return
	}
	plan.setFromAPI(created)
	saveObject(ctx, &resp.State, resp.Identity, &plan, created.ID, &resp.Diagnostics)
}

// Read implements resource.Resource. A product deleted out of band is
// dropped from state, so the plan re-creates it.
func (r *ProductResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state ProductResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	if found := readObject(ctx, lostProducts, importProduct, r.data, state.ID.ValueString(), state.CreatedAt, r.data.api.RefreshProduct, req, resp); found != nil {
		state.setFromAPI(found)
		saveObject(ctx, &resp.State, resp.Identity, &state, found.ID, &resp.Diagnostics)
	}
}

// Update implements resource.Resource: every field is sent, as the plan
// holds it.
func (r *ProductResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan ProductResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	in := plan.input(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) || refuseLostCreateUpdate(plan.ID.ValueString(), &resp.Diagnostics) {
		return
	}
	updated, err := r.data.api.UpdateProduct(ctx, plan.ID.ValueString(), in)
	if err != nil {
		addAPIError(&resp.Diagnostics, "update the product", err, productFieldAttributes)
		return
	}
	plan.setFromAPI(updated)
	saveObject(ctx, &resp.State, resp.Identity, &plan, updated.ID, &resp.Diagnostics)
}

// Delete implements resource.Resource. A product already gone is deleted.
func (r *ProductResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ProductResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	destroyObject(ctx, lostProducts, r.data.api, state.ID.ValueString(), r.data.api.DeleteProduct, req, &resp.Diagnostics)
}

// ImportState implements resource.ResourceWithImportState: by ID and by
// identity.
func (r *ProductResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObject(ctx, importProduct, req, resp)
}

// input is the product as the create and update calls send it. The URLs
// are those the plan holds: the configuration's, or, once removed from it,
// the ones ProcessOut holds (sent again, never cleared).
func (m ProductResourceModel) input(ctx context.Context, diags *diag.Diagnostics) processout.ProductInput {
	return processout.ProductInput{
		Name:      m.Name.ValueString(),
		Amount:    m.Amount.ValueString(),
		Currency:  m.Currency.ValueString(),
		Metadata:  stringMap(ctx, m.Metadata, diags),
		ReturnURL: optionalString(m.ReturnURL),
		CancelURL: optionalString(m.CancelURL),
	}
}

// setFromAPI takes the product's values as ProcessOut returned them,
// keeping the prior spelling of the same amount and the prior form of an
// empty metadata map.
func (m *ProductResourceModel) setFromAPI(p *processout.Product) {
	prior := m.productAttributes
	m.productAttributes = newProductAttributes(p)
	m.Amount = amountAsConfigured(prior.Amount, m.Amount)
	m.Metadata = emptyAsConfigured(prior.Metadata, m.Metadata, types.MapNull(types.StringType))
}
