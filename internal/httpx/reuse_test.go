package httpx

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestConnectionReuse holds the client to keep-alive: hundreds of calls from
// as many concurrent callers as the CLI's default -parallelism, including
// calls answered with an error body and calls retried after a 503, reuse a
// handful of connections. The bound is twice the callers, not the callers:
// net/http may finish a dial that a caller stopped waiting for when an idle
// connection came back first, and keep that connection too.
func TestConnectionReuse(t *testing.T) {
	const callers, callsEach = 10, 20
	var opened, served atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := served.Add(1)
		time.Sleep(time.Millisecond) // keep the callers overlapping
		switch n % 7 {
		case 3:
			w.WriteHeader(http.StatusServiceUnavailable) // retried on the same connection
		case 5:
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"success":false,"error_type":"resource.not-found","message":"gone"}`))
		default:
			_, _ = w.Write([]byte(`{"success":true}`))
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()

	client := New(fastPolicy())
	c := call(t, srv, http.MethodGet)
	var wg sync.WaitGroup
	errs := make(chan error, callers*callsEach)
	for range callers {
		wg.Go(func() {
			for range callsEach {
				if _, err := client.Do(context.Background(), c); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if got := opened.Load(); got > 2*callers {
		t.Fatalf("%d calls from %d callers opened %d connections, want at most %d", served.Load(), callers, got, 2*callers)
	}
	if served.Load() <= callers*callsEach {
		t.Fatalf("the server answered %d requests, want more than %d (the 503s are retried)", served.Load(), callers*callsEach)
	}
}
