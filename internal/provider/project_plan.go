package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// projectResourceDescription is the resource's documentation: what the
// private key is for and where the calls go.
const projectResourceDescription = "A ProcessOut project supervised by the connected project (`POST /supervised-projects`).\n\n" +
	"The project's `private_key` is returned only when the project is created; it is kept in state as a sensitive value. " +
	"Reads, updates and destroys authenticate **as the supervised project** with it, straight to ProcessOut's API " +
	"(`processout_api_url`, default `https://api.processout.com`, under the Membrane transport too: Membrane cannot carry " +
	"another project's credentials), so they can never reach the connected project or any other. " +
	"An answer about another project than the one in state is an error and nothing is saved.\n\n" +
	"After an import the key is **null**: the project is read from the connected project's supervised projects, " +
	"and a plan that would update or destroy it fails until `private_key` is set in its configuration " +
	"(or the project is taken out of state with `terraform state rm`, or a `removed` block with `destroy = false`).\n\n" + projectRemovalTable

// ModifyPlan implements resource.ResourceWithModifyPlan: a plan that would
// update or destroy the project without its private key fails here, before
// anything is applied. A create may not be given a key: ProcessOut makes
// the project's own.
func (r *ProjectResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	keyPath := path.Root("private_key")
	var configured, stored types.String
	if !req.Config.Raw.IsNull() {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, keyPath, &configured)...)
	}
	if req.State.Raw.IsNull() {
		if !configured.IsNull() {
			resp.Diagnostics.AddAttributeError(keyPath, "private_key set on a project to create",
				"ProcessOut gives a new project its own private key, which the provider keeps in state. Set private_key only on a project "+
					"imported into Terraform; remove it from this resource's configuration to create the project.")
		}
		return
	}
	if !req.Plan.Raw.IsNull() && (req.Plan.Raw.Equal(req.State.Raw) || onlyTimeoutsChange(req.Plan.Raw, req.State.Raw)) {
		return // nothing to change in ProcessOut: nothing to authenticate
	}
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, keyPath, &stored)...)
	var id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	switch {
	case !stored.IsNull():
	case req.Plan.Raw.IsNull():
		addNoPrivateKey(&resp.Diagnostics, id.ValueString(), "destroy")
	case configured.IsNull():
		addNoPrivateKey(&resp.Diagnostics, id.ValueString(), "update")
	}
}

// addNoPrivateKey is the refusal to update or destroy a project whose
// private key Terraform does not hold, with the ways out.
func addNoPrivateKey(diags *diag.Diagnostics, id, action string) {
	supply := "Set private_key in this resource's configuration to the project's secret key (sensitive, for example `private_key = var.project_key`) and apply."
	add := func(summary, detail string) { diags.AddAttributeError(path.Root("private_key"), summary, detail) }
	if action == "destroy" {
		// A destroy plan has no configuration to point at.
		supply = "To delete it, first set private_key in its resource block to the project's secret key " +
			"(sensitive, for example `private_key = var.project_key`) and apply, which keeps the key in state; then destroy."
		add = diags.AddError
	}
	add(fmt.Sprintf("Cannot %s project %s without its private key", action, id),
		fmt.Sprintf("Terraform holds no private key for supervised project %s (it was imported; ProcessOut returns the key only at creation), "+
			"and the provider changes a supervised project only authenticated as that project: with the connected project's credentials "+
			"ProcessOut may apply the change to the connected project itself.\n%s\n"+
			"To stop managing the project without deleting it, remove it from state: `terraform state rm <address>` (`tofu state rm`), "+
			"or a `removed` block with `lifecycle { destroy = false }`.", id, supply))
}
