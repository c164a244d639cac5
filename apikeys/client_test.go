package apikeys_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/internal/spectest"
)

// TestClientMachineTokenCache: clerk.WithMachineTokenCache reaches the
// verification caches of c.APIKeys and c.M2MTokens, built by the root's New
// (through internal.Config and each service's state slot): by default a
// repeated token is asked about once, a cache of one entry keeps only the
// last token, and a cache of size 0 asks every time.
func TestClientMachineTokenCache(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []clerk.Option
		want int // verify calls for the tokens a, b, a, b, b
	}{
		{"default", nil, 2},
		{"one entry", []clerk.Option{clerk.WithMachineTokenCache(1, time.Hour)}, 4},
		{"off", []clerk.Option{clerk.WithMachineTokenCache(0, time.Hour)}, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.NewServer(t)
			srv.Mux.HandleFunc("POST /api_keys/verify", func(w http.ResponseWriter, r *http.Request) {
				spectest.WriteJSON(w, http.StatusOK, `{"object":"api_key","id":"ak_0123456789abcdef0123456789abcdef","type":"api_key",
					"subject":"user_2xhFjEI5X2qWRvtV13BzSj8H6Dk","name":"k","claims":null,"scopes":[],"revoked":false,
					"revocation_reason":null,"expired":false,"expiration":null,"created_by":null,"last_used_at":null,
					"created_at":1700000000000,"updated_at":1700000000000}`)
			})
			srv.Mux.HandleFunc("POST /m2m_tokens/verify", func(w http.ResponseWriter, r *http.Request) {
				spectest.WriteJSON(w, http.StatusOK, `{"object":"machine_to_machine_token","id":"mt_0123456789abcdef0123456789abcdef",
					"subject":"mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk","claims":null,"scopes":[],"revoked":false,"revocation_reason":null,
					"expired":false,"expiration":null,"last_used_at":null,"created_at":1700000000000,"updated_at":1700000000000}`)
			})
			c, err := clerk.New("sk_test_cache", append(tc.opts, clerk.WithBaseURL(srv.URL))...)
			require.NoError(t, err)
			defer c.Close()
			ctx := context.Background()
			for _, tok := range []string{"a", "b", "a", "b", "b"} {
				_, err := c.APIKeys.Verify(ctx, "ak_"+tok)
				require.NoError(t, err)
				_, err = c.M2MTokens.Verify(ctx, "mt_"+tok)
				require.NoError(t, err)
			}
			assert.Equal(t, tc.want, srv.Count("POST", "/v1/api_keys/verify"), "API key verifications")
			assert.Equal(t, tc.want, srv.Count("POST", "/v1/m2m_tokens/verify"), "M2M token verifications")
		})
	}
}

// TestRequireAuthMalformedVerification (issue 9, item 2): through the root,
// an API key or M2M token that Clerk's verify endpoint answers with a 2xx
// that is no verification does not authenticate: VerifyToken fails with
// clerk.ErrInvalidResponse, not clerk.ErrInvalidToken, and RequireAuth
// answers 503 (Clerk is at fault), neither 200 nor 401.
func TestRequireAuthMalformedVerification(t *testing.T) {
	for _, body := range []string{`{}`, `null`, `{"object":"api_key"}`, ""} {
		srv := spectest.NewServer(t)
		answer := func(w http.ResponseWriter, r *http.Request) {
			if body == "" {
				w.WriteHeader(http.StatusNoContent)
				return
			}
			spectest.WriteJSON(w, http.StatusOK, body)
		}
		srv.Mux.HandleFunc("POST /api_keys/verify", answer)
		srv.Mux.HandleFunc("POST /m2m_tokens/verify", answer)
		c, err := clerk.New("sk_test_malformed", clerk.WithBaseURL(srv.URL), clerk.WithMaxRetries(-1))
		require.NoError(t, err)
		h := c.RequireAuth(clerk.AcceptsToken(clerk.APIKeyToken, clerk.M2MToken))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			t.Errorf("%q: the handler ran", body)
		}))
		for _, tok := range []string{"ak_anything", "mt_anything"} {
			_, err := c.VerifyToken(context.Background(), tok)
			if err == nil || errors.Is(err, clerk.ErrInvalidToken) || !errors.Is(err, clerk.ErrInvalidResponse) {
				t.Errorf("%q, %s: VerifyToken = %v; want ErrInvalidResponse, not ErrInvalidToken", body, tok, err)
			}
			r := httptest.NewRequest(http.MethodGet, "/x", nil)
			r.Header.Set("Authorization", "Bearer "+tok)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			assert.Equal(t, http.StatusServiceUnavailable, w.Code, "%q, %s", body, tok)
		}
		c.Close()
	}
}
