package validate

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// pairSchema has one top-level attribute of each type the pairs validate,
// and a nested one, so that a path walk has something to walk.
var pairSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"m": schema.MapAttribute{Optional: true, ElementType: types.StringType},
	"i": schema.Int64Attribute{Optional: true},
	"s": schema.StringAttribute{Optional: true},
	"n": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
		"x": schema.StringAttribute{Optional: true},
	}},
}}

// pairValues are the three states a configured value can be in.
var pairValues = map[string]map[string]tftypes.Value{
	"m": {
		"null":    tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, nil),
		"unknown": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, tftypes.UnknownValue),
		"set": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String},
			map[string]tftypes.Value{"k": tftypes.NewValue(tftypes.String, "v")}),
	},
	"i": {
		"null":    tftypes.NewValue(tftypes.Number, nil),
		"unknown": tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
		"set":     tftypes.NewValue(tftypes.Number, 1),
	},
	"s": {
		"null":    tftypes.NewValue(tftypes.String, nil),
		"unknown": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"set":     tftypes.NewValue(tftypes.String, "v"),
	},
}

// pairConfigs are every combination of the states of m, i and s.
func pairConfigs(t *testing.T) map[string]tfsdk.Config {
	ctx := context.Background()
	typ := pairSchema.Type().TerraformType(ctx)
	nested := typ.(tftypes.Object).AttributeTypes["n"] //nolint:forcetypeassert // the schema's type is an object
	out := map[string]tfsdk.Config{}
	for mk, m := range pairValues["m"] {
		for ik, i := range pairValues["i"] {
			for sk, s := range pairValues["s"] {
				raw := tftypes.NewValue(typ, map[string]tftypes.Value{"m": m, "i": i, "s": s,
					"n": tftypes.NewValue(nested, map[string]tftypes.Value{"x": tftypes.NewValue(tftypes.String, "x")})})
				out[fmt.Sprintf("m=%s i=%s s=%s", mk, ik, sk)] = tfsdk.Config{Schema: pairSchema, Raw: raw}
			}
		}
	}
	if len(out) != 27 {
		t.Fatalf("%d configurations", len(out))
	}
	return out
}

// TestRootPairsAsTheValidatorsLibrary: for every configuration, each pair
// reports what the library's validator for path.MatchRoot reports, and
// describes itself the same way.
func TestRootPairsAsTheValidatorsLibrary(t *testing.T) {
	ctx := context.Background()
	type pairCase struct {
		at, other    string
		theirs, ours any
	}
	var cases []pairCase
	for _, at := range []string{"m", "i", "s"} {
		for _, other := range []string{"m", "i", "s"} {
			if at == other {
				continue
			}
			p := path.MatchRoot(other)
			theirs := map[string][2]any{
				"m": {mapvalidator.AlsoRequires(p), mapvalidator.ConflictsWith(p)},
				"i": {int64validator.AlsoRequires(p), int64validator.ConflictsWith(p)},
				"s": {stringvalidator.AlsoRequires(p), stringvalidator.ConflictsWith(p)},
			}[at]
			cases = append(cases,
				pairCase{at: at, other: other, theirs: theirs[0], ours: AlsoRequiresRoot(other)},
				pairCase{at: at, other: other, theirs: theirs[1], ours: ConflictsWithRoot(other)})
		}
	}
	reported := 0
	for _, c := range cases {
		theirs, ours := c.theirs.(validator.Describer), c.ours.(validator.Describer) //nolint:forcetypeassert // both are validators
		if theirs.Description(ctx) != ours.Description(ctx) || theirs.MarkdownDescription(ctx) != ours.MarkdownDescription(ctx) {
			t.Errorf("%s → %s: described %q, the library %q", c.at, c.other, ours.Description(ctx), theirs.Description(ctx))
		}
		for name, config := range pairConfigs(t) {
			want, got := runPair(t, c.theirs, c.at, config), runPair(t, c.ours, c.at, config)
			if !got.Equal(want) {
				t.Errorf("%s → %s, %s: %v, the library %v", c.at, c.other, name, got, want)
			}
			reported += len(want)
		}
	}
	if reported == 0 {
		t.Fatal("no case reported anything: the comparison proves nothing")
	}
}

// runPair runs validator v of attribute at on config.
func runPair(t *testing.T, v any, at string, config tfsdk.Config) diag.Diagnostics {
	ctx := context.Background()
	p := path.Root(at)
	var value attr.Value
	if d := config.GetAttribute(ctx, p, &value); d.HasError() {
		t.Fatal(d)
	}
	switch at {
	case "m":
		resp := &validator.MapResponse{}
		v.(validator.Map).ValidateMap(ctx, validator.MapRequest{Path: p, PathExpression: p.Expression(), Config: config, ConfigValue: value.(types.Map)}, resp) //nolint:forcetypeassert // m is a map
		return resp.Diagnostics
	case "i":
		resp := &validator.Int64Response{}
		v.(validator.Int64).ValidateInt64(ctx, validator.Int64Request{Path: p, PathExpression: p.Expression(), Config: config, ConfigValue: value.(types.Int64)}, resp) //nolint:forcetypeassert // i is an int64
		return resp.Diagnostics
	default:
		resp := &validator.StringResponse{}
		v.(validator.String).ValidateString(ctx, validator.StringRequest{Path: p, PathExpression: p.Expression(), Config: config, ConfigValue: value.(types.String)}, resp) //nolint:forcetypeassert // s is a string
		return resp.Diagnostics
	}
}

// TestPreferWriteOnlyRootAsTheValidatorsLibrary: the warning, and its
// absence, are those of resourcevalidator.PreferWriteOnlyAttribute, with
// and without the client's support for write-only attributes.
func TestPreferWriteOnlyRootAsTheValidatorsLibrary(t *testing.T) {
	ctx := context.Background()
	theirs, ours := resourcevalidator.PreferWriteOnlyAttribute(path.MatchRoot("s"), path.MatchRoot("m")), PreferWriteOnlyRoot("s", "m")
	if theirs.Description(ctx) != ours.Description(ctx) || theirs.MarkdownDescription(ctx) != ours.MarkdownDescription(ctx) {
		t.Errorf("described %q, the library %q", ours.Description(ctx), theirs.Description(ctx))
	}
	warned := 0
	for name, config := range pairConfigs(t) {
		for _, allowed := range []bool{true, false} {
			req := resource.ValidateConfigRequest{Config: config, ClientCapabilities: resource.ValidateConfigClientCapabilities{WriteOnlyAttributesAllowed: allowed}}
			want, got := &resource.ValidateConfigResponse{}, &resource.ValidateConfigResponse{}
			theirs.ValidateResource(ctx, req, want)
			ours.ValidateResource(ctx, req, got)
			if !got.Diagnostics.Equal(want.Diagnostics) {
				t.Errorf("%s, write-only allowed %v: %v, the library %v", name, allowed, got.Diagnostics, want.Diagnostics)
			}
			warned += len(want.Diagnostics)
		}
	}
	if warned == 0 {
		t.Fatal("the library warned in no case: the comparison proves nothing")
	}
}
