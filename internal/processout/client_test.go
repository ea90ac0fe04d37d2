package processout

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// transportFunc answers requests from a function: enough to test decoding.
type transportFunc func(*Request) (*Response, error)

func (f transportFunc) Do(_ context.Context, r *Request) (*Response, error) { return f(r) }

func answer(status int, body string) transportFunc {
	return func(*Request) (*Response, error) { return &Response{Status: status, Body: []byte(body)}, nil }
}

func TestDecodingAnswers(t *testing.T) {
	cases := []struct {
		name    string
		status  int
		body    string
		wantErr string
	}{
		{"success", 200, `{"success":true,"webhook_endpoint":{"id":"whe_1","url":"https://x.example"}}`, ""},
		{"empty 200", 200, ``, "the body is empty"},
		{"html page", 200, `<html>oops</html>`, "not a JSON object"},
		{"truncated json", 200, `{"success":true,"webhook_endpoint":{"id":`, "not a JSON object"},
		{"missing success", 200, `{"webhook_endpoint":{}}`, `"success" field is missing`},
		{"200 with success false", 200, `{"success":false,"error_type":"request.validation.error","message":"nope"}`, "nope"},
		{"missing object", 200, `{"success":true}`, `"webhook_endpoint" field is missing`},
		{"wrong types", 200, `{"success":true,"webhook_endpoint":{"id":42}}`, "does not have the expected shape"},
		{"not found", 404, `{"success":false,"error_type":"resource.webhook-endpoint.not-found","message":"The webhook endpoint could not be found."}`, "could not be found"},
		{"html 502", 502, `<html><body>502 Bad Gateway</body></html>`, "Bad Gateway"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := New(answer(tc.status, tc.body))
			got, err := c.GetWebhookEndpoint(context.Background(), "whe_1")
			if tc.wantErr == "" {
				if err != nil || got.ID != "whe_1" {
					t.Fatalf("got %+v, %v", got, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.wantErr)
			}
		})
	}
}

func TestErrorKinds(t *testing.T) {
	for status, want := range map[int]Kind{404: KindNotServed, 400: KindValidation, 401: KindAuthentication, 429: KindRateLimited, 503: KindServer} {
		_, err := New(answer(status, `{"success":false,"error_type":"x","message":"m"}`)).GetCustomer(context.Background(), "c")
		var apiErr *Error
		if !errors.As(err, &apiErr) || apiErr.Kind() != want {
			t.Errorf("status %d: err %v, want kind %d", status, err, want)
		}
	}
	_, err := New(answer(400, `{"success":false,"error_type":"request.validation.invalid-url","message":"bad","invalid_fields":[{"name":"url","message":"Must be a valid URL"}]}`)).
		CreateWebhookEndpoint(context.Background(), WebhookEndpointInput{URL: "x"})
	if errorKind(err) != KindValidation || !strings.Contains(err.Error(), "url: Must be a valid URL") {
		t.Fatalf("err = %v", err)
	}
}

func TestWritesCarryOneIdempotencyKeyAndReadsNone(t *testing.T) {
	var keys []string
	n := 0
	c := New(transportFunc(func(r *Request) (*Response, error) {
		keys = append(keys, r.IdempotencyKey)
		return &Response{Status: 200, Body: []byte(`{"success":true,"webhook_endpoint":{"id":"whe_1"}}`)}, nil
	}), WithIdempotencyKeys(func() string { n++; return fmt.Sprintf("key-%d", n) }))
	ctx := context.Background()
	_, _ = c.CreateWebhookEndpoint(ctx, WebhookEndpointInput{URL: "https://a.example"})
	_, _ = c.GetWebhookEndpoint(ctx, "whe_1")
	_, _ = c.UpdateWebhookEndpoint(ctx, "whe_1", WebhookEndpointInput{URL: "https://b.example"})
	want := []string{"key-1", "", "key-2"}
	if strings.Join(keys, ",") != strings.Join(want, ",") {
		t.Fatalf("keys %q, want %q", keys, want)
	}
}

func TestRequestsAreShapedForTheAPI(t *testing.T) {
	var got *Request
	c := New(transportFunc(func(r *Request) (*Response, error) {
		got = r
		return &Response{Status: 200, Body: []byte(`{"success":true,"gateway_configuration":{"id":"gway_conf_1","gateway_id":6}}`)}, nil
	}))
	gc, err := c.CreateGatewayConfiguration(context.Background(), "stripe", GatewayConfigurationInput{Settings: map[string]string{"secret_key": "sk"}})
	if err != nil || gc.GatewayID.Int() != 6 {
		t.Fatalf("%+v %v", gc, err)
	}
	if got.Method != http.MethodPost || got.ExpandedPath() != "/gateways/stripe/gateway-configurations" || got.Operation != "gateway_configuration.create" {
		t.Fatalf("request %+v", got)
	}
	body, _ := got.EncodedBody()
	var m map[string]any
	_ = json.Unmarshal(body, &m)
	settings, _ := m["settings"].(map[string]any)
	if settings["secret_key"] != "sk" || m["metadata"] == nil {
		t.Fatalf("body %s", body)
	}
	// An ID cannot change the shape of the path.
	r := Request{Path: "/customers/{id}", PathParams: map[string]string{"id": "../projects/x?y"}}
	if p := r.ExpandedPath(); p != "/customers/..%2Fprojects%2Fx%3Fy" {
		t.Fatalf("ExpandedPath = %q", p)
	}
}

func TestListsStreamPageByPage(t *testing.T) {
	const total = 250
	var pages []string
	c := New(transportFunc(func(r *Request) (*Response, error) {
		pages = append(pages, r.Query.Encode())
		start := 0
		if after := r.Query.Get("start_after"); after != "" {
			_, _ = fmt.Sscanf(after, "cust_%d", &start)
			start++
		}
		var items []string
		for i := start; i < total && len(items) < 100; i++ {
			items = append(items, fmt.Sprintf(`{"id":"cust_%d"}`, i))
		}
		body := fmt.Sprintf(`{"success":true,"customers":[%s],"has_more":%t}`, strings.Join(items, ","), start+len(items) < total)
		return &Response{Status: 200, Body: []byte(body)}, nil
	}))
	n := 0
	for cust, err := range c.Customers(context.Background(), ListOptions{Order: "asc"}) {
		if err != nil {
			t.Fatal(err)
		}
		if cust.ID != fmt.Sprintf("cust_%d", n) {
			t.Fatalf("item %d is %s", n, cust.ID)
		}
		n++
		if n == 150 {
			break // stopping early must not fetch another page
		}
	}
	if n != 150 || len(pages) != 2 || pages[1] != "limit=100&order=asc&start_after=cust_99" {
		t.Fatalf("read %d items over pages %q", n, pages)
	}
}
