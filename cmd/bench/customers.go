//go:build unix

package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/processout/terraform-provider-processout/internal/direct"
	"github.com/processout/terraform-provider-processout/internal/emulator"
	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// campaign is the metadata value the scan's filter looks for: the bench
// creates exactly -matches customers carrying it; the seeded ones do not
// (their metadata is only tier and segment).
const campaign = "spring-sale"

// scanResult is one customer scan: a processout_customers data source read
// by `apply` (the data source is read once, in the plan walk).
type scanResult struct {
	name     string
	wall     cost
	pages    int // GET /customers calls
	want     int // the pages a scan of this kind needs
	matches  int
	provider providerUsage
}

// customerScans lists the customers with a filter matching -matches of
// them, twice: with the filter honoured by the server (the emulator's
// extension: one page), and with the filter stripped on the way, as against
// the ProcessOut API, which documents no such filter (every page is read
// and filtered by the provider).
func (e *benchEnv) customerScans(ctx context.Context) ([]scanResult, error) {
	total, matches := e.opts.customers, e.opts.matches
	fmt.Fprintf(os.Stderr, "bench: seeding %d customers\n", total)
	emu, err := emulator.Start(emulator.Config{Seed: 1, Customers: total - matches})
	if err != nil {
		return nil, err
	}
	defer emu.Close()
	if err := createCampaignCustomers(ctx, emu, matches); err != nil {
		return nil, err
	}
	emu.Faults.SetLatency(e.opts.latency)

	upstream := emu.MembraneURL
	if e.opts.transport == "direct" {
		upstream = emu.ProcessOutURL
	}
	stripper, err := startFilterStripper(upstream)
	if err != nil {
		return nil, err
	}
	defer stripper.Close()

	scans := []struct {
		name  string
		url   string
		pages int
	}{
		{"filter applied by the server (emulator extension)", "", (matches + processout.MaxPageSize - 1) / processout.MaxPageSize},
		{"filter ignored by the server, applied by the provider", stripper.URL, (total + processout.MaxPageSize - 1) / processout.MaxPageSize},
	}
	var out []scanResult
	for i, sc := range scans {
		fmt.Fprintf(os.Stderr, "bench: customer scan, %s\n", sc.name)
		res, err := e.customerScan(ctx, emu, filepath.Join(e.dir, "customers-"+strconv.Itoa(i)), sc.url)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", sc.name, err)
		}
		res.name, res.want = sc.name, sc.pages
		if res.matches != matches {
			return nil, fmt.Errorf("%s: %d customers found, want %d", sc.name, res.matches, matches)
		}
		out = append(out, res)
	}
	if stripper.stripped.Load() == 0 {
		return nil, fmt.Errorf("the provider sent no filter for the stripping proxy to remove")
	}
	return out, nil
}

func (e *benchEnv) customerScan(ctx context.Context, emu *emulator.Emulator, dir, url string) (scanResult, error) {
	report := filepath.Join(dir, "rss")
	tf, err := e.terraform(dir, e.rssConfig, map[string]string{envWrappedProvider: e.provider, envRSSReport: report})
	if err != nil {
		return scanResult{}, err
	}
	hcl := e.providerBlock(emu, url) + fmt.Sprintf(`data "processout_customers" "campaign" {
  metadata    = { campaign = %q }
  max_results = 100
}

output "matches" {
  value = length(data.processout_customers.campaign.customers)
}
`, campaign)
	if err := writeConfig(dir, hcl); err != nil {
		return scanResult{}, err
	}
	emu.ProcessOut.ResetRequests()
	var res scanResult
	if res.wall, err = timed(ctx, tf, apply, e.opts.parallelism); err != nil {
		return res, err
	}
	for _, r := range emu.ProcessOut.Requests() {
		if r.Method == http.MethodGet && r.Path == "/customers" {
			res.pages++
		}
	}
	outputs, err := tf.Output(ctx)
	if err != nil {
		return res, err
	}
	if res.matches, err = strconv.Atoi(string(outputs["matches"].Value)); err != nil {
		return res, fmt.Errorf("output matches = %s: %w", outputs["matches"].Value, err)
	}
	if res.provider, err = readUsage(report); err != nil {
		return res, fmt.Errorf("reading the provider's peak memory: %w", err)
	}
	res.wall.cpu -= res.provider.wrapperCPU // the CLI's and the provider's, as without the wrapper
	return res, nil
}

// createCampaignCustomers creates the customers the filter matches, through
// the API as any client would (with no added latency yet).
func createCampaignCustomers(ctx context.Context, emu *emulator.Emulator, n int) error {
	base, err := url.Parse(emu.ProcessOutURL)
	if err != nil {
		return err
	}
	api := processout.New(direct.New(base, emu.Project.ProjectID, emu.Project.Secret, httpx.New(httpx.DefaultPolicy()), "processout-bench"))
	for i := range n {
		email := fmt.Sprintf("spring-%04d@example.com", i)
		if _, err := api.CreateCustomer(ctx, processout.CustomerInput{Email: &email, Metadata: map[string]string{"campaign": campaign}}); err != nil {
			return fmt.Errorf("creating customer %d: %w", i, err)
		}
	}
	return nil
}

// filterStripper is a reverse proxy that passes only the pagination
// parameters on, so the provider meets an API that ignores its filters.
type filterStripper struct {
	URL      string
	server   *http.Server
	stripped atomic.Int64
}

var paginationParams = map[string]bool{"limit": true, "order": true, "start_after": true, "end_before": true, "expand": true}

func startFilterStripper(upstream string) (*filterStripper, error) {
	target, err := url.Parse(upstream)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &filterStripper{URL: "http://" + ln.Addr().String()}
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		q := r.In.URL.Query()
		for k := range q {
			if !paginationParams[k] {
				q.Del(k)
				s.stripped.Add(1)
			}
		}
		r.Out.URL.RawQuery = q.Encode()
	}}
	s.server = &http.Server{Handler: proxy, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.server.Serve(ln) }()
	return s, nil
}

func (s *filterStripper) Close() { _ = s.server.Close() }

func printScans(w io.Writer, opts options, scans []scanResult) {
	fmt.Fprintf(w, "Customer list: %d customers, processout_customers with metadata = { campaign = %q } matching %d (max_results 100), `apply`.\n",
		opts.customers, campaign, opts.matches)
	fmt.Fprintf(w, "Provider peak RSS and CPU from wait4's rusage: the largest peak, and the CPU summed, over the provider processes the CLI started.\n\n")
	fmt.Fprintln(w, "| scan | wall | pages (GET /customers) | pages needed | found | provider peak RSS | provider CPU | CLI + provider CPU | emulator CPU |")
	fmt.Fprintln(w, "|------|-----:|-----------------------:|-------------:|------:|------------------:|-------------:|-------------------:|-------------:|")
	for _, s := range scans {
		fmt.Fprintf(w, "| %s | %.2fs | %d | %d | %d | %.1f MB | %.2fs (%d processes) | %.2fs | %.2fs |\n", s.name, s.wall.wall.Seconds(), s.pages, s.want,
			s.matches, s.provider.peakMB(), s.provider.cpu.Seconds(), s.provider.processes, s.wall.cpu.Seconds(), s.wall.emulatorCPU.Seconds())
	}
	fmt.Fprintln(w)
}
