package provider

import (
	"context"
	"reflect"
	"regexp"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The framework converts between a model struct and its tftypes.Value by
// reflection, reading the struct's tfsdk tags again on every call and
// compiling a regular expression for each tag it reads
// (terraform-plugin-framework#725): a tenth of the provider's CPU in the
// Read of a no-change plan (BENCHMARKS.md, "Provider CPU per object").
// getModel and setModel do the same conversion from a layout read once per
// struct type. They take the framework's path whenever the layout or a
// value is anything but what they handle exactly as the framework does
// (attr.Value fields whose types match the schema's, without validation
// hooks), so the results and the diagnostics are the framework's
// (TestModelCodecAsTheFramework).

// modelLayout is where a model struct keeps each attribute.
type modelLayout struct {
	fields []modelField
	ok     bool // false: leave the struct to the framework
}

type modelField struct {
	name  string
	index []int // reflect.Value.FieldByIndex, through embedded structs
}

var (
	modelLayouts    sync.Map // reflect.Type → *modelLayout
	attrValueType   = reflect.TypeFor[attr.Value]()
	tfsdkTagPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`) // the framework's rule
)

// layoutOf is the layout of struct type t, read once.
func layoutOf(t reflect.Type) *modelLayout {
	if l, ok := modelLayouts.Load(t); ok {
		return l.(*modelLayout) //nolint:forcetypeassert // only layouts are stored
	}
	l := &modelLayout{}
	names := map[string]bool{}
	l.ok = collectFields(t, nil, l, names)
	modelLayouts.Store(t, l)
	return l
}

// collectFields follows the framework's reading of tfsdk tags
// (internal/reflect.getStructTags) and reports false where it would fail
// or where a field is not an attr.Value.
func collectFields(t reflect.Type, prefix []int, l *modelLayout, names map[string]bool) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		index := append(append([]int(nil), prefix...), i)
		tag, tagged := f.Tag.Lookup("tfsdk")
		switch {
		case tag == "-":
			continue
		case f.Anonymous:
			if tagged || !collectFields(f.Type, index, l, names) {
				return false // a tagged or pointer embedding: the framework's error
			}
			continue
		case !tagged || !tfsdkTagPattern.MatchString(tag) || names[tag] || !f.Type.Implements(attrValueType):
			return false
		}
		names[tag] = true
		l.fields = append(l.fields, modelField{name: tag, index: index})
	}
	return true
}

// getModel is what data.Get(ctx, target) does for state, plan or
// configuration data (its schema's type and raw value).
func getModel(ctx context.Context, schemaType attr.Type, raw tftypes.Value, target any, framework func() diag.Diagnostics) diag.Diagnostics {
	if !decodeModel(ctx, schemaType, raw, target) {
		return framework()
	}
	return nil
}

func decodeModel(ctx context.Context, schemaType attr.Type, raw tftypes.Value, target any) bool {
	ptr := reflect.ValueOf(target)
	if ptr.Kind() != reflect.Pointer || ptr.IsNil() || ptr.Elem().Kind() != reflect.Struct {
		return false
	}
	objType, ok := schemaType.(attr.TypeWithAttributeTypes)
	if !ok || isValidating(schemaType) || !raw.IsKnown() || raw.IsNull() || !raw.Type().Is(tftypes.Object{}) {
		return false
	}
	l := layoutOf(ptr.Elem().Type())
	var values map[string]tftypes.Value
	if !l.ok || raw.As(&values) != nil || len(values) != len(l.fields) {
		return false
	}
	attrTypes := objType.AttributeTypes()
	result := reflect.New(ptr.Elem().Type()).Elem()
	for _, f := range l.fields {
		v, present := values[f.name]
		at := attrTypes[f.name]
		if !present || at == nil || !passes(ctx, at, v, f.name) {
			return false
		}
		decoded, err := at.ValueFromTerraform(ctx, v)
		if err != nil || decoded == nil || isValidatingValue(decoded) {
			return false
		}
		field := result.FieldByIndex(f.index)
		if reflect.TypeOf(decoded) != field.Type() {
			return false
		}
		field.Set(reflect.ValueOf(decoded))
	}
	ptr.Elem().Set(result)
	return true
}

// encodeModel is the tftypes.Value data.Set(ctx, model) stores, and false
// where the framework must do it.
func encodeModel(ctx context.Context, schemaType attr.Type, model any) (tftypes.Value, bool) {
	v := reflect.ValueOf(model)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return tftypes.Value{}, false
		}
		v = v.Elem()
	}
	objType, ok := schemaType.(attr.TypeWithAttributeTypes)
	if v.Kind() != reflect.Struct || !ok || isValidating(schemaType) {
		return tftypes.Value{}, false
	}
	l := layoutOf(v.Type())
	attrTypes := objType.AttributeTypes()
	if !l.ok || len(attrTypes) != len(l.fields) {
		return tftypes.Value{}, false
	}
	values := make(map[string]tftypes.Value, len(l.fields))
	for _, f := range l.fields {
		at := attrTypes[f.name]
		value, isValue := v.FieldByIndex(f.index).Interface().(attr.Value)
		if at == nil || !isValue || value == nil || isValidatingValue(value) {
			return tftypes.Value{}, false
		}
		tfType := at.TerraformType(ctx)
		if tfType.Is(tftypes.DynamicPseudoType) || !tfType.Equal(value.Type(ctx).TerraformType(ctx)) {
			return tftypes.Value{}, false
		}
		tv, err := value.ToTerraformValue(ctx)
		if err != nil || !passes(ctx, at, tv, f.name) {
			return tftypes.Value{}, false
		}
		values[f.name] = tv
	}
	return tftypes.NewValue(schemaType.TerraformType(ctx), values), true
}

// isValidating reports a type with a validation hook the framework runs
// while converting.
func isValidating(t attr.Type) bool {
	_, ok := t.(xattr.TypeWithValidate) //nolint:staticcheck // deprecated, but the framework still runs it
	return ok
}

// passes runs the validation the framework runs while converting a value
// of type t (Int64Type, MapType, SetType and ListType have one), and
// reports whether it had nothing to say; otherwise the framework converts,
// and says it.
func passes(ctx context.Context, t attr.Type, v tftypes.Value, name string) bool {
	tv, ok := t.(xattr.TypeWithValidate) //nolint:staticcheck // deprecated, but the framework still runs it
	return !ok || len(tv.Validate(ctx, v, path.Root(name))) == 0
}

func isValidatingValue(v attr.Value) bool {
	_, ok := v.(xattr.ValidateableAttribute)
	return ok
}

// getState is state.Get(ctx, target).
func getState(ctx context.Context, state tfsdk.State, target any) diag.Diagnostics {
	return getModel(ctx, state.Schema.Type(), state.Raw, target, func() diag.Diagnostics { return state.Get(ctx, target) })
}

// getPlan is plan.Get(ctx, target).
func getPlan(ctx context.Context, plan tfsdk.Plan, target any) diag.Diagnostics {
	return getModel(ctx, plan.Schema.Type(), plan.Raw, target, func() diag.Diagnostics { return plan.Get(ctx, target) })
}

// getConfig is config.Get(ctx, target).
func getConfig(ctx context.Context, config tfsdk.Config, target any) diag.Diagnostics {
	return getModel(ctx, config.Schema.Type(), config.Raw, target, func() diag.Diagnostics { return config.Get(ctx, target) })
}

// setState is state.Set(ctx, model).
func setState(ctx context.Context, state *tfsdk.State, model any) diag.Diagnostics {
	if v, ok := encodeModel(ctx, state.Schema.Type(), model); ok {
		state.Raw = v
		return nil
	}
	return state.Set(ctx, model)
}

// setPlan is plan.Set(ctx, model).
func setPlan(ctx context.Context, plan *tfsdk.Plan, model any) diag.Diagnostics {
	if v, ok := encodeModel(ctx, plan.Schema.Type(), model); ok {
		plan.Raw = v
		return nil
	}
	return plan.Set(ctx, model)
}

// setIdentityModel is identity.Set(ctx, model).
func setIdentityModel(ctx context.Context, identity *tfsdk.ResourceIdentity, model any) diag.Diagnostics {
	if v, ok := encodeModel(ctx, identity.Schema.Type(), model); ok {
		identity.Raw = v
		return nil
	}
	return identity.Set(ctx, model)
}
