package processout

import (
	"context"
	"errors"
	"testing"
)

// Only a 404 naming the object asked for means it is gone: ProcessOut's
// resource.<kind>.not-found for that kind. A 404 that names no object (the
// generic resource.not-found of an unserved route, request.route-not-found,
// a proxy's HTML page) or another kind is KindNotServed, with the path.
func TestOnlyANotFoundNamingTheObjectIsGone(t *testing.T) {
	get := func(c *Client) error { _, err := c.GetWebhookEndpoint(context.Background(), "whe_1"); return err }
	del := func(c *Client) error { return c.DeleteWebhookEndpoint(context.Background(), "whe_1") }
	for _, tc := range []struct {
		name string
		body string
		want Kind
	}{
		{"its kind's not-found", `{"success":false,"error_type":"resource.webhook-endpoint.not-found","message":"The webhook endpoint could not be found."}`, KindNotFound},
		{"generic not-found", `{"success":false,"error_type":"resource.not-found","message":"The resource could not be found."}`, KindNotServed},
		{"unknown route", `{"success":false,"error_type":"request.route-not-found","message":"no route"}`, KindNotServed},
		{"another kind's not-found", `{"success":false,"error_type":"resource.customer.not-found","message":"The customer could not be found."}`, KindNotServed},
		{"html page", `<html>404 Not Found</html>`, KindNotServed},
		{"empty body", ``, KindNotServed},
	} {
		for op, call := range map[string]func(*Client) error{"read": get, "delete": del} {
			err := call(New(answer(404, tc.body)))
			var apiErr *Error
			if !errors.As(err, &apiErr) || apiErr.Kind() != tc.want {
				t.Errorf("%s, %s: err %v, want kind %d", tc.name, op, err, tc.want)
				continue
			}
			if apiErr.Path != "/webhook-endpoints/whe_1" || IsNotFound(err) != (tc.want == KindNotFound) {
				t.Errorf("%s, %s: path %q, IsNotFound %v", tc.name, op, apiErr.Path, IsNotFound(err))
			}
		}
	}
	// Without an object asked for (a create under a gateway), a named
	// kind's not-found is still a not-found: the gateway does not exist.
	_, err := New(answer(404, `{"success":false,"error_type":"resource.gateway.not-found","message":"The gateway could not be found."}`)).
		CreateGatewayConfiguration(context.Background(), "nope", GatewayConfigurationInput{})
	if errorKind(err) != KindNotFound {
		t.Errorf("create under an unknown gateway: %v, want KindNotFound", err)
	}
}

// An answer about another object than the one asked for is refused.
func TestAnswersNameTheObjectAskedFor(t *testing.T) {
	const whe = `{"success":true,"webhook_endpoint":{"id":"whe_2","project_id":"proj_a","url":"https://x.example"}}`
	ctx := context.Background()
	cases := []struct {
		name  string
		call  func(*Client) error
		field string // "" = accepted
	}{
		{"get answering another id", func(c *Client) error { _, err := c.GetWebhookEndpoint(ctx, "whe_1"); return err }, "id"},
		{"update answering another id", func(c *Client) error {
			_, err := c.UpdateWebhookEndpoint(ctx, "whe_1", WebhookEndpointInput{URL: "https://x.example"})
			return err
		}, "id"},
		{"get of the id answered", func(c *Client) error { _, err := c.GetWebhookEndpoint(ctx, "whe_2"); return err }, ""},
	}
	for _, tc := range cases {
		err := tc.call(New(answer(200, whe), WithProject("test-proj_a")))
		var wrong *WrongObjectError
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.field != "" && (!errors.As(err, &wrong) || wrong.Field != tc.field):
			t.Errorf("%s: err %v, want a WrongObjectError on %s", tc.name, err, tc.field)
		}
	}
	// Another project's object: refused on get and create alike.
	other := New(answer(200, whe), WithProject("proj_b"))
	for name, call := range map[string]func() error{
		"get": func() error { _, err := other.GetWebhookEndpoint(ctx, "whe_2"); return err },
		"create": func() error {
			_, err := other.CreateWebhookEndpoint(ctx, WebhookEndpointInput{URL: "https://x.example"})
			return err
		},
	} {
		var wrong *WrongObjectError
		if err := call(); !errors.As(err, &wrong) || wrong.Field != "project_id" || wrong.Answered != "proj_a" {
			t.Errorf("%s of another project's object: %v", name, err)
		}
	}
	// The literal {project_id} names the caller's project, whatever its ID.
	current := New(answer(200, `{"success":true,"project":{"id":"proj_a"}}`))
	if _, err := current.GetProject(ctx, CurrentProject); err != nil {
		t.Errorf("GetProject(CurrentProject): %v", err)
	}
}
