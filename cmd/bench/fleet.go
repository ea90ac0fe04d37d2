//go:build unix

package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/processout/terraform-provider-processout/internal/bench"
	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
)

// phaseRow is one CLI command on a fleet of N objects, run with the
// provider and with terraform_data (the floor).
type phaseRow struct {
	n        int
	phase    string
	provider cost // the CLI with the provider; cpu is the CLI's and the provider processes'
	floor    cost
	// providerProcs is the provider processes' own usage in the provider's
	// command, from their rusage (the wrapper reports it).
	providerProcs providerUsage
	calls         bench.Calls
	budget        bench.Budget // what the objects may cost (see bench.Budget)
	// configurations is how many times the CLI configures the provider
	// (once per graph walk): each costs one check of the transport, a
	// Membrane connection read or a direct-transport credential check.
	configurations int
	latency        time.Duration
	parallel       int
}

// ideal is the time the calls take at best: calls × latency / parallelism.
func (r phaseRow) ideal() time.Duration {
	return time.Duration(r.calls.Total()) * r.latency / time.Duration(r.parallel)
}

// aboveFloor is the provider's time above the CLI's own.
func (r phaseRow) aboveFloor() time.Duration { return r.provider.wall - r.floor.wall }

// ratio is aboveFloor / ideal: 1 means the provider adds nothing but the
// calls' latency, spread over the CLI's parallelism.
func (r phaseRow) ratio() float64 { return overheadRatio(r.aboveFloor(), r.ideal()) }

// providerCPUPerObject is the provider processes' CPU divided by N.
func (r phaseRow) providerCPUPerObject() time.Duration {
	return r.providerProcs.cpu / time.Duration(r.n)
}

// withinBudget reports whether the objects cost no more calls than the
// model allows (the writes exact, the refresh at most what a refresh from
// lists costs, bench.Fleet.Refresh: see bench.Budget), nothing unexpected was called, and the
// transport was checked once per provider configuration. The gateway
// catalog is shown, not judged: read when a plan needs it, at most once per
// provider process.
func (r phaseRow) withinBudget() bool {
	return r.budget.Allows(r.calls) && len(r.calls.Other) == 0 &&
		r.calls.ConnectionReads+r.calls.CredentialChecks == r.configurations
}

// mark is how the table flags the calls for the objects: "=" the
// model's minimum, "<" fewer, "≠" off the budget.
func (r phaseRow) mark() string {
	switch {
	case !r.withinBudget():
		return "≠"
	case r.calls.Objects() < r.budget.Minimum():
		return "<"
	}
	return "="
}

// fleetPhase is one of the four measured commands.
type fleetPhase struct {
	name       string
	generation int
	command    func(ctx context.Context, tf *tfexec.Terraform, parallelism int) error
	budget     func(f bench.Fleet) bench.Budget
	// configurations is the provider processes the command configures:
	// plan 1; apply 2 (its plan walk, its apply walk); destroy 3 (refresh,
	// plan, apply).
	configurations int
	// stored checks the emulator after the provider's command.
	stored func(f bench.Fleet, po *processoutapi.Server, projectID string) error
}

// The phases' names, as the summary and the goals look them up.
const (
	phaseApply   = "apply"
	phasePlan    = "plan"
	phaseUpdate  = "update 10%"
	phaseDestroy = "destroy"
)

var fleetPhases = []fleetPhase{
	{name: phaseApply, command: apply, configurations: 2,
		budget: func(f bench.Fleet) bench.Budget { return bench.Budget{Creates: f.N} }, stored: bench.Fleet.Stored},
	{name: phasePlan, command: planNoChange, configurations: 1,
		budget: func(f bench.Fleet) bench.Budget { return bench.Budget{Refreshed: refreshed(f)} }, stored: bench.Fleet.Stored},
	{name: phaseUpdate, generation: 1, command: apply, configurations: 2,
		budget: func(f bench.Fleet) bench.Budget { return bench.Budget{Refreshed: refreshed(f), Updates: f.Updated()} }, stored: bench.Fleet.Stored},
	{name: phaseDestroy, generation: 1, command: destroy, configurations: 3,
		budget: func(f bench.Fleet) bench.Budget { return bench.Budget{Refreshed: refreshed(f), Deletes: f.N} },
		stored: func(_ bench.Fleet, po *processoutapi.Server, projectID string) error {
			return bench.Fleet{}.Stored(po, projectID)
		}},
}

// refreshed is the calls of the fleet's refresh: the first reads of each
// kind, then its list's pages (bench.Refresh).
func refreshed(f bench.Fleet) int { return f.Refresh(true).Objects() }

func apply(ctx context.Context, tf *tfexec.Terraform, parallelism int) error {
	return tf.Apply(ctx, tfexec.Parallelism(parallelism))
}

func planNoChange(ctx context.Context, tf *tfexec.Terraform, parallelism int) error {
	changes, err := tf.Plan(ctx, tfexec.Parallelism(parallelism))
	if err == nil && changes {
		err = fmt.Errorf("the plan after apply is not empty")
	}
	return err
}

func destroy(ctx context.Context, tf *tfexec.Terraform, parallelism int) error {
	return tf.Destroy(ctx, tfexec.Parallelism(parallelism))
}

// fleetPhases runs the four commands on N objects, with the provider and
// with terraform_data, against a fresh emulator adding latency to every
// call. The CLI runs the provider through the wrapper, which reports the
// provider processes' CPU apart from the CLI's.
func (e *benchEnv) fleetPhases(ctx context.Context, n int, latency time.Duration) ([]phaseRow, error) {
	emu, err := emulator.Start(emulator.Config{Seed: 1, Latency: latency})
	if err != nil {
		return nil, err
	}
	defer emu.Close()
	providerDir := filepath.Join(e.dir, fmt.Sprintf("fleet-%d-%s", n, latency))
	floorDir := filepath.Join(e.dir, fmt.Sprintf("floor-%d-%s", n, latency))
	usageReport := filepath.Join(providerDir, "provider-usage")
	providerEnv := map[string]string{envWrappedProvider: e.provider, envRSSReport: usageReport}
	withProvider, err := e.terraform(providerDir, e.rssConfig, providerEnv)
	if err != nil {
		return nil, err
	}
	floor, err := e.terraform(floorDir, e.cliConfig, nil)
	if err != nil {
		return nil, err
	}
	writeOnly, err := supportsWriteOnly(ctx, withProvider)
	if err != nil {
		return nil, err
	}

	var rows []phaseRow
	for _, ph := range fleetPhases {
		f := bench.Fleet{N: n, Generation: ph.generation, WriteOnly: writeOnly}
		fmt.Fprintf(os.Stderr, "bench: N=%d %s, %s per call\n", n, ph.name, latency)
		if err := writeConfig(providerDir, e.providerBlock(emu, "")+f.HCL()); err != nil {
			return nil, err
		}
		if err := writeConfig(floorDir, f.FloorHCL()); err != nil {
			return nil, err
		}
		row := phaseRow{n: n, phase: ph.name, budget: ph.budget(f), configurations: ph.configurations,
			latency: latency, parallel: e.opts.parallelism}
		emu.ProcessOut.ResetRequests()
		emu.Membrane.ResetRequests()
		if err := os.Remove(usageReport); err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		if err := e.profilePhase(withProvider, providerEnv, n, latency, ph.name); err != nil {
			return nil, err
		}
		if row.provider, err = timed(ctx, withProvider, ph.command, e.opts.parallelism); err != nil {
			return nil, fmt.Errorf("%s with the provider: %w", ph.name, err)
		}
		if row.providerProcs, err = readUsage(usageReport); err != nil {
			return nil, fmt.Errorf("%s: the provider processes' usage: %w", ph.name, err)
		}
		row.provider.cpu -= row.providerProcs.wrapperCPU // the CLI's and the provider's, as without the wrapper
		row.calls = bench.Tally(emu.ProcessOut.Requests(), emu.Membrane.Requests())
		if err := ph.stored(f, emu.ProcessOut, emu.ProjectID); err != nil {
			return nil, fmt.Errorf("after %s: %w", ph.name, err)
		}
		if row.floor, err = timed(ctx, floor, ph.command, e.opts.parallelism); err != nil {
			return nil, fmt.Errorf("%s with terraform_data: %w", ph.name, err)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// profilePhase points the provider processes of one phase at their own
// directory of CPU profiles (the provider's PROCESSOUT_CPU_PROFILE, which
// the CLI's environment otherwise never carries), when -provider-profiles
// asks for them.
func (e *benchEnv) profilePhase(tf *tfexec.Terraform, providerEnv map[string]string, n int, latency time.Duration, phase string) error {
	if e.opts.profiles == "" {
		return nil
	}
	dir := filepath.Join(e.opts.profiles, fmt.Sprintf("%d-%s-%s", n, latency, strings.ReplaceAll(phase, " ", "-")))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	env := maps.Clone(providerEnv)
	env["PROCESSOUT_CPU_PROFILE"] = dir
	return tf.SetEnv(cliEnv(e.rssConfig, env))
}

// cost is what a CLI command took: wall time; the CPU time of the CLI and
// of the provider processes it ran (they are its children, and it waits for
// them); and the CPU time of this process meanwhile, which is mostly the
// emulator answering.
type cost struct {
	wall, cpu, emulatorCPU time.Duration
}

func timed(ctx context.Context, tf *tfexec.Terraform, command func(context.Context, *tfexec.Terraform, int) error, parallelism int) (cost, error) {
	children, self := cpuTime(syscall.RUSAGE_CHILDREN), cpuTime(syscall.RUSAGE_SELF)
	start := time.Now()
	err := command(ctx, tf, parallelism)
	return cost{
		wall:        time.Since(start),
		cpu:         cpuTime(syscall.RUSAGE_CHILDREN) - children,
		emulatorCPU: cpuTime(syscall.RUSAGE_SELF) - self,
	}, err
}

// cpuTime is the user and system time of this process (RUSAGE_SELF) or of
// its children and theirs that have ended (RUSAGE_CHILDREN). The bench runs
// one command at a time.
func cpuTime(who int) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return 0
	}
	return rusageCPU(&ru)
}

// rusageCPU is a rusage's user and system time.
func rusageCPU(ru *syscall.Rusage) time.Duration {
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// supportsWriteOnly reports whether the CLI has write-only attributes
// (OpenTofu and Terraform 1.11+), so the gateway credentials can be given
// as settings_wo, as the provider recommends.
func supportsWriteOnly(ctx context.Context, tf *tfexec.Terraform) (bool, error) {
	v, _, err := tf.Version(ctx, false)
	if err != nil {
		return false, err
	}
	return v.GreaterThanOrEqual(version.Must(version.NewVersion("1.11.0"))), nil
}

func (c cost) String() string {
	return fmt.Sprintf("%.2fs (%.2fs)", c.wall.Seconds(), c.cpu.Seconds())
}

// fleetTable prints the rows of every N at one latency.
type fleetTable struct {
	latency     time.Duration
	parallelism int
	rows        []phaseRow
}

func (t *fleetTable) add(rows []phaseRow) { t.rows = append(t.rows, rows...) }

func (t *fleetTable) print(w io.Writer) {
	fmt.Fprintf(w, "Fleets of N objects (half gateway configurations, half webhook endpoints), %s per call; floor = N terraform_data.\n", t.latency)
	fmt.Fprintf(w, "calls = for the objects + provider-wide look-ups (gateway catalog pages + Membrane connection reads + Membrane action lists\n")
	fmt.Fprintf(w, "+ direct-transport credential checks); budget = at most the refresh's calls (the first reads of each kind, then its list's pages) + exactly the writes;\n")
	fmt.Fprintf(w, "fit = how the calls for the objects compare: = the model's minimum, < fewer (within the budget), ≠ off the budget (the run fails);\n")
	fmt.Fprintf(w, "ideal = calls × %s / %d; ratio = (provider − floor) / ideal.\n", t.latency, t.parallelism)
	fmt.Fprintf(w, "Times are wall (CPU of the CLI and its provider processes); provider processes = their own CPU (rusage), how many, and per object;\n")
	fmt.Fprintf(w, "emulator = CPU of the in-process emulator during the provider's command.\n\n")
	fmt.Fprintln(w, "|   N | phase      | provider (CPU)   | provider processes  | per object | emulator | floor (CPU)      | above floor | calls = objects + look-ups (catalog, connection, actions, credentials) |     budget | fit |   ideal | ratio |")
	fmt.Fprintln(w, "|----:|------------|-----------------:|--------------------:|-----------:|---------:|-----------------:|------------:|-----------------------------------------------------------------------:|-----------:|:---:|--------:|------:|")
	for _, r := range t.rows {
		calls := fmt.Sprintf("%d = %d + %d (%d, %d, %d, %d)", r.calls.Total(), r.calls.Objects(), r.calls.Lookups(),
			r.calls.CatalogPages, r.calls.ConnectionReads, r.calls.ActionLists, r.calls.CredentialChecks)
		if len(r.calls.Other) > 0 {
			calls += fmt.Sprintf(" + %d other: %s", len(r.calls.Other), strings.Join(r.calls.Other, ", "))
		}
		procs := fmt.Sprintf("%.2fs (%d)", r.providerProcs.cpu.Seconds(), r.providerProcs.processes)
		fmt.Fprintf(w, "| %3d | %-10s | %16s | %19s | %8.2fms | %7.2fs | %16s | %10.2fs | %70s | %s |  %s  | %6.2fs | %5.1f |\n",
			r.n, r.phase, r.provider, procs, milliseconds(r.providerCPUPerObject()), r.provider.emulatorCPU.Seconds(), r.floor,
			r.aboveFloor().Seconds(), calls, padLeft(r.budget.String(), 10), r.mark(), r.ideal().Seconds(), r.ratio())
	}
	fmt.Fprintln(w)
}

// padLeft pads s with spaces to width characters (runes: "≤" is one).
func padLeft(s string, width int) string {
	return strings.Repeat(" ", max(0, width-utf8.RuneCountInString(s))) + s
}

// milliseconds is d in milliseconds, fractions kept.
func milliseconds(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
