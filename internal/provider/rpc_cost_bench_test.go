package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/processout/terraform-provider-processout/internal/emulator"
)

// The benchmarks below send the provider, in-process and without the
// plugin's gRPC, the RPCs the CLI sends it for each object of the bench's
// fleet (cmd/bench: Stripe gateway configurations with settings_wo, webhook
// endpoints; over Membrane, against the emulator without latency). They
// measure the provider's CPU per object apart from the CLI, with far less
// noise than a run of the CLI on a shared machine: BENCHMARKS.md, "Provider
// CPU per object". The emulator's work for the calls is included.

// BenchmarkNoChangePlanRPCs is one object of a no-change plan: the CLI's
// validate walk and plan walk each validate the configuration, then the
// plan walk upgrades the stored state, reads (refreshes) it and plans it.
func BenchmarkNoChangePlanRPCs(b *testing.B) {
	h := newRPCHarness(b)
	objs := h.createFleet(b, 10)
	b.ReportAllocs()
	cpu := processCPU()
	for i := 0; b.Loop(); i++ {
		o := objs[i%len(objs)]
		h.validate(b, o)
		h.validate(b, o)
		state, identity := h.read(b, o, h.upgrade(b, o))
		h.plan(b, o, state, identity, state)
	}
	reportCPU(b, cpu)
}

// BenchmarkCreateRPCs is one object of an apply from nothing: validated and
// planned in the plan walk, validated, planned again and created in the
// apply walk.
func BenchmarkCreateRPCs(b *testing.B) {
	h := newRPCHarness(b)
	kinds := h.fleetObjects(2)
	b.ReportAllocs()
	cpu := processCPU()
	for i := 0; b.Loop(); i++ {
		o := kinds[i%len(kinds)]
		h.validate(b, o)
		h.plan(b, o, h.null(o), nil, h.proposedCreate(o))
		h.validate(b, o)
		planned, identity := h.plan(b, o, h.null(o), nil, h.proposedCreate(o))
		h.apply(b, o, planned, identity)
	}
	reportCPU(b, cpu)
}

// rpcHarness is a configured provider server and the object types of the
// fleet's two kinds.
type rpcHarness struct {
	ctx    context.Context
	srv    tfprotov6.ProviderServer
	types  map[string]tftypes.Object // resource type name → state type
	idents map[string]tftypes.Object // resource type name → identity type
}

// rpcObject is one resource of the fleet: its configuration and, once
// created, its stored state and identity.
type rpcObject struct {
	typeName string
	config   tftypes.Value
	state    tftypes.Value
	identity *tfprotov6.ResourceIdentityData
}

func newRPCHarness(b testing.TB) *rpcHarness {
	b.Helper()
	emu, err := emulator.Start(emulator.Config{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(emu.Close)
	ctx := context.Background()
	h := &rpcHarness{ctx: ctx, srv: providerserver.NewProtocol6(New("bench")())(),
		types: map[string]tftypes.Object{}, idents: map[string]tftypes.Object{}}
	schemas, err := h.srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		b.Fatal(err, schemas.Diagnostics)
	}
	for name, s := range schemas.ResourceSchemas {
		h.types[name] = s.ValueType().(tftypes.Object) //nolint:forcetypeassert // a schema's value type is an object
	}
	identities, err := h.srv.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		b.Fatal(err)
	}
	for name, s := range identities.IdentitySchemas {
		h.idents[name] = s.ValueType().(tftypes.Object) //nolint:forcetypeassert // an identity schema's value type is an object
	}
	providerType := schemas.Provider.ValueType().(tftypes.Object) //nolint:forcetypeassert // a schema's value type is an object
	config := objectOf(providerType, map[string]tftypes.Value{
		"membrane_api_url": tftypes.NewValue(tftypes.String, emu.MembraneURL),
		"membrane_token":   tftypes.NewValue(tftypes.String, emu.Token),
		"connection_id":    tftypes.NewValue(tftypes.String, emu.Connection.ID),
	})
	resp, err := h.srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.12.6", Config: dynamic(b, config)})
	if err != nil || len(resp.Diagnostics) > 0 {
		b.Fatal(err, protoDiagnosticsText(resp.Diagnostics))
	}
	return h
}

// fleetObjects are n objects configured as cmd/bench configures them,
// alternately a gateway configuration and a webhook endpoint.
func (h *rpcHarness) fleetObjects(n int) []*rpcObject {
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	strMap := func(kv map[string]string) tftypes.Value {
		m := map[string]tftypes.Value{}
		for k, v := range kv {
			m[k] = str(v)
		}
		return tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, m)
	}
	var out []*rpcObject
	for i := range n {
		if i%2 == 0 {
			t := "processout_gateway_configuration"
			out = append(out, &rpcObject{typeName: t, config: objectOf(h.types[t], map[string]tftypes.Value{
				"gateway_name":        str("stripe"),
				"name":                str(fmt.Sprintf("stripe-%04d", i)),
				"default_currency":    str("EUR"),
				"metadata":            strMap(map[string]string{"team": "payments", "index": fmt.Sprint(i)}),
				"settings_wo":         strMap(map[string]string{"secret_key": fmt.Sprintf("sk_test_%04d", i), "public_key": fmt.Sprintf("pk_test_%04d", i)}),
				"settings_wo_version": tftypes.NewValue(tftypes.Number, 1),
			})})
			continue
		}
		t := "processout_webhook_endpoint"
		out = append(out, &rpcObject{typeName: t, config: objectOf(h.types[t], map[string]tftypes.Value{
			"url": str(fmt.Sprintf("https://hooks.example.com/processout/%04d", i)),
			"events_whitelist": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String},
				[]tftypes.Value{str("transaction.captured"), str("transaction.refunded")}),
		})})
	}
	return out
}

// createFleet creates n fleet objects through the provider, as an apply
// does, and keeps their states.
func (h *rpcHarness) createFleet(b testing.TB, n int) []*rpcObject {
	objs := h.fleetObjects(n)
	for _, o := range objs {
		planned, identity := h.plan(b, o, h.null(o), nil, h.proposedCreate(o))
		o.state, o.identity = h.apply(b, o, planned, identity)
	}
	return objs
}

func (h *rpcHarness) null(o *rpcObject) tftypes.Value {
	return tftypes.NewValue(h.types[o.typeName], nil)
}

// proposedCreate is the CLI's proposed new state for a create: the
// configuration (computed attributes null).
func (h *rpcHarness) proposedCreate(o *rpcObject) tftypes.Value { return o.config }

func (h *rpcHarness) validate(b testing.TB, o *rpcObject) {
	resp, err := h.srv.ValidateResourceConfig(h.ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: o.typeName,
		Config: dynamic(b, o.config), ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: true}})
	check(b, "validate", err, resp.Diagnostics)
}

// upgrade sends the stored state as JSON, as the CLI does at the start of
// every walk that reads state, and returns the upgraded state.
func (h *rpcHarness) upgrade(b testing.TB, o *rpcObject) *tfprotov6.DynamicValue {
	resp, err := h.srv.UpgradeResourceState(h.ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: o.typeName,
		RawState: &tfprotov6.RawState{JSON: stateJSON(b, o.state)}})
	check(b, "upgrade", err, resp.Diagnostics)
	return resp.UpgradedState
}

func (h *rpcHarness) read(b testing.TB, o *rpcObject, current *tfprotov6.DynamicValue) (tftypes.Value, *tfprotov6.ResourceIdentityData) {
	resp, err := h.srv.ReadResource(h.ctx, &tfprotov6.ReadResourceRequest{TypeName: o.typeName, CurrentState: current,
		CurrentIdentity: o.identity, ClientCapabilities: &tfprotov6.ReadResourceClientCapabilities{}})
	check(b, "read", err, resp.Diagnostics)
	return h.value(b, o, resp.NewState), resp.NewIdentity
}

// plan plans the object from prior to proposed and returns the planned
// state and identity.
func (h *rpcHarness) plan(b testing.TB, o *rpcObject, prior tftypes.Value, identity *tfprotov6.ResourceIdentityData,
	proposed tftypes.Value) (tftypes.Value, *tfprotov6.ResourceIdentityData) {
	resp, err := h.srv.PlanResourceChange(h.ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: o.typeName,
		PriorState: dynamic(b, prior), ProposedNewState: dynamic(b, proposed), Config: dynamic(b, o.config),
		PriorIdentity: identity, ClientCapabilities: &tfprotov6.PlanResourceChangeClientCapabilities{}})
	check(b, "plan", err, resp.Diagnostics)
	return h.value(b, o, resp.PlannedState), resp.PlannedIdentity
}

func (h *rpcHarness) apply(b testing.TB, o *rpcObject, planned tftypes.Value, identity *tfprotov6.ResourceIdentityData) (tftypes.Value, *tfprotov6.ResourceIdentityData) {
	resp, err := h.srv.ApplyResourceChange(h.ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: o.typeName,
		PriorState: dynamic(b, h.null(o)), PlannedState: dynamic(b, planned), Config: dynamic(b, o.config), PlannedIdentity: identity})
	check(b, "apply", err, resp.Diagnostics)
	return h.value(b, o, resp.NewState), resp.NewIdentity
}

func (h *rpcHarness) value(b testing.TB, o *rpcObject, dv *tfprotov6.DynamicValue) tftypes.Value {
	v, err := dv.Unmarshal(h.types[o.typeName])
	if err != nil {
		b.Fatal(err)
	}
	return v
}

// processCPU is the CPU time this process used so far (user + system),
// the emulator's and the garbage collector's included.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per object since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((processCPU()-start).Microseconds())/1000/float64(b.N), "cpu-ms/object")
}

func check(b testing.TB, rpc string, err error, diags []*tfprotov6.Diagnostic) {
	if err != nil {
		b.Fatalf("%s: %v", rpc, err)
	}
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			b.Fatalf("%s: %s", rpc, protoDiagnosticsText(diags))
		}
	}
}

func protoDiagnosticsText(diags []*tfprotov6.Diagnostic) string {
	s := ""
	for _, d := range diags {
		s += fmt.Sprintf("[%s: %s] ", d.Summary, d.Detail)
	}
	return s
}

// objectOf is an object of type t with the given attributes, the others
// null.
func objectOf(t tftypes.Object, attrs map[string]tftypes.Value) tftypes.Value {
	vals := map[string]tftypes.Value{}
	for name, at := range t.AttributeTypes {
		if v, ok := attrs[name]; ok {
			vals[name] = v
			continue
		}
		vals[name] = tftypes.NewValue(at, nil)
	}
	return tftypes.NewValue(t, vals)
}

func dynamic(b testing.TB, v tftypes.Value) *tfprotov6.DynamicValue {
	dv, err := tfprotov6.NewDynamicValue(v.Type(), v)
	if err != nil {
		b.Fatal(err)
	}
	return &dv
}

// stateJSON is a state as the CLI stores it, in JSON.
func stateJSON(b testing.TB, v tftypes.Value) []byte {
	out, err := json.Marshal(plainValue(v))
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func plainValue(v tftypes.Value) any {
	if v.IsNull() {
		return nil
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.Bool):
		var x bool
		_ = v.As(&x)
		return x
	case v.Type().Is(tftypes.Number):
		var n big.Float
		_ = v.As(&n)
		return json.Number(n.Text('f', -1))
	case v.Type().Is(tftypes.Object{}) || v.Type().Is(tftypes.Map{}):
		var m map[string]tftypes.Value
		_ = v.As(&m)
		out := map[string]any{}
		for k, e := range m {
			out[k] = plainValue(e)
		}
		return out
	default: // list, set
		var l []tftypes.Value
		_ = v.As(&l)
		out := []any{}
		for _, e := range l {
			out = append(out, plainValue(e))
		}
		return out
	}
}
