package processout

import (
	"context"
	"errors"
	"iter"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The fuzz targets of this file feed the client what a server (or anything
// pretending to be one) could answer, and what a user could type as an ID.
// Their seeds run as unit tests in `go test`; `make fuzz` explores further.

// getters are the client calls that decode one object, by ID.
var getters = map[string]func(*Client, string) (any, error){
	"webhook_endpoint":      func(c *Client, id string) (any, error) { return c.GetWebhookEndpoint(context.Background(), id) },
	"gateway_configuration": func(c *Client, id string) (any, error) { return c.GetGatewayConfiguration(context.Background(), id) },
	"project":               func(c *Client, id string) (any, error) { return c.GetProject(context.Background(), id) },
	"customer":              func(c *Client, id string) (any, error) { return c.GetCustomer(context.Background(), id) },
	"gateway":               func(c *Client, id string) (any, error) { return c.GetGateway(context.Background(), id) },
	"gateway_configuration.create": func(c *Client, gateway string) (any, error) {
		return c.CreateGatewayConfiguration(context.Background(), gateway, GatewayConfigurationInput{})
	},
}

// getterNames is getters' keys in a fixed order, so a fuzz input selects
// the same call on every run.
var getterNames = []string{"webhook_endpoint", "gateway_configuration", "project", "customer", "gateway", "gateway_configuration.create"}

// isTypedError reports whether err is one of the client's documented error
// types, which is what lets callers tell "gone" from "broken" from "refused".
func isTypedError(err error) bool {
	var apiErr *Error
	var decodeErr *DecodeError
	var pathErr *PathParamError
	var wrongErr *WrongObjectError
	return errors.As(err, &apiErr) || errors.As(err, &decodeErr) || errors.As(err, &pathErr) || errors.As(err, &wrongErr)
}

// FuzzDecodeObject: whatever the status and body, decoding one object
// neither panics nor succeeds on a failure answer, and every error is typed.
func FuzzDecodeObject(f *testing.F) {
	seeds := []struct {
		status int
		body   string
	}{
		{200, `{"success":true,"webhook_endpoint":{"id":"whe_1","url":"https://x.example","created_at":"2024-01-02T03:04:05Z"}}`},
		{200, `{"success":true,"gateway_configuration":{"id":"gway_conf_1","gateway":{"id":6},"gateway_id":"6","enabled":true}}`},
		{200, `{"success":true,"project":{"id":"proj_1","dunning_configuration":[{"action":"retry","delay_in_days":3}]}}`},
		{200, `{"success":true,"customer":{"id":"cust_1","metadata":{"tier":"gold"},"date_of_birth":"1990-01-01T00:00:00Z"}}`},
		{200, `{"success":true,"gateway":{"id":"6","name":"stripe","required_settings":["secret_key"]}}`},
		{200, ``},
		{200, `<html><body>Welcome</body></html>`},
		{200, `{"success":true,"webhook_endpoint":{"id":`},
		{200, `{"success":"yes"}`},
		{200, `{"success":false,"error_type":"request.validation.error","message":"nope"}`},
		{200, `{"success":true,"webhook_endpoint":null}`},
		{200, `{"success":true,"webhook_endpoint":{"id":42}}`},
		{200, `{"success":true,"gateway_configuration":{"gateway_id":{"x":1}}}`},
		{200, `[]`},
		{200, `null`},
		{204, ``},
		{302, `moved`},
		{400, `{"success":false,"error_type":"request.validation.invalid-url","invalid_fields":[{"name":"url","message":"bad"}]}`},
		{404, `{"success":false,"error_type":"resource.webhook-endpoint.not-found","message":"The webhook endpoint could not be found."}`},
		{429, ``},
		{502, `<html>502 Bad Gateway</html>`},
		{0, `{}`},
		{-1, `{"success":true}`},
		{999, `{"success":true,"customer":{"id":"cust_1"}}`},
	}
	for i, s := range seeds {
		f.Add(s.status, []byte(s.body), uint8(i))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, which uint8) {
		name := getterNames[int(which)%len(getterNames)]
		c := New(answer(status, string(body)))
		got, err := getters[name](c, "obj_1")
		if err == nil {
			if status < 200 || status > 299 {
				t.Fatalf("%s: HTTP %d decoded as a success: %+v", name, status, got)
			}
			return
		}
		if !isTypedError(err) {
			t.Fatalf("%s: untyped error %T: %v", name, err, err)
		}
		var apiErr *Error
		if status < 200 || status > 299 {
			if !errors.As(err, &apiErr) || apiErr.Status != status {
				t.Fatalf("%s: HTTP %d gave %T %v, want an *Error with that status", name, status, err, err)
			}
		}
		if msg := err.Error(); !strings.Contains(msg, name) && !strings.Contains(msg, strings.SplitN(name, ".", 2)[0]) {
			t.Fatalf("%s: the error does not name the operation: %v", name, err)
		}
	})
}

// pagedServer answers every list call with the same body, as a server or a
// caching proxy that ignores start_after would.
type pagedServer struct {
	body  []byte
	calls int
}

// pageCallLimit bounds a list against a server that repeats itself: the
// first page, then the same page again is all it takes to notice.
const pageCallLimit = 2

var errTooManyPages = errors.New("the list kept fetching a page that never changes")

func (s *pagedServer) Do(_ context.Context, r *Request) (*Response, error) {
	s.calls++
	if s.calls > pageCallLimit {
		return nil, errTooManyPages
	}
	return &Response{Status: http.StatusOK, Body: s.body}, nil
}

// FuzzDecodeList: listing against a server that answers anything, the same
// page every time, ends, with a typed error or with the items of one page.
func FuzzDecodeList(f *testing.F) {
	for _, body := range []string{
		`{"success":true,"webhook_endpoints":[{"id":"whe_1"},{"id":"whe_2"}],"has_more":false}`,
		`{"success":true,"webhook_endpoints":[{"id":"whe_1"}],"has_more":true}`,
		`{"success":true,"webhook_endpoints":[{"id":""}],"has_more":true}`,
		`{"success":true,"webhook_endpoints":[],"has_more":true}`,
		`{"success":true,"webhook_endpoints":null}`,
		`{"success":true,"webhook_endpoints":{"id":"whe_1"}}`,
		`{"success":true,"webhook_endpoints":[{"id":1}]}`,
		`{"success":true,"webhook_endpoints":[],"has_more":"yes"}`,
		`{"success":true,"webhook_endpoints":[],"total_count":"many"}`,
		`{"success":true}`,
		`{"success":false,"message":"down for maintenance"}`,
		`{"success":true,"gateways":[{"name":"stripe","id":6}],"has_more":true}`,
		`<html>`,
		``,
	} {
		f.Add([]byte(body), false)
		f.Add([]byte(body), true)
	}
	f.Fuzz(func(t *testing.T, body []byte, catalog bool) {
		server := &pagedServer{body: body}
		c := New(server)
		var err error
		if catalog {
			err = drain(c.Gateways(context.Background(), ListOptions{}))
		} else {
			err = drain(c.WebhookEndpoints(context.Background(), ListOptions{}))
		}
		if errors.Is(err, errTooManyPages) {
			t.Fatalf("the list did not stop: %d calls for a server that answers the same page every time", server.calls)
		}
		if err != nil && !isTypedError(err) {
			t.Fatalf("untyped error %T: %v", err, err)
		}
		if err == nil && server.calls != 1 {
			t.Fatalf("a list that ended without error took %d calls to a server that repeats itself; only one page is new", server.calls)
		}
	})
}

// drain consumes a list and returns its error, if any.
func drain[T any](seq iter.Seq2[T, error]) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

// proxyBase is a transport base with a path prefix, as the Membrane proxy
// transport uses: an ID must not be able to climb out of it.
const proxyBase = "https://api.example.com/connections/conn_1/proxy"

// FuzzObjectPath: whatever ID a user types (a data source argument, an
// import ID, a gateway name), the request names exactly one object: the path
// keeps the template's segments, the ID fills one of them and decodes back
// to itself, and nothing reaches the query, the fragment or another host.
// IDs that servers would resolve to another path ("", ".", "..") are
// refused before anything is sent.
func FuzzObjectPath(f *testing.F) {
	for i, id := range []string{
		"whe_123", "", ".", "..", "../projects/proj_1", "a/b", "a?b=c", "a#frag", "%2e%2e", "%",
		"{id}", "{project_id}", " ", "cust_é", "\x00", "a\nb", "..%2f", "//evil.example", "?", "stripe",
	} {
		f.Add(id, uint8(i))
	}
	f.Fuzz(func(t *testing.T, id string, which uint8) {
		name := getterNames[int(which)%len(getterNames)]
		var sent *Request
		c := New(transportFunc(func(r *Request) (*Response, error) {
			sent = r
			return &Response{Status: http.StatusNotFound, Body: []byte(`{"success":false,"error_type":"resource.not-found","message":"nope"}`)}, nil
		}))
		_, err := getters[name](c, id)
		if id == "" || id == "." || id == ".." {
			var pathErr *PathParamError
			if sent != nil || !errors.As(err, &pathErr) {
				t.Fatalf("%s(%q): sent=%v err=%v, want a *PathParamError and no request", name, id, sent != nil, err)
			}
			return
		}
		if sent == nil {
			t.Fatalf("%s(%q): nothing sent (err %v)", name, id, err)
		}
		u, err := sent.URL(proxyBase)
		if err != nil {
			t.Fatalf("%s(%q): URL: %v", name, id, err)
		}
		if u.Scheme != "https" || u.Host != "api.example.com" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			t.Fatalf("%s(%q): the URL %q left its host or reached the query/fragment", name, id, u)
		}
		template := strings.Split(strings.TrimPrefix(proxyBase, "https://api.example.com")+sent.Path, "/")
		got := strings.Split(u.EscapedPath(), "/")
		if len(got) != len(template) {
			t.Fatalf("%s(%q): path %q has %d segments, the template %q has %d", name, id, u.EscapedPath(), len(got), sent.Path, len(template))
		}
		filled := 0
		for i, seg := range template {
			if !strings.HasPrefix(seg, "{") {
				if got[i] != seg {
					t.Fatalf("%s(%q): segment %d is %q, want %q", name, id, i, got[i], seg)
				}
				continue
			}
			filled++
			if dec, err := url.PathUnescape(got[i]); err != nil || dec != id {
				t.Fatalf("%s(%q): the ID segment %q decodes to %q (%v)", name, id, got[i], dec, err)
			}
		}
		if filled != 1 {
			t.Fatalf("%s: %d ID segments in %q", name, filled, sent.Path)
		}
	})
}

// FuzzCustomerFilterQuery: filter values (metadata keys and values, email,
// reference) travel as query parameters without adding or changing any
// other parameter, and the documented metadata[key] convention gives back
// exactly the configured map.
func FuzzCustomerFilterQuery(f *testing.F) {
	f.Add("a@example.com", "ref-1", "tier", "gold", int64(0))
	f.Add("", "", "a]b", "x&limit=1", int64(1700000000))
	f.Add("x", "y", "metadata[z]", "=", int64(-1))
	f.Add("&order=asc", "#", "", "v", int64(1<<40))
	f.Add("", "", "[", "]", int64(0))
	f.Fuzz(func(t *testing.T, email, ref, key, value string, after int64) {
		filter := CustomerFilter{Email: email, ReferenceID: ref}
		if key != "" {
			filter.Metadata = map[string]string{key: value}
		}
		if after != 0 {
			ts := time.Unix(after%(1<<36), 0)
			filter.CreatedAfter = &ts
		}
		parsed, err := url.ParseQuery(filter.Query().Encode())
		if err != nil {
			t.Fatalf("the encoded query does not parse: %v", err)
		}
		metadata := map[string]string{}
		for name, values := range parsed {
			if len(values) != 1 {
				t.Fatalf("parameter %q repeated: %q", name, values)
			}
			switch name {
			case "email":
				if values[0] != email {
					t.Fatalf("email %q became %q", email, values[0])
				}
			case "reference_id":
				if values[0] != ref {
					t.Fatalf("reference_id %q became %q", ref, values[0])
				}
			case "created_after":
				if filter.CreatedAfter == nil {
					t.Fatal("created_after sent without a time")
				}
			default:
				inner, ok := strings.CutPrefix(name, "metadata[")
				inner, closed := strings.CutSuffix(inner, "]")
				if !ok || !closed {
					t.Fatalf("the query gained the parameter %q", name)
				}
				metadata[inner] = values[0]
			}
		}
		if !maps.Equal(metadata, filter.Metadata) {
			t.Fatalf("metadata %v came back as %v", filter.Metadata, metadata)
		}
	})
}
