//go:build unix

package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestParseSizes(t *testing.T) {
	got, err := parseSizes(" 10, 100,500")
	if err != nil || !slices.Equal(got, []int{10, 100, 500}) {
		t.Fatalf("parseSizes = %v, %v", got, err)
	}
	if got, err := parseSizes(""); err != nil || got != nil {
		t.Fatalf("parseSizes(\"\") = %v, %v; want no fleet", got, err)
	}
	for _, bad := range []string{"0", "-3", "ten", "10,,20"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q) accepted", bad)
		}
	}
}

func TestReadUsageTakesThePeakAndSumsTheCPU(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rss")
	appendLine(path, "21000 15000")
	appendLine(path, "30720 250000")
	appendLine(path, "29000 1000")
	u, err := readUsage(path)
	if err != nil {
		t.Fatal(err)
	}
	if u.processes != 3 || u.peakKiB != 30720 || u.cpu != 266*time.Millisecond || u.peakMB() != 30 {
		t.Fatalf("usage = %+v (%.1f MB)", u, u.peakMB())
	}
	if err := os.WriteFile(path, []byte("lots\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readUsage(path); err == nil {
		t.Fatal("a malformed report was accepted")
	}
}

func TestPhaseRowRatio(t *testing.T) {
	r := phaseRow{provider: cost{wall: 3 * time.Second}, floor: cost{wall: time.Second}, latency: 20 * time.Millisecond, parallel: 10, minimum: 500}
	r.calls.Reads = 500
	if r.ideal() != time.Second || r.ratio() != 2 || !r.minimal() {
		t.Fatalf("ideal %s, ratio %.2f, minimal %t; want 1s, 2, true", r.ideal(), r.ratio(), r.minimal())
	}
	r.calls.Reads++
	if r.minimal() {
		t.Fatal("501 calls for a minimum of 500 is minimal")
	}
	r.calls.Reads, r.configurations = 500, 2
	if r.minimal() {
		t.Fatal("no transport check for 2 provider configurations is minimal")
	}
	r.calls.CredentialChecks = 2
	if !r.minimal() {
		t.Fatal("one credential check per provider configuration is not minimal")
	}
}
