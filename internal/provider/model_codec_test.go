package provider

import (
	"context"
	"fmt"
	"math/big"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// codecModels are the resources and the models their CRUD decode and store.
var codecModels = []struct {
	resource func() resource.Resource
	model    any
}{
	{NewWebhookEndpointResource, WebhookEndpointResourceModel{}},
	{NewGatewayConfigurationResource, GatewayConfigurationResourceModel{}},
	{NewProjectResource, ProjectResourceModel{}},
	{NewApplePayCertificateResource, ApplePayCertificateResourceModel{}},
	{NewProjectSFTPSettingsResource, ProjectSFTPSettingsResourceModel{}},
	{NewProductResource, ProductResourceModel{}},
	{NewPlanResource, PlanResourceModel{}},
	{NewCouponResource, CouponResourceModel{}},
}

// TestModelCodecAsTheFramework: for every resource model, over values with
// every attribute null, unknown or set (nested and collection values
// included), getModel decodes what the framework's Get decodes and
// setState stores what its Set stores, with the same diagnostics; and the
// identity model likewise.
func TestModelCodecAsTheFramework(t *testing.T) {
	ctx := context.Background()
	if got := len((&ProcessOutProvider{}).Resources(ctx)); got != len(codecModels) {
		t.Fatalf("the provider has %d resources, codecModels %d: add the new one", got, len(codecModels))
	}
	fast := 0
	for _, c := range codecModels {
		r := c.resource()
		var sr resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sr)
		modelType := reflect.TypeOf(c.model)
		typ := sr.Schema.Type().TerraformType(ctx)
		for variant, raw := range sampleValues(typ) {
			name := fmt.Sprintf("%s, %s", modelType.Name(), variant)
			state := tfsdk.State{Schema: sr.Schema, Raw: raw}
			theirs, ours := reflect.New(modelType), reflect.New(modelType)
			wantDiags := state.Get(ctx, theirs.Interface())
			gotDiags := getState(ctx, state, ours.Interface())
			if !gotDiags.Equal(wantDiags) || !reflect.DeepEqual(ours.Interface(), theirs.Interface()) {
				t.Errorf("%s: decoded %+v %v, the framework %+v %v", name, ours.Elem(), gotDiags, theirs.Elem(), wantDiags)
				continue
			}
			if decodeModel(ctx, sr.Schema.Type(), raw, reflect.New(modelType).Interface()) {
				fast++
			}
			if wantDiags.HasError() {
				continue
			}
			want, got := tfsdk.State{Schema: sr.Schema}, tfsdk.State{Schema: sr.Schema}
			wantDiags, gotDiags = want.Set(ctx, theirs.Interface()), setState(ctx, &got, theirs.Interface())
			if !gotDiags.Equal(wantDiags) || !got.Raw.Equal(want.Raw) {
				t.Errorf("%s: stored %v %v, the framework %v %v", name, got.Raw, gotDiags, want.Raw, wantDiags)
			}
			if raw.IsFullyKnown() && !got.Raw.Equal(raw) {
				t.Errorf("%s: a known value did not round-trip: %v, from %v", name, got.Raw, raw)
			}
		}
	}
	if fast == 0 {
		t.Fatal("no value took the codec's own path: the comparison proves nothing")
	}

	var ir resource.IdentitySchemaResponse
	NewWebhookEndpointResource().(resource.ResourceWithIdentity).IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &ir) //nolint:forcetypeassert // it has an identity
	want, got := tfsdk.ResourceIdentity{Schema: ir.IdentitySchema}, tfsdk.ResourceIdentity{Schema: ir.IdentitySchema}
	wantDiags, gotDiags := want.Set(ctx, idIdentity{ID: stringOrNull("we_1")}), setIdentityModel(ctx, &got, idIdentity{ID: stringOrNull("we_1")})
	if !gotDiags.Equal(wantDiags) || !got.Raw.Equal(want.Raw) {
		t.Errorf("identity: stored %v %v, the framework %v %v", got.Raw, gotDiags, want.Raw, wantDiags)
	}
}

// sampleValues are objects of type typ: every attribute set, every
// attribute null, every attribute unknown, and the whole object null and
// unknown (which the codec leaves to the framework).
func sampleValues(typ tftypes.Type) map[string]tftypes.Value {
	obj := typ.(tftypes.Object) //nolint:forcetypeassert // a schema's type is an object
	each := func(value func(tftypes.Type) tftypes.Value) tftypes.Value {
		vals := map[string]tftypes.Value{}
		for name, at := range obj.AttributeTypes {
			vals[name] = value(at)
		}
		return tftypes.NewValue(obj, vals)
	}
	return map[string]tftypes.Value{
		"all set":        each(sampleValue),
		"all null":       each(func(t tftypes.Type) tftypes.Value { return tftypes.NewValue(t, nil) }),
		"all unknown":    each(func(t tftypes.Type) tftypes.Value { return tftypes.NewValue(t, tftypes.UnknownValue) }),
		"object null":    tftypes.NewValue(obj, nil),
		"object unknown": tftypes.NewValue(obj, tftypes.UnknownValue),
	}
}

// sampleValue is a known value of type t, collections with two elements.
func sampleValue(t tftypes.Type) tftypes.Value {
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, "x")
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, big.NewFloat(42))
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, true)
	case t.Is(tftypes.List{}):
		e := t.(tftypes.List).ElementType //nolint:forcetypeassert // checked
		return tftypes.NewValue(t, []tftypes.Value{sampleValue(e), sampleValue(e)})
	case t.Is(tftypes.Set{}):
		e := t.(tftypes.Set).ElementType //nolint:forcetypeassert // checked
		if e.Is(tftypes.String) {
			return tftypes.NewValue(t, []tftypes.Value{tftypes.NewValue(e, "a"), tftypes.NewValue(e, "b")})
		}
		return tftypes.NewValue(t, []tftypes.Value{sampleValue(e)})
	case t.Is(tftypes.Map{}):
		e := t.(tftypes.Map).ElementType //nolint:forcetypeassert // checked
		return tftypes.NewValue(t, map[string]tftypes.Value{"a": sampleValue(e), "b": sampleValue(e)})
	case t.Is(tftypes.Object{}):
		o := t.(tftypes.Object) //nolint:forcetypeassert // checked
		vals := map[string]tftypes.Value{}
		for name, at := range o.AttributeTypes {
			vals[name] = sampleValue(at)
		}
		return tftypes.NewValue(t, vals)
	default:
		return tftypes.NewValue(t, nil)
	}
}
