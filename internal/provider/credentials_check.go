package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// checkDirectCredentials is the direct transport's counterpart of
// findConnection: one call per provider process, at Configure, so a wrong
// project secret is reported at plan time instead of by the first write of
// an apply. The call is GET /projects/{project_id}, the caller's own
// project: one small object, and it needs the secret (a list would read a
// page, and gateway configurations are also served to the project ID
// alone, CONTRACT.md §1). It is retried like every call (max_retries).
//
// Only two answers stop the run: a 401, ProcessOut refusing the pair, and
// no answer at all after the retries, as over Membrane. Any other answer
// (a 403 of a key allowed less than a project read, a 5xx after the
// retries, a body that is not ProcessOut's) says nothing certain about the
// credentials; the calls that follow report their own errors.
func checkDirectCredentials(ctx context.Context, api *processout.Client, cfg settings, diags *diag.Diagnostics) bool {
	_, err := api.GetProject(ctx, processout.CurrentProject)
	var apiErr *processout.Error
	var gaveUp *httpx.GiveUpError
	switch {
	case err == nil:
		return true
	case errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized:
		diags.AddAttributeError(path.Root(settingProjectSecret.attr), "ProcessOut refused the project credentials",
			fmt.Sprintf("%v\nThe provider checks the project credentials each time the CLI configures it: ProcessOut refused project %q (%s) with the secret "+
				"of %s, so nothing was planned or changed.\nSet %s to the secret of an API key of that project (the dashboard shows a key's "+
				"secret only once: create a new key if it is lost), and check %s: a sandbox project's ID carries the test- prefix, "+
				"a live project's does not.", err, cfg.projectID, cfg.projectIDFrom, cfg.projectSecretFrom, orEnv(&settingProjectSecret), orEnv(&settingProjectID)))
		return false
	case errors.As(err, &gaveUp):
		diags.AddAttributeError(path.Root(settingProcessOutURL.attr), "Cannot reach ProcessOut",
			fmt.Sprintf("%v\nThe provider checks the project credentials each time the CLI configures it, retried as max_retries allows, and got no answer. "+
				"Check %s: it must be ProcessOut's API, %s unless you use another address, reachable from here.%s",
				err, orEnv(&settingProcessOutURL), settingProcessOutURL.def, hintLine(err)))
		return false
	default:
		tflog.Warn(ctx, "The check of the project credentials was inconclusive; the calls that follow report their own errors",
			map[string]any{"error": err.Error()})
		return true
	}
}
