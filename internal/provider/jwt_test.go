package provider

import (
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// expiredJWT signs a token with the emulator's workspace secret that
// expired a minute ago.
func expiredJWT(env *testEnv) string {
	token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"workspaceKey": env.emu.Workspace.Key, "tenantKey": env.emu.TenantKey, "exp": time.Now().Add(-time.Minute).Unix(),
	}).SignedString([]byte(env.emu.Workspace.Secret))
	if err != nil {
		env.t.Fatal(err)
	}
	return token
}
