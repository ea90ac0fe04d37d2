package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// How processout_project reaches the project it manages: as the project
// itself when its private key is known (supervisedAccess), else through the
// connected project's list of supervised projects. Never through
// /projects/{id} with the connected project's credentials, which ProcessOut
// may take as the connected project whatever the id (CONTRACT.md §11).

// readSupervised reads project id as itself with privateKey, or, without a
// key or when the key no longer works (a deleted project's stops working),
// from the supervised list. nil without error: the caller does not
// supervise such a project (any more).
func (d *providerData) readSupervised(ctx context.Context, id, privateKey string, sandbox bool, diags *diag.Diagnostics) (*processout.Project, error) {
	if privateKey != "" {
		p, err := d.supervised.as(id, privateKey, sandbox).GetProject(ctx, id)
		if err == nil || !isAuthentication(err) && !processout.IsNotFound(err) {
			return p, err
		}
		listed, listErr := d.supervisedProject(ctx, id)
		if listed != nil && isAuthentication(err) {
			diags.AddAttributeWarning(path.Root("private_key"), "ProcessOut no longer accepts the project's private key",
				fmt.Sprintf("Project %s was read from the supervised projects instead, but updating or destroying it will fail until private_key is set to its current secret key (%v).", id, err))
		}
		return listed, listErr
	}
	return d.supervisedProject(ctx, id)
}

// supervisedProject finds project id among the connected project's
// supervised projects; nil when it is not there.
func (d *providerData) supervisedProject(ctx context.Context, id string) (*processout.Project, error) {
	for p, err := range d.api.SupervisedProjects(ctx, processout.ListOptions{}) {
		if err != nil {
			return nil, err
		}
		if p.ID == id {
			return &p, nil
		}
	}
	return nil, nil
}

func isAuthentication(err error) bool {
	var apiErr *processout.Error
	return errors.As(err, &apiErr) && apiErr.Kind() == processout.KindAuthentication
}

// addSupervisedError reports a failed call made as the supervised project:
// a refused key is the project's, not the provider's credentials.
func addSupervisedError(diags *diag.Diagnostics, action, id string, err error) {
	if isAuthentication(err) {
		diags.AddAttributeError(path.Root("private_key"), "Cannot "+action,
			fmt.Sprintf("%v\nProcessOut did not accept the private key of project %s: set private_key to the project's current secret key. "+
				"The call went straight to processout_api_url, authenticated as the project.", err, id))
		return
	}
	addAPIError(diags, action, err, projectFieldAttributes)
}
