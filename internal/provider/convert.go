package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Conversions between API values and Terraform values.
//
// From the API, an empty string or a nil pointer is an absent value (null),
// and a collection is always known, empty when ProcessOut holds nothing, so
// that `length()` and `lookup()` work on data sources without a null check.
// Resources store an empty collection as null unless the configuration wrote
// it empty: see emptyAsConfigured.

// stringOrNull maps an empty or absent API string to null.
func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// ptrStringOrNull maps a nullable API string to a value.
func ptrStringOrNull(s *string) types.String {
	if s == nil {
		return types.StringNull()
	}
	return stringOrNull(*s)
}

// timeValue formats an API timestamp as RFC 3339; the zero time is null.
func timeValue(t time.Time) types.String {
	if t.IsZero() {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339Nano))
}

// ptrTimeValue formats a nullable API timestamp.
func ptrTimeValue(t *time.Time) types.String {
	if t == nil {
		return types.StringNull()
	}
	return timeValue(*t)
}

// stringValues converts API strings to the elements of a list or set.
func stringValues(items []string) []attr.Value {
	elems := make([]attr.Value, len(items))
	for i, s := range items {
		elems[i] = types.StringValue(s)
	}
	return elems
}

// stringListValue maps an API list to a list of strings (empty, never null).
func stringListValue(items []string) types.List {
	return types.ListValueMust(types.StringType, stringValues(items))
}

// stringSetValue maps an API list to a set of strings (empty, never null).
func stringSetValue(items []string) types.Set {
	return types.SetValueMust(types.StringType, stringValues(items))
}

// stringMapValue maps an API map to a map of strings (empty, never null).
func stringMapValue(m map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// emptyAsConfigured is the resources' rule for a collection read from
// ProcessOut: empty is stored as null (an attribute left out of the
// configuration), unless the prior value (plan or state) is a known, empty
// collection. ProcessOut answers [] or {} for both, but Terraform insists
// that state keeps the planned form: without this, `metadata = {}` (or the
// {} and [] the list data sources give, fed into a resource) fails with
// "Provider produced inconsistent result after apply". An imported object
// has a null prior, so generated configuration still reads null.
func emptyAsConfigured[T attr.Value](prior, read, null T) T {
	if isEmptyCollection(read) && !isEmptyCollection(prior) {
		return null
	}
	return read
}

// isEmptyCollection reports whether v is a known map, set or list without
// elements.
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

// optionalString is the value to send for an optional attribute: nil when
// the configuration leaves it out.
func optionalString(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

// optionalBool returns a pointer to the value, nil when it is null.
func optionalBool(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	b := v.ValueBool()
	return &b
}

// optionalTime reads an RFC 3339 attribute already checked by
// validate.RFC3339: nil when it is null.
func optionalTime(v types.String) *time.Time {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, v.ValueString())
	if err != nil {
		return nil
	}
	return &t
}

// stringMap reads a map attribute to send; null gives nil.
func stringMap(ctx context.Context, v types.Map, diags *diag.Diagnostics) map[string]string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	out := map[string]string{}
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out
}

// stringSet reads a set attribute of strings to send; null gives nil.
func stringSet(ctx context.Context, v types.Set, diags *diag.Diagnostics) []string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out
}
