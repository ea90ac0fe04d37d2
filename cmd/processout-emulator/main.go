// Command processout-emulator serves the ProcessOut and Membrane API
// emulators on local ports, so that teams can rehearse plans offline.
//
// It prints the environment for both transports as `export K='V'` lines on
// stdout (and, with -exports-file, writes them atomically to a file once both
// ports listen), a short summary on stderr, and serves until SIGINT or
// SIGTERM.
//
//	processout-emulator -customers 50 -fault-rate 0.05 -exports-file /tmp/po.env &
//	until [ -f /tmp/po.env ]; do sleep 0.1; done; . /tmp/po.env
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"

	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
	"github.com/processout/terraform-provider-processout/internal/emulator/scenario"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "processout-emulator:", err)
		}
		os.Exit(2)
	}
}

// connectionStates are Membrane's connection states
// (internal/emulator/membraneapi/CONTRACT.md §6).
var connectionStates = []string{"BUILDING", "CLIENT_ACTION_REQUIRED", "CONFIGURATION_ERROR", "SETUP_FAILED", "READY", "DISCONNECTING"}

type options struct {
	processoutAddr, membraneAddr, exportsFile, readings string
	cfg                                                 emulator.Config
	seedHandBuilt                                       bool // set the hand-built scene (scenario.SeedHandBuilt)
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("processout-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.processoutAddr, "processout-addr", "127.0.0.1:8081", "listen address of the ProcessOut API")
	fs.StringVar(&o.membraneAddr, "membrane-addr", "127.0.0.1:8082", "listen address of the Membrane API")
	fs.IntVar(&o.cfg.Customers, "customers", 250, "customers seeded into the sandbox project")
	fs.DurationVar(&o.cfg.Latency, "latency", 0, "latency added to every request (e.g. 50ms)")
	fs.Float64Var(&o.cfg.FaultRate, "fault-rate", 0, "chance, 0..1, that a request meets a transient fault")
	fs.IntVar(&o.cfg.RateLimitPerMinute, "rate-limit", 0, "ProcessOut requests per minute per project; 0 = unlimited")
	fs.Int64Var(&o.cfg.Seed, "seed", 1, "seed for ids and fault rolls")
	fs.StringVar(&o.exportsFile, "exports-file", "", "also write the export lines to this file (atomically, once listening)")
	fs.BoolVar(&o.seedHandBuilt, "seed-handbuilt", false, "also seed a hand-built project to adopt: gateway configurations, webhook endpoints, a supervised project, products, SFTP settings")
	fs.StringVar(&o.cfg.ConnectionState, "connection-state", "READY", "state of the seeded Membrane connection: "+fmt.Sprint(connectionStates))
	fs.StringVar(&o.readings, "readings", processoutapi.ReadingsOptimistic, "how unverified ProcessOut behaviours are played: optimistic (the contract's convention) or worst (each at its worst plausible form; README)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	readings, err := processoutapi.ParseReadings(o.readings)
	if err != nil {
		return o, fmt.Errorf("-readings: %w", err)
	}
	o.cfg.Readings = readings
	switch {
	case fs.NArg() > 0:
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	case o.cfg.FaultRate < 0 || o.cfg.FaultRate > 1:
		return o, fmt.Errorf("-fault-rate must be between 0 and 1, got %v", o.cfg.FaultRate)
	case o.cfg.Customers < 0 || o.cfg.RateLimitPerMinute < 0 || o.cfg.Latency < 0:
		return o, errors.New("-customers, -rate-limit and -latency must not be negative")
	case !slices.Contains(connectionStates, o.cfg.ConnectionState):
		return o, fmt.Errorf("-connection-state must be one of %v, got %q", connectionStates, o.cfg.ConnectionState)
	}
	return o, nil
}

// run serves until ctx ends.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if o.exportsFile != "" {
		// A file left by an earlier run must not tell scripts we are ready.
		if err := os.Remove(o.exportsFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	e, err := emulator.StartOn(o.cfg, o.processoutAddr, o.membraneAddr)
	if err != nil {
		return err
	}
	defer e.Close()
	var handBuilt scenario.HandBuilt // empty without -seed-handbuilt
	if o.seedHandBuilt {
		// Before the exports: clients learn the addresses from them.
		if handBuilt, err = scenario.SeedHandBuilt(e); err != nil {
			return err
		}
	}
	exports := shellExports(e)
	if o.exportsFile != "" {
		if err := writeAtomically(o.exportsFile, exports); err != nil {
			return err
		}
		defer os.Remove(o.exportsFile)
	}
	fmt.Fprint(stdout, exports)
	printSummary(stderr, e, handBuilt, o)
	<-ctx.Done()
	fmt.Fprintln(stderr, "processout-emulator: shutting down")
	return nil
}

func printSummary(w io.Writer, e *emulator.Emulator, handBuilt scenario.HandBuilt, o options) {
	limit := "none"
	if o.cfg.RateLimitPerMinute > 0 {
		limit = fmt.Sprintf("%d/min", o.cfg.RateLimitPerMinute)
	}
	fmt.Fprintf(w, "processout-emulator: listening\n")
	fmt.Fprintf(w, "  ProcessOut API  %s  project %s (sandbox, %d customers)\n", e.ProcessOutURL, e.Project.ProjectID, o.cfg.Customers)
	fmt.Fprintf(w, "  Membrane API    %s  workspace %s, tenant %s, connection %s (%s)\n",
		e.MembraneURL, e.Workspace.Key, e.TenantKey, e.Connection.ID, e.Connection.State)
	if n := handBuilt.Count(); n > 0 {
		fmt.Fprintf(w, "  hand-built seed: %s (%d objects to adopt)\n", handBuilt, n)
		for _, id := range handBuilt.SupervisedProjects {
			fmt.Fprintf(w, "  hand-built supervised project %s\n", id) // what the processout_projects inventory must find
		}
	}
	fmt.Fprintf(w, "  seed %d, fault rate %.3g, latency %s, rate limit %s, readings %s\n", o.cfg.Seed, o.cfg.FaultRate, o.cfg.Latency, limit, o.readings)
	if o.exportsFile != "" {
		fmt.Fprintf(w, "  exports written to %s\n", o.exportsFile)
	}
	fmt.Fprintf(w, "Stop with Ctrl-C (SIGINT) or SIGTERM.\n")
}

// writeAtomically writes data to a temporary file beside path, then renames
// it into place, so readers see the whole file or none. The file holds
// secrets; os.CreateTemp makes it private to the user (0600).
func writeAtomically(path, data string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.WriteString(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
