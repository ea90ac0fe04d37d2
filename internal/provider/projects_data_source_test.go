package provider

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// TestAccProjectsDataSource: the supervised projects, the dashboard's
// included, oldest first, each as the emulator holds it, filtered by name;
// and no private key in state, not even when a list answer carries the keys
// (a front adds them here: ProcessOut's lists do not).
func TestAccProjectsDataSource(t *testing.T) {
	eachTransport(t, func(t *testing.T, env *testEnv) {
		api, ctx := env.api(t), context.Background()
		keys := map[string]string{} // project ID → private key
		for _, in := range []processout.ProjectInput{
			{Name: "Marketplace seller: Example Books", DefaultCurrency: "EUR", Email: "payments@example-books.example",
				LogoURL: "https://example-books.example/logo.png", PublicMetadata: map[string]string{"seller_id": "S-1042"},
				DunningConfiguration: []processout.DunningAction{{Action: "retry", DelayInDays: 3}, {Action: "cancel", DelayInDays: 14}}},
			{Name: "Marketplace seller: Example Games", DefaultCurrency: "USD"},
		} {
			created, err := api.CreateSupervisedProject(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			keys[created.ID] = created.PrivateKey
		}
		dashboardID, dashboardKey := env.createSupervisedOutOfBand("Outlet (set up in the dashboard)")
		keys[dashboardID] = dashboardKey
		projects := env.objects("project")
		projectIDs := ids(projects)
		if len(projectIDs) != 3 || projectIDs[2] != dashboardID {
			t.Fatalf("the emulator holds the supervised projects %v", projectIDs)
		}

		leaked := newKeyLeakingFront(t, env.apiURL(), keys)
		const all, sellers = "data.processout_projects.all", "data.processout_projects.sellers"
		checks := []statecheck.StateCheck{
			idsAre(all, "projects", projectIDs),
			idsAre(sellers, "projects", projectIDs[:2]),
		}
		for i, id := range projectIDs {
			checks = append(checks, env.expectProject(t, all, attributePath("projects", i), id)...)
		}
		secrets := []string{env.emu.Project.Secret}
		for _, key := range keys {
			secrets = append(secrets, key)
		}
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: env.unroutedBlockVia(3, leaked.url) + `
data "processout_projects" "all" {}

data "processout_projects" "sellers" {
  name_contains = "MARKETPLACE seller"
}
`,
				ConfigStateChecks: checks,
				Check: resource.ComposeTestCheckFunc(
					leaked.happened,
					expectNoSecretInState(secrets...),
				),
			}},
		})
	})
}

// keyLeakingFront stands in front of the provider's API URL and writes each
// project's private key into the supervised-projects list answers that pass
// through it.
type keyLeakingFront struct {
	url    string
	leaked atomic.Int32 // keys written into answers
}

func newKeyLeakingFront(t *testing.T, target string, keys map[string]string) *keyLeakingFront {
	t.Helper()
	f := &keyLeakingFront{}
	f.url = newProxyFront(t, target, func(r *http.Request, answer map[string]any) {
		if r.Method != http.MethodGet || !strings.HasSuffix(r.URL.Path, "/supervised-projects") {
			return
		}
		list, _ := answer["projects"].([]any)
		for _, item := range list {
			if p, ok := item.(map[string]any); ok && keys[idOf(p)] != "" {
				p["private_key"] = keys[idOf(p)]
				f.leaked.Add(1)
			}
		}
	}).url
	return f
}

// happened fails the step when no answer carried a key: the state check
// after it would then prove nothing.
func (f *keyLeakingFront) happened(*terraform.State) error {
	if f.leaked.Load() == 0 {
		return errors.New("no supervised-projects answer went through the front with a private key")
	}
	return nil
}
