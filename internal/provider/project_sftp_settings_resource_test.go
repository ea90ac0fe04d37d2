package provider

import (
	"context"
	"encoding/base64"
	"fmt"
	"maps"
	"net/http"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/processout/terraform-provider-processout/internal/emulator/faults"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

const sftpAddr = "processout_project_sftp_settings.exports"

// sftpTestKey is a private key as the resource takes it: base64.
var sftpTestKey = base64.StdEncoding.EncodeToString([]byte("-----BEGIN OPENSSH PRIVATE KEY-----\nsftp-test-key\n-----END OPENSSH PRIVATE KEY-----\n"))

// sftpConfig is the SFTP settings resource; credential is its HCL line(s).
func sftpConfig(endpoint, username, credential string) string {
	return fmt.Sprintf("resource \"processout_project_sftp_settings\" \"exports\" {\n  endpoint = %q\n  username = %q\n%s\n}\n", endpoint, username, credential)
}

// sftpWriteOnly is a write-only credential line pair: attr is
// "password" or "private_key".
func sftpWriteOnly(attr, value string, version int) string {
	return fmt.Sprintf("  %s_wo = %q\n  %s_wo_version = %d", attr, value, attr, version)
}

func sftpSensitive(attr, value string) string { return fmt.Sprintf("  %s = %q", attr, value) }

// sftpStored checks the emulator's SFTP settings of the test project and
// the credentials their last save carried.
func (e *testEnv) sftpStored(endpoint, username string, creds processoutapi.SFTPCredentials) func() error {
	return func() error {
		objs := e.objects(processoutapi.KindSFTPSettings)
		if len(objs) != 1 {
			return fmt.Errorf("the emulator holds %d SFTP settings for the project, want 1", len(objs))
		}
		if obj := objs[0]; obj["id"] != e.emu.ProjectID || obj["endpoint"] != endpoint || obj["username"] != username || obj["enabled"] != true {
			return fmt.Errorf("the emulator holds %v, want %s as %s", obj, endpoint, username)
		}
		if got, _ := e.emu.ProcessOut.SFTPCredentials(e.emu.ProjectID); got != creds {
			return fmt.Errorf("the emulator's last save carried password %q… and private key %q…, want %q… and %q…",
				prefix(got.Password), prefix(got.PrivateKey), prefix(creds.Password), prefix(creds.PrivateKey))
		}
		return nil
	}
}

// checkSFTPDestroyed: no settings and no credentials left.
func (e *testEnv) checkSFTPDestroyed(*terraform.State) error {
	if left := e.objects(processoutapi.KindSFTPSettings); len(left) > 0 {
		return fmt.Errorf("SFTP settings left after destroy: %v", left)
	}
	if _, ok := e.emu.ProcessOut.SFTPCredentials(e.emu.ProjectID); ok {
		return fmt.Errorf("SFTP credentials left after destroy")
	}
	return nil
}

// saveSFTPOutOfBand sets the project's SFTP settings behind Terraform's
// back, as a team would have in the dashboard, a day ago: older than any
// read lag (a save made while the provider checks is a race between two
// writers that no check can close: ProcessOut has no conditional PUT).
func (e *testEnv) saveSFTPOutOfBand(t *testing.T, endpoint, username, password string) {
	t.Helper()
	err := e.api(t).SaveProjectSFTPSettings(context.Background(), e.emu.ProjectID,
		processout.ProjectSFTPSettingsInput{Endpoint: endpoint, Username: username, Password: &password})
	if err != nil {
		t.Fatalf("saving SFTP settings out of band: %v", err)
	}
	if !e.emu.ProcessOut.PatchObject(processoutapi.KindSFTPSettings, e.emu.ProjectID, map[string]any{"saved_at": time.Now().Add(-24 * time.Hour)}) {
		t.Fatal("could not age the SFTP settings saved out of band")
	}
	e.emu.ProcessOut.ResetRequests()
}

func TestAccProjectSFTPSettings_writeOnly(t *testing.T) {
	const first, second = "sftp-password-FIRST", "sftp-password-SECOND"
	eachTransport(t, func(t *testing.T, env *testEnv) {
		resource.ParallelTest(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkSFTPDestroyed,
			Steps: []resource.TestStep{
				{ // create: the plan names the connected project; the password is sent and stored nowhere
					Config: env.config(sftpConfig("sftp.example.com:22", "payouts", sftpWriteOnly("password", first, 1))),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(sftpAddr, plancheck.ResourceActionCreate),
							plancheck.ExpectKnownValue(sftpAddr, tfjsonpath.New("id"), knownvalue.StringExact(env.emu.ProjectID)),
							expectNoSecretInPlan(first),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(sftpAddr, tfjsonpath.New("id"), knownvalue.StringExact(env.emu.ProjectID)),
						statecheck.ExpectKnownValue(sftpAddr, tfjsonpath.New("password_wo"), knownvalue.Null()),
						statecheck.ExpectKnownValue(sftpAddr, tfjsonpath.New("password_wo_version"), knownvalue.Int64Exact(1)),
						emulatorCheck(env.sftpStored("sftp.example.com:22", "payouts", processoutapi.SFTPCredentials{Password: first})),
					},
					Check: expectNoSecretInState(first),
				},
				{ // the endpoint alone changes: the PUT replaces the settings whole, so the configured password goes with it, version unchanged
					Config: env.config(sftpConfig("sftp2.example.com:2222", "payouts", sftpWriteOnly("password", second, 1))),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(sftpAddr, plancheck.ResourceActionUpdate), expectNoSecretInPlan(second)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						emulatorCheck(env.sftpStored("sftp2.example.com:2222", "payouts", processoutapi.SFTPCredentials{Password: second})),
					},
				},
				{ // from a password to a key: the save carries only the key
					Config: env.config(sftpConfig("sftp2.example.com:2222", "payouts", sftpWriteOnly("private_key", sftpTestKey, 1))),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(sftpAddr, plancheck.ResourceActionUpdate), expectNoSecretInPlan(sftpTestKey)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(sftpAddr, tfjsonpath.New("password_wo_version"), knownvalue.Null()),
						statecheck.ExpectKnownValue(sftpAddr, tfjsonpath.New("private_key_wo_version"), knownvalue.Int64Exact(1)),
						emulatorCheck(env.sftpStored("sftp2.example.com:2222", "payouts", processoutapi.SFTPCredentials{PrivateKey: sftpTestKey})),
					},
					Check: expectNoSecretInState(sftpTestKey),
				},
				{ // import by the project's ID; the credential cannot be read back
					ResourceName:            sftpAddr,
					ImportState:             true,
					ImportStateId:           env.emu.ProjectID,
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{"private_key_wo_version", "enabled"},
				},
				{ // edited behind Terraform's back: corrected in place, the key sent again
					PreConfig: func() {
						env.editOutOfBand(processoutapi.KindSFTPSettings, map[string]any{"endpoint": "attacker.example.net:22", "username": "intruder"})
					},
					Config: env.config(sftpConfig("sftp2.example.com:2222", "payouts", sftpWriteOnly("private_key", sftpTestKey, 1))),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(sftpAddr, plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(sftpAddr, tfjsonpath.New("endpoint"), knownvalue.StringExact("sftp2.example.com:2222")),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						emulatorCheck(env.sftpStored("sftp2.example.com:2222", "payouts", processoutapi.SFTPCredentials{PrivateKey: sftpTestKey})),
					},
				},
				{ // deleted behind Terraform's back: planned for creation, created again
					PreConfig: func() { env.deleteOutOfBand(processoutapi.KindSFTPSettings) },
					Config:    env.config(sftpConfig("sftp2.example.com:2222", "payouts", sftpWriteOnly("private_key", sftpTestKey, 1))),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(sftpAddr, plancheck.ResourceActionCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						emulatorCheck(env.sftpStored("sftp2.example.com:2222", "payouts", processoutapi.SFTPCredentials{PrivateKey: sftpTestKey})),
					},
				},
			},
		})
		if n := env.calls("DELETE", "/projects/"+env.emu.ProjectID+"/sftp-settings"); n != 1 {
			t.Errorf("destroy sent %d DELETE calls, want 1", n)
		}
	})
}

// TestAccProjectSFTPSettings_sensitive: the fallback for CLIs without
// write-only attributes (every CLI runs it): the credential is stored in
// state, marked sensitive.
func TestAccProjectSFTPSettings_sensitive(t *testing.T) {
	const password = "sftp-password-SENSITIVE"
	eachTransport(t, func(t *testing.T, env *testEnv) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkSFTPDestroyed,
			Steps: []resource.TestStep{
				{
					Config: env.config(sftpConfig("sftp.example.com:22", "payouts", sftpSensitive("password", password))),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectSensitiveValue(sftpAddr, tfjsonpath.New("password")),
						emulatorCheck(env.sftpStored("sftp.example.com:22", "payouts", processoutapi.SFTPCredentials{Password: password})),
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
				{ // the username alone changes: the password goes with the save
					PreConfig: func() { env.deleteSFTPCredentialsRecord(t) },
					Config:    env.config(sftpConfig("sftp.example.com:22", "payouts-v2", sftpSensitive("password", password))),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(sftpAddr, tfjsonpath.New("enabled"), knownvalue.Null()),
						emulatorCheck(env.sftpStored("sftp.example.com:22", "payouts-v2", processoutapi.SFTPCredentials{Password: password})),
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				},
				{ // a key instead
					Config: env.config(sftpConfig("sftp.example.com:22", "payouts-v2", sftpSensitive("private_key", sftpTestKey))),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(sftpAddr, tfjsonpath.New("password"), knownvalue.Null()),
						statecheck.ExpectSensitiveValue(sftpAddr, tfjsonpath.New("private_key")),
						emulatorCheck(env.sftpStored("sftp.example.com:22", "payouts-v2", processoutapi.SFTPCredentials{PrivateKey: sftpTestKey})),
					},
					// Refreshed, enabled is what ProcessOut reports, and the plan is empty.
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
						plancheck.ExpectKnownValue(sftpAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					}},
				},
				{ // import block by ID: the key cannot be read back, so the plan sends it once, in place
					Config:             env.config(sftpConfig("sftp.example.com:22", "payouts-v2", sftpSensitive("private_key", sftpTestKey))),
					ResourceName:       sftpAddr,
					ImportState:        true,
					ImportStateKind:    resource.ImportBlockWithID,
					ImportStateId:      env.emu.ProjectID,
					ExpectNonEmptyPlan: true,
					ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(sftpAddr, plancheck.ResourceActionUpdate),
					}},
				},
			},
		})
	})
}

// deleteSFTPCredentialsRecord forgets the emulator's record of the last
// credentials by saving other ones out of band with the same endpoint and
// username, so a step can tell that its own save sent the credential.
func (e *testEnv) deleteSFTPCredentialsRecord(t *testing.T) {
	objs := e.objects(processoutapi.KindSFTPSettings)
	if len(objs) != 1 {
		t.Fatalf("the emulator holds %d SFTP settings, want 1", len(objs))
	}
	e.saveSFTPOutOfBand(t, fmt.Sprint(objs[0]["endpoint"]), fmt.Sprint(objs[0]["username"]), "overwritten-out-of-band")
}

func TestAccProjectSFTPSettings_importByIdentity(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		config := env.config(sftpConfig("sftp.example.com:22", "payouts", sftpWriteOnly("password", "sftp-password-IDENTITY", 3)))
		resource.ParallelTest(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkSFTPDestroyed,
			Steps: []resource.TestStep{
				{Config: config, ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentityValueMatchesState(sftpAddr, tfjsonpath.New("id"))}},
				{
					Config:             config,
					ResourceName:       sftpAddr,
					ImportState:        true,
					ImportStateKind:    resource.ImportBlockWithResourceIdentity,
					ExpectNonEmptyPlan: true,
					ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(sftpAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(sftpAddr, tfjsonpath.New("password_wo_version"), knownvalue.Int64Exact(3)),
					}},
				},
			},
		})
	})
}

// TestAccProjectSFTPSettings_setUpByHand: a create never overwrites
// settings this configuration did not make. Another endpoint or username
// fails the plan with the way to import them, and nothing is written; the
// same endpoint and username are taken over, the declared credential
// replacing the one set by hand.
func TestAccProjectSFTPSettings_setUpByHand(t *testing.T) {
	const byHand, declared = "sftp-password-BY-HAND", "sftp-password-DECLARED"
	eachTransport(t, func(t *testing.T, env *testEnv) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkSFTPDestroyed,
			Steps: []resource.TestStep{
				{
					PreConfig: func() { env.saveSFTPOutOfBand(t, "legacy.example.com:22", "finance", byHand) },
					Config:    env.config(sftpConfig("sftp.example.com:22", "payouts", sftpSensitive("password", declared))),
					ExpectError: wantText(fmt.Sprintf(`Project %s already pushes its payout exports to "legacy.example.com:22" as "finance" … `+
						`import { to = processout_project_sftp_settings.<name> id = %q }`, env.emu.ProjectID, env.emu.ProjectID)),
				},
				{
					PreConfig: func() {
						if err := env.sftpStored("legacy.example.com:22", "finance", processoutapi.SFTPCredentials{Password: byHand})(); err != nil {
							t.Error(err)
						}
						if n := env.calls("PUT", "/projects/"); n != 0 {
							t.Errorf("the refused plan sent %d PUT calls", n)
						}
					},
					Config: env.config(sftpConfig("legacy.example.com:22", "finance", sftpSensitive("password", declared))),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(sftpAddr, plancheck.ResourceActionCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						emulatorCheck(env.sftpStored("legacy.example.com:22", "finance", processoutapi.SFTPCredentials{Password: declared})),
					},
				},
			},
		})
	})
}

// TestAccProjectSFTPSettings_otherProject: settings in state that belong to
// another project than the provider's are never read, changed or deleted
// with the provider's credentials (ProcessOut may take the path's project
// as the authenticated one), and another project's settings cannot be
// imported. The direct transport names the project by its credentials.
func TestAccProjectSFTPSettings_otherProject(t *testing.T) {
	env := newTestEnv(t, transportDirect, emulatorConfigDefault())
	other := env.emu.ProcessOut.AddProject("Another project", true)
	otherID := trimSandboxPrefix(other.ProjectID)
	asOther := providerBlockWith(attrLine("processout_api_url", env.emu.ProcessOutURL), attrLine("project_id", other.ProjectID),
		attrLine("project_secret", other.Secret), "  max_retries = 3")
	config := sftpConfig("sftp.example.com:22", "payouts", sftpSensitive("password", "sftp-password-OTHER"))
	untouched := func() {
		if err := env.sftpStored("sftp.example.com:22", "payouts", processoutapi.SFTPCredentials{Password: "sftp-password-OTHER"})(); err != nil {
			t.Error(err)
		}
		if left := env.emu.ProcessOut.Objects(otherID, processoutapi.KindSFTPSettings); len(left) != 0 {
			t.Errorf("the other project got SFTP settings: %v", left)
		}
		for _, r := range env.emu.ProcessOut.Requests() {
			if r.ProjectID == otherID && r.Method != "GET" {
				t.Errorf("the provider authenticated as the other project sent %s %s", r.Method, r.Path)
			}
		}
	}
	refused := fmt.Sprintf("Cannot read the SFTP settings of project %s … The provider is authenticated as project %s", env.emu.ProjectID, otherID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             env.checkSFTPDestroyed,
		Steps: []resource.TestStep{
			{Config: env.config(config)},
			{ // the same state, with another project's credentials: refused at plan, refresh or not
				PreConfig:   env.emu.ProcessOut.ResetRequests,
				Config:      asOther + config,
				ExpectError: wantText(refused),
			},
			{ // without a refresh, a change is refused by the plan itself
				PreConfig:   untouched,
				Config:      asOther + sftpConfig("sftp.example.com:2222", "payouts", sftpSensitive("password", "sftp-password-OTHER")),
				PlanOnly:    true, // plan -refresh=false comes first
				ExpectError: wantText(fmt.Sprintf("Cannot update the SFTP settings of project %s", env.emu.ProjectID)),
			},
			{ // and destroyed only as its own project
				PreConfig: untouched,
				Config:    env.config(config),
			},
		},
	})
}

// TestAccProjectSFTPSettings_importOtherProject: the ID of another project
// (here one the connected project supervises) is refused before any call
// about its settings, through either transport.
func TestAccProjectSFTPSettings_importOtherProject(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		child, _ := env.createSupervisedOutOfBand("Seller")
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:        env.config(sftpConfig("sftp.example.com:22", "payouts", sftpSensitive("password", "p"))),
				ResourceName:  sftpAddr,
				ImportState:   true,
				ImportStateId: child,
				ExpectError:   wantText(fmt.Sprintf("Cannot import the SFTP settings of project %s … manages only that project's SFTP settings", child)),
			}},
		})
		if n := env.calls("GET", "/projects/"+child); n != 0 {
			t.Errorf("the refused import read project %s %d times", child, n)
		}
	})
}

// TestAccProjectSFTPSettings_membraneActions: every SFTP operation routed
// to a Membrane action (the way out if ProcessOut does not serve the GET to
// API keys): saves answered with no object, reads without an id.
func TestAccProjectSFTPSettings_membraneActions(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	routes := map[string]string{
		"project_sftp_settings.read":   "get-project-sftp-settings",
		"project_sftp_settings.save":   "save-project-sftp-settings",
		"project_sftp_settings.delete": "delete-project-sftp-settings",
	}
	if env.readings.UnservedRoutes {
		maps.Copy(routes, unservedRoutes)
	}
	block := env.blockVia(3, "", []string{membraneActionsLine(routes)})
	runs := func(key string) int {
		n := 0
		for _, r := range env.emu.Membrane.Requests() {
			if r.Kind == "action" && r.ActionKey == key {
				n++
			}
		}
		return n
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if runs("delete-project-sftp-settings") != 1 {
				return fmt.Errorf("%d delete action runs, want 1", runs("delete-project-sftp-settings"))
			}
			return env.checkSFTPDestroyed(s)
		},
		Steps: []resource.TestStep{{
			Config: block + sftpConfig("sftp.example.com:22", "payouts", sftpSensitive("password", "sftp-password-ACTIONS")),
			ConfigStateChecks: []statecheck.StateCheck{
				emulatorCheck(env.sftpStored("sftp.example.com:22", "payouts", processoutapi.SFTPCredentials{Password: "sftp-password-ACTIONS"})),
				emulatorCheck(func() error {
					if runs("save-project-sftp-settings") != 1 || runs("get-project-sftp-settings") == 0 {
						return fmt.Errorf("action runs: %d saves, %d reads", runs("save-project-sftp-settings"), runs("get-project-sftp-settings"))
					}
					return nil
				}),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// TestAccProjectSFTPSettings_lostSave: the answer to the create's save is
// lost after ProcessOut saved the settings (commit then fail on every
// write, max_retries = 1), so the apply fails and nothing is in state. The
// next apply finds settings with the declared endpoint and username, takes
// them over (the save sends the declared password again) and ends with the
// one object, in state; nothing is refused as "set up elsewhere".
func TestAccProjectSFTPSettings_lostSave(t *testing.T) {
	const password = "sftp-password-LOST"
	eachTransport(t, func(t *testing.T, env *testEnv) {
		config := sftpConfig("sftp.example.com:22", "payouts", sftpSensitive("password", password))
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.checkSFTPDestroyed,
			Steps: []resource.TestStep{
				{
					PreConfig: func() {
						env.emu.Faults.Add(faults.Rule{Kind: faults.CommitThenFail, Method: http.MethodPut, Probability: 1})
					},
					Config:      env.providerBlockRetries(1) + config,
					ExpectError: errorText("Cannot save the SFTP settings"),
				},
				{
					PreConfig: func() {
						env.emu.Faults.Clear()
						if err := env.sftpStored("sftp.example.com:22", "payouts", processoutapi.SFTPCredentials{Password: password})(); err != nil {
							t.Errorf("after the lost save: %v", err)
						}
						env.deleteSFTPCredentialsRecord(t) // so that the next save is seen to send the password
					},
					Config: env.config(config),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(sftpAddr, plancheck.ResourceActionCreate)},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(sftpAddr, tfjsonpath.New("id"), knownvalue.StringExact(env.emu.ProjectID)),
						emulatorCheck(env.sftpStored("sftp.example.com:22", "payouts", processoutapi.SFTPCredentials{Password: password})),
					},
				},
			},
		})
	})
}
