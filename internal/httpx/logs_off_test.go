package httpx

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-log/tfsdklog"
)

// TestCallLogSkippedOnlyWhenProviderLogsAreOff: the client skips its call
// log exactly when the provider's logger, as the plugin SDK makes it from
// TF_LOG_PROVIDER_PROCESSOUT, would write nothing anyway.
func TestCallLogSkippedOnlyWhenProviderLogsAreOff(t *testing.T) {
	u, err := url.Parse(successServer(t) + "/things")
	if err != nil {
		t.Fatal(err)
	}
	call := func(ctx context.Context) {
		if _, err := New(fastPolicy(), "key_secret").Do(ctx, Call{Operation: "thing.read", Method: http.MethodGet, URL: u}); err != nil {
			t.Fatal(err)
		}
	}
	for level, want := range map[string]int{"OFF": 0, "off": 0, "": 1, "DEBUG": 1, "TRACE": 1} {
		t.Setenv(ProviderLogLevelEnv, level)
		var logs bytes.Buffer
		call(tflogtest.RootLogger(context.Background(), &logs))
		if got := strings.Count(logs.String(), "API call"); got != want {
			t.Errorf("%s=%q: %d call lines, want %d: %s", ProviderLogLevelEnv, level, got, want, logs.String())
		}
	}

	// The SDK's own logger, made from the variable, writes nothing at OFF
	// with the call log or without it, and writes the call line at DEBUG.
	skip := providerLogsOff
	t.Cleanup(func() { providerLogsOff = skip })
	providerLogsOff = func() bool { return false }
	if written := sdkLoggerOutput(t, "OFF", call); written != "" {
		t.Errorf("the SDK's logger at OFF wrote %q", written)
	}
	if written := sdkLoggerOutput(t, "DEBUG", call); !strings.Contains(written, "API call") {
		t.Errorf("the SDK's logger at DEBUG wrote no call line (%q): the check above proves nothing", written)
	}
}

// successServer is the URL of a server that answers every call with
// {"success":true}.
func successServer(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"success":true}`))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// sdkLoggerOutput is what the provider's logger, made as terraform-plugin-go
// makes it for an RPC with the level set to level, writes during fn and
// for an error line after it.
func sdkLoggerOutput(t *testing.T, level string, fn func(context.Context)) string {
	t.Setenv(ProviderLogLevelEnv, level)
	out, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	stderr := os.Stderr
	os.Stderr = out // the logger writes where os.Stderr is when it is made
	ctx := tfsdklog.NewRootProviderLogger(context.Background(), tflog.WithLevelFromEnv("TF_LOG_PROVIDER", "PROCESSOUT"))
	os.Stderr = stderr
	fn(ctx)
	tflog.Error(ctx, "canary") // nothing passes at OFF, not even an error
	b, err := os.ReadFile(out.Name())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
