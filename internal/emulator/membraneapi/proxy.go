package membraneapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
)

// upstreamHost is the Host upstream requests carry.
const upstreamHost = "api.processout.com"

// strippedHeaders are never forwarded upstream (CONTRACT.md §7); every
// x-forwarded-* header is stripped as well.
var strippedHeaders = []string{
	"Host", "X-Request-Id", "X-Real-Ip", "X-Scheme", "X-Original-Forwarded-For",
	"X-Different-Name", "X-Request-Start", "X-Using-Nginx-Controller", "X-Amzn-Trace-Id",
	"Forwarded-For-Header", "Proxy-Protocol", "Real_ip_header", "Real_ip_recursive",
	"Cdn-Loop", "Cf-Ipcountry", "Cf-Ray", "Cf-Visitor", "Cf-Connecting-Ip",
	"Connection", "Authorization", "Content-Length",
}

// forwardable returns a copy of h without the stripped headers.
func forwardable(h http.Header) http.Header {
	out := h.Clone()
	if out == nil {
		out = http.Header{}
	}
	for _, name := range strippedHeaders {
		out.Del(name)
	}
	for name := range out {
		if strings.HasPrefix(strings.ToLower(name), "x-forwarded-") {
			delete(out, name)
		}
	}
	return out
}

var errNoUpstream = errors.New("no upstream configured")

// callUpstream serves one request to the upstream handler in-process, with
// the connection's Basic credentials, and returns the recorded response.
// target is the escaped path plus an optional "?query"; header must already
// be filtered.
func (s *Server) callUpstream(ctx context.Context, conn Connection, method, target string, header http.Header, body []byte) (*httptest.ResponseRecorder, error) {
	if s.upstream == nil {
		return nil, errNoUpstream
	}
	req, err := http.NewRequestWithContext(ctx, method, "http://"+upstreamHost+target, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header = header
	req.SetBasicAuth(conn.ProjectID, conn.ProjectSecret)
	req.RequestURI = target
	req.RemoteAddr = "127.0.0.1:0"
	if len(body) == 0 {
		req.Body, req.ContentLength = http.NoBody, 0
	}
	rec := httptest.NewRecorder()
	s.upstream.ServeHTTP(rec, req)
	return rec, nil
}

// proxyTarget is the upstream path and query of a proxy request, taken from
// the escaped path so that encoded characters pass through unchanged.
func proxyTarget(r *http.Request) string {
	parts := strings.SplitN(r.URL.EscapedPath(), "/", 5) // "", connections, selector, proxy, rest
	target := "/"
	if len(parts) == 5 {
		target += parts[4]
	}
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	return target
}

// handleProxy forwards {METHOD} /connections/{selector}/proxy/{path} to the
// upstream and returns its status, headers and body unchanged.
func (s *Server) handleProxy(w http.ResponseWriter, r *http.Request) {
	st := stateOf(r)
	conn, herr := s.usableConnection(st.who, r.PathValue("selector"))
	if herr != nil {
		herr.write(w)
		return
	}
	st.rec.ConnectionID = conn.ID
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, http.StatusBadRequest, errBadRequest, "Could not read the request body: "+err.Error())
		return
	}
	rec, err := s.callUpstream(r.Context(), conn, r.Method, proxyTarget(r), forwardable(r.Header), body)
	if err != nil {
		writeError(w, http.StatusBadGateway, errInternal, "Proxy request failed: "+err.Error())
		return
	}
	for name, values := range rec.Header() {
		w.Header()[name] = values
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}
