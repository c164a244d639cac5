package apikeys

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// without removes members from a fixture.
func without(m map[string]any, names ...string) map[string]any {
	for _, n := range names {
		delete(m, n)
	}
	return m
}

// malformedVerifications are 2xx answers of a verify endpoint that are no
// verification of a token: fixture is the endpoint's well-formed answer,
// object the object type of its model.
func malformedVerifications(fixture func() map[string]any, object string) map[string]any {
	other := "api_key"
	if object == other {
		other = "machine_to_machine_token"
	}
	return map[string]any{
		"{}":                "{}",
		"null":              "null",
		"empty 200":         "",
		"204":               nil,
		"an array":          "[]",
		"a string":          `"ok"`,
		"another object":    with(fixture(), "object", other),
		"no object":         without(fixture(), "object"),
		"empty id":          with(fixture(), "id", ""),
		"no id":             without(fixture(), "id"),
		"empty subject":     with(fixture(), "subject", ""),
		"null subject":      with(fixture(), "subject", nil),
		"no revoked":        without(fixture(), "revoked"),
		"null revoked":      with(fixture(), "revoked", nil),
		"no expired":        without(fixture(), "expired"),
		"revoked as string": with(fixture(), "revoked", "false"),
		"only object":       map[string]any{"object": object},
		"active true":       map[string]any{"active": true},
		"active null":       map[string]any{"active": nil},
		"active as string":  map[string]any{"active": "false"},
	}
}

// verifyKinds are the three verify endpoints, each with a token its fake
// knows, a well-formed answer and the call that verifies.
var verifyKinds = []struct {
	name, path, field, token, object string
	fixture                          func() map[string]any
	verify                           func(core *internal.Client, token string) (any, error)
}{
	{"api key", "/api_keys/verify", "secret", testSecret, "api_key",
		func() map[string]any { return apiKeyFixture(testKeyID) },
		func(core *internal.Client, token string) (any, error) {
			return spectest.Service[Service](core).Verify(context.Background(), token)
		}},
	{"m2m token", "/m2m_tokens/verify", "token", testToken, "machine_to_machine_token",
		func() map[string]any { return m2mFixture(testTokenID) },
		func(core *internal.Client, token string) (any, error) {
			return spectest.Service[M2MTokenService](core).Verify(context.Background(), token)
		}},
	{"oauth token", "/oauth_applications/access_tokens/verify", "access_token", testOAuthToken, "clerk_idp_oauth_access_token",
		func() map[string]any { return oauthFixture(testOAuthID) },
		func(core *internal.Client, token string) (any, error) {
			return spectest.Service[OAuthTokenService](core).Verify(context.Background(), token)
		}},
}

// TestVerifyMalformedAnswers (issue 9, item 2): a 2xx from a verify endpoint
// that is not a well-formed verification (object type, non-empty id and
// subject, revoked and expired present, as the spec's schemas require; for
// OAuth access tokens, or {"active": false}) does not authenticate, is not
// cached, and does not match ErrInvalidToken: it is the server's fault, an
// error matching ErrInvalidResponse.
func TestVerifyMalformedAnswers(t *testing.T) {
	for _, kind := range verifyKinds {
		answers := malformedVerifications(kind.fixture, kind.object)
		if kind.object != "clerk_idp_oauth_access_token" {
			// Only the OAuth endpoint may answer {"active": false}.
			answers["active false"] = map[string]any{"active": false}
		} else {
			answers["active false with a token"] = with(kind.fixture(), "active", false)
		}
		for name, answer := range answers {
			t.Run(kind.name+"/"+name, func(t *testing.T) {
				core, srv := spectest.NewClient(t, spectest.WithClientConfig(func(c *internal.Config) { c.MaxRetries = -1 }))
				srv.Mux.HandleFunc("POST "+kind.path, func(w http.ResponseWriter, r *http.Request) {
					if answer == nil {
						w.WriteHeader(http.StatusNoContent)
						return
					}
					spectest.WriteJSON(w, http.StatusOK, answer)
				})
				for i := range 2 {
					v, err := kind.verify(core, kind.token)
					if err == nil {
						t.Fatalf("call %d authenticated: %+v", i, v)
					}
					assert.False(t, errors.Is(err, ErrInvalidToken), "the server's fault, not the token's: %v", err)
					assert.ErrorIs(t, err, internal.ErrInvalidResponse)
					assert.NotContains(t, fmt.Sprintf("%v %+v", err, err), kind.token)
				}
				assert.Equal(t, 2, srv.Count("POST", "/v1"+kind.path), "a malformed answer is not cached")
			})
		}
	}
}
