// Command terraform-provider-processout serves the ProcessOut provider to
// Terraform and OpenTofu over plugin protocol 6.
package main

import (
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/provider"
	"github.com/processout/terraform-provider-processout/internal/registry"
)

// version is set by goreleaser at build time.
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	if !debug {
		quietLogsUnlessShown()
	}

	tuneGC()
	stopProfile := startCPUProfile()
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	// What providerserver.Serve does, with the server of provider.NewServer.
	err := tf6server.Serve(registry.Address, provider.NewServer(version), opts...)
	stopProfile()
	if err != nil {
		log.Fatal(err.Error())
	}
}

// cliLogEnv are the variables that make the CLI show provider logs; without
// them it discards every line a provider writes.
var cliLogEnv = []string{"TF_LOG", "TF_LOG_PROVIDER"}

// sdkLogEnv set the levels of the plugin SDK's loggers (terraform-plugin-go,
// the framework) and of the provider's own (tflog).
var sdkLogEnv = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", httpx.ProviderLogLevelEnv}

// quietLogsUnlessShown turns the SDK's logging off when the CLI would throw
// it away. By default the SDK logs every RPC at TRACE level, as JSON lines on
// stderr, and the CLI parses each line only to drop it unless TF_LOG or
// TF_LOG_PROVIDER is set: that was about 40% of the provider's CPU during a
// plan, and CPU the CLI spent too (BENCHMARKS.md). The plugin inherits the
// CLI's environment, so it sees what the CLI sees; a level set explicitly
// is left alone.
func quietLogsUnlessShown() {
	for _, name := range append(cliLogEnv, sdkLogEnv...) {
		if os.Getenv(name) != "" {
			return
		}
	}
	for _, name := range sdkLogEnv {
		_ = os.Setenv(name, "OFF")
	}
}
