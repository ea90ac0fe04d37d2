package provider

import (
	"context"
	"runtime"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

type ballastKey struct{}

// TestServerReleasesRPCContexts: the server the plugin serves keeps nothing
// of an RPC's context once the RPC has returned. The framework's own keeps
// every one until StopProvider (releasingServer).
func TestServerReleasesRPCContexts(t *testing.T) {
	srv := NewServer("test")()
	if _, wrapped := srv.(releasingServer); !wrapped {
		t.Fatalf("NewServer serves %T, not releasingServer: the framework no longer serves the optional parts it looks for", srv)
	}
	ctx := context.Background()
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	endpoint := schemas.ResourceSchemas["processout_webhook_endpoint"].ValueType().(tftypes.Object) //nolint:forcetypeassert // a schema's value type is an object
	req := &tfprotov6.ValidateResourceConfigRequest{
		TypeName: "processout_webhook_endpoint",
		Config:   dynamic(t, objectOf(endpoint, map[string]tftypes.Value{"url": tftypes.NewValue(tftypes.String, "https://hooks.example.com/a")})),
	}
	const rpcs, ballast = 500, 10_000
	before := heapAfterGC()
	for range rpcs {
		// As tf6server's: the RPC's cancellation, then values (its loggers).
		rpcCtx, cancel := context.WithCancel(ctx)
		rpcCtx = context.WithValue(rpcCtx, ballastKey{}, make([]byte, ballast))
		resp, err := srv.ValidateResourceConfig(rpcCtx, req)
		cancel()
		if err != nil || len(resp.Diagnostics) > 0 {
			t.Fatal(err, protoDiagnosticsText(resp.Diagnostics))
		}
	}
	after := heapAfterGC()
	runtime.KeepAlive(srv)
	if perRPC := (int64(after) - int64(before)) / rpcs; perRPC > ballast/5 {
		t.Errorf("the server keeps %d bytes per RPC after the RPCs returned (each context carried %d)", perRPC, ballast)
	}
}

func heapAfterGC() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
