//go:build unix

package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/processout/terraform-provider-processout/internal/clitest"
)

// The plugin handshake, as the CLI performs it (go-plugin, protocol 6).
const (
	magicCookieKey   = "TF_PLUGIN_MAGIC_COOKIE"
	magicCookieValue = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
	getSchemaMethod  = "/tfplugin6.Provider/GetProviderSchema"
	shutdownMethod   = "/plugin.GRPCController/Shutdown"
)

// startupResult is the provider's start-up: launch → handshake line →
// first GetProviderSchema answered → exited after the CLI's Shutdown, and
// the CLI's view of it.
type startupResult struct {
	launches                  int
	handshake, schema, exited time.Duration // medians
	schemaBytes               int
	cliWithProvider           time.Duration // `providers schema -json` with the provider, median
	cliFloor                  time.Duration // the same with only terraform_data, median
	devSize, releaseSize      int64
	releaseFlags, cliName     string
}

func (e *benchEnv) startup(ctx context.Context) (startupResult, error) {
	res := startupResult{launches: e.opts.startups, releaseFlags: "-trimpath -ldflags='-s -w'", cliName: e.cliVersion}
	var handshakes, schemas, exits []time.Duration
	for range e.opts.startups {
		l, err := launchAndGetSchema(ctx, e.provider)
		if err != nil {
			return res, err
		}
		handshakes, schemas, exits = append(handshakes, l.handshake), append(schemas, l.schema), append(exits, l.exited)
		res.schemaBytes = l.schemaBytes
	}
	res.handshake, res.schema, res.exited = median(handshakes), median(schemas), median(exits)

	var err error
	if res.cliWithProvider, err = e.timeProvidersSchema(ctx, "schema-provider", requiredProviders()); err != nil {
		return res, err
	}
	if res.cliFloor, err = e.timeProvidersSchema(ctx, "schema-floor", "resource \"terraform_data\" \"d\" {}\n"); err != nil {
		return res, err
	}

	info, err := os.Stat(e.provider)
	if err != nil {
		return res, err
	}
	res.devSize = info.Size()
	release := filepath.Join(e.dir, "release", clitest.BinaryName)
	if err := clitest.BuildProvider(ctx, release, "-trimpath", "-ldflags=-s -w"); err != nil {
		return res, fmt.Errorf("building the release-style binary: %w", err)
	}
	if info, err = os.Stat(release); err != nil {
		return res, err
	}
	res.releaseSize = info.Size()
	return res, nil
}

// launch is one provider process's life, timed from its launch.
type launch struct {
	handshake, schema, exited time.Duration
	schemaBytes               int
}

// launchAndGetSchema starts the provider as the CLI does, waits for its
// handshake line, asks for its schema over gRPC (the CLI's first call),
// then asks it to shut down (the CLI's last) and waits for it to exit.
func launchAndGetSchema(ctx context.Context, binary string) (launch, error) {
	var l launch
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary)
	cmd.Env = append(os.Environ(), magicCookieKey+"="+magicCookieValue, "PLUGIN_PROTOCOL_VERSIONS=6")
	cmd.Stderr = io.Discard
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return l, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return l, err
	}
	out := bufio.NewReader(stdout)
	line, err := out.ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return l, fmt.Errorf("reading the plugin handshake: %w", err)
	}
	l.handshake = time.Since(start)
	exited := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, out) // until the process closes its stdout
		_ = cmd.Wait()
		close(exited)
	}()
	defer func() {
		_ = cmd.Process.Kill() // after a failure; a no-op once it has exited
		<-exited
	}()
	// core-version|protocol-version|network|address|protocol
	parts := strings.Split(strings.TrimSpace(line), "|")
	if len(parts) < 5 || parts[1] != "6" || parts[4] != "grpc" {
		return l, fmt.Errorf("unexpected plugin handshake %q", line)
	}
	target := parts[3]
	if parts[2] == "unix" {
		target = "unix://" + target
	}
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return l, err
	}
	defer conn.Close()
	var answer rawMessage
	if err := conn.Invoke(ctx, getSchemaMethod, rawMessage{}, &answer, grpc.ForceCodec(rawCodec{})); err != nil {
		return l, fmt.Errorf("GetProviderSchema: %w", err)
	}
	l.schema, l.schemaBytes = time.Since(start), len(answer)
	// The plugin may exit before it answers: the call's error is expected.
	_ = conn.Invoke(ctx, shutdownMethod, rawMessage{}, &answer, grpc.ForceCodec(rawCodec{}))
	select {
	case <-exited:
		l.exited = time.Since(start)
	case <-ctx.Done():
		return l, fmt.Errorf("the provider did not exit after Shutdown: %w", ctx.Err())
	}
	return l, nil
}

// rawMessage and rawCodec carry protobuf bytes as they are: the request is
// the empty message, and only the answer's size is of interest.
type rawMessage []byte

type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) {
	m, ok := v.(rawMessage)
	if !ok {
		return nil, fmt.Errorf("rawCodec cannot marshal %T", v)
	}
	return m, nil
}

func (rawCodec) Unmarshal(data []byte, v any) error {
	m, ok := v.(*rawMessage)
	if !ok {
		return fmt.Errorf("rawCodec cannot unmarshal into %T", v)
	}
	*m = append((*m)[:0], data...)
	return nil
}

func (rawCodec) Name() string { return "proto" }

// timeProvidersSchema times `providers schema -json` in a workspace with
// the given configuration: the median of five runs.
func (e *benchEnv) timeProvidersSchema(ctx context.Context, name, hcl string) (time.Duration, error) {
	dir := filepath.Join(e.dir, name)
	if err := writeConfig(dir, hcl); err != nil {
		return 0, err
	}
	tf, err := e.terraform(dir, e.cliConfig, nil)
	if err != nil {
		return 0, err
	}
	var runs []time.Duration
	for range 5 {
		d, err := timed(ctx, tf, func(ctx context.Context, tf *tfexec.Terraform, _ int) error {
			_, err := tf.ProvidersSchema(ctx)
			return err
		}, 0)
		if err != nil {
			return 0, fmt.Errorf("providers schema -json (%s): %w", name, err)
		}
		runs = append(runs, d.wall)
	}
	return median(runs), nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func (r startupResult) print(w io.Writer) {
	fmt.Fprintf(w, "Provider start-up (median of %d launches; handshake and schema as the CLI gets them):\n\n", r.launches)
	fmt.Fprintln(w, "| measure | value |")
	fmt.Fprintln(w, "|---------|------:|")
	fmt.Fprintf(w, "| launch → plugin handshake line | %.1f ms |\n", ms(r.handshake))
	fmt.Fprintf(w, "| launch → GetProviderSchema answered (%d bytes) | %.1f ms |\n", r.schemaBytes, ms(r.schema))
	fmt.Fprintf(w, "| launch → schema → Shutdown → process exited | %.1f ms |\n", ms(r.exited))
	fmt.Fprintf(w, "| `providers schema -json` with the provider − with terraform_data only (%s; median of 5) | %.1f ms − %.1f ms = %.1f ms |\n",
		r.cliName, ms(r.cliWithProvider), ms(r.cliFloor), ms(r.cliWithProvider-r.cliFloor))
	fmt.Fprintf(w, "| binary size, `CGO_ENABLED=0 go build` (the binary benchmarked) | %.1f MB |\n", mb(r.devSize))
	fmt.Fprintf(w, "| binary size, release flags (CGO_ENABLED=0 %s) | %.1f MB |\n", r.releaseFlags, mb(r.releaseSize))
	fmt.Fprintln(w)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func mb(bytes int64) float64 { return float64(bytes) / (1 << 20) }
