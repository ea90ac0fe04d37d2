//go:build unix

package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/processout/terraform-provider-processout/internal/bench"
)

func TestParseSizes(t *testing.T) {
	got, err := parseSizes("-sizes", " 10, 100,500")
	if err != nil || !slices.Equal(got, []int{10, 100, 500}) {
		t.Fatalf("parseSizes = %v, %v", got, err)
	}
	if joined := joinSizes(got); joined != "10,100,500" {
		t.Errorf("joinSizes = %q", joined)
	}
	if got, err := parseSizes("-sizes", ""); err != nil || got != nil {
		t.Fatalf("parseSizes(\"\") = %v, %v; want no fleet", got, err)
	}
	for _, bad := range []string{"0", "-3", "ten", "10,,20"} {
		if _, err := parseSizes("-sizes", bad); err == nil {
			t.Errorf("parseSizes(%q) accepted", bad)
		}
	}
}

func TestReadUsageTakesThePeakAndSumsTheCPU(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rss")
	appendLine(path, "21000 15000 9000")
	appendLine(path, "30720 250000 11000")
	appendLine(path, "29000 1000 10000")
	u, err := readUsage(path)
	if err != nil {
		t.Fatal(err)
	}
	if u.processes != 3 || u.peakKiB != 30720 || u.cpu != 266*time.Millisecond || u.wrapperCPU != 30*time.Millisecond || u.peakMB() != 30 {
		t.Fatalf("usage = %+v (%.1f MB)", u, u.peakMB())
	}
	for _, bad := range []string{"lots\n", "21000 15000\n"} {
		if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := readUsage(path); err == nil {
			t.Fatalf("a malformed report %q was accepted", bad)
		}
	}
}

func TestPhaseRowRatioAndBudget(t *testing.T) {
	r := phaseRow{n: 500, phase: phasePlan, provider: cost{wall: 3 * time.Second}, floor: cost{wall: time.Second},
		latency: 20 * time.Millisecond, parallel: 10, budget: bench.Budget{Refreshed: 500}}
	r.calls.Reads = 500
	if r.ideal() != time.Second || r.ratio() != 2 || !r.withinBudget() || r.mark() != "=" {
		t.Fatalf("ideal %s, ratio %.2f, within budget %t, mark %s; want 1s, 2, true, =", r.ideal(), r.ratio(), r.withinBudget(), r.mark())
	}
	r.calls.Reads++
	if r.withinBudget() || r.mark() != "≠" {
		t.Fatal("501 reads to refresh 500 objects is within the budget")
	}
	r.calls.Reads, r.calls.ListPages = 2, 6
	if !r.withinBudget() || r.mark() != "<" {
		t.Fatalf("a refresh from 6 list pages and 2 reads: within budget %t, mark %s; want true, <", r.withinBudget(), r.mark())
	}
	r.calls.Reads, r.calls.ListPages, r.configurations = 500, 0, 2
	if r.withinBudget() {
		t.Fatal("no transport check for 2 provider configurations is within the budget")
	}
	r.calls.CredentialChecks = 2
	if !r.withinBudget() {
		t.Fatal("one credential check per provider configuration is not within the budget")
	}
	r.calls.Other = []string{"GET /customers"}
	if r.withinBudget() {
		t.Fatal("an unclassified call is within the budget")
	}
}
