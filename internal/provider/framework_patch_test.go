package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestFrameworkPatchInEffect fails when the provider builds against the
// framework as released rather than with third_party's patch (go.mod's
// replace): there, every step of a path at a resource schema's root, which
// the framework takes for every value of every RPC, copies the schema's
// attribute and block maps (third_party/README.md).
func TestFrameworkPatchInEffect(t *testing.T) {
	var resp resource.SchemaResponse
	NewGatewayConfigurationResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	for _, name := range []string{"gateway_name", "timeouts"} {
		var step tftypes.AttributePathStep = tftypes.AttributeName(name)
		if _, err := resp.Schema.ApplyTerraform5AttributePathStep(step); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		allocs := testing.AllocsPerRun(100, func() { _, _ = resp.Schema.ApplyTerraform5AttributePathStep(step) })
		if allocs != 0 {
			t.Errorf("a path step to %s allocates %.0f times: the framework is not the patched copy in third_party/terraform-plugin-framework (go.mod's replace)", name, allocs)
		}
	}
}
