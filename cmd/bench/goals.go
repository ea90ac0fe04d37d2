//go:build unix

package main

import (
	"fmt"
	"time"
)

// goal is a speed goal for the no-change plan of a fleet of n objects at a
// given latency per call. The bench says whether each is met and never
// fails on one: timed results depend on the machine and its load, so only
// call counts fail a run.
type goal struct {
	name    string
	latency time.Duration
	n       int
	// check returns the figure measured on the no-change plan's row and
	// whether it meets the goal.
	check func(plan phaseRow) (figure string, met bool)
}

var goals = []goal{
	{
		// A platform team's plan through Membrane (150 to 300 ms a call)
		// should cost little more than the CLI's own work.
		name: "plan_within_2s_of_floor_at_200ms", latency: 200 * time.Millisecond, n: 500,
		check: func(plan phaseRow) (string, bool) {
			above := plan.aboveFloor()
			figure := fmt.Sprintf("plan %.2fs, floor %.2fs: %.2fs above, goal ≤ 2s",
				plan.provider.wall.Seconds(), plan.floor.wall.Seconds(), above.Seconds())
			return figure, above <= 2*time.Second
		},
	},
	{
		name: "provider_cpu_at_most_2ms_per_object", latency: 20 * time.Millisecond, n: 500,
		check: func(plan phaseRow) (string, bool) {
			perObject := plan.providerCPUPerObject()
			figure := fmt.Sprintf("%.2fms per object: %.2fs in %d provider processes for %d objects, goal ≤ 2ms",
				milliseconds(perObject), plan.providerProcs.cpu.Seconds(), plan.providerProcs.processes, plan.n)
			return figure, perObject <= 2*time.Millisecond
		},
	},
}

// goalLines says, for each goal, whether the rows meet it, or that they do
// not measure it (no no-change plan of its N at its latency).
func goalLines(rows []phaseRow) []string {
	var out []string
	for _, g := range goals {
		line := fmt.Sprintf("bench: goal %s: not measured (needs the no-change plan of N=%d at %s per call)", g.name, g.n, g.latency)
		for _, r := range rows {
			if r.phase == phasePlan && r.n == g.n && r.latency == g.latency {
				figure, met := g.check(r)
				verdict := "NOT met"
				if met {
					verdict = "met"
				}
				line = fmt.Sprintf("bench: goal %s: %s (%s)", g.name, verdict, figure)
			}
		}
		out = append(out, line)
	}
	return out
}
