package provider

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/processout/terraform-provider-processout/internal/bench"
)

// TestAccCallCounts_sftpSettings holds the SFTP settings to the fewest calls
// the CLI allows, per command (the steps are counted as in
// TestAccCallCounts_fleet). The settings' calls are bench's "other" calls:
//
//   - a create reads the settings once per walk that plans it (the plan
//     walk, and the apply walk, which replans): new settings never replace
//     settings made elsewhere unseen; the create itself reuses the apply
//     walk's read and saves once. ProcessOut's save answers no object, so
//     nothing is read back;
//   - a refresh reads once; a plan without refresh makes no call;
//   - an update saves once; a destroy deletes once;
//   - through Membrane the connected project's ID, which the path needs, is
//     read once per provider configuration that touches the settings (GET
//     /projects/{project_id}: the Membrane connection does not show the
//     project); the direct transport knows it from project_id (and reads
//     that project once per configuration anyway, its credential check,
//     counted by configured).
func TestAccCallCounts_sftpSettings(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		settings := "/projects/" + env.emu.ProjectID + "/sftp-settings"
		read, save, remove := "GET "+settings, "PUT "+settings, "DELETE "+settings
		// calls is a tally of the settings' calls and what the provider
		// configurations cost in checks of the transport (configured), with,
		// over Membrane, the connected project's read in each of the
		// configurations that touch the settings. That read is the same
		// GET /projects/{project_id} as the direct transport's credential
		// check, so bench tallies it as one (CredentialChecks).
		calls := func(configurations, touching int, settingsCalls ...string) bench.Calls {
			c := env.configured(configurations, bench.Calls{Other: slices.Sorted(slices.Values(settingsCalls))})
			if env.transport == transportMembrane {
				c.CredentialChecks += touching
			}
			return c
		}
		config := func(endpoint string) string {
			return env.config(sftpConfig(endpoint, "payouts", sftpSensitive("password", "sftp-password-COUNTS")))
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkSFTPDestroyed,
			Steps: []resource.TestStep{
				{ // apply from empty
					PreConfig: env.resetCalls,
					Config:    config("sftp.example.com:22"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						tallyCheck{env, "plan from empty", calls(1, 1, read)},
					}},
					Check: func(*terraform.State) error {
						return env.expectTally("apply from empty", calls(2, 2, read, read, save))
					},
				},
				{ // no-change plans
					PreConfig: env.resetCalls,
					Config:    config("sftp.example.com:22"),
					PlanOnly:  true,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPreRefresh: []plancheck.PlanCheck{
							plancheck.ExpectEmptyPlan(),
							tallyCheck{env, "plan -refresh=false", calls(1, 0)},
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{
							plancheck.ExpectEmptyPlan(),
							tallyCheck{env, "no-change plan", calls(2, 1, read)},
						},
					},
				},
				{ // update: the refresh, then one save
					PreConfig: env.resetCalls,
					Config:    config("sftp.example.com:2222"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						tallyCheck{env, "plan of the update", calls(1, 1, read)},
					}},
					Check: func(*terraform.State) error {
						return env.expectTally("apply of the update", calls(2, 2, read, save))
					},
				},
				{ // destroy: the refresh, then one delete
					PreConfig: env.resetCalls,
					Config:    config("sftp.example.com:2222"),
					Destroy:   true,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:            []plancheck.PlanCheck{tallyCheck{env, "plan -destroy", calls(2, 2, read)}},
						PostApplyPreRefresh: []plancheck.PlanCheck{tallyCheck{env, "destroy", calls(3, 3, read, remove)}},
					},
				},
			},
		})
	})
}
