package processoutapi

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestWebhookEndpoints(t *testing.T) {
	s, c := newTestServer(t, Options{})
	we := c.do("POST", "/webhook-endpoints", map[string]any{
		"url":              "https://hooks.example.com/processout?src=po&x=1",
		"events_whitelist": []any{"transaction.captured", "invoice.completed", "transaction.captured"},
	}).object(t, "webhook_endpoint")
	id := str(we["id"])
	if !strings.HasPrefix(id, "whe_") || len(id) != len("whe_")+32 || we["project_id"] != c.user || we["sandbox"] != false || we["created_at"] == nil {
		t.Errorf("created = %v", we)
	}
	if got := toStrings(we["events_whitelist"]); !slices.Equal(got, []string{"transaction.captured", "invoice.completed"}) {
		t.Errorf("events_whitelist = %v (duplicates dropped, order kept)", got)
	}

	// null/absent fields are unchanged; [] is kept.
	up := c.do("PUT", "/webhook-endpoints/"+id, map[string]any{"url": nil, "events_whitelist": []any{}}).object(t, "webhook_endpoint")
	if up["url"] != we["url"] || up["events_whitelist"] == nil || len(arr(up["events_whitelist"])) != 0 {
		t.Errorf("after PUT = %v", up)
	}
	all := c.do("POST", "/webhook-endpoints", map[string]any{"url": "http://localhost:8080/hook"}).object(t, "webhook_endpoint")
	if all["events_whitelist"] != nil {
		t.Errorf("no whitelist should be null, got %v", all["events_whitelist"])
	}

	if got := ids(c.do("GET", "/webhook-endpoints", nil).items(t, "webhook_endpoints")); !slices.Equal(got, []string{str(all["id"]), id}) {
		t.Errorf("list (desc) = %v", got)
	}

	for body, errType := range map[string]string{
		`{}`:                             "request.validation.missing-url",
		`{"url": null}`:                  "request.validation.missing-url",
		`{"url": "ftp://example.com/x"}`: "request.validation.invalid-url",
		`{"url": "/relative"}`:           "request.validation.invalid-url",
		`{"url": "https://"}`:            "request.validation.invalid-url",
		`{"url": "https://example.com/` + strings.Repeat("a", 2048) + `"}`:                "request.validation.invalid-url",
		`{"url": "https://example.com", "events_whitelist": ["Transaction.Captured"]}`:    "request.validation.invalid-events-whitelist",
		`{"url": "https://example.com", "events_whitelist": ["captured"]}`:                "request.validation.invalid-events-whitelist",
		`{"url": "https://example.com", "events_whitelist": "transaction.captured"}`:      "request.validation.invalid-events-whitelist",
		`{"url": "https://example.com", "events_whitelist": ["transaction.captured", 3]}`: "request.validation.invalid-events-whitelist",
	} {
		c.do("POST", "/webhook-endpoints", body).fails(t, http.StatusBadRequest, errType)
	}
	if n := len(s.Objects(c.user, KindWebhookEndpoint)); n != 2 {
		t.Errorf("%d endpoints after failed creates, want 2", n)
	}

	c.do("DELETE", "/webhook-endpoints/"+id, nil).ok(t)
	c.do("GET", "/webhook-endpoints/"+id, nil).fails(t, http.StatusNotFound, "resource.webhook-endpoint.not-found")
}

func toStrings(v any) []string {
	var out []string
	for _, e := range arr(v) {
		out = append(out, str(e))
	}
	return out
}
