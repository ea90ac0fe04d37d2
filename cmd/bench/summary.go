//go:build unix

package main

import (
	"fmt"
	"time"
)

// summaryLine is the last line of the output: the largest fleet's calls and
// overhead, and the peak memory of the client-side customer scan.
type summaryLine struct {
	n                                   int
	applyCalls, planCalls, destroyCalls int
	overheadRatio                       float64
	customersPeakMB                     float64
}

// fleet records the figures of a fleet if it is the largest so far. The
// overhead ratio is over the four commands together: their time above the
// floor divided by their ideal bounds.
func (s *summaryLine) fleet(n int, rows []phaseRow) {
	if n < s.n {
		return
	}
	s.n = n
	var above, ideal time.Duration
	for _, r := range rows {
		above += r.aboveFloor()
		ideal += r.ideal()
		switch r.phase {
		case "apply":
			s.applyCalls = r.calls.Total()
		case "plan":
			s.planCalls = r.calls.Total()
		case "destroy":
			s.destroyCalls = r.calls.Total()
		}
	}
	s.overheadRatio = above.Seconds() / ideal.Seconds()
}

// customers records the peak memory of the scan that reads every page.
func (s *summaryLine) customers(scans []scanResult) {
	for _, sc := range scans {
		s.customersPeakMB = max(s.customersPeakMB, sc.provider.peakMB())
	}
}

func (s summaryLine) String() string {
	return fmt.Sprintf("bench: n=%d apply_calls=%d plan_calls=%d destroy_calls=%d overhead_ratio=%.2f customers_peak_mb=%.1f",
		s.n, s.applyCalls, s.planCalls, s.destroyCalls, s.overheadRatio, s.customersPeakMB)
}
