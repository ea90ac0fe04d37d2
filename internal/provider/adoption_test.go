package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/processout/terraform-provider-processout/internal/clitest"
	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
	"github.com/processout/terraform-provider-processout/internal/emulator/scenario"
)

// The adoption tests walk docs/guides/adopting-an-existing-project.md
// against the emulator's hand-built project, with the guide's own HCL
// (examples/guides/adopting-an-existing-project): import everything,
// generate the configuration, add the credentials, check the plan (imports,
// and no change but the credentials), apply, then take one object out of
// the configuration and see only it destroyed.
//
// terraform-plugin-testing cannot run `plan -generate-config-out`, so these
// tests drive the real CLI (TF_ACC_TERRAFORM_PATH) with terraform-exec, in
// scratch directories, against a provider binary built for the test and
// loaded through dev_overrides.

const adoptionExamples = "../../examples/guides/adopting-an-existing-project"

// Objects of the hand-built seed the tests refer to by the resource names
// the inventory gives them.
const (
	adoptedStripeEU  = "processout_gateway_configuration.stripe_eu"
	adoptedAdyenEEA  = "processout_gateway_configuration.adyen_eea"
	adoptedLegacyERP = "processout_webhook_endpoint.legacy_erp_example_net"
	adoptedProject   = "processout_project.marketplace_seller_example_books"
	adoptedSFTP      = "processout_project_sftp_settings.payout_exports"
	adoptedProduct   = "processout_product.annual_membership"
)

// adoptionSFTPPassword is the SFTP settings' password the tests give by
// hand: ProcessOut never returns the one set in the dashboard.
const adoptionSFTPPassword = "sftp_adopted_password"

// adoptionCredentials are the credentials the tests give by hand, by
// gateway name: complete sets, since ProcessOut replaces them whole.
var adoptionCredentials = map[string]map[string]string{
	"stripe": {"secret_key": "sk_live_adopted_eu", "public_key": "pk_live_adopted_eu", "merchant_account_country": "FR"},
	"adyen":  {"merchant_account": "ExampleEU", "api_key": "AQE_adopted_eea", "client_key": "live_adopted_eea", "merchant_account_country": "NL"},
}

// newHandBuiltEnv is newTestEnv through Membrane, with the hand-built
// project (scenario.SeedHandBuilt) set on the emulator.
func newHandBuiltEnv(t *testing.T, cfg emulator.Config) (*testEnv, scenario.HandBuilt) {
	t.Helper()
	env := newTestEnv(t, transportMembrane, cfg)
	seeded, err := scenario.SeedHandBuilt(env.emu)
	if err != nil {
		t.Fatalf("seeding the hand-built project: %v", err)
	}
	return env, seeded
}

func TestAccAdoptionGeneratedConfiguration(t *testing.T) {
	cli := newCLIUnderTest(t)
	t.Parallel()
	env, seeded := newHandBuiltEnv(t, emulator.Config{Seed: 1})
	ctx := context.Background()

	// The inventory renders one import block per gateway configuration,
	// webhook endpoint, supervised project and product, and one for the SFTP
	// settings.
	inventory := cli.workdir(t, env, "inventory")
	inventory.copyExample(t, "inventory.tf")
	inventory.apply(t)
	blocks := inventory.outputString(t, "import_blocks")
	if n := strings.Count(blocks, "import {"); n != seeded.Count() ||
		!strings.Contains(blocks, strings.TrimSpace(importBlock(adoptedProject, seeded.SupervisedProjects[0]))) ||
		!strings.Contains(blocks, strings.TrimSpace(importBlock(adoptedProduct, seeded.Products[0]))) {
		t.Fatalf("the inventory rendered %d import blocks, want %d with %s and %s:\n%s", n, seeded.Count(), adoptedProject, adoptedProduct, blocks)
	}

	adopt := cli.workdir(t, env, "adopt")
	adopt.write(t, "imports.tf", blocks)
	if _, err := adopt.tf.Plan(ctx, tfexec.GenerateConfigOut("generated.tf")); err != nil {
		t.Fatalf("plan -generate-config-out: %v", err)
	}
	generated := adopt.read(t, "generated.tf")
	checkGeneratedConfig(t, generated, seeded.Count())

	// Credentials by hand, in the generated blocks.
	credentialed := map[string]string{adoptedStripeEU: "stripe", adoptedAdyenEEA: "adyen"}
	for address := range credentialed {
		generated = setCredentials(t, generated, address, cli.writeOnly)
	}
	generated = setSFTPPassword(t, generated, adoptedSFTP, cli.writeOnly)
	adopt.write(t, "generated.tf", generated)
	adopt.write(t, "credentials.tf", credentialsVariable)
	adopt.writeCredentials(t, credentialsByKey(credentialed, resourceName))

	adopt.adoptAndCheck(t, env, seeded, credentialed, adoptedProject, adoptedSFTP)

	// The import blocks have done their work.
	adopt.remove(t, "imports.tf")
	adopt.expectNoChanges(t)

	// Out of the configuration, out of ProcessOut: only that endpoint.
	adopt.write(t, "generated.tf", removeResourceBlock(t, adopt.read(t, "generated.tf"), adoptedLegacyERP))
	adopt.destroyOneAndCheck(t, env, processoutapi.KindWebhookEndpoint, adopt.stateID(t, adoptedLegacyERP))
}

func TestAccAdoptionForEachImport(t *testing.T) {
	// Import blocks take for_each from 1.7 on; the example gives the
	// credentials write-only (settings_wo), from 1.11 on.
	cli := newCLIAtLeast(t, 1, 11)
	t.Parallel()
	env, seeded := newHandBuiltEnv(t, emulator.Config{Seed: 2})

	adopt := cli.workdir(t, env, "adopt")
	adopt.copyExample(t, "for-each.tf")

	stripeEU, adyenEEA := seeded.GatewayConfigurations[0], seeded.GatewayConfigurations[3]
	credentialed := map[string]string{
		forEachAddress("processout_gateway_configuration", stripeEU): "stripe",
		forEachAddress("processout_gateway_configuration", adyenEEA): "adyen",
	}
	adopt.writeCredentials(t, credentialsByKey(credentialed, forEachKey))

	adopt.adoptAndCheck(t, env, seeded, credentialed, forEachAddress("processout_project", seeded.SupervisedProjects[0]),
		forEachAddress("processout_project_sftp_settings", seeded.SFTPSettings[0]))

	// Imports that are already in state are no-ops: the blocks may stay.
	adopt.expectNoChanges(t)

	legacyERP := seeded.WebhookEndpoints[3]
	adopt.write(t, "for-each.tf", replaceOnce(t, adopt.read(t, "for-each.tf"),
		"adopted_webhook_endpoints      = local.inventory_webhook_endpoints",
		fmt.Sprintf("adopted_webhook_endpoints = { for id, e in local.inventory_webhook_endpoints : id => e if id != %q }", legacyERP)))
	adopt.destroyOneAndCheck(t, env, processoutapi.KindWebhookEndpoint, legacyERP)

	// A supervised project left out without its private key: the plan
	// fails, and the project stays.
	project := seeded.SupervisedProjects[0]
	adopt.write(t, "for-each.tf", replaceOnce(t, adopt.read(t, "for-each.tf"),
		"adopted_projects = local.inventory_projects",
		fmt.Sprintf("adopted_projects = { for id, p in local.inventory_projects : id => p if id != %q }", project)))
	env.emu.ProcessOut.ResetRequests()
	_, err := adopt.tf.Plan(context.Background())
	if want := errorTexts("Cannot destroy project " + project + " without its private key"); err == nil || !want.MatchString(err.Error()) {
		t.Errorf("plan without the project: %v; want %s", err, want)
	}
	checkWrites(t, env, nil)
	if _, ok := env.emu.ProcessOut.Object(processoutapi.KindProject, project); !ok {
		t.Errorf("project %s is gone", project)
	}
}

// adoptionDir is one configuration directory and the CLI working in it.
type adoptionDir struct {
	dir    string
	tf     *tfexec.Terraform
	output bytes.Buffer // the CLI's stdout and stderr, shown when the test fails
}

// workdir is a configuration directory driven through terraform-exec, with
// the provider block for env.
func (c *cliUnderTest) workdir(t *testing.T, env *testEnv, name string) *adoptionDir {
	t.Helper()
	d := &adoptionDir{dir: filepath.Join(t.TempDir(), name)}
	if err := os.MkdirAll(d.dir, 0o700); err != nil {
		t.Fatal(err)
	}
	tf, err := tfexec.NewTerraform(d.dir, c.path)
	if err != nil {
		t.Fatal(err)
	}
	if err := tf.SetEnv(clitest.Env(c.rcFile)); err != nil {
		t.Fatal(err)
	}
	tf.SetStdout(&d.output)
	tf.SetStderr(&d.output)
	d.tf = tf
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("%s output in %s:\n%s", c.path, name, d.output.String())
		}
	})
	d.write(t, "providers.tf", env.providerBlock())
	return d
}

func (d *adoptionDir) write(t *testing.T, name, content string) {
	t.Helper()
	writeFile(t, filepath.Join(d.dir, name), content)
}

func (d *adoptionDir) read(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(d.dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func (d *adoptionDir) remove(t *testing.T, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(d.dir, name)); err != nil {
		t.Fatal(err)
	}
}

func (d *adoptionDir) copyExample(t *testing.T, name string) {
	t.Helper()
	d.write(t, name, readExample(t, name))
}

func readExample(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(adoptionExamples, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func (d *adoptionDir) apply(t *testing.T) {
	t.Helper()
	if err := d.tf.Apply(context.Background()); err != nil {
		t.Fatalf("apply: %v", err)
	}
}

func (d *adoptionDir) outputString(t *testing.T, name string) string {
	t.Helper()
	outputs, err := d.tf.Output(context.Background())
	if err != nil {
		t.Fatalf("output: %v", err)
	}
	var s string
	if err := json.Unmarshal(outputs[name].Value, &s); err != nil {
		t.Fatalf("output %s: %v", name, err)
	}
	return s
}

// plan saves a plan and returns it with the file to apply.
func (d *adoptionDir) plan(t *testing.T) (*tfjson.Plan, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(d.dir, "adoption.tfplan")
	if _, err := d.tf.Plan(ctx, tfexec.Out(path)); err != nil {
		t.Fatalf("plan: %v", err)
	}
	plan, err := d.tf.ShowPlanFile(ctx, path)
	if err != nil {
		t.Fatalf("show the plan: %v", err)
	}
	return plan, path
}

func (d *adoptionDir) expectNoChanges(t *testing.T) {
	t.Helper()
	changes, err := d.tf.Plan(context.Background())
	if err != nil || changes {
		t.Fatalf("plan: changes %v, error %v; want no changes", changes, err)
	}
}

// stateID is the ID of a resource in state.
func (d *adoptionDir) stateID(t *testing.T, address string) string {
	t.Helper()
	id, _ := d.stateAttribute(t, address, "id").(string)
	return id
}

// stateAttribute is an attribute of a resource in state.
func (d *adoptionDir) stateAttribute(t *testing.T, address, name string) any {
	t.Helper()
	state, err := d.tf.Show(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range state.Values.RootModule.Resources {
		if r.Address == address {
			return r.AttributeValues[name]
		}
	}
	t.Fatalf("%s is not in state", address)
	return nil
}

// checkAdoptedProject: the supervised project in state at address is the
// one imported, with its own name, not the connected project's (the worst
// reading of /projects/{id} answers with the authenticated project), and
// without a private key: no list carries one.
func (d *adoptionDir) checkAdoptedProject(t *testing.T, env *testEnv, address, id string) {
	t.Helper()
	obj, _ := env.emu.ProcessOut.Object(processoutapi.KindProject, id)
	if got, name := d.stateID(t, address), d.stateAttribute(t, address, "name"); got != id || name != obj["name"] {
		t.Errorf("%s holds project %s named %v, want %s named %v", address, got, name, id, obj["name"])
	}
	if key := d.stateAttribute(t, address, "private_key"); key != nil {
		t.Errorf("%s holds a private key after its import", address)
	}
}

// adoptAndCheck plans the adoption, checks the plan, applies it and checks
// what ProcessOut saw: the credentials reached the configurations they were
// given for, the SFTP settings their password, and nothing else was
// written. project and sftp are the addresses the supervised project and
// the SFTP settings are adopted at.
func (d *adoptionDir) adoptAndCheck(t *testing.T, env *testEnv, seeded scenario.HandBuilt, credentialed map[string]string, project, sftp string) {
	t.Helper()
	before := emulatorSnapshot(env)
	plan, path := d.plan(t)
	checkAdoptionPlan(t, plan, seeded.Count(), credentialed, sftp)
	if t.Failed() {
		t.FailNow() // apply only a clean adoption plan
	}
	ids := map[string]string{} // address → ID
	for _, rc := range plan.ResourceChanges {
		ids[rc.Address] = rc.Change.Importing.ID
	}

	env.emu.ProcessOut.ResetRequests()
	if err := d.tf.Apply(context.Background(), tfexec.DirOrPlan(path)); err != nil {
		t.Fatalf("apply: %v", err)
	}
	var wantPuts []string
	for address, gateway := range credentialed {
		id := ids[address]
		wantPuts = append(wantPuts, "/gateway-configurations/"+id)
		if got := env.emu.ProcessOut.ReceivedSettings(id); !maps.Equal(got, adoptionCredentials[gateway]) {
			t.Errorf("%s (%s): ProcessOut holds credentials %v, want the ones given by hand", address, id, got)
		}
		// The credentials' public part follows them; nothing else changes.
		obj := before.objects[processoutapi.KindGatewayConfiguration][id]
		publicKeys, _ := obj["public_keys"].(map[string]any)
		followed := map[string]any{}
		for k := range publicKeys {
			followed[k] = adoptionCredentials[gateway][k]
		}
		obj["public_keys"] = followed
		delete(before.settings, id)
	}
	// The SFTP settings are saved again as they were, with the password given.
	wantPuts = append(wantPuts, "/projects/"+ids[sftp]+"/sftp-settings")
	if got, _ := env.emu.ProcessOut.SFTPCredentials(ids[sftp]); got != (processoutapi.SFTPCredentials{Password: adoptionSFTPPassword}) {
		t.Errorf("%s: ProcessOut holds the SFTP password %q…, want the one given by hand", sftp, prefix(got.Password))
	}
	delete(before.sftpCredentials, ids[sftp])
	checkWrites(t, env, map[string][]string{"PUT": wantPuts})
	after := emulatorSnapshot(env)
	for id, settings := range before.settings {
		if !maps.Equal(after.settings[id], settings) {
			t.Errorf("%s: credentials changed from %v to %v without being given", id, settings, after.settings[id])
		}
	}
	for id, creds := range before.sftpCredentials {
		if after.sftpCredentials[id] != creds {
			t.Errorf("%s: SFTP credentials changed without being given", id)
		}
	}
	if !reflect.DeepEqual(after.objects, before.objects) {
		t.Errorf("adopting changed ProcessOut beyond the credentials:\nbefore %v\nafter  %v", before, after)
	}
	d.checkAdoptedProject(t, env, project, seeded.SupervisedProjects[0])
	d.expectNoChanges(t)
}

// destroyOneAndCheck applies a configuration that lost one adopted object:
// ProcessOut sees one DELETE, for it, and every other object is untouched.
func (d *adoptionDir) destroyOneAndCheck(t *testing.T, env *testEnv, kind, id string) {
	t.Helper()
	before := emulatorSnapshot(env)
	if _, ok := before.objects[kind][id]; !ok {
		t.Fatalf("%s %s is not in ProcessOut before the destroy", kind, id)
	}
	env.emu.ProcessOut.ResetRequests()
	plan, path := d.plan(t)
	deletes := 0
	for _, rc := range plan.ResourceChanges {
		before, _ := rc.Change.Before.(map[string]any)
		destroysIt := rc.Change.Actions.Delete() && before["id"] == id
		if destroysIt {
			deletes++
		} else if !rc.Change.Actions.NoOp() {
			t.Errorf("%s: planned %v; want only %s destroyed", rc.Address, rc.Change.Actions, id)
		}
	}
	if deletes != 1 || t.Failed() {
		t.Fatalf("the plan destroys %s %d times; want once, and nothing else", id, deletes)
	}
	if err := d.tf.Apply(context.Background(), tfexec.DirOrPlan(path)); err != nil {
		t.Fatalf("apply: %v", err)
	}
	checkWrites(t, env, map[string][]string{"DELETE": {"/" + strings.ReplaceAll(kind, "_", "-") + "s/" + id}})
	delete(before.objects[kind], id)
	if after := emulatorSnapshot(env); !reflect.DeepEqual(after, before) {
		t.Errorf("destroying %s touched other objects:\nbefore %v\nafter  %v", id, before, after)
	}
	d.expectNoChanges(t)
}

// checkAdoptionPlan: every hand-built object is imported; the only updates
// are the credentials given by hand (and what follows them: the public
// keys, the SFTP settings' enabled flag, unknown until read again after the
// save); nothing is created, replaced or destroyed. sftp is the address of
// the SFTP settings, given their password.
func checkAdoptionPlan(t *testing.T, plan *tfjson.Plan, objects int, credentialed map[string]string, sftp string) {
	t.Helper()
	credentialAttributes := map[string]bool{"settings": true, "settings_wo": true, "settings_wo_version": true,
		"password": true, "password_wo": true, "password_wo_version": true}
	followers := map[string]bool{"public_keys": true, "merchant_account_country_code": true, "enabled": true}
	imported, updated := 0, 0
	for _, rc := range plan.ResourceChanges {
		if rc.Change.Importing != nil {
			imported++
		}
		if len(rc.Change.ReplacePaths) > 0 {
			t.Errorf("%s: replacement planned for %v", rc.Address, rc.Change.ReplacePaths)
		}
		changed := changedAttributes(rc.Change)
		_, wantUpdate := credentialed[rc.Address]
		wantUpdate = wantUpdate || rc.Address == sftp
		switch {
		case rc.Change.Actions.NoOp() && !wantUpdate:
		case rc.Change.Actions.Update() && wantUpdate:
			updated++
			for _, attr := range changed {
				if !credentialAttributes[attr] && !followers[attr] {
					t.Errorf("%s: %s changes; only the credentials should", rc.Address, attr)
				}
			}
			if !slices.ContainsFunc(changed, func(a string) bool { return credentialAttributes[a] }) {
				t.Errorf("%s: updated, but not its credentials (%v)", rc.Address, changed)
			}
		default:
			t.Errorf("%s: planned %v (changes %v)", rc.Address, rc.Change.Actions, changed)
		}
	}
	if imported != objects || updated != len(credentialed)+1 || len(plan.ResourceChanges) != objects {
		t.Errorf("plan: %d imports, %d updates among %d changes; want %d imports, %d updates", imported, updated, len(plan.ResourceChanges), objects, len(credentialed)+1)
	}
}

// changedAttributes lists the top-level attributes a change alters or
// leaves unknown.
func changedAttributes(c *tfjson.Change) []string {
	before, _ := c.Before.(map[string]any)
	after, _ := c.After.(map[string]any)
	unknown, _ := c.AfterUnknown.(map[string]any)
	var changed []string
	for k := range after {
		if !reflect.DeepEqual(before[k], after[k]) || unknown[k] == true {
			changed = append(changed, k)
		}
	}
	slices.Sort(changed)
	return changed
}

// checkWrites: since the request log was reset, ProcessOut received exactly
// these writes (method → paths), and no other.
func checkWrites(t *testing.T, env *testEnv, want map[string][]string) {
	t.Helper()
	got := map[string][]string{}
	for _, r := range env.emu.ProcessOut.Requests() {
		if r.Method != "GET" {
			got[r.Method] = append(got[r.Method], r.Path)
		}
	}
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		slices.Sort(got[m])
		slices.Sort(want[m])
		if !slices.Equal(got[m], want[m]) {
			t.Errorf("%s requests: %v, want %v", m, got[m], want[m])
		}
	}
}

// emulatorState is what the emulated project holds.
type emulatorState struct {
	objects         map[string]map[string]map[string]any     // kind → ID → object
	settings        map[string]map[string]string             // gateway configuration ID → credentials
	sftpCredentials map[string]processoutapi.SFTPCredentials // project ID → SFTP credentials
}

func emulatorSnapshot(env *testEnv) emulatorState {
	s := emulatorState{objects: map[string]map[string]map[string]any{}, settings: map[string]map[string]string{},
		sftpCredentials: map[string]processoutapi.SFTPCredentials{}}
	for _, kind := range []string{processoutapi.KindGatewayConfiguration, processoutapi.KindWebhookEndpoint, processoutapi.KindProject,
		processoutapi.KindProduct, processoutapi.KindSFTPSettings} {
		s.objects[kind] = map[string]map[string]any{}
		for _, obj := range env.objects(kind) {
			id := idOf(obj)
			s.objects[kind][id] = obj
			switch kind {
			case processoutapi.KindGatewayConfiguration:
				s.settings[id] = env.emu.ProcessOut.ReceivedSettings(id)
			case processoutapi.KindSFTPSettings:
				s.sftpCredentials[id], _ = env.emu.ProcessOut.SFTPCredentials(id)
			}
		}
	}
	return s
}

// checkGeneratedConfig: one resource block per object, only arguments in
// them (never a computed attribute such as id or created_at), disabled
// configurations written as such (the default is enabled), and no
// credential set (settings, settings_wo, a project's private_key).
func checkGeneratedConfig(t *testing.T, hcl string, objects int) {
	t.Helper()
	if n := strings.Count(hcl, "\nresource \""); n != objects {
		t.Errorf("generated %d resource blocks, want %d:\n%s", n, objects, hcl)
	}
	for _, computed := range []string{"id", "created_at", "project_id", "sandbox", "gateway_id", "public_keys", "enabled_at", "supervisor_project_id"} {
		if regexp.MustCompile(`(?m)^\s+` + computed + `\s+=`).MatchString(hcl) {
			t.Errorf("the generated configuration sets the computed attribute %s:\n%s", computed, hcl)
		}
	}
	if regexp.MustCompile(`(?m)^\s+(settings(_wo)?|private_key(_wo)?|password(_wo)?)\s+=\s+[^n]`).MatchString(hcl) {
		t.Errorf("the generated configuration sets credentials:\n%s", hcl)
	}
	if objects > 1 && strings.Count(hcl, "enabled          = false")+strings.Count(hcl, "enabled              = false") != 3 {
		t.Errorf("the three disabled configurations are not generated as disabled:\n%s", hcl)
	}
}

const credentialsVariable = `variable "gateway_credentials" {
  type      = map(map(string))
  sensitive = true
}

variable "sftp_password" {
  type      = string
  sensitive = true
}
`

// setSFTPPassword edits the generated SFTP settings block as the guide
// says: password_wo and password_wo_version (1.11+), else password.
func setSFTPPassword(t *testing.T, hcl, address string, writeOnly bool) string {
	t.Helper()
	block := resourceBlock(t, hcl, address)
	edited := block
	if writeOnly {
		edited = regexp.MustCompile(`(?m)^(\s+password_wo\s+=\s+)null.*$`).ReplaceAllString(edited, "${1}var.sftp_password")
		edited = regexp.MustCompile(`(?m)^(\s+password_wo_version\s+=\s+)null$`).ReplaceAllString(edited, "${1}1")
	} else {
		edited = regexp.MustCompile(`(?m)^(\s+password\s+=\s+)null.*$`).ReplaceAllString(edited, "${1}var.sftp_password")
	}
	if !strings.Contains(edited, "var.sftp_password") {
		t.Fatalf("no password attribute to set in %s:\n%s", address, block)
	}
	return strings.Replace(hcl, block, edited, 1)
}

// setCredentials edits one generated gateway configuration block as the
// guide says: settings_wo and settings_wo_version (1.11+), else settings.
func setCredentials(t *testing.T, hcl, address string, writeOnly bool) string {
	t.Helper()
	block := resourceBlock(t, hcl, address)
	value := fmt.Sprintf("var.gateway_credentials[%q]", resourceName(address))
	edited := block
	if writeOnly {
		edited = regexp.MustCompile(`(?m)^(\s+settings_wo\s+=\s+)null.*$`).ReplaceAllString(edited, "${1}"+value)
		edited = regexp.MustCompile(`(?m)^(\s+settings_wo_version\s+=\s+)null$`).ReplaceAllString(edited, "${1}1")
	} else {
		edited = regexp.MustCompile(`(?m)^(\s+settings\s+=\s+)null.*$`).ReplaceAllString(edited, "${1}"+value)
	}
	if edited == block || !strings.Contains(edited, value) {
		t.Fatalf("no credential attribute to set in %s:\n%s", address, block)
	}
	return strings.Replace(hcl, block, edited, 1)
}

func (d *adoptionDir) writeCredentials(t *testing.T, byKey map[string]map[string]string) {
	t.Helper()
	raw, err := json.Marshal(map[string]any{"gateway_credentials": byKey, "sftp_password": adoptionSFTPPassword})
	if err != nil {
		t.Fatal(err)
	}
	d.write(t, "credentials.auto.tfvars.json", string(raw))
}

func credentialsByKey(credentialed map[string]string, key func(address string) string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for address, gateway := range credentialed {
		out[key(address)] = adoptionCredentials[gateway]
	}
	return out
}

// resourceBlock returns a top-level resource block of generated HCL, from
// its header to its closing brace.
func resourceBlock(t *testing.T, hcl, address string) string {
	t.Helper()
	typ, name, _ := strings.Cut(address, ".")
	header := fmt.Sprintf("resource %q %q {\n", typ, name)
	start := strings.Index(hcl, header)
	if start < 0 {
		t.Fatalf("no block for %s in:\n%s", address, hcl)
	}
	end := strings.Index(hcl[start:], "\n}\n")
	if end < 0 {
		t.Fatalf("unterminated block for %s", address)
	}
	return hcl[start : start+end+3]
}

func removeResourceBlock(t *testing.T, hcl, address string) string {
	t.Helper()
	return strings.Replace(hcl, resourceBlock(t, hcl, address), "", 1)
}

func resourceName(address string) string {
	_, name, _ := strings.Cut(address, ".")
	return name
}

func forEachAddress(typ, id string) string { return fmt.Sprintf("%s.adopted[%q]", typ, id) }

// forEachKey is the instance key of a forEachAddress.
func forEachKey(address string) string {
	_, key, _ := strings.Cut(strings.TrimSuffix(address, `"]`), `["`)
	return key
}

func importBlock(address, id string) string {
	return fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", address, id)
}

func replaceOnce(t *testing.T, s, old, replacement string) string {
	t.Helper()
	if n := strings.Count(s, old); n != 1 {
		t.Fatalf("%q occurs %d times, want once", old, n)
	}
	return strings.Replace(s, old, replacement, 1)
}

// TestAccEmptyCollections: `metadata = {}` and the like, as the list data
// sources give them (the for_each route of the guide feeds them to the
// resources), apply cleanly and keep their form; ProcessOut holds none.
func TestAccEmptyCollections(t *testing.T) {
	env := newTestEnv(t, transportMembrane, emulatorConfigDefault())
	emptyMap, emptyList := knownvalue.MapExact(map[string]knownvalue.Check{}), knownvalue.ListExact(nil)
	gc, project := "processout_gateway_configuration.qa", "processout_project.seller"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`resource "processout_gateway_configuration" "qa" {
  gateway_name         = "sandbox"
  metadata             = {}
  sub_accounts_enabled = []
}

resource "processout_project" "seller" {
  name                  = "Seller"
  public_metadata       = {}
  dunning_configuration = []
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(gc, tfjsonpath.New("metadata"), emptyMap),
				statecheck.ExpectKnownValue(gc, tfjsonpath.New("sub_accounts_enabled"), knownvalue.SetExact(nil)),
				// Computed, and answered {}: stored as {}, not null.
				statecheck.ExpectKnownValue(gc, tfjsonpath.New("public_keys"), emptyMap),
				statecheck.ExpectKnownValue(project, tfjsonpath.New("public_metadata"), emptyMap),
				statecheck.ExpectKnownValue(project, tfjsonpath.New("dunning_configuration"), emptyList),
				emulatorCheck(func() error {
					configurations, projects := env.objects(processoutapi.KindGatewayConfiguration), env.objects(processoutapi.KindProject)
					if len(configurations) != 1 || len(projects) != 1 {
						return fmt.Errorf("the emulator holds %d configurations and %d projects", len(configurations), len(projects))
					}
					for _, v := range []any{configurations[0]["metadata"], configurations[0]["sub_accounts_enabled"], projects[0]["public_metadata"], projects[0]["dunning_configuration"]} {
						if reflect.ValueOf(v).Len() != 0 {
							return fmt.Errorf("the emulator holds %v, want it empty", v)
						}
					}
					return nil
				}),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}
