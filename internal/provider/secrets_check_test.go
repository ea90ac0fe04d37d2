package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// secretAbsentFromPlan fails when any of the secrets appears in what the
// plan says about resources: planned values, prior state and changes,
// sensitive or not. The plan's echo of the configuration is left out: it
// repeats the HCL literals the test itself wrote (real configurations pass
// credentials in variables).
type secretAbsentFromPlan struct{ secrets []string }

func expectNoSecretInPlan(secrets ...string) plancheck.PlanCheck {
	return secretAbsentFromPlan{secrets}
}

func (c secretAbsentFromPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	p := req.Plan
	raw, err := json.Marshal([]any{p.PlannedValues, p.PriorState, p.ResourceChanges, p.ResourceDrift, p.OutputChanges, p.RelevantAttributes})
	if err != nil {
		resp.Error = err
		return
	}
	for _, s := range c.secrets {
		if strings.Contains(string(raw), s) {
			resp.Error = fmt.Errorf("the plan contains the secret %q…", s[:4])
			return
		}
	}
}

// expectNoSecretInState fails when any of the secrets is stored in state.
func expectNoSecretInState(secrets ...string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		raw, err := json.Marshal(s)
		if err != nil {
			return err
		}
		for _, secret := range secrets {
			if strings.Contains(string(raw), secret) {
				return fmt.Errorf("the state contains the secret %q…", secret[:4])
			}
		}
		return nil
	}
}
