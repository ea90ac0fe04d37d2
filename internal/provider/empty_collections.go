package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// keepEmpty returns prior instead of read when ProcessOut holds nothing
// (read is null: the resources read an empty [] or {} as null) and the
// configuration said so with an empty collection (prior is a known, empty
// map, set or list). Both mean "none" to ProcessOut, but Terraform insists
// that state keeps the planned form: without this, `metadata = {}` (or the
// {} and [] the list data sources give, fed into a resource) fails with
// "Provider produced inconsistent result after apply". An imported object
// has a null prior, so generated configuration still reads null.
func keepEmpty[T attr.Value](prior, read T) T {
	if read.IsNull() && isEmptyCollection(prior) {
		return prior
	}
	return read
}

func isEmptyCollection(v attr.Value) bool {
	if v.IsNull() || v.IsUnknown() {
		return false
	}
	switch c := v.(type) {
	case types.Map:
		return len(c.Elements()) == 0
	case types.Set:
		return len(c.Elements()) == 0
	case types.List:
		return len(c.Elements()) == 0
	}
	return false
}
