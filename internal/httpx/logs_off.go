package httpx

import (
	"os"

	"github.com/hashicorp/go-hclog"
)

// ProviderLogLevelEnv sets the level of the provider's own logger (tflog):
// terraform-plugin-go reads it, and nothing else, for every RPC. The
// provider sets it to OFF when the CLI would discard the lines (main.go).
const ProviderLogLevelEnv = "TF_LOG_PROVIDER_PROCESSOUT"

// providerLogsOff reports the provider's logger off. The call log and the
// masking of secrets in it are then skipped: at that level the logger
// writes nothing, but tflog still copies its options to mask and formats
// every field before the logger drops the line, a few percent of the
// provider's CPU in a plan (BENCHMARKS.md, "Provider CPU per object").
var providerLogsOff = func() bool {
	return hclog.LevelFromString(os.Getenv(ProviderLogLevelEnv)) == hclog.Off
}
