package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// stringSetOrNull maps an API list to a set, an empty list to null: the API
// answers [] where the configuration simply leaves the attribute out.
func stringSetOrNull(items []string) types.Set {
	if len(items) == 0 {
		return types.SetNull(types.StringType)
	}
	return types.SetValueMust(types.StringType, stringValues(items))
}

// stringValues converts API strings to the elements of a list or set.
func stringValues(items []string) []attr.Value {
	elems := make([]attr.Value, len(items))
	for i, s := range items {
		elems[i] = types.StringValue(s)
	}
	return elems
}

// stringMapOrNull maps an API map to a map value, an empty map to null.
func stringMapOrNull(m map[string]string) types.Map {
	if len(m) == 0 {
		return types.MapNull(types.StringType)
	}
	return stringMapOrEmpty(m)
}

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

// timeValue formats an API timestamp as RFC 3339.
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

// optionalString is the value to send for an optional attribute: nil when
// the configuration leaves it out.
func optionalString(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

// stringMap reads a map attribute; null gives nil.
func stringMap(ctx context.Context, v types.Map) map[string]string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	out := map[string]string{}
	_ = v.ElementsAs(ctx, &out, false)
	return out
}

// stringSet reads a set attribute of strings; null gives nil.
func stringSet(ctx context.Context, v types.Set) []string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var out []string
	_ = v.ElementsAs(ctx, &out, false)
	return out
}

// stringMapOrEmpty maps an API map to a map value, keeping an empty map
// empty: for computed maps the API always returns.
func stringMapOrEmpty(m map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}
