package main

import (
	"os"
	"runtime/pprof"
)

// cpuProfileEnv names a directory where the provider writes a CPU profile of
// its whole life, one file per process, for BENCHMARKS.md ("Provider CPU per
// object"). It is a measuring aid, not a setting: the CLI starts a provider
// process per graph walk and gives no other way into a plugin.
const cpuProfileEnv = "PROCESSOUT_CPU_PROFILE"

// startCPUProfile starts profiling when cpuProfileEnv is set and returns
// what stops it, to be called when the plugin server has stopped.
func startCPUProfile() (stop func()) {
	dir := os.Getenv(cpuProfileEnv)
	if dir == "" {
		return func() {}
	}
	f, err := os.CreateTemp(dir, "provider-*.pprof")
	if err != nil {
		return func() {}
	}
	if pprof.StartCPUProfile(f) != nil {
		_ = f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}
}
