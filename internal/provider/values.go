package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// stringSetOrNull maps an API list to a set, an empty list to null: the API
// answers [] where the configuration simply leaves the attribute out.
func stringSetOrNull(items []string) types.Set {
	if len(items) == 0 {
		return types.SetNull(types.StringType)
	}
	elems := make([]attr.Value, len(items))
	for i, s := range items {
		elems[i] = types.StringValue(s)
	}
	return types.SetValueMust(types.StringType, elems)
}
