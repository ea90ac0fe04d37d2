package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestEmptyAsConfigured is the resources' empty-collection rule: an empty
// collection from ProcessOut is null in state unless the prior value is a
// known, empty collection.
func TestEmptyAsConfigured(t *testing.T) {
	nullMap, emptyMap := types.MapNull(types.StringType), stringMapValue(nil)
	oneMap := stringMapValue(map[string]string{"k": "v"})
	for name, tc := range map[string]struct{ prior, read, want types.Map }{
		"left out of the configuration": {nullMap, emptyMap, nullMap},
		"written empty":                 {emptyMap, emptyMap, emptyMap},
		"unknown before create":         {types.MapUnknown(types.StringType), emptyMap, nullMap},
		"emptied out of band":           {oneMap, emptyMap, nullMap},
		"values read are kept":          {nullMap, oneMap, oneMap},
		"values read over an empty one": {emptyMap, oneMap, oneMap},
	} {
		t.Run(name, func(t *testing.T) {
			if got := emptyAsConfigured(tc.prior, tc.read, nullMap); !got.Equal(tc.want) {
				t.Errorf("emptyAsConfigured(%v, %v) = %v, want %v", tc.prior, tc.read, got, tc.want)
			}
		})
	}
	// Sets and lists follow the same rule.
	emptySet, emptyList := stringSetValue(nil), stringListValue(nil)
	if got := emptyAsConfigured(emptySet, emptySet, types.SetNull(types.StringType)); !got.Equal(emptySet) {
		t.Errorf("set written empty: got %v", got)
	}
	if got := emptyAsConfigured(types.ListNull(types.StringType), emptyList, types.ListNull(types.StringType)); !got.IsNull() {
		t.Errorf("list left out: got %v, want null", got)
	}
}

// TestDataSourceCollectionsAreKnown: the conversions give empty collections
// for absent API values, so data sources read them without a null check. A
// webhook endpoint's events_whitelist is the one exception: null is "every
// event".
func TestDataSourceCollectionsAreKnown(t *testing.T) {
	for name, v := range map[string]attr.Value{
		"map": stringMapValue(nil), "set": stringSetValue(nil), "list": stringListValue(nil), "dunning": dunningStepsValue(nil),
	} {
		if v.IsNull() || v.IsUnknown() {
			t.Errorf("%s: %v, want known and empty", name, v)
		}
	}
	if v := eventsWhitelistValue(nil); !v.IsNull() {
		t.Errorf("events_whitelist of an endpoint receiving every event: %v, want null", v)
	}
}
