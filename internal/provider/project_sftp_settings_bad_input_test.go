package provider

import (
	"fmt"
	"net/http"
	"testing"
)

// sftpBadInputs are the mistakes a user can make with SFTP settings, and
// the broken answers a server can give about them, each with the
// diagnostic the user reads (TestAccBadInput's harness: nothing is left
// half written, in ProcessOut or in state). The arguments are checked at
// plan time by the schema's validators and ModifyPlan.
func sftpBadInputs() []badInput {
	settings := func(lines string) string { return testResource("processout_project_sftp_settings", lines) }
	withPassword := func(endpoint string) string {
		return settings(fmt.Sprintf("  endpoint = %q\n  username = \"payouts\"\n  password = \"p\"", endpoint))
	}
	arg := func(name, config, want string) badInput {
		return badInput{name: name, group: groupArguments, config: config, want: want}
	}
	answer := func(name string, a *cannedAnswer, want string) badInput {
		return badInput{name: name, group: groupAnswers, answer: a, config: withPassword("sftp.example.com:22"), want: want}
	}
	return []badInput{
		arg("SFTP endpoint without a port", withPassword("sftp.example.com"),
			`endpoint must include the port, as in "sftp.example.com:22" (ProcessOut requires it), got "sftp.example.com".`),
		arg("SFTP endpoint that is a URL", withPassword("sftp://sftp.example.com:22"),
			`endpoint must be host:port, without a scheme: drop "sftp://", as in "sftp.example.com:22", got "sftp://sftp.example.com:22".`),
		arg("SFTP endpoint with port 0", withPassword("sftp.example.com:0"),
			`endpoint must end with a port number from 1 to 65535, as in "sftp.example.com:22", got "sftp.example.com:0".`),
		arg("SFTP endpoint without a host", withPassword(":22"),
			`endpoint must name a host before the port, as in "sftp.example.com:22", got ":22".`),
		arg("SFTP settings without a credential", settings("  endpoint = \"sftp.example.com:22\"\n  username = \"payouts\""),
			"New SFTP settings need a credential. Set password_wo with password_wo_version, or private_key_wo (base64) with private_key_wo_version; "+
				"on CLIs without write-only attributes (before Terraform 1.11 or OpenTofu 1.11), password or private_key."),
		arg("SFTP password and private key together", settings("  endpoint = \"sftp.example.com:22\"\n  username = \"payouts\"\n  password = \"p\"\n  private_key = \"a2V5\""),
			"password and private_key are set. ProcessOut's SFTP settings take one credential, a password or a private key: "+
				"keep one of password_wo, private_key_wo, password, private_key and remove the others."),
		arg("SFTP private key given as PEM", settings("  endpoint = \"sftp.example.com:22\"\n  username = \"payouts\"\n  private_key = \"-----BEGIN OPENSSH PRIVATE KEY-----\""),
			`private_key is the key itself, not its base64 encoding: give filebase64("path/to/key") or base64encode(var.key).`),
		arg("SFTP private key that is not base64", settings("  endpoint = \"sftp.example.com:22\"\n  username = \"payouts\"\n  private_key = \"not base64!\""),
			`private_key is not valid base64 (byte 3 is not in the standard alphabet, or the padding is wrong)`),
		arg("SFTP empty username", settings("  endpoint = \"sftp.example.com:22\"\n  username = \"\"\n  password = \"p\""),
			"Attribute username string length must be between 1 and 255, got: 0"),
		arg("SFTP empty password", settings("  endpoint = \"sftp.example.com:22\"\n  username = \"payouts\"\n  password = \"\""),
			"Attribute password string length must be at least 1, got: 0"),
		{name: "SFTP write-only password without its version", group: groupArguments, writeOnly: true,
			config: settings("  endpoint = \"sftp.example.com:22\"\n  username = \"payouts\"\n  password_wo = \"p\""),
			want:   `Attribute "password_wo_version" must be specified when "password_wo" is specified`},
		answer("SFTP settings read answering a 404 that names nothing",
			jsonAnswer(http.StatusNotFound, `{"success":false,"error_type":"resource.not-found","message":"The resource could not be found."}`),
			"Cannot read the project's SFTP settings before saving new ones … This 404 does not say the object is gone … "+
				"ProcessOut's SDKs read SFTP settings with this GET, but its API reference does not document it. Route project_sftp_settings.read"),
		answer("SFTP settings read without the settings", jsonAnswer(http.StatusOK, `{"success":true}`),
			`could not understand ProcessOut's answer to project_sftp_settings.read (HTTP 200): the "sftp_settings" field is missing`),
	}
}

// TestAccBadInput_sftpSettings runs sftpBadInputs; after each, the
// emulator holds no SFTP settings (objectCounts counts them).
func TestAccBadInput_sftpSettings(t *testing.T) {
	testAccPreCheck(t)
	for _, tc := range sftpBadInputs() {
		t.Run(tc.name, func(t *testing.T) {
			runBadInput(t, tc)
		})
	}
}
