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
	}
}

// TestVerifyMalformedAnswers (issue 9, item 2): a 2xx from POST
// /api_keys/verify or /m2m_tokens/verify that is not a well-formed
// verification (object type, non-empty id and subject, revoked and expired
// present, as the spec's schemas require) does not authenticate, is not
// cached, and does not match ErrInvalidToken: it is the server's fault, an
// error matching ErrInvalidResponse.
func TestVerifyMalformedAnswers(t *testing.T) {
	for _, kind := range []string{"api key", "m2m token"} {
		answers := malformedVerifications(func() map[string]any { return apiKeyFixture(testKeyID) }, "api_key")
		path, token := "/api_keys/verify", testSecret
		if kind == "m2m token" {
			answers = malformedVerifications(func() map[string]any { return m2mFixture(testTokenID) }, "machine_to_machine_token")
			path, token = "/m2m_tokens/verify", testToken
		}
		for name, answer := range answers {
			t.Run(kind+"/"+name, func(t *testing.T) {
				core, srv := spectest.NewClient(t, spectest.WithClientConfig(func(c *internal.Config) { c.MaxRetries = -1 }))
				srv.Mux.HandleFunc("POST "+path, func(w http.ResponseWriter, r *http.Request) {
					if answer == nil {
						w.WriteHeader(http.StatusNoContent)
						return
					}
					spectest.WriteJSON(w, http.StatusOK, answer)
				})
				s := spectest.Service[Service](core)
				m := spectest.Service[M2MTokenService](core)
				verify := func() (any, error) {
					if kind == "m2m token" {
						return m.Verify(context.Background(), token)
					}
					return s.Verify(context.Background(), token)
				}
				for i := range 2 {
					v, err := verify()
					if err == nil {
						t.Fatalf("call %d authenticated: %+v", i, v)
					}
					assert.False(t, errors.Is(err, ErrInvalidToken), "the server's fault, not the token's: %v", err)
					assert.ErrorIs(t, err, internal.ErrInvalidResponse)
					assert.NotContains(t, fmt.Sprintf("%v %+v", err, err), token)
				}
				assert.Equal(t, 2, srv.Count("POST", "/v1"+path), "a malformed answer is not cached")
			})
		}
	}
}
