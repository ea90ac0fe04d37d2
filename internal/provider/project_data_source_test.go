package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// projectFields are compared with the emulator's project as they are;
// dunning_configuration is a list of objects, checked on its own.
var projectFields = []string{"id", "name", "logo_url", "email", "default_currency", "supervisor_project_id", "region_name", "sandbox", "created_at", "public_metadata"}

// expectProject checks a project, at `at` in a data source (attributePath()
// for the processout_project data source), against the emulator's project.
func (e *testEnv) expectProject(t *testing.T, addr string, at func(string) tfjsonpath.Path, id string) []statecheck.StateCheck {
	t.Helper()
	obj, ok := e.emu.ProcessOut.Object("project", id)
	if !ok {
		t.Fatalf("the emulator has no project %s", id)
	}
	steps := []knownvalue.Check{}
	dunning, _ := obj["dunning_configuration"].([]any)
	for _, raw := range dunning {
		step, _ := raw.(map[string]any)
		steps = append(steps, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"action": expectedValue(step["action"]), "delay_in_days": expectedValue(step["delay_in_days"]),
		}))
	}
	return append(expectObject(addr, at, obj, projectFields),
		statecheck.ExpectKnownValue(addr, at("dunning_configuration"), knownvalue.ListExact(steps)))
}

func TestAccProjectDataSource(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		if !env.emu.ProcessOut.PatchObject("project", env.emu.ProjectID, map[string]any{
			"email": "payments@example.com", "default_currency": "EUR", "logo_url": "https://example.com/logo.png",
			"dunning_configuration": []any{map[string]any{"action": "retry", "delay_in_days": 3}, map[string]any{"action": "cancel", "delay_in_days": 7}},
			"public_metadata":       map[string]any{"team": "payments"},
		}) {
			t.Fatal("cannot set up the emulator's project")
		}
		child, err := env.api(t).CreateSupervisedProject(context.Background(), processout.ProjectInput{Name: "Child shop", DefaultCurrency: "USD"})
		if err != nil {
			t.Fatal(err)
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: env.config(fmt.Sprintf(`
data "processout_project" "current" {}

data "processout_project" "child" {
  id = %q
}
`, child.ID)),
					ConfigStateChecks: append(append(env.expectProject(t, "data.processout_project.current", attributePath(), env.emu.ProjectID),
						env.expectProject(t, "data.processout_project.child", attributePath(), child.ID)...),
						statecheck.ExpectKnownValue("data.processout_project.current", tfjsonpath.New("dunning_configuration"), knownvalue.ListSizeExact(2)),
						statecheck.ExpectKnownValue("data.processout_project.child", tfjsonpath.New("supervisor_project_id"), knownvalue.StringExact(env.emu.ProjectID)),
					),
					Check: expectNoSecretInState(env.emu.Project.Secret, child.PrivateKey),
				},
				{
					Config:      env.config("data \"processout_project\" \"child\" {\n  id = \"proj_doesnotexist\"\n}\n"),
					ExpectError: errorText(`ProcessOut has no project "proj_doesnotexist" visible with these credentials`),
				},
			},
		})
	})
}
