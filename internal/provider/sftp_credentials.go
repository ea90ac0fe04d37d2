package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// The SFTP settings' credential: a password or a base64 private key, each
// write-only with a version (needs a CLI ≥ 1.11) or as a sensitive value in
// state (older CLIs). ProcessOut never returns it, and its PUT replaces the
// settings whole, so every save sends one.

// sftpCredentialAttributes are the four ways to give the credential, in the
// order sftpSent picks them: write-only first.
var sftpCredentialAttributes = []string{"password_wo", "private_key_wo", "password", "private_key"}

// sftpSaved is what an apply sends: whether it saves at all, and the
// credential the save carries.
type sftpSaved struct {
	put bool
	// attr is the credential's attribute, "" when none is configured.
	attr  string
	value types.String // unknown while planning if the configuration does not know it yet
}

// sftpSent decides what a create or an update sends. It is the one
// decision: the plan checks what it returns, and the create and the update
// send what it returns, so the two cannot disagree. prior is the stored
// state, nil for a create.
//
// A create saves. An update saves when the endpoint or the username
// changes, when a write-only credential's version changes (to a value), or
// when a sensitive credential changes (to a value). Each save carries the
// credential the configuration gives, the write-only value read from the
// configuration at apply (it is never in the plan or the state), since
// ProcessOut's PUT replaces the settings whole: an endpoint changed alone
// still sends the credential, whose version did not move. An update that
// only removes the credential from the configuration saves nothing:
// ProcessOut keeps the one it holds and Terraform stops managing it (the
// next save needs one again).
func sftpSent(plan, config ProjectSFTPSettingsResourceModel, prior *ProjectSFTPSettingsResourceModel) sftpSaved {
	var sent sftpSaved
	for _, c := range []struct {
		attr  string
		value types.String
	}{
		{"password_wo", config.PasswordWO}, {"private_key_wo", config.PrivateKeyWO},
		{"password", plan.Password}, {"private_key", plan.PrivateKey},
	} {
		if !c.value.IsNull() {
			sent.attr, sent.value = c.attr, c.value
			break
		}
	}
	sent.put = prior == nil || !plan.Endpoint.Equal(prior.Endpoint) || !plan.Username.Equal(prior.Username) ||
		newValue(plan.PasswordWOVersion, prior.PasswordWOVersion) || newValue(plan.PrivateKeyWOVersion, prior.PrivateKeyWOVersion) ||
		newValue(plan.Password, prior.Password) || newValue(plan.PrivateKey, prior.PrivateKey)
	return sent
}

// newValue reports whether planned differs from stored and is not null:
// a value given or changed, not one removed.
func newValue(planned, stored attr.Value) bool {
	return !planned.IsNull() && !planned.Equal(stored)
}

// isKey reports whether the credential is a private key.
func (s sftpSaved) isKey() bool { return strings.HasPrefix(s.attr, "private_key") }

// checkPlanned reports, at plan time, a save without a credential: a
// create, or an update that must send the credential again.
func (s sftpSaved) checkPlanned(creating bool, diags *diag.Diagnostics) {
	if !s.put || s.attr != "" {
		return
	}
	why := "New SFTP settings need a credential."
	if !creating {
		why = "ProcessOut's PUT replaces the SFTP settings whole, so changing endpoint or username sends the credential again, " +
			"and the configuration gives none (it was imported, or removed from the configuration)."
	}
	diags.AddAttributeError(path.Root("password_wo"), "SFTP credential missing",
		why+" Set password_wo with password_wo_version, or private_key_wo (base64) with private_key_wo_version; "+
			"on CLIs without write-only attributes (before Terraform 1.11 or OpenTofu 1.11), password or private_key.")
}

// input is the save's body, after checking at apply, when every value is
// known, that the credential is there.
func (s sftpSaved) input(plan ProjectSFTPSettingsResourceModel, diags *diag.Diagnostics) processout.ProjectSFTPSettingsInput {
	in := processout.ProjectSFTPSettingsInput{Endpoint: plan.Endpoint.ValueString(), Username: plan.Username.ValueString()}
	switch {
	case s.attr == "":
		s.checkPlanned(false, diags)
	case s.value.IsUnknown():
		diags.AddAttributeError(path.Root(s.attr), "SFTP credential not known", s.attr+" is still unknown at apply; it must be known to be sent.")
	case s.isKey():
		in.PrivateKey = s.value.ValueStringPointer()
	default:
		in.Password = s.value.ValueStringPointer()
	}
	return in
}

// oneSFTPCredential is the resource's configuration check: at most one of
// the four credential attributes (sftpSent requires one wherever a save
// needs it).
type oneSFTPCredential struct{}

func (oneSFTPCredential) Description(context.Context) string {
	return "at most one of password_wo, private_key_wo, password and private_key"
}

func (v oneSFTPCredential) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (oneSFTPCredential) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var set []string
	for _, name := range sftpCredentialAttributes {
		var v types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), &v)...)
		if !v.IsNull() {
			set = append(set, name)
		}
	}
	if len(set) < 2 {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root(set[1]), "Two SFTP credentials",
		fmt.Sprintf("%s are set. ProcessOut's SFTP settings take one credential, a password or a private key: keep one of %s and remove the others.",
			strings.Join(set, " and "), strings.Join(sftpCredentialAttributes, ", ")))
}
