package membraneapi

import (
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
)

func TestAuthentication(t *testing.T) {
	e := newEnv(t)
	exp := emutest.Start.Add(time.Hour).Unix()
	valid := jwt.MapClaims{"workspaceKey": wsKey, "tenantKey": "tenant-a", "exp": exp}
	sdk := jwt.MapClaims{"iss": wsKey, "id": "tenant-a", "exp": exp}
	tests := []struct {
		name     string
		header   string // full Authorization header; "" sends none
		want     int
		msgPart  string
		isMinted bool
	}{
		{"static token", "Bearer " + patA, 200, "", false},
		{"jwt current claims", "Bearer " + sign(t, jwt.SigningMethodHS256, wsSecret, valid), 200, "", true},
		{"jwt sdk claims", "Bearer " + sign(t, jwt.SigningMethodHS256, wsSecret, sdk), 200, "", true},
		{"jwt hs512", "Bearer " + sign(t, jwt.SigningMethodHS512, wsSecret, valid), 200, "", true},
		{"missing", "", 401, "Missing Authorization", false},
		{"not bearer", "Basic dXNlcjpwYXNz", 401, "Bearer", false},
		{"malformed", "Bearer not-a-jwt", 401, "not a valid JWT", false},
		{"expired", "Bearer " + sign(t, jwt.SigningMethodHS256, wsSecret,
			jwt.MapClaims{"workspaceKey": wsKey, "tenantKey": "tenant-a", "exp": emutest.Start.Add(-time.Second).Unix()}), 401, "expired", false},
		{"no exp", "Bearer " + sign(t, jwt.SigningMethodHS256, wsSecret,
			jwt.MapClaims{"workspaceKey": wsKey, "tenantKey": "tenant-a"}), 401, "exp", false},
		{"wrong secret", "Bearer " + sign(t, jwt.SigningMethodHS256, "other-secret", valid), 401, "signature", false},
		{"unknown workspace", "Bearer " + sign(t, jwt.SigningMethodHS256, wsSecret,
			jwt.MapClaims{"workspaceKey": "ws_other", "exp": exp}), 401, "unknown workspace", false},
		{"alg none", "Bearer " + func() string {
			s, _ := jwt.NewWithClaims(jwt.SigningMethodNone, valid).SignedString(jwt.UnsafeAllowNoneSignatureType)
			return s
		}(), 401, "", false},
	}
	minted := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var headers []string
			if tt.header != "" {
				headers = []string{"Authorization", tt.header}
			}
			e.mb.ResetRequests()
			status, _, raw := e.call(t, "", "GET", "/connections", "", headers...)
			if status != tt.want {
				t.Fatalf("status %d, want %d: %s", status, tt.want, raw)
			}
			if tt.want == 401 {
				if !strings.Contains(raw, `"type":"bad_request"`) || !strings.Contains(raw, `"key":"not_authenticated"`) || !strings.Contains(raw, tt.msgPart) {
					t.Fatalf("body %s", raw)
				}
				if reqs := e.mb.Requests(); len(reqs) != 1 || reqs[0].Kind != "auth" || reqs[0].Status != 401 {
					t.Fatalf("recorded %+v", reqs)
				}
			}
			if tt.isMinted {
				minted++
			}
			if got := e.mb.MintedTokensSeen(); got != minted {
				t.Fatalf("MintedTokensSeen %d, want %d", got, minted)
			}
		})
	}
	// The same JWT again is not a new token.
	tok := sign(t, jwt.SigningMethodHS256, wsSecret, valid)
	if status, _, _ := e.call(t, tok, "GET", "/connections", ""); status != 200 {
		t.Fatal(status)
	}
	if got := e.mb.MintedTokensSeen(); got != minted {
		t.Fatalf("re-used token counted: %d, want %d", got, minted)
	}
}

func TestTenantScoping(t *testing.T) {
	e := newEnv(t)
	tokB := sign(t, jwt.SigningMethodHS256, wsSecret, jwt.MapClaims{"iss": wsKey, "id": "tenant-b", "exp": emutest.Start.Add(time.Hour).Unix()})
	_, body := e.callJSON(t, tokB, "GET", "/connections", "")
	items := emutest.As[[]any](t, body["items"])
	if len(items) != 1 || emutest.As[map[string]any](t, items[0])["id"] != e.conB.ID {
		t.Fatalf("tenant-b sees %v", items)
	}
	status, body := e.callJSON(t, tokB, "GET", "/connections/"+e.connA.ID, "")
	wantError(t, status, body, 404, "bad_request", "not_found", e.connA.ID)
	status, _, _ = e.call(t, tokB, "GET", "/connections/"+e.connA.ID+"/proxy/customers", "")
	if status != 404 || e.up.calls() != 0 {
		t.Fatalf("cross-tenant proxy: status %d, upstream calls %d", status, e.up.calls())
	}
	// A workspace-level token (no tenant) sees every connection.
	tokWS := sign(t, jwt.SigningMethodHS256, wsSecret, jwt.MapClaims{"workspaceKey": wsKey, "exp": emutest.Start.Add(time.Hour).Unix()})
	_, body = e.callJSON(t, tokWS, "GET", "/connections", "")
	if n := len(emutest.As[[]any](t, body["items"])); n != 3 {
		t.Fatalf("workspace token sees %d connections", n)
	}
}

func TestAPIVersionHeader(t *testing.T) {
	e := newEnv(t)
	for _, v := range []string{"", "2025-10-21", "legacy", "2099-01-01"} {
		var headers []string
		if v != "" {
			headers = []string{"membrane-api-version", v}
		}
		status, _, raw := e.call(t, patA, "GET", "/connections", "", headers...)
		if v == "2099-01-01" {
			if status != 400 || !strings.Contains(raw, "membrane-api-version") || !strings.Contains(raw, `"type":"bad_request"`) {
				t.Fatalf("version %q: %d %s", v, status, raw)
			}
			continue
		}
		if status != 200 {
			t.Fatalf("version %q: %d %s", v, status, raw)
		}
	}
}

func TestUnknownRouteAndCreateAction(t *testing.T) {
	e := newEnv(t)
	status, body := e.callJSON(t, patA, "GET", "/flows", "")
	wantError(t, status, body, 404, "bad_request", "not_found", "/flows")
	status, body = e.callJSON(t, patA, "POST", "/actions", `{"intent":"x"}`)
	wantError(t, status, body, 403, "bad_request", "access_denied", "admin")
}
