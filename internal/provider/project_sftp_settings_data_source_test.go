package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccProjectSFTPSettingsDataSource: a project without SFTP settings
// reads as not configured (not an error); settings made in the dashboard
// read as they are, without their credential.
func TestAccProjectSFTPSettingsDataSource(t *testing.T) {
	const addr = "data.processout_project_sftp_settings.current"
	eachTransport(t, func(t *testing.T, env *testEnv) {
		config := env.config("data \"processout_project_sftp_settings\" \"current\" {}\n")
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: config,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(env.emu.ProjectID)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("configured"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("endpoint"), knownvalue.Null()),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("username"), knownvalue.Null()),
					},
				},
				{
					PreConfig: func() { env.saveSFTPOutOfBand(t, "exports.example.com:2222", "finance", "sftp-password-DASHBOARD") },
					Config:    config,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("configured"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("endpoint"), knownvalue.StringExact("exports.example.com:2222")),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("username"), knownvalue.StringExact("finance")),
					},
				},
			},
		})
	})
}
