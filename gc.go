package main

import (
	"os"
	"runtime/debug"
)

// gcPercent is the garbage collector's target for the provider process: a
// collection starts when the heap has grown by four times what was live
// after the last one (Go's default is once). The RPCs the CLI sends for an
// object allocate about 1 MB (mostly the framework's schema walks) and keep
// almost none of it, so at the default the collector ran dozens of times
// per walk and took about a fifth of the provider's CPU; at 400 it takes a
// few percent, and a 500-object plan's provider process peaks at about
// 50 MB of RSS instead of 31 MB (BENCHMARKS.md, "Provider CPU per object").
const gcPercent = 400

// tuneGC sets gcPercent unless GOGC says otherwise.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
