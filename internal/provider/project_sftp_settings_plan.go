package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// projectSFTPSettingsDescription is the resource's documentation: which
// project, what a save sends, and what happens to settings made elsewhere.
const projectSFTPSettingsDescription = "The SFTP server ProcessOut pushes the connected project's payout exports to " +
	"(`PUT`/`GET`/`DELETE /projects/{project_id}/sftp-settings`). A project has one: the resource's ID is the project's.\n\n" +
	"**Only the connected project.** The provider manages the SFTP settings of the project it is authenticated as (`project_id`, or the " +
	"Membrane connection's project), and refuses at plan time to read, change or delete settings in state that belong to another project: " +
	"ProcessOut may apply a call about another project's settings to the authenticated project's. For a supervised project, use a provider " +
	"configuration authenticated as that project (an alias with its `project_id` and, as `project_secret`, its private key).\n\n" +
	"**Credential.** One of `password_wo` or `private_key_wo` (write-only, never stored; Terraform 1.11+ or OpenTofu 1.11+, each with " +
	"its `_wo_version`), or for older CLIs `password` or `private_key` (sensitive, stored in state); never two. A private key is given **in base64** " +
	"(`filebase64(\"path/to/key\")`). ProcessOut never returns the credential, and its `PUT` replaces the settings whole, so **every save sends " +
	"the credential**: the create, a change of `endpoint` or `username` (the write-only value is read from the configuration at apply; its " +
	"version need not change), and a new version or a new sensitive value. Removing the credential from the configuration of existing " +
	"settings sends nothing: ProcessOut keeps the one it holds, and the next change of `endpoint` or `username` needs one again.\n\n" +
	"**Settings made elsewhere.** Creating the resource reads the project's settings first (at plan, and again at apply). If the project " +
	"already has settings with another endpoint or username, the plan fails and says how to import them: they are never overwritten unseen. " +
	"Settings with the declared endpoint and username (set by hand the same way, or saved by an earlier apply whose answer was lost) are " +
	"taken over: the save replaces their credential with the declared one, as an import followed by an apply would. (A save made in the " +
	"dashboard while Terraform applies is a race between two writers that no check can close: ProcessOut has no conditional save.)\n\n" +
	"Drift is detected on `endpoint` and `username`; settings deleted out of band are created again. `terraform destroy` deletes them: " +
	"ProcessOut stops pushing exports."

// checkNoOtherSettings reads the project's SFTP settings before new ones
// are saved, and refuses to replace settings this configuration did not
// make: another endpoint or username. Settings with the declared endpoint
// and username are taken over, with a warning. It says whether the save
// may go ahead. A check made for the same settings moments before in this
// provider process (the plan walk of an apply, just before its create) is
// not made again.
func (d *providerData) checkNoOtherSettings(ctx context.Context, project string, endpoint, username types.String, diags *diag.Diagnostics) bool {
	if endpoint.IsUnknown() || username.IsUnknown() {
		return true // checked at apply, once known
	}
	declared := sftpDeclared{endpoint.ValueString(), username.ValueString()}
	if d.connected.checkedRecently(declared) {
		return true
	}
	existing, err := d.api.GetProjectSFTPSettings(ctx, project)
	switch {
	case processout.IsNotFound(err):
		d.connected.checked(declared)
		return true
	case err != nil:
		addAPIError(diags, "read the project's SFTP settings before saving new ones", err, nil)
		return false
	}
	held := sftpDeclared{stringOf(existing.Endpoint), stringOf(existing.Username)}
	if held == declared {
		diags.AddWarning("Existing SFTP settings taken over",
			fmt.Sprintf("Project %s already has SFTP settings with endpoint %q and username %q (set up outside this configuration, "+
				"or saved by an earlier apply whose answer was lost). The save replaces their credential with the one declared here.",
				project, held.endpoint, held.username))
		d.connected.checked(declared)
		return true
	}
	diags.AddError("The project already has SFTP settings",
		fmt.Sprintf("Project %s already pushes its payout exports to %q as %q, set up outside this configuration; saving the declared "+
			"settings (%q as %q) would replace them. To manage them with Terraform, import them, with an import block:\n\n"+
			"  import {\n    to = processout_project_sftp_settings.<name>\n    id = %q\n  }\n\n"+
			"or `terraform import processout_project_sftp_settings.<name> %s` (`tofu import`), then give the credential in the configuration "+
			"(ProcessOut never returns it) and apply. To replace them anyway, delete them in the ProcessOut dashboard first, "+
			"or declare the same endpoint and username.",
			project, held.endpoint, held.username, declared.endpoint, declared.username, project, project))
	return false
}

// sftpDeclared is the part of SFTP settings a create compares.
type sftpDeclared struct{ endpoint, username string }

// sftpCheckValidity is how long a clean check of a project's settings
// stands in for the next one in the same provider process.
const sftpCheckValidity = time.Minute

// checked remembers that a check found no other settings than declared.
func (c *connectedProject) checked(declared sftpDeclared) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sftpChecked, c.sftpCheckedAt = declared, time.Now()
}

// checkedRecently reports whether a check for declared found no other
// settings less than sftpCheckValidity ago.
func (c *connectedProject) checkedRecently(declared sftpDeclared) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sftpChecked == declared && time.Since(c.sftpCheckedAt) < sftpCheckValidity
}

func stringOf(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func trimSandboxPrefix(id string) string { return strings.TrimPrefix(id, "test-") }

// sftpSavedAtKey is the private state key of the last save's time.
const sftpSavedAtKey = "sftp_saved_at"

// privateSetter is the response side of private state.
type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// recordSave keeps the time of a save in private state.
func recordSave(ctx context.Context, private privateSetter, diags *diag.Diagnostics) {
	raw, _ := json.Marshal(time.Now().UTC().Format(time.RFC3339Nano))
	diags.Append(private.SetKey(ctx, sftpSavedAtKey, raw)...)
}

// savedAt is the time of the last save recorded in private state, as
// readSettled takes a creation time: null when none is recorded (after an
// import), which readSettled takes as possibly recent.
func savedAt(ctx context.Context, private privateGetter, diags *diag.Diagnostics) types.String {
	raw, d := private.GetKey(ctx, sftpSavedAtKey)
	diags.Append(d...)
	var at string
	if len(raw) == 0 || json.Unmarshal(raw, &at) != nil {
		return types.StringNull()
	}
	return types.StringValue(at)
}
