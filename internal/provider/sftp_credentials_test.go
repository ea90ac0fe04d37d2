package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestSFTPSent: what a plan checks and an apply sends, for each way the
// configuration can change (sftpSent is the one decision).
func TestSFTPSent(t *testing.T) {
	stored := func(edit func(*ProjectSFTPSettingsResourceModel)) ProjectSFTPSettingsResourceModel {
		m := ProjectSFTPSettingsResourceModel{
			Endpoint: types.StringValue("sftp.example.com:22"), Username: types.StringValue("payouts"),
			Password: types.StringNull(), PasswordWO: types.StringNull(), PasswordWOVersion: types.Int64Value(1),
			PrivateKey: types.StringNull(), PrivateKeyWO: types.StringNull(), PrivateKeyWOVersion: types.Int64Null(),
		}
		if edit != nil {
			edit(&m)
		}
		return m
	}
	// The configuration's write-only value; the plan never holds it.
	withPasswordWO := func(m *ProjectSFTPSettingsResourceModel) { m.PasswordWO = types.StringValue("pw") }
	cases := []struct {
		name        string
		plan, state func(*ProjectSFTPSettingsResourceModel)
		config      func(*ProjectSFTPSettingsResourceModel)
		create      bool
		put         bool
		attr        string
	}{
		{name: "a create sends the write-only password", create: true, config: withPasswordWO, put: true, attr: "password_wo"},
		{name: "a create without a credential", create: true, put: true, attr: ""},
		{name: "nothing changes", config: withPasswordWO, put: false, attr: "password_wo"},
		{name: "the endpoint alone changes: the password goes with it, its version unchanged",
			plan: func(m *ProjectSFTPSettingsResourceModel) { m.Endpoint = types.StringValue("sftp2.example.com:22") }, config: withPasswordWO,
			put: true, attr: "password_wo"},
		{name: "a new version", plan: func(m *ProjectSFTPSettingsResourceModel) { m.PasswordWOVersion = types.Int64Value(2) }, config: withPasswordWO,
			put: true, attr: "password_wo"},
		{name: "the credential removed alone: nothing is sent",
			plan: func(m *ProjectSFTPSettingsResourceModel) { m.PasswordWOVersion = types.Int64Null() }, put: false, attr: ""},
		{name: "the credential removed and the username changed: a save without a credential",
			plan: func(m *ProjectSFTPSettingsResourceModel) {
				m.PasswordWOVersion, m.Username = types.Int64Null(), types.StringValue("other")
			}, put: true, attr: ""},
		{name: "from a write-only password to a sensitive key",
			plan: func(m *ProjectSFTPSettingsResourceModel) {
				m.PasswordWOVersion, m.PrivateKey = types.Int64Null(), types.StringValue("a2V5")
			}, put: true, attr: "private_key"},
		{name: "an imported state gets its first credential",
			state: func(m *ProjectSFTPSettingsResourceModel) { m.PasswordWOVersion = types.Int64Null() },
			plan:  func(m *ProjectSFTPSettingsResourceModel) { m.PasswordWOVersion = types.Int64Value(1) }, config: withPasswordWO,
			put: true, attr: "password_wo"},
		{name: "a sensitive password changes",
			state: func(m *ProjectSFTPSettingsResourceModel) {
				m.PasswordWOVersion, m.Password = types.Int64Null(), types.StringValue("old")
			},
			plan: func(m *ProjectSFTPSettingsResourceModel) {
				m.PasswordWOVersion, m.Password = types.Int64Null(), types.StringValue("new")
			}, put: true, attr: "password"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			state := stored(tc.state)
			plan := stored(func(m *ProjectSFTPSettingsResourceModel) {
				*m = state
				if tc.plan != nil {
					tc.plan(m)
				}
			})
			config := plan
			if tc.config != nil {
				tc.config(&config)
			}
			prior := &state
			if tc.create {
				prior = nil
			}
			sent := sftpSent(plan, config, prior)
			if sent.put != tc.put || sent.attr != tc.attr {
				t.Fatalf("sftpSent = put %v from %q, want put %v from %q", sent.put, sent.attr, tc.put, tc.attr)
			}
			// A save without a credential fails the plan, and the apply.
			var planned, applied diag.Diagnostics
			sent.checkPlanned(tc.create, &planned)
			if sent.put {
				sent.input(plan, &applied)
			}
			if missing := tc.put && tc.attr == ""; planned.HasError() != missing || applied.HasError() != missing {
				t.Errorf("errors at plan %v, at apply %v; want %v", planned, applied, missing)
			}
		})
	}
}
