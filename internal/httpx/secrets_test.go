package httpx

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// TestWithSecretsMasksBoth: a client made for other credentials masks
// their secret as well as the provider's in every log line it writes.
func TestWithSecretsMasksBoth(t *testing.T) {
	const providerSecret, projectKey = "key_sandbox_provider", "key_sandbox_supervised"
	base := New(fastPolicy(), providerSecret)
	child := base.WithSecrets(projectKey)

	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	// The secrets in the path stand for any place a secret could reach a
	// log line.
	u, err := url.Parse(successServer(t) + "/things/" + providerSecret + "/" + projectKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*Client{child, base} {
		if _, err := c.Do(ctx, Call{Operation: "thing.read", Method: http.MethodGet, URL: u}); err != nil {
			t.Fatal(err)
		}
	}
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one log line per call, got %q", logs.String())
	}
	if strings.Contains(lines[0], providerSecret) || strings.Contains(lines[0], projectKey) {
		t.Errorf("the supervised project's client logged a secret: %s", lines[0])
	}
	if strings.Contains(lines[1], providerSecret) {
		t.Errorf("the provider's client logged its secret: %s", lines[1])
	}
	if !strings.Contains(lines[1], projectKey) {
		t.Errorf("the provider's client masks a secret it was never given, so this test proves nothing: %s", lines[1])
	}
}
