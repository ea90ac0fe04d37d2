package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// The supervised project is read, changed and deleted as itself, so neither
// the connected project nor any other is touched, under both readings of
// /projects/{id} (the worst: the id is ignored and the call acts on the
// authenticated project; make testacc-worst).

// supervisorIntact checks that the connected project is still there,
// under its own name.
func (e *testEnv) supervisorIntact() error {
	obj, ok := e.emu.ProcessOut.Object(processoutapi.KindProject, e.emu.ProjectID)
	if !ok {
		return fmt.Errorf("the connected project %s was deleted", e.emu.ProjectID)
	}
	if obj["name"] != emulator.ProjectName {
		return fmt.Errorf("the connected project was renamed %q", obj["name"])
	}
	return nil
}

// supervisedNamed checks the supervised project in state: the emulator holds
// it under name, supervised by the connected project, which is intact, and
// every PUT or DELETE on a project was made as the supervised project, in
// its mode.
func (e *testEnv) supervisedNamed(name string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		id := s.RootModule().Resources[projectAddr].Primary.ID
		obj, ok := e.emu.ProcessOut.Object(processoutapi.KindProject, id)
		switch {
		case !ok:
			return fmt.Errorf("the emulator has no project %s", id)
		case obj["name"] != name || obj["supervisor_project_id"] != e.emu.ProjectID:
			return fmt.Errorf("the emulator holds %v, want %q supervised by %s", obj, name, e.emu.ProjectID)
		}
		if err := e.projectWritesMadeAs(id); err != nil {
			return err
		}
		return e.supervisorIntact()
	}
}

// projectWritesMadeAs checks every PUT and DELETE on /projects/ was
// authenticated as project id, with the sandbox form of its credentials
// (the connected project, and so the child, is a sandbox one).
func (e *testEnv) projectWritesMadeAs(id string) error {
	for _, r := range e.emu.ProcessOut.Requests() {
		if (r.Method == http.MethodPut || r.Method == http.MethodDelete) && strings.HasPrefix(r.Path, "/projects/") &&
			(r.ProjectID != id || !r.Sandbox) {
			return fmt.Errorf("%s %s was made as project %q (sandbox %t), want %s in sandbox", r.Method, r.Path, r.ProjectID, r.Sandbox, id)
		}
	}
	return nil
}

// supervisedDestroyed is a CheckDestroy: no supervised project is left, the
// connected project is intact and the DELETE was made as the child.
func (e *testEnv) supervisedDestroyed(s *terraform.State) error {
	if err := e.checkDestroyed(processoutapi.KindProject)(s); err != nil {
		return err
	}
	if e.calls(http.MethodDelete, "/projects/") == 0 {
		return fmt.Errorf("no DELETE /projects/ reached the emulator")
	}
	for _, r := range e.emu.ProcessOut.Requests() {
		if r.Method == http.MethodDelete && r.ProjectID == e.emu.ProjectID {
			return fmt.Errorf("DELETE %s was made as the connected project", r.Path)
		}
	}
	return e.supervisorIntact()
}

func TestAccProject_touchesOnlyTheSupervisedProject(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.supervisedDestroyed,
			Steps: []resource.TestStep{
				{
					Config: env.config(projectConfig("Payments EU", "EUR")),
					Check:  env.supervisedNamed("Payments EU"),
				},
				{ // a rename renames the supervised project only
					Config: env.config(projectConfig("Payments Europe", "EUR")),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: env.supervisedNamed("Payments Europe"),
				},
				{ // a refresh reads the supervised project's own fields
					PreConfig:          func() { env.editOutOfBand(processoutapi.KindProject, map[string]any{"name": "renamed by hand"}) },
					RefreshState:       true,
					ExpectNonEmptyPlan: true,
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(projectAddr, "name", "renamed by hand"),
						resource.TestCheckResourceAttr(projectAddr, "supervisor_project_id", env.emu.ProjectID),
						resource.TestCheckResourceAttr(projectAddr, "default_currency", "EUR"),
						func(*terraform.State) error { return env.supervisorIntact() },
					),
				},
				{
					Config: env.config(projectConfig("Payments Europe", "EUR")),
					Check:  env.supervisedNamed("Payments Europe"),
				},
			},
		})
	})
}

// createSupervisedOutOfBand creates a supervised project as the dashboard
// would, outside Terraform, and returns its id and private key.
func (e *testEnv) createSupervisedOutOfBand(name string) (id, privateKey string) {
	e.t.Helper()
	body, _ := json.Marshal(map[string]any{"name": name})
	req := httptest.NewRequest(http.MethodPost, "/supervised-projects", strings.NewReader(string(body)))
	req.SetBasicAuth(e.emu.Project.ProjectID, e.emu.Project.Secret)
	rec := httptest.NewRecorder()
	e.emu.ProcessOut.ServeHTTP(rec, req)
	var answer struct {
		Project struct {
			ID         string `json:"id"`
			PrivateKey string `json:"private_key"`
		} `json:"project"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil || answer.Project.ID == "" || answer.Project.PrivateKey == "" {
		e.t.Fatalf("creating a supervised project out of band: %d %s (%v)", rec.Code, rec.Body, err)
	}
	e.emu.ProcessOut.ResetRequests()
	return answer.Project.ID, answer.Project.PrivateKey
}

func importedProjectConfig(id, name, privateKey string) string {
	key := ""
	if privateKey != "" {
		key = fmt.Sprintf("  private_key = %q\n", privateKey)
	}
	return fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n\nresource \"processout_project\" \"eu\" {\n  name = %q\n%s}\n", projectAddr, id, name, key)
}

func TestAccProject_importedWithoutKey(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		id, key := env.createSupervisedOutOfBand("Marketplace seller")
		noWrites := func(*terraform.State) error {
			if n := env.calls(http.MethodPut, "/projects/") + env.calls(http.MethodDelete, "/projects/"); n > 0 {
				return fmt.Errorf("%d PUT or DELETE /projects/ calls were made", n)
			}
			return env.supervisorIntact()
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             env.supervisedDestroyed,
			Steps: []resource.TestStep{
				{ // imported and refreshed without its key: its own fields
					Config: env.config(importedProjectConfig(id, "Marketplace seller", "")),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
						statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("supervisor_project_id"), knownvalue.StringExact(env.emu.ProjectID)),
						statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("private_key"), knownvalue.Null()),
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					Check:            noWrites,
				},
				{ // an update without the key is refused at plan time
					Config:      env.config(importedProjectConfig(id, "Marketplace seller EU", "")),
					ExpectError: errorTexts("Cannot update project "+id+" without its private key", "Set private_key in this resource's configuration"),
				},
				{ // so is a destroy, with the ways out
					Config: env.config(""),
					ExpectError: errorTexts("Cannot destroy project "+id+" without its private key",
						"first set private_key in its resource block to the project's secret key",
						"`terraform state rm <address>` (`tofu state rm`), or a `removed` block with `lifecycle { destroy = false }`"),
				},
				{ // with the key supplied, the update goes through, as the project
					PreConfig: func() {
						if err := noWrites(nil); err != nil {
							t.Errorf("after the refused plans: %v", err)
						}
					},
					Config: env.config(importedProjectConfig(id, "Marketplace seller EU", key)),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectSensitiveValue(projectAddr, tfjsonpath.New("private_key")),
						statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("private_key"), knownvalue.StringExact(key)),
					},
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					Check:            env.supervisedNamed("Marketplace seller EU"),
				},
				// and the destroy that ends the test succeeds (CheckDestroy).
			},
		})
	})
}

// errorTexts matches diagnostic texts that appear in this order.
func errorTexts(texts ...string) *regexp.Regexp {
	parts := make([]string, len(texts))
	for i, text := range texts {
		parts[i] = errorText(text).String()
	}
	return regexp.MustCompile(strings.Join(parts, `[\s\S]*`))
}
