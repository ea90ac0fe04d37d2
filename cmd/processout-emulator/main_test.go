package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// parseExports reads `export K='V'` lines (values without quotes inside).
func parseExports(t *testing.T, text string) map[string]string {
	t.Helper()
	env := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		if strings.HasPrefix(line, "#") {
			continue // the commented alternatives
		}
		k, v, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		if !ok || !strings.HasPrefix(line, "export ") {
			t.Fatalf("bad line %q", line)
		}
		env[k] = strings.Trim(v, "'")
	}
	return env
}

func TestRunServesUntilCancelled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "emulator.env")
	if err := os.WriteFile(path, []byte("stale"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-processout-addr", "127.0.0.1:0", "-membrane-addr", "127.0.0.1:0",
			"-customers", "3", "-seed", "7", "-exports-file", path}, &stdout, &stderr)
	}()

	var data []byte
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(path); err == nil && string(b) != "stale" {
			data = b
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("exports file never appeared")
		}
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("exports file mode %v %v", info.Mode(), err)
	}
	env := parseExports(t, string(data))
	if len(env) != 4 || env["PROCESSOUT_CONNECTION_ID"] == "" || env["MEMBRANE_ACCESS_TOKEN"] == "" || env["PROCESSOUT_API_URL"] == "" {
		t.Fatalf("exports %v", env)
	}

	req, _ := http.NewRequest("GET", env["MEMBRANE_API_URL"]+"/connections/"+env["PROCESSOUT_CONNECTION_ID"]+"/proxy/customers", nil)
	req.Header.Set("Authorization", "Bearer "+env["MEMBRANE_ACCESS_TOKEN"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if resp.StatusCode != 200 || body["total_count"] != float64(3) {
		t.Fatalf("proxied GET /customers: %d %v", resp.StatusCode, body)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop after cancellation")
	}
	if stdout.String() != string(data) {
		t.Fatalf("stdout %q differs from the exports file %q", stdout.String(), data)
	}
	for _, want := range []string{"listening", "ProcessOut API", "Membrane API", "shutting down", path} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("exports file left after shutdown: %v", err)
	}
	// The ProcessOut URL is only in the commented direct-transport lines.
	m := regexp.MustCompile(`(?m)^# export PROCESSOUT_API_URL='(http://[^']+)'$`).FindStringSubmatch(string(data))
	if m == nil {
		t.Fatalf("exports lack the direct transport's PROCESSOUT_API_URL:\n%s", data)
	}
	for name, url := range map[string]string{"ProcessOut": m[1], "Membrane": env["MEMBRANE_API_URL"]} {
		if conn, err := net.DialTimeout("tcp", strings.TrimPrefix(url, "http://"), time.Second); err == nil {
			conn.Close()
			t.Errorf("%s port (%s) still open after shutdown", name, url)
		}
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	tests := [][]string{
		{"-fault-rate", "1.5"},
		{"-connection-state", "BROKEN"},
		{"-customers", "-1"},
		{"extra"},
		{"-no-such-flag"},
	}
	for _, args := range tests {
		if err := run(context.Background(), args, io.Discard, io.Discard); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

func TestRunRemovesStaleExportsWhenStartFails(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	path := filepath.Join(t.TempDir(), "emulator.env")
	if err := os.WriteFile(path, []byte("stale"), 0o600); err != nil {
		t.Fatal(err)
	}
	err = run(context.Background(), []string{"-processout-addr", ln.Addr().String(), "-membrane-addr", "127.0.0.1:0",
		"-exports-file", path}, io.Discard, io.Discard)
	if err == nil {
		t.Fatal("started on a busy port")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("stale exports file kept: %v", err)
	}
}
