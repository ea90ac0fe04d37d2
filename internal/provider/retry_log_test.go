package provider

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/processout/terraform-provider-processout/internal/httpx"
)

// TestRetriesAreLoggedAtInfo: each retry is one INFO line saying what is
// retried, what the last attempt met, which attempt comes of how many, after
// what wait and how much of the budget is spent; the client's secrets are
// masked in it.
func TestRetriesAreLoggedAtInfo(t *testing.T) {
	const secret = "sk_retry_log_secret_0123456789"
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	// The secret in the path stands for any value of the call a line
	// might carry.
	u, err := url.Parse(srv.URL + "/webhook-endpoints/" + secret)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)
	c := httpx.New(httpx.Policy{MaxAttempts: 10, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond, MaxElapsed: time.Minute, AttemptTimeout: time.Second}, secret)
	c.OnRetry(logRetry)
	if _, err := c.Do(ctx, httpx.Call{Operation: "webhook_endpoint.read", Method: http.MethodGet, URL: u, Header: http.Header{}}); err != nil {
		t.Fatal(err)
	}
	lines, err := tflogtest.MultilineJSONDecode(&out)
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`^retrying webhook_endpoint\.read \(GET 127\.0\.0\.1:\d+/webhook-endpoints/\*\*\*\) after HTTP 503: ` +
		`attempt (\d) of 10 in \S+, \S+ of the 1m0s retry_budget spent$`)
	var attempts []string
	for _, l := range lines {
		msg, _ := l["@message"].(string)
		if !strings.HasPrefix(msg, "retrying") {
			continue
		}
		if l["@level"] != "info" {
			t.Errorf("logged at %v, want info: %q", l["@level"], msg)
		}
		m := want.FindStringSubmatch(msg)
		if m == nil {
			t.Errorf("retry line %q does not match %s", msg, want)
			continue
		}
		attempts = append(attempts, m[1])
	}
	if strings.Join(attempts, ",") != "2,3" {
		t.Errorf("retry lines for attempts %v, want 2 and 3", attempts)
	}
	if strings.Contains(out.String(), secret) {
		t.Error("the log holds the client's secret")
	}
}
