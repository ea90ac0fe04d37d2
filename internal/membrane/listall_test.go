package membrane

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/processout/terraform-provider-processout/internal/httpx"
)

// TestListStopsOnARepeatedCursor: a server that keeps answering the same
// cursor must give an error, not an endless loop.
func TestListStopsOnARepeatedCursor(t *testing.T) {
	var pages atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pages.Add(1)
		_, _ = w.Write([]byte(`{"items":[{"id":"conn_1","state":"READY"}],"cursor":"c1"}`))
	}))
	defer srv.Close()
	base, _ := url.Parse(srv.URL)
	_, err := NewClient(base, StaticToken("t"), httpx.New(httpx.DefaultPolicy()), "test").ListConnections(context.Background())
	if err == nil || !strings.Contains(err.Error(), "same cursor") {
		t.Fatalf("err = %v, want the repeated cursor reported", err)
	}
	if n := pages.Load(); n != 2 {
		t.Fatalf("read %d pages, want 2 (the second repeats the cursor)", n)
	}
}
