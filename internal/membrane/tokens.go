package membrane

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// TokenSource yields the bearer token for the next call.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// StaticToken is a ready token: a JWT from `membrane token`, or a pat-… key.
type StaticToken string

// Token implements TokenSource.
func (t StaticToken) Token(context.Context) (string, error) { return string(t), nil }

// TokenTTL is the lifetime of minted tokens; RemintBefore is how long before
// expiry a fresh one is minted, so a long apply never sends a stale token.
const (
	TokenTTL     = time.Hour
	RemintBefore = 5 * time.Minute
)

// WorkspaceKeyMinter mints short-lived HS256 tenant tokens signed with the
// workspace secret, as Membrane's SDK does, and mints again before expiry.
type WorkspaceKeyMinter struct {
	WorkspaceKey    string
	WorkspaceSecret string
	TenantKey       string
	TTL             time.Duration // 0 means TokenTTL
	Now             func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
	minted  int
}

// Token implements TokenSource.
func (m *WorkspaceKeyMinter) Token(context.Context) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := time.Now()
	if m.Now != nil {
		now = m.Now()
	}
	ttl := m.TTL
	if ttl <= 0 {
		ttl = TokenTTL
	}
	margin := min(RemintBefore, ttl/4)
	if m.token != "" && now.Add(margin).Before(m.expires) {
		return m.token, nil
	}
	// exp is whole seconds: keep the truncated instant, or the token would
	// be believed fresh for up to a second after it has expired.
	expires := time.Unix(now.Add(ttl).Unix(), 0)
	// Both claim spellings: the current docs' workspaceKey/tenantKey and the
	// SDK's iss/id, so older and newer Membrane deployments accept it.
	claims := jwt.MapClaims{
		"workspaceKey": m.WorkspaceKey,
		"iss":          m.WorkspaceKey,
		"tenantKey":    m.TenantKey,
		"id":           m.TenantKey,
		"iat":          now.Unix(),
		"exp":          expires.Unix(),
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(m.WorkspaceSecret))
	if err != nil {
		return "", fmt.Errorf("minting a Membrane token: %w", err)
	}
	m.token, m.expires = signed, expires
	m.minted++
	return signed, nil
}

// Minted counts the tokens minted so far.
func (m *WorkspaceKeyMinter) Minted() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.minted
}
