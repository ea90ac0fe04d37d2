package membraneapi

import (
	"errors"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

// principal is who a bearer token speaks for. An empty tenantKey is a
// workspace-level token, which sees every connection of its workspace.
type principal struct {
	workspaceKey, tenantKey string
	admin                   bool
}

func (p principal) sees(c *Connection) bool {
	return c.WorkspaceKey == p.workspaceKey && (p.tenantKey == "" || c.TenantKey == p.tenantKey)
}

// authenticate accepts a registered static token or a JWT signed (HS256 or
// HS512) with a registered workspace's secret. JWT claims may use the current
// names {workspaceKey, tenantKey} or the SDK's {iss, id}; exp is required.
func (s *Server) authenticate(header string) (principal, *httpError) {
	if header == "" {
		return principal{}, authError("Missing Authorization header: send 'Authorization: Bearer <token>'")
	}
	scheme, raw, ok := strings.Cut(header, " ")
	raw = strings.TrimSpace(raw)
	if !ok || !strings.EqualFold(scheme, "Bearer") || raw == "" {
		return principal{}, authError("Authorization header must be 'Bearer <token>'")
	}
	s.mu.RLock()
	p, static := s.staticTokens[raw]
	s.mu.RUnlock()
	if static {
		return p, nil
	}

	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, s.workspaceSecret,
		jwt.WithValidMethods([]string{"HS256", "HS512"}),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(s.now))
	switch {
	case err == nil:
	case errors.Is(err, jwt.ErrTokenExpired):
		return principal{}, authError("Access token has expired")
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		return principal{}, authError("Access token must have an 'exp' claim")
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return principal{}, authError("Access token signature is invalid")
	case errors.Is(err, errUnknownWorkspace):
		return principal{}, authError("Access token names an unknown workspace")
	default:
		return principal{}, authError("Access token is not a valid JWT or a known token")
	}
	p = principal{workspaceKey: workspaceKeyOf(claims), tenantKey: stringClaim(claims, "tenantKey", "id")}
	p.admin, _ = claims["isAdmin"].(bool)
	s.mu.Lock()
	s.minted[raw] = struct{}{}
	s.mu.Unlock()
	return p, nil
}

var errUnknownWorkspace = errors.New("unknown workspace")

func authError(msg string) *httpError {
	return newHTTPError(http.StatusUnauthorized, errNotAuthenticated, "%s", msg)
}

// workspaceSecret is the jwt.Keyfunc: the secret of the workspace the
// (not yet verified) claims name.
func (s *Server) workspaceSecret(t *jwt.Token) (any, error) {
	claims, _ := t.Claims.(jwt.MapClaims)
	s.mu.RLock()
	ws, ok := s.workspaces[workspaceKeyOf(claims)]
	s.mu.RUnlock()
	if !ok || ws.Key == "" {
		return nil, errUnknownWorkspace
	}
	return []byte(ws.Secret), nil
}

func workspaceKeyOf(c jwt.MapClaims) string { return stringClaim(c, "workspaceKey", "iss") }

// stringClaim returns the first non-empty string among the named claims.
func stringClaim(c jwt.MapClaims, names ...string) string {
	for _, n := range names {
		if v, ok := c[n].(string); ok && v != "" {
			return v
		}
	}
	return ""
}
