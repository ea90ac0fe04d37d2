package provider

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/processout/terraform-provider-processout/internal/emulator/processoutapi"
	"github.com/processout/terraform-provider-processout/internal/httpx"
	"github.com/processout/terraform-provider-processout/internal/processout"
)

// The fuzz targets of this file check the provider's reading of what users
// type: provider settings (durations, retry counts, endpoints) and the
// arguments that plan-time validators accept, which ProcessOut (the
// emulator, in-process) must then accept too: a value that passes `plan`
// and fails `apply` is a validator that lies. Terraform strings are valid
// UTF-8, so other byte strings are skipped.

const (
	fuzzToken  = "pat-fuzz-token-never-in-a-message"
	fuzzSecret = "key_sandbox_fuzz_secret_never_in_a_message"
)

// FuzzProviderSettings: whatever request_timeout, max_retries and API URL
// a user writes, the settings are either usable (a positive timeout, a
// retry count in range, an endpoint credentials may go to) or refused with
// errors that each point at the attribute to fix, never quoting a secret.
func FuzzProviderSettings(f *testing.F) {
	for _, s := range []struct {
		timeout string
		retries int64
		url     string
		direct  bool
	}{
		{"30s", 3, "https://api.getmembrane.com", false},
		{"", 0, "", true},
		{"2m", 50, "http://127.0.0.1:8081", true},
		{"soon", 51, "http://membrane.example.com", false},
		{"-5s", -1, "not a url", true},
		{"0", 9, "https://user:hunter22@api.example.com", false},
		{"1ns", 1 << 62, "https://:443", true},
		{"9999999999h", 0, "ftp://api.example.com", false},
		{"1h1m1s1ms1us1ns", 7, "HTTP://LOCALHOST:1", true},
	} {
		f.Add(s.timeout, s.retries, s.url, s.direct)
	}
	f.Fuzz(func(t *testing.T, timeout string, retries int64, rawURL string, direct bool) {
		if !utf8.ValidString(timeout) || !utf8.ValidString(rawURL) {
			t.Skip()
		}
		m := emptyModel()
		m.RequestTimeout = types.StringValue(timeout)
		m.MaxRetries = types.Int64Value(retries)
		urlAttr := "membrane_api_url"
		if direct {
			urlAttr = "processout_api_url"
			m.ProcessOutAPIURL, m.ProjectID, m.ProjectSecret = types.StringValue(rawURL), types.StringValue("test-proj_1"), types.StringValue(fuzzSecret)
		} else {
			m.MembraneAPIURL, m.MembraneToken = types.StringValue(rawURL), types.StringValue(fuzzToken)
		}
		var diags diag.Diagnostics
		cfg, ok := resolveSettings(m, envOf(nil), &diags)
		if ok == diags.HasError() {
			t.Fatalf("ok=%t with diagnostics %v", ok, diags)
		}
		for _, d := range diags {
			text := d.Summary() + " " + d.Detail()
			if strings.Contains(text, fuzzToken) || strings.Contains(text, fuzzSecret) {
				t.Fatalf("a diagnostic quotes a secret: %s", text)
			}
			withPath, hasPath := d.(diag.DiagnosticWithPath)
			if !hasPath {
				t.Fatalf("the error %q points at no attribute", text)
			}
			root := strings.SplitN(withPath.Path().String(), ".", 2)[0]
			if !slices.Contains([]string{"request_timeout", "max_retries", urlAttr}, root) || !strings.Contains(text, root) {
				t.Fatalf("the error %q points at %q, which is not the setting at fault or is not named", text, root)
			}
		}
		if !ok {
			return
		}
		endpoint := cfg.membraneURL
		if direct {
			endpoint = cfg.processoutURL
		}
		switch {
		case cfg.requestTimeout <= 0:
			t.Fatalf("request_timeout %q accepted as %v", timeout, cfg.requestTimeout)
		case cfg.maxRetries < 0 || cfg.maxRetries > 50:
			t.Fatalf("max_retries %d accepted", retries)
		case endpoint == nil:
			t.Fatalf("%s %q accepted without an endpoint", urlAttr, rawURL)
		}
		if _, err := httpx.CheckEndpoint(endpoint.String()); err != nil {
			t.Fatalf("%s %q accepted as %q, which is not an endpoint: %v", urlAttr, rawURL, endpoint, err)
		}
		if want, err := time.ParseDuration(timeout); timeout != "" && (err != nil || want != cfg.requestTimeout) {
			t.Fatalf("request_timeout %q read as %v", timeout, cfg.requestTimeout)
		}
	})
}

// handlerTransport sends operations to an http.Handler in-process, with
// Basic credentials: the emulator without a network.
type handlerTransport struct {
	handler    http.Handler
	user, pass string
}

func (t handlerTransport) Do(ctx context.Context, req *processout.Request) (*processout.Response, error) {
	body, err := req.EncodedBody()
	if err != nil {
		return nil, err
	}
	u, err := req.URL("http://api.processout.test")
	if err != nil {
		return nil, err
	}
	r := httptest.NewRequestWithContext(ctx, req.Method, u.String(), bytes.NewReader(body))
	r.Header = req.Header("fuzz")
	r.SetBasicAuth(t.user, t.pass)
	rec := httptest.NewRecorder()
	t.handler.ServeHTTP(rec, r)
	return &processout.Response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes(), Attempts: 1}, nil
}

// emulatedAPI is an in-process emulator and a client of its sandbox project.
func emulatedAPI() (*processoutapi.Server, *processout.Client) {
	api := processoutapi.New(processoutapi.Options{Seed: 1})
	creds := api.AddProject("fuzz", true)
	return api, processout.New(handlerTransport{handler: api, user: creds.ProjectID, pass: creds.Secret})
}

// resourceAttribute is the schema attribute of a resource.
func resourceAttribute(t testing.TB, r resource.Resource, name string) schema.Attribute {
	t.Helper()
	var resp resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &resp)
	a, ok := resp.Schema.Attributes[name]
	if !ok {
		t.Fatalf("no attribute %q", name)
	}
	return a
}

// stringAccepted runs a string attribute's plan-time validators on value.
func stringAccepted(a schema.Attribute, value string) bool {
	sa, ok := a.(schema.StringAttribute)
	if !ok {
		return false
	}
	var resp validator.StringResponse
	for _, v := range sa.Validators {
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: types.StringValue(value)}, &resp)
	}
	return !resp.Diagnostics.HasError()
}

// setAccepted runs a set attribute's plan-time validators on {value}.
func setAccepted(a schema.Attribute, value string) bool {
	sa, ok := a.(schema.SetAttribute)
	if !ok {
		return false
	}
	set := types.SetValueMust(types.StringType, []attr.Value{types.StringValue(value)})
	var resp validator.SetResponse
	for _, v := range sa.Validators {
		v.ValidateSet(context.Background(), validator.SetRequest{Path: path.Root("x"), ConfigValue: set}, &resp)
	}
	return !resp.Diagnostics.HasError()
}

// FuzzWebhookArguments: an event name or URL that processout_webhook_endpoint
// accepts at plan time is one ProcessOut accepts at apply, and comes back
// unchanged (no perpetual diff).
func FuzzWebhookArguments(f *testing.F) {
	for _, s := range []string{
		"transaction.captured", "invoice.payment_failed", "a.b", "Transaction.captured", "transaction", ".a", "a.",
		"1abc.def", "abc.d-ef", "abc..def", "a.b.c.d", "a_b.c_d", strings.Repeat("a", 300) + ".b",
		"https://hooks.example.com/processout", "http://localhost:1/x?y=z", "https://hooks.example.com/a%20b", "https://[::1]:8443/",
	} {
		f.Add(s)
	}
	api, client := emulatedAPI()
	events := resourceAttribute(f, NewWebhookEndpointResource(), "events_whitelist")
	urlAttr := resourceAttribute(f, NewWebhookEndpointResource(), "url")
	f.Fuzz(func(t *testing.T, value string) {
		if !utf8.ValidString(value) {
			t.Skip()
		}
		ctx := context.Background()
		defer api.ResetRequests()
		if setAccepted(events, value) {
			created, err := client.CreateWebhookEndpoint(ctx, processout.WebhookEndpointInput{URL: "https://hooks.example.com/x", EventsWhitelist: []string{value}})
			if err != nil {
				t.Fatalf("events_whitelist [%q] passed plan-time validation, but the API refuses it: %v", value, err)
			}
			if !slices.Equal(created.EventsWhitelist, []string{value}) {
				t.Fatalf("events_whitelist [%q] came back as %q", value, created.EventsWhitelist)
			}
			_ = client.DeleteWebhookEndpoint(ctx, created.ID)
		}
		if stringAccepted(urlAttr, value) {
			created, err := client.CreateWebhookEndpoint(ctx, processout.WebhookEndpointInput{URL: value})
			if err != nil {
				t.Fatalf("url %q passed plan-time validation, but the API refuses it: %v", value, err)
			}
			if created.URL != value {
				t.Fatalf("url %q came back as %q", value, created.URL)
			}
			_ = client.DeleteWebhookEndpoint(ctx, created.ID)
		}
	})
}

// FuzzProjectArguments: an email or logo URL that processout_project
// accepts at plan time is one ProcessOut accepts at apply. (Currencies:
// FuzzCheckCurrency.)
func FuzzProjectArguments(f *testing.F) {
	for _, s := range []string{
		"payments@example.com", "a.@example.com", "a@b", "Name <a@example.com>", "a(b)@example.com", `"a b"@example.com`,
		"https://cdn.example.com/logo.png", "ftp://cdn.example.com/logo.png", "https://cdn.example.com/a logo.png", "//cdn.example.com/x",
	} {
		f.Add(s)
	}
	api, client := emulatedAPI()
	project, err := client.CreateSupervisedProject(context.Background(), processout.ProjectInput{Name: "fuzzed"})
	if err != nil {
		f.Fatalf("creating the project the fuzzer updates: %v", err)
	}
	attrs := map[string]schema.Attribute{
		"email":    resourceAttribute(f, NewProjectResource(), "email"),
		"logo_url": resourceAttribute(f, NewProjectResource(), "logo_url"),
	}
	f.Fuzz(func(t *testing.T, value string) {
		if !utf8.ValidString(value) {
			t.Skip()
		}
		defer api.ResetRequests()
		for name, input := range map[string]processout.ProjectInput{
			"email":    {Name: "fuzzed", Email: value},
			"logo_url": {Name: "fuzzed", LogoURL: value},
		} {
			if !stringAccepted(attrs[name], value) {
				continue
			}
			if _, err := client.UpdateProject(context.Background(), project.ID, input); err != nil {
				t.Fatalf("%s %q passed plan-time validation, but the API refuses it: %v", name, value, err)
			}
		}
	})
}
