//go:build unix

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// The CLI starts the provider through this program when the environment
// names the real binary: the wrapper runs it with the same arguments and
// standard streams (so the plugin handshake goes straight to the CLI), and
// when it exits appends its peak resident set size and CPU time, from
// wait4's rusage, to the report file, with the wrapper's own CPU time, so
// the CLI's CPU can be told from the provider's and the wrapper's. The
// provider runs as the real, separate process it is in production; only
// its parent changes.
const (
	envWrappedProvider = "PROCESSOUT_BENCH_WRAPPED_PROVIDER"
	envRSSReport       = "PROCESSOUT_BENCH_RSS_REPORT"
)

func runWrapper(provider string) int {
	cmd := exec.Command(provider, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "bench wrapper:", err)
		return 1
	}
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	_ = cmd.Wait()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		if report := os.Getenv(envRSSReport); report != "" {
			// KiB on Linux, µs, µs
			appendLine(report, fmt.Sprintf("%d %d %d", ru.Maxrss, rusageCPU(ru).Microseconds(), cpuTime(syscall.RUSAGE_SELF).Microseconds()))
		}
	}
	if code := cmd.ProcessState.ExitCode(); code >= 0 {
		return code
	}
	return 1
}

func appendLine(path, line string) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = f.WriteString(line + "\n")
}

// providerUsage is what the provider processes of one CLI command used.
type providerUsage struct {
	processes  int
	peakKiB    int64         // the largest peak RSS of one process
	cpu        time.Duration // user + system, all provider processes
	wrapperCPU time.Duration // user + system, all the wrappers around them
}

func (u providerUsage) peakMB() float64 { return float64(u.peakKiB) / 1024 }

// readUsage reads a report file.
func readUsage(path string) (providerUsage, error) {
	var u providerUsage
	f, err := os.Open(path)
	if err != nil {
		return u, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var kib, micros, wrapperMicros int64
		if _, err := fmt.Sscanf(strings.TrimSpace(sc.Text()), "%d %d %d", &kib, &micros, &wrapperMicros); err != nil {
			return u, fmt.Errorf("%s: %q is not a usage line", path, sc.Text())
		}
		u.processes++
		u.peakKiB = max(u.peakKiB, kib)
		u.cpu += time.Duration(micros) * time.Microsecond
		u.wrapperCPU += time.Duration(wrapperMicros) * time.Microsecond
	}
	return u, sc.Err()
}
