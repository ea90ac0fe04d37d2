//go:build unix

package main

import (
	"fmt"
	"strings"
	"time"
)

// summaryLine is the last line of the output: the largest fleet's calls,
// overhead, no-change plan time against the floor and provider CPU per
// object at the main latency; the no-change plan at the slow latency (a
// Membrane round trip), suffixed with it (plan_wall_s_200ms); and the peak
// memory of the client-side customer scan.
type summaryLine struct {
	latency, slowLatency time.Duration
	rows                 []phaseRow // every fleet's, at both latencies
	customersPeakMB      float64
}

// fleet records a fleet's rows.
func (s *summaryLine) fleet(rows []phaseRow) { s.rows = append(s.rows, rows...) }

// customers records the peak memory of the scan that reads every page.
func (s *summaryLine) customers(scans []scanResult) {
	for _, sc := range scans {
		s.customersPeakMB = max(s.customersPeakMB, sc.provider.peakMB())
	}
}

// largestFleet is the rows of the largest N measured at latency, by phase.
func largestFleet(rows []phaseRow, latency time.Duration) (n int, phases map[string]phaseRow) {
	phases = map[string]phaseRow{}
	for _, r := range rows {
		if r.latency == latency && r.n > n {
			n = r.n
		}
	}
	for _, r := range rows {
		if r.latency == latency && r.n == n {
			phases[r.phase] = r
		}
	}
	return n, phases
}

// String is the line: today's fields first (n, apply_calls, plan_calls,
// destroy_calls, overhead_ratio, customers_peak_mb), then update_calls,
// plan_wall_s, floor_plan_wall_s and provider_cpu_ms_per_object, then the
// slow run's fields if it ran.
func (s summaryLine) String() string {
	n, ph := largestFleet(s.rows, s.latency)
	var above, ideal time.Duration
	for _, r := range ph {
		above += r.aboveFloor()
		ideal += r.ideal()
	}
	plan := ph[phasePlan]
	var cpuPerObject time.Duration
	if plan.n > 0 {
		cpuPerObject = plan.providerCPUPerObject()
	}
	fields := []string{
		fmt.Sprintf("n=%d", n),
		fmt.Sprintf("apply_calls=%d", ph[phaseApply].calls.Total()),
		fmt.Sprintf("plan_calls=%d", plan.calls.Total()),
		fmt.Sprintf("destroy_calls=%d", ph[phaseDestroy].calls.Total()),
		// over the four commands together: their time above the floor
		// divided by their ideal bounds
		fmt.Sprintf("overhead_ratio=%.2f", overheadRatio(above, ideal)),
		fmt.Sprintf("customers_peak_mb=%.1f", s.customersPeakMB),
		fmt.Sprintf("update_calls=%d", ph[phaseUpdate].calls.Total()),
		fmt.Sprintf("plan_wall_s=%.2f", plan.provider.wall.Seconds()),
		fmt.Sprintf("floor_plan_wall_s=%.2f", plan.floor.wall.Seconds()),
		fmt.Sprintf("provider_cpu_ms_per_object=%.2f", milliseconds(cpuPerObject)),
	}
	if slowN, slow := largestFleet(s.rows, s.slowLatency); s.slowLatency > 0 && slowN > 0 {
		plan, suffix := slow[phasePlan], "_"+s.slowLatency.String()
		fields = append(fields,
			fmt.Sprintf("n%s=%d", suffix, slowN),
			fmt.Sprintf("plan_calls%s=%d", suffix, plan.calls.Total()),
			fmt.Sprintf("plan_wall_s%s=%.2f", suffix, plan.provider.wall.Seconds()),
			fmt.Sprintf("floor_plan_wall_s%s=%.2f", suffix, plan.floor.wall.Seconds()))
	}
	return "bench: " + strings.Join(fields, " ")
}

// overheadRatio is above over ideal, 0 without an ideal (no fleet at that latency).
func overheadRatio(above, ideal time.Duration) float64 {
	if ideal <= 0 {
		return 0
	}
	return above.Seconds() / ideal.Seconds()
}
