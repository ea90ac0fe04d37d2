package provider

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewServer returns the protocol 6 server of the provider as the plugin
// serves it: the framework's, through releasingServer.
func NewServer(version string) func() tfprotov6.ProviderServer {
	return ServerOf(New(version))
}

// ServerOf serves p as the plugin serves the provider, so that a test
// serving a provider of its own (the fault suite's, which counts its HTTP
// calls) runs the same server as a release.
func ServerOf(p func() provider.Provider) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		return newReleasingServer(providerserver.NewProtocol6(p())())
	}
}

// releasingServer works around a leak of the framework: its server
// (terraform-plugin-framework v1.19, proto6server.Server.registerContext)
// keeps the cancel function of every RPC's context until StopProvider,
// which the CLI sends only when it interrupts a command. Each keeps the
// RPC's whole context alive, the SDK's loggers and their fields, about
// 12 KB, for the life of the process: 25 MB after the 2,000 RPCs of a
// 500-object plan, and the heap the garbage collector must keep marking
// grows with it. For the RPCs made per object, releasingServer hands the
// framework a context that lets go of the RPC's once the RPC has returned;
// the framework then keeps about 200 bytes per RPC.
type releasingServer struct {
	tfprotov6.ProviderServer
	// The optional parts of the protocol that tf6server looks for: the
	// framework's server implements them all.
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

func newReleasingServer(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	lists, ok1 := s.(tfprotov6.ListResourceServer)
	actions, ok2 := s.(tfprotov6.ActionServer)
	stores, ok3 := s.(tfprotov6.StateStoreServer)
	if !ok1 || !ok2 || !ok3 {
		return s // a framework that serves less: leave it as it is
	}
	return releasingServer{ProviderServer: s, ListResourceServer: lists, ActionServer: actions, StateStoreServer: stores}
}

// released runs rpc with a context that forgets ctx when rpc returns.
func released[Req, Resp any](ctx context.Context, req Req, rpc func(context.Context, Req) (Resp, error)) (Resp, error) {
	rc := &releasableContext{}
	rc.ctx.Store(&ctx)
	defer rc.ctx.Store(&endedRPC)
	return rpc(rc, req)
}

// endedRPC is what a released context answers once its RPC has returned:
// canceled, without values.
var endedRPC = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

// releasableContext is the context of one RPC until released swaps it for
// endedRPC. Contexts derived from it during the RPC are canceled with the
// RPC's, as they would be without it (its Done and Value are the RPC
// context's, so the context package links them to the RPC's cancellation).
type releasableContext struct {
	ctx atomic.Pointer[context.Context]
}

func (c *releasableContext) current() context.Context { return *c.ctx.Load() }

func (c *releasableContext) Deadline() (time.Time, bool) { return c.current().Deadline() }
func (c *releasableContext) Done() <-chan struct{}       { return c.current().Done() }
func (c *releasableContext) Err() error                  { return c.current().Err() }
func (c *releasableContext) Value(key any) any           { return c.current().Value(key) }

// The RPCs the CLI makes for every object (and every data source).

func (s releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return released(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return released(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return released(ctx, req, s.ProviderServer.UpgradeResourceIdentity)
}

func (s releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return released(ctx, req, s.ProviderServer.ReadResource)
}

func (s releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return released(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return released(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return released(ctx, req, s.ProviderServer.ImportResourceState)
}

func (s releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return released(ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return released(ctx, req, s.ProviderServer.ReadDataSource)
}
