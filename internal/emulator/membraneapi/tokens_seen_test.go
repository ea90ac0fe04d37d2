package membraneapi

import (
	"slices"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/processout/terraform-provider-processout/internal/emulator/emutest"
)

// TestMintedTokensListsAcceptedJWTsOnly: accepted JWTs are listed once
// each; static tokens and rejected JWTs are not.
func TestMintedTokensListsAcceptedJWTsOnly(t *testing.T) {
	e := newEnv(t)
	exp := emutest.Start.Add(time.Hour).Unix()
	first := sign(t, jwt.SigningMethodHS256, wsSecret, jwt.MapClaims{"workspaceKey": wsKey, "tenantKey": "tenant-a", "exp": exp})
	second := sign(t, jwt.SigningMethodHS256, wsSecret, jwt.MapClaims{"workspaceKey": wsKey, "tenantKey": "tenant-b", "exp": exp})
	forged := sign(t, jwt.SigningMethodHS256, "not-the-secret", jwt.MapClaims{"workspaceKey": wsKey, "tenantKey": "tenant-a", "exp": exp})
	for _, tok := range []string{first, second, first, forged, patA} {
		e.call(t, tok, "GET", "/connections", "")
	}
	want := []string{first, second}
	slices.Sort(want)
	if got := e.mb.MintedTokens(); !slices.Equal(got, want) {
		t.Fatalf("MintedTokens() = %d tokens %v, want the 2 accepted JWTs", len(got), got)
	}
	if n := e.mb.MintedTokensSeen(); n != 2 {
		t.Fatalf("MintedTokensSeen() = %d, want 2", n)
	}
}
