package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

var (
	_ resource.ResourceWithConfigure   = &ApplePayCertificateResource{}
	_ resource.ResourceWithImportState = &ApplePayCertificateResource{}
	_ resource.ResourceWithIdentity    = &ApplePayCertificateResource{}
	_ resource.ResourceWithModifyPlan  = &ApplePayCertificateResource{}
)

// ApplePayCertificateResource manages an Apple Pay alternative merchant
// certificate slot. ProcessOut reads these only as one list, so Read lists
// and looks for the ID; the create's lost answers are handled by
// applePaySlots.
type ApplePayCertificateResource struct{ configured }

// ApplePayCertificateResourceModel is the resource's state: the ID
// ProcessOut gave, and the keepers, which only Terraform holds.
type ApplePayCertificateResourceModel struct {
	ID      types.String `tfsdk:"id"`
	Keepers types.Map    `tfsdk:"keepers"`
}

// Private state keys: when this provider made (or found) the certificate,
// for readSettled (ProcessOut's answer has no creation time), and the mark
// of an import under way, whose missing certificate is an error, not a
// drift.
const (
	applePayCreatedKey   = "created_at"
	applePayImportingKey = "importing"
)

// NewApplePayCertificateResource returns the resource.
func NewApplePayCertificateResource() resource.Resource { return &ApplePayCertificateResource{} }

// Metadata implements resource.Resource.
func (r *ApplePayCertificateResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_applepay_alternative_merchant_certificate"
}

// Schema implements resource.Resource.
func (r *ApplePayCertificateResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An alternative Apple Pay merchant certificate of the project: a slot in which ProcessOut makes a key pair and a " +
			"certificate signing request (`POST /projects/applepay/alternative-merchant-certificates`).\n\n" +
			"~> This resource only makes the slot. The certificate itself is completed in the ProcessOut dashboard: download the CSR, " +
			"have Apple sign it in your Apple Developer account, upload the signed `.cer`, then activate it; ProcessOut uses a certificate " +
			"only once it is activated ([Apple Pay certificate management](https://docs.processout.com/docs/apple-pay-certificate-management)). " +
			"No API reads or writes the certificate, so Terraform never sees whether it was uploaded or activated.\n\n" +
			"Apple Pay must be set up for the project first; the plan fails otherwise. Destroying the resource deletes the slot and the " +
			"certificate uploaded to it.\n\n" +
			"A create sends nothing but the request itself, so a create whose answer is lost (a timeout, a 5xx after ProcessOut made the slot) " +
			"is told apart by time: the provider lists the certificates before each create and, when the answer is lost, takes the one certificate " +
			"listed afterwards that was not there before. When it cannot tell (none yet, or several, made meanwhile in the dashboard), it saves a " +
			"tainted placeholder, creates no other certificate in that run, and the next run settles it or stops and names the candidates. " +
			"Reading a certificate lists them all: ProcessOut has no call that reads one.\n\n" + applePayRemovalTable,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the certificate, chosen by ProcessOut.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"keepers": schema.MapAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Arbitrary values that, when one changes, replace the certificate: the plan deletes this slot (and the certificate " +
					"uploaded to it) and makes a new one, as `random_id`'s `keepers` do. Use it to rotate on a schedule, such as " +
					"`{ rotation = \"2026\" }`. Only Terraform holds them; ProcessOut never sees them. Adding keepers to a certificate that had none, " +
					"or removing them, replaces nothing: the plan shows an in-place update of the state alone, so an imported certificate can take keepers " +
					"without being deleted.",
				Validators: []validator.Map{
					mapvalidator.SizeAtLeast(1),
					mapvalidator.KeysAre(stringvalidator.LengthBetween(1, 255)),
				},
				PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplaceIf(keepersChanged,
					"Replaces the certificate when a keeper changes (not when keepers are added or removed).",
					"Replaces the certificate when a keeper changes (not when keepers are added or removed).")},
			},
		},
	}
}

// applePayRemovalTable is the resource's "Removing an attribute" table
// (removal.go): its one argument lives in state alone.
const applePayRemovalTable = "## Removing an attribute\n\n" +
	"| Attribute | Removing it from the configuration |\n" +
	"|---|---|\n" +
	"| `keepers` | Replaces nothing: the plan shows an in-place update of the state alone (nothing is sent to ProcessOut), and the certificate stays. " +
	"Only a change of a keeper's value, or of the set of keepers, replaces the certificate. |\n"

// keepersChanged replaces the certificate when keepers it had change to
// other keepers; adding or removing them is a change of state alone.
func keepersChanged(_ context.Context, req planmodifier.MapRequest, resp *mapplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull() && !req.PlanValue.IsNull()
}

// IdentitySchema implements resource.ResourceWithIdentity.
func (r *ApplePayCertificateResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema(applePayObject)
}

// ModifyPlan implements resource.ResourceWithModifyPlan: a plan that makes a
// certificate (a create, or a replacement) checks, once per run, that the
// project has Apple Pay set up and that the route is served.
func (r *ApplePayCertificateResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil || (!req.State.Raw.IsNull() && len(resp.RequiresReplace) == 0) {
		return // a destroy, an unconfigured provider, or no new certificate
	}
	if err := r.data.applePay.plan.check(ctx, r.data.api); err != nil {
		addAPIError(&resp.Diagnostics, "make an "+applePayObject, err, nil)
	}
}

// Create implements resource.Resource.
func (r *ApplePayCertificateResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan ApplePayCertificateResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	created := r.data.applePay.create(ctx, r.data.api, req, resp)
	if created == nil {
		return
	}
	plan.ID = types.StringValue(created.ID)
	setCreatedNow(ctx, resp.Private, &resp.Diagnostics)
	saveObject(ctx, &resp.State, resp.Identity, &plan, created.ID, &resp.Diagnostics)
}

// Read implements resource.Resource: the certificate is looked for in the
// list (the one the provider process's refreshes share, then one of its
// own). One the list no longer holds is dropped from state, so the plan
// makes a new one, unless it is new enough for the list to lag (it is read
// again first) or is being imported (an error).
func (r *ApplePayCertificateResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state ApplePayCertificateResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	id := state.ID.ValueString()
	if isLostCreateID(id) {
		found, ok := r.data.applePay.recoverLost(ctx, r.data.api, req.Private, id, &resp.Diagnostics)
		switch {
		case !ok:
		case found == "":
			setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
			resp.State.RemoveResource(ctx)
		default:
			resp.Diagnostics.Append(resp.Private.SetKey(ctx, lostCreatePrivateKey, nil)...)
			setCreatedNow(ctx, resp.Private, &resp.Diagnostics)
			state.ID = types.StringValue(found)
			saveObject(ctx, &resp.State, resp.Identity, &state, found, &resp.Diagnostics)
		}
		return
	}
	importing := hasPrivateKey(ctx, req.Private, applePayImportingKey, &resp.Diagnostics)
	_, err := readSettled(ctx, privateTime(ctx, req.Private, applePayCreatedKey, &resp.Diagnostics), func(ctx context.Context) (*processout.ApplePayCertificate, error) {
		return r.data.api.RefreshApplePayCertificate(ctx, id)
	})
	switch {
	case importing && processout.IsNotFound(err):
		resp.Diagnostics.AddError("Cannot import the "+applePayObject, fmt.Sprintf(
			"ProcessOut lists no alternative merchant certificate %q in this project. "+
				"The processout_applepay_alternative_merchant_certificates data source lists the IDs of the project's certificates.", id))
		return
	case processout.IsApplePayNotConfigured(err):
		// Not a missing certificate: the project has no Apple Pay at all,
		// and nothing leaves state for it.
		addAPIError(&resp.Diagnostics, "read the "+applePayObject, err, nil)
		return
	case goneOrFailed(ctx, resp, applePayObject, id, err):
		return
	}
	r.data.applePay.remember(id)
	if importing {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, applePayImportingKey, nil)...)
	}
	saveObject(ctx, &resp.State, resp.Identity, &state, id, &resp.Diagnostics)
}

// Update implements resource.Resource. Only keepers can change in place
// (added or removed), and they live in state alone: nothing is sent.
func (r *ApplePayCertificateResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan ApplePayCertificateResourceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() || refuseLostCreateUpdate(plan.ID.ValueString(), &resp.Diagnostics) {
		return
	}
	saveObject(ctx, &resp.State, resp.Identity, &plan, plan.ID.ValueString(), &resp.Diagnostics)
}

// Delete implements resource.Resource. A certificate already gone is
// deleted; a 404 that does not name the certificate kind is believed only
// once the list, read again, lacks the certificate (ProcessOut's code for
// an unknown certificate is not known).
func (r *ApplePayCertificateResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ApplePayCertificateResourceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() || !r.ready(&resp.Diagnostics) {
		return
	}
	id := state.ID.ValueString()
	if isLostCreateID(id) {
		found, ok := r.data.applePay.recoverLost(ctx, r.data.api, req.Private, id, &resp.Diagnostics)
		if !ok || found == "" {
			return
		}
		id = found
	}
	err := r.data.api.DeleteApplePayCertificate(ctx, id)
	if err == nil || processout.IsNotFound(err) {
		return
	}
	if processout.IsNotServed(err) && !processout.IsApplePayNotConfigured(err) {
		if _, findErr := r.data.api.FindApplePayCertificate(ctx, id); processout.IsNotFound(findErr) {
			return // the 404 said the certificate is gone, as the list does
		}
	}
	addAPIError(&resp.Diagnostics, "delete the "+applePayObject, err, nil)
}

// applePayCertificateID is what an ID must look like to be looked up: the
// real format is unknown (CONTRACT.md §24), so anything a ProcessOut ID
// could plausibly be, letters, digits, "_", "-" and ".", up to 255.
var applePayCertificateID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$`)

// ImportState implements resource.ResourceWithImportState: by ID and by
// identity. The ID is checked before anything is read, and the import is
// marked so that Read reports a certificate ProcessOut does not list.
func (r *ApplePayCertificateResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := req.ID
	if id == "" && req.Identity != nil {
		var identity idIdentity
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
		id = identity.ID.ValueString()
	}
	if !applePayCertificateID.MatchString(id) || isLostCreateID(id) {
		resp.Diagnostics.AddError("Invalid "+applePayObject+" ID", fmt.Sprintf(
			"%q is not the ID of a certificate: an ID is 1 to 255 letters, digits, underscores, hyphens or dots, starting with a letter or digit. "+
				"The processout_applepay_alternative_merchant_certificates data source lists the IDs of the project's certificates.", id))
		return
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, applePayImportingKey, []byte("true"))...)
	importByID(ctx, req, resp)
}

// setCreatedNow records the time this provider made or found the
// certificate, in private state.
func setCreatedNow(ctx context.Context, private interface {
	SetKey(context.Context, string, []byte) diag.Diagnostics
}, diags *diag.Diagnostics) {
	raw, _ := json.Marshal(time.Now().UTC().Format(time.RFC3339Nano))
	diags.Append(private.SetKey(ctx, applePayCreatedKey, raw)...)
}

// privateTime reads a time recorded by setCreatedNow; null when there is
// none (an imported certificate).
func privateTime(ctx context.Context, private privateGetter, key string, diags *diag.Diagnostics) types.String {
	raw, d := private.GetKey(ctx, key)
	diags.Append(d...)
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func hasPrivateKey(ctx context.Context, private privateGetter, key string, diags *diag.Diagnostics) bool {
	raw, d := private.GetKey(ctx, key)
	diags.Append(d...)
	return len(raw) > 0
}
