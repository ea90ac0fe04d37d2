//go:build unix

// Command bench measures the provider against the emulator with the real
// CLI: the API calls and wall time of apply, no-change plan, update of 10%
// and destroy for N managed objects, against the CLI's own floor (N
// terraform_data resources); a 100,000-customer list scan with the provider
// process's peak memory; and the provider's start-up time and binary size.
// The fleets run at two latencies per call: -latency (20 ms) for every size,
// and -slow-latency (200 ms, a Membrane round trip) for the largest.
// `make bench` runs it; BENCHMARKS.md explains the figures. It runs on Unix
// systems only: it reads the processes' resource usage (rusage).
//
// Every API call meets a fixed added latency (-latency), so time above the
// floor can be compared with the ideal bound calls × latency / parallelism.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type options struct {
	cli         string
	latency     time.Duration
	parallelism int
	sizes       []int
	slowLatency time.Duration // the second fleet run's latency (0: none)
	slowSizes   []int
	transport   string
	customers   int
	matches     int
	startups    int
	keep        bool
	profiles    string // where the fleet's provider processes write CPU profiles ("": none)
}

func main() {
	if wrapped := os.Getenv(envWrappedProvider); wrapped != "" {
		os.Exit(runWrapper(wrapped))
	}
	var opts options
	var sizes, slowSizes string
	flag.StringVar(&opts.cli, "cli", os.Getenv("TOFU"), "path of the CLI (OpenTofu or Terraform) to drive; default $TOFU")
	flag.DurationVar(&opts.latency, "latency", 20*time.Millisecond, "latency the emulator adds to every API call")
	flag.IntVar(&opts.parallelism, "parallelism", 10, "the CLI's -parallelism (10 is the CLI default)")
	flag.StringVar(&sizes, "sizes", "10,100,500", "comma-separated fleet sizes N (empty: no fleet)")
	flag.DurationVar(&opts.slowLatency, "slow-latency", 200*time.Millisecond, "latency of the second fleet run, what a Membrane round trip costs (0 skips it)")
	flag.StringVar(&slowSizes, "slow-sizes", "500", "comma-separated fleet sizes N of the second run (empty: none)")
	flag.StringVar(&opts.transport, "transport", "membrane", "how the provider reaches ProcessOut: membrane (connection proxy) or direct")
	flag.IntVar(&opts.customers, "customers", 100000, "customers in the emulator for the list scan (0 skips it)")
	flag.IntVar(&opts.matches, "matches", 50, "customers the list scan's filter matches")
	flag.IntVar(&opts.startups, "startups", 10, "provider launches timed for the start-up figures (0 skips them)")
	flag.BoolVar(&opts.keep, "keep", false, "keep the scratch directory (CLI configuration, workspaces) for inspection")
	flag.StringVar(&opts.profiles, "provider-profiles", "", "directory where the fleet's provider processes write CPU profiles, one subdirectory per N, latency and phase, added to those of earlier runs (BENCHMARKS.md)")
	flag.Parse()

	var err error
	if opts.sizes, err = parseSizes("-sizes", sizes); err != nil {
		fatal(err)
	}
	if opts.slowSizes, err = parseSizes("-slow-sizes", slowSizes); err != nil {
		fatal(err)
	}
	if opts.profiles != "" {
		// the provider processes run in their workspaces, not here
		if opts.profiles, err = filepath.Abs(opts.profiles); err != nil {
			fatal(err)
		}
	}
	if opts.latency < 0 || opts.slowLatency < 0 {
		fatal(errors.New("-latency and -slow-latency cannot be negative"))
	}
	if opts.slowLatency == opts.latency {
		fatal(errors.New("-slow-latency must differ from -latency (or be 0 to skip the slow run): the summary tells the runs apart by latency"))
	}
	if opts.cli == "" {
		fatal(errors.New("no CLI: pass -cli or set TOFU (make bench does)"))
	}
	if opts.transport != "membrane" && opts.transport != "direct" {
		fatal(fmt.Errorf("-transport must be membrane or direct, not %q", opts.transport))
	}
	if opts.matches < 1 || opts.customers > 0 && opts.matches > opts.customers {
		fatal(fmt.Errorf("-matches must be between 1 and -customers"))
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, opts); err != nil {
		fatal(err)
	}
}

func run(ctx context.Context, opts options) error {
	start := time.Now()
	env, err := newBenchEnv(ctx, opts)
	if err != nil {
		return err
	}
	defer env.close()

	slow := ""
	if runs := opts.fleetRuns(); len(runs) > 1 {
		slow = fmt.Sprintf(" (%s for N=%s)", runs[1].latency, joinSizes(runs[1].sizes))
	}
	fmt.Printf("bench: %s, %d CPUs (%s/%s), %s, provider over %s, latency %s per call%s, parallelism %d%s\n\n",
		env.cliVersion, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), opts.transport, opts.latency, slow,
		opts.parallelism, loadAverage())

	summary := summaryLine{latency: opts.latency, slowLatency: opts.slowLatency}
	var off []string // calls off the budget: the run fails
	for _, fr := range opts.fleetRuns() {
		table := fleetTable{latency: fr.latency, parallelism: opts.parallelism}
		for _, n := range fr.sizes {
			rows, err := env.fleetPhases(ctx, n, fr.latency)
			if err != nil {
				return fmt.Errorf("fleet of %d at %s per call: %w", n, fr.latency, err)
			}
			table.add(rows)
			summary.fleet(rows)
			for _, r := range rows {
				if !r.withinBudget() {
					off = append(off, fmt.Sprintf("N=%d %s at %s per call: %d calls for the objects (budget %s), %d transport checks for %d provider configurations, %s",
						r.n, r.phase, r.latency, r.calls.Objects(), r.budget, r.calls.ConnectionReads+r.calls.CredentialChecks, r.configurations, r.calls))
				}
			}
		}
		if len(table.rows) > 0 {
			table.print(os.Stdout)
		}
	}

	if opts.customers > 0 {
		scans, err := env.customerScans(ctx)
		if err != nil {
			return fmt.Errorf("customer scan: %w", err)
		}
		printScans(os.Stdout, opts, scans)
		summary.customers(scans)
		for _, sc := range scans {
			if sc.pages != sc.want {
				off = append(off, fmt.Sprintf("customer scan, %s: %d pages, want %d", sc.name, sc.pages, sc.want))
			}
		}
	}

	if opts.startups > 0 {
		st, err := env.startup(ctx)
		if err != nil {
			return fmt.Errorf("start-up: %w", err)
		}
		st.print(os.Stdout)
	}

	for _, o := range off {
		fmt.Fprintln(os.Stderr, "bench: CALLS OFF THE BUDGET:", o)
	}
	fmt.Printf("bench: done in %s%s\n", time.Since(start).Round(time.Second), loadAverage())
	for _, g := range goalLines(summary.rows) {
		fmt.Println(g)
	}
	fmt.Println(summary.String())
	if len(off) > 0 {
		return errors.New("call counts off the budget (see above)")
	}
	return nil
}

// fleetRun is the fleet sizes measured at one latency per call.
type fleetRun struct {
	latency time.Duration
	sizes   []int
}

// fleetRuns are the main run (-latency, -sizes) and the slow one
// (-slow-latency, -slow-sizes) unless it is off.
func (o options) fleetRuns() []fleetRun {
	runs := []fleetRun{{o.latency, o.sizes}}
	if o.slowLatency > 0 && len(o.slowSizes) > 0 {
		runs = append(runs, fleetRun{o.slowLatency, o.slowSizes})
	}
	return runs
}

// loadAverage is the machine's load (Linux), which tells how much of it the
// run had: the times of a shared machine are only as good as its load.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return fmt.Sprintf(", load average %s %s %s", f[0], f[1], f[2])
	}
	return ""
}

func parseSizes(flagName, s string) ([]int, error) {
	var out []int
	if strings.TrimSpace(s) == "" {
		return nil, nil // no fleet
	}
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%s: %q is not a positive number", flagName, f)
		}
		out = append(out, n)
	}
	return out, nil
}

// joinSizes is sizes as -sizes takes them: "100,500".
func joinSizes(sizes []int) string {
	s := make([]string, len(sizes))
	for i, n := range sizes {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
