package membrane

import (
	"context"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestMinterSignsBothClaimStylesAndRemintsBeforeExpiry(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	m := &WorkspaceKeyMinter{WorkspaceKey: "ws", WorkspaceSecret: "s3cret", TenantKey: "tenant", TTL: 20 * time.Minute, Now: func() time.Time { return now }}
	first, err := m.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.MapClaims{}
	_, err = jwt.ParseWithClaims(first, claims, func(*jwt.Token) (any, error) { return []byte("s3cret"), nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithTimeFunc(func() time.Time { return now }))
	if err != nil {
		t.Fatalf("token does not verify with the workspace secret: %v", err)
	}
	for k, want := range map[string]any{"workspaceKey": "ws", "iss": "ws", "tenantKey": "tenant", "id": "tenant", "exp": float64(now.Add(20 * time.Minute).Unix())} {
		if claims[k] != want {
			t.Errorf("claim %s = %v, want %v", k, claims[k], want)
		}
	}
	now = now.Add(10 * time.Minute)
	if again, _ := m.Token(context.Background()); again != first || m.Minted() != 1 {
		t.Fatalf("token re-minted while still fresh")
	}
	now = now.Add(6 * time.Minute) // 4 minutes left, inside the re-mint margin
	if again, _ := m.Token(context.Background()); again == first || m.Minted() != 2 {
		t.Fatalf("token not re-minted near expiry")
	}
}

func TestParseErrorTellsMembraneFromProcessOut(t *testing.T) {
	if e := parseError(404, []byte(`{"type":"bad_request","key":"not_found","message":"Connection with id 'c' not found"}`)); e == nil || !e.IsNotFound() {
		t.Fatalf("Membrane error not recognised: %v", e)
	}
	if e := parseError(404, []byte(`{"success":false,"error_type":"resource.customer.not-found","message":"x","type":"bad_request"}`)); e != nil {
		t.Fatalf("a relayed ProcessOut answer was taken for a Membrane error: %v", e)
	}
	if e := parseError(400, []byte(`{"type":"mystery","message":"x"}`)); e != nil {
		t.Fatalf("unknown type taken for a Membrane error")
	}
	if e := parseError(502, []byte(`<html>`)); e != nil {
		t.Fatalf("html taken for a Membrane error")
	}
}
