package instance_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/instance"
	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/jwt"
)

// TestJWKSVerifiesClerksTokens serves the key set of Clerk's own test
// fixtures (Clerk's JavaScript SDK's: a key, and a session token it signed)
// at GET /jwks, fetches it with Instance.JWKS, and hands JWKS.JSON to
// package jwt, which must then verify the fixture's token: the typed set
// and its JSON lose nothing a verifier needs.
func TestJWKSVerifiesClerksTokens(t *testing.T) {
	fx := fixture()
	svc, srv := spectest.Setup[instance.Service](t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, http.StatusOK, []byte(fx.jwks))
	})
	set, err := svc.JWKS(context.Background())
	require.NoError(t, err)
	require.Len(t, set.Keys, 1)
	key := set.Key("ins_2GIoQhbUpy0hX7B2cVkuTMinXoD")
	require.NotNil(t, key)
	assert.Equal(t, "RSA", key.Kty)
	assert.Equal(t, "RS256", key.Alg)
	assert.Equal(t, "sig", key.Use)
	assert.Equal(t, "AQAB", key.E)
	assert.True(t, key.D.IsZero(), "a public set has no private members")
	assert.Nil(t, set.Key("ins_other"))

	doc, err := set.JSON()
	require.NoError(t, err)
	assert.JSONEq(t, string(fx.jwks), string(doc), "the JSON is the set as served")

	v, err := jwt.NewVerifier(jwt.WithJWKS(doc), jwt.WithClock(func() time.Time { return fx.validAt }))
	require.NoError(t, err)
	defer v.Close()
	claims, err := v.Verify(context.Background(), fx.tokens["valid"])
	require.NoError(t, err)
	assert.Equal(t, "user_2GIpXOEpVyJw51rkZn9Kmnc6Sxr", claims.UserID)
	_, err = v.Verify(context.Background(), fx.tokens["invalid_signature"])
	assert.ErrorIs(t, err, jwt.ErrTokenSignatureInvalid)
}
