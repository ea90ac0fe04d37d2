//go:build unix

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/bench"
)

// fleetRows are the four phases of a fleet of n at latency: each phase's
// calls are its budget's minimum plus one look-up, the provider takes
// providerWall and the floor floorWall, and the provider processes use
// providerCPU in the plan.
func fleetRows(n int, latency, providerWall, floorWall, providerCPU time.Duration) []phaseRow {
	var rows []phaseRow
	for _, ph := range fleetPhases {
		f := bench.Fleet{N: n, Generation: ph.generation}
		b := ph.budget(f)
		r := phaseRow{n: n, phase: ph.name, budget: b, latency: latency, parallel: 10,
			provider: cost{wall: providerWall}, floor: cost{wall: floorWall},
			calls: bench.Calls{Reads: b.Refreshed, Creates: b.Creates, Updates: b.Updates, Deletes: b.Deletes, ConnectionReads: 1}}
		if ph.name == phasePlan {
			r.providerProcs = providerUsage{processes: 3, cpu: providerCPU}
		}
		rows = append(rows, r)
	}
	return rows
}

func TestSummaryLineKeepsTodaysFieldsAndAddsTheLargestFleetsPlan(t *testing.T) {
	s := summaryLine{latency: 20 * time.Millisecond, slowLatency: 200 * time.Millisecond, customersPeakMB: 27.84}
	s.fleet(fleetRows(10, 20*time.Millisecond, time.Second, 100*time.Millisecond, 50*time.Millisecond))
	s.fleet(fleetRows(500, 20*time.Millisecond, 3*time.Second, 400*time.Millisecond, 2410*time.Millisecond))
	s.fleet(fleetRows(100, 20*time.Millisecond, 2*time.Second, 200*time.Millisecond, 500*time.Millisecond))
	s.fleet(fleetRows(500, 200*time.Millisecond, 10500*time.Millisecond, 420*time.Millisecond, 2500*time.Millisecond))
	// Today's fields first, in their order. N=500 at 20 ms: apply 500+1 calls, plan 10+1 (the refresh from
	// lists, bench.Fleet.Refresh), update 60+1, destroy 510+1; above the floor 4 × 2.6 s against ideal
	// (501+11+61+511) × 2 ms.
	want := "bench: n=500 apply_calls=501 plan_calls=11 destroy_calls=511 overhead_ratio=4.80 customers_peak_mb=27.8 " +
		"update_calls=61 plan_wall_s=3.00 floor_plan_wall_s=0.40 provider_cpu_ms_per_object=4.82 " +
		"n_200ms=500 plan_calls_200ms=11 plan_wall_s_200ms=10.50 floor_plan_wall_s_200ms=0.42"
	if got := s.String(); got != want {
		t.Fatalf("summary\n  got  %s\n  want %s", got, want)
	}
}

func TestSummaryLineWithoutTheSlowRun(t *testing.T) {
	s := summaryLine{latency: 20 * time.Millisecond}
	s.fleet(fleetRows(10, 20*time.Millisecond, time.Second, 100*time.Millisecond, 30*time.Millisecond))
	got := s.String()
	if strings.Contains(got, "_200ms") || !strings.Contains(got, "n=10 ") || !strings.Contains(got, "provider_cpu_ms_per_object=3.00") {
		t.Fatalf("summary %s: want N=10's figures and no slow-run field", got)
	}
	// a slow latency set but no slow fleet measured: no slow fields either
	s.slowLatency = 200 * time.Millisecond
	if got := s.String(); strings.Contains(got, "_200ms") {
		t.Fatalf("summary %s has slow-run fields for no slow run", got)
	}
}

func TestSummaryLineWithOnlyTheSlowRun(t *testing.T) {
	// -sizes '': no fleet at the main latency, so no ratio to give
	s := summaryLine{latency: 20 * time.Millisecond, slowLatency: 200 * time.Millisecond}
	s.fleet(fleetRows(500, 200*time.Millisecond, 2*time.Second, 300*time.Millisecond, time.Second))
	got := s.String()
	if !strings.Contains(got, "n=0 ") || !strings.Contains(got, " overhead_ratio=0.00 ") || !strings.Contains(got, " n_200ms=500 ") {
		t.Fatalf("summary %s: want n=0, overhead_ratio=0.00 and the slow run's fields", got)
	}
}

func TestGoalLinesSayMetNotMetOrNotMeasured(t *testing.T) {
	// N=500: 2.4 s of provider CPU (4.8 ms per object) at 20 ms; at 200 ms
	// the plan is 1.9 s above the floor.
	rows := append(fleetRows(500, 20*time.Millisecond, 3*time.Second, 400*time.Millisecond, 2400*time.Millisecond),
		fleetRows(500, 200*time.Millisecond, 2300*time.Millisecond, 400*time.Millisecond, 2400*time.Millisecond)...)
	want := []string{
		"bench: goal plan_within_2s_of_floor_at_200ms: met (plan 2.30s, floor 0.40s: 1.90s above, goal ≤ 2s)",
		"bench: goal provider_cpu_at_most_2ms_per_object: NOT met (4.80ms per object: 2.40s in 3 provider processes for 500 objects, goal ≤ 2ms)",
	}
	if got := goalLines(rows); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("goals\n  got  %q\n  want %q", got, want)
	}

	rows = append(fleetRows(500, 20*time.Millisecond, 3*time.Second, 400*time.Millisecond, 1000*time.Millisecond),
		fleetRows(500, 200*time.Millisecond, 2401*time.Millisecond, 400*time.Millisecond, 0)...)
	got := goalLines(rows)
	if !strings.Contains(got[0], ": NOT met (") || !strings.Contains(got[1], ": met (2.00ms per object") {
		t.Fatalf("2.001 s above the floor and exactly 2 ms per object:\n%s", strings.Join(got, "\n"))
	}

	rows = fleetRows(500, 200*time.Millisecond, 2400*time.Millisecond, 400*time.Millisecond, 0)
	if got := goalLines(rows)[0]; !strings.Contains(got, ": met (plan 2.40s, floor 0.40s: 2.00s above") {
		t.Fatalf("exactly 2 s above the floor: %s", got)
	}

	// smoke size: neither goal's fleet was measured
	got = goalLines(fleetRows(10, 20*time.Millisecond, time.Second, 100*time.Millisecond, 30*time.Millisecond))
	want = []string{
		"bench: goal plan_within_2s_of_floor_at_200ms: not measured (needs the no-change plan of N=500 at 200ms per call)",
		"bench: goal provider_cpu_at_most_2ms_per_object: not measured (needs the no-change plan of N=500 at 20ms per call)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("goals at N=10\n  got  %q\n  want %q", got, want)
	}
}
