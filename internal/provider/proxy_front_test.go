package provider

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// proxyFront is a reverse proxy in front of an emulator port: it keeps the
// body of every request that passes through it, for tests that check what
// the provider sent (the emulator keeps no bodies), and may rewrite the
// answers (rewrite, when not nil, gets each answer's decoded JSON body and
// the request it answers).
type proxyFront struct {
	url  string
	mu   sync.Mutex
	sent []sentRequest
}

type sentRequest struct {
	method, path string
	body         []byte
}

func newProxyFront(t *testing.T, target string, rewrite func(r *http.Request, answer map[string]any)) *proxyFront {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	f := &proxyFront{}
	proxy := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(u)
		r := pr.Out
		r.Header.Del("Accept-Encoding") // plain answers, to rewrite
		var body []byte
		if r.Body != nil {
			body, _ = io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		f.mu.Lock()
		f.sent = append(f.sent, sentRequest{method: r.Method, path: r.URL.Path, body: body})
		f.mu.Unlock()
	}}
	if rewrite != nil {
		proxy.ModifyResponse = func(resp *http.Response) error {
			raw, err := io.ReadAll(resp.Body)
			if err != nil {
				return err
			}
			var answer map[string]any
			if json.Unmarshal(raw, &answer) == nil {
				rewrite(resp.Request, answer)
				if rewritten, err := json.Marshal(answer); err == nil {
					raw = rewritten
				}
			}
			resp.Body = io.NopCloser(bytes.NewReader(raw))
			resp.ContentLength = int64(len(raw))
			resp.Header.Set("Content-Length", strconv.Itoa(len(raw)))
			return nil
		}
	}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

// bodies are the JSON bodies of the requests with this method whose path
// ends with suffix, in the order they were sent.
func (f *proxyFront) bodies(t *testing.T, method, suffix string) []map[string]any {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []map[string]any
	for _, r := range f.sent {
		if r.method != method || !strings.HasSuffix(r.path, suffix) {
			continue
		}
		var body map[string]any
		if err := json.Unmarshal(r.body, &body); err != nil {
			t.Errorf("%s %s sent a body that is not a JSON object: %q", r.method, r.path, r.body)
		}
		out = append(out, body)
	}
	return out
}

// frontedProviderBlock is env's provider block with both emulator ports
// behind fronts: ProcessOut's (the direct transport, and supervised
// projects reached as themselves) and Membrane's (its proxy relays request
// bodies unchanged).
func (e *testEnv) frontedProviderBlock(t *testing.T) (string, []*proxyFront) {
	t.Helper()
	processOut, membrane := newProxyFront(t, e.emu.ProcessOutURL, nil), newProxyFront(t, e.emu.MembraneURL, nil)
	block := strings.NewReplacer(
		strconv.Quote(e.emu.ProcessOutURL), strconv.Quote(processOut.url),
		strconv.Quote(e.emu.MembraneURL), strconv.Quote(membrane.url),
	).Replace(e.providerBlock())
	return block, []*proxyFront{processOut, membrane}
}
