package apikeys

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

const oauthVerifyPath = "/oauth_applications/access_tokens/verify"

// oauthSetup serves POST /oauth_applications/access_tokens/verify from a
// fakeVerify to an OAuthTokenService whose cache reads a fake clock.
func oauthSetup(t *testing.T, opts ...spectest.Option) (*OAuthTokenService, *fakeVerify, *spectest.Server, *clock) {
	t.Helper()
	clk := newClock()
	core, srv := spectest.NewClient(t, append([]spectest.Option{withClock(clk.Now), noRetries()}, opts...)...)
	f := newFakeVerify()
	srv.Mux.HandleFunc("POST "+oauthVerifyPath, f.handler(t, "access_token"))
	return spectest.Service[OAuthTokenService](core), f, srv, clk
}

func oauthCount(srv *spectest.Server) int { return srv.Count("POST", "/v1"+oauthVerifyPath) }

func TestOAuthVerify(t *testing.T) {
	s, f, srv, _ := oauthSetup(t, spectest.WithResponseValidation())
	f.add(testOAuthToken, oauthFixture(testOAuthID))
	tok, err := s.Verify(context.Background(), testOAuthToken)
	require.NoError(t, err)
	assert.Equal(t, "clerk_idp_oauth_access_token", tok.Object)
	assert.Equal(t, testOAuthID, tok.ID)
	assert.Equal(t, "client_2xhFjEI5X2qWRvtV13BzSj8H6Dk", tok.ClientID)
	assert.Equal(t, testUser, tok.Subject)
	assert.Equal(t, testUser, tok.UserID())
	assert.Equal(t, []string{"profile", "email"}, tok.Scopes)
	assert.True(t, tok.HasScope("email"))
	assert.False(t, tok.HasScope("admin"))
	assert.False(t, tok.Revoked || tok.Expired)
	assert.Equal(t, time.UnixMilli(1700003600000).UTC(), *tok.Expiration)
	assert.Equal(t, t0, tok.CreatedAt)
	assert.Nil(t, tok.Audience)
	assert.Equal(t, 1, oauthCount(srv))
}

// TestOAuthVerifyPastExpiration: an OAuth answer's expiration is not
// compared with the clock, as an API key's is (its unit is uncertain: the
// spec's example looks like Unix seconds, a date in 1970 read as
// milliseconds): only "expired" and "active" refuse it.
func TestOAuthVerifyPastExpiration(t *testing.T) {
	s, f, _, _ := oauthSetup(t, spectest.WithResponseValidation())
	for i, exp := range []int64{1700003600, t0.Add(-time.Hour).UnixMilli(), t0.UnixMilli()} {
		token := fmt.Sprintf("oat_PastExpirationAccessTokenValue01234567%d", i)
		f.add(token, with(oauthFixture(testOAuthID), "expired", false, "expiration", exp))
		_, err := s.Verify(context.Background(), token)
		require.NoError(t, err, "expiration %d", exp)
	}
}

// TestOAuthVerifyRequest: the token travels as access_token (the spec's
// name; secret is deprecated), with the instance's secret key as bearer.
func TestOAuthVerifyRequest(t *testing.T) {
	core, srv := spectest.NewClient(t)
	srv.Mux.HandleFunc("POST "+oauthVerifyPath, func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "Bearer "+testSecretKey, r.Header.Get("Authorization"))
		assert.Equal(t, map[string]any{"access_token": testOAuthToken}, spectest.ReadJSON(t, r))
		spectest.WriteJSON(w, http.StatusOK, with(oauthFixture(testOAuthID), "aud", []string{"https://api.example.com"}))
	})
	tok, err := spectest.Service[OAuthTokenService](core).Verify(context.Background(), testOAuthToken)
	require.NoError(t, err)
	assert.Equal(t, []string{"https://api.example.com"}, tok.Audience, "aud, which Clerk's JS SDK reads, is kept")
}

// TestOAuthVerifyRejections: every answer that says the token is not valid
// matches ErrInvalidToken, is not cached, and never quotes the token;
// failures that are not the token's do not match it.
func TestOAuthVerifyRejections(t *testing.T) {
	for _, tc := range []struct {
		name    string
		status  int
		answer  any
		token   bool  // the token's fault
		matches error // a further sentinel it matches
	}{
		{"inactive", http.StatusOK, map[string]any{"active": false}, true, nil},
		{"revoked", http.StatusOK, with(oauthFixture(testOAuthID), "revoked", true, "revocation_reason", "signed out"), true, nil},
		{"expired", http.StatusOK, with(oauthFixture(testOAuthID), "expired", true), true, nil},
		{"unknown (404)", http.StatusNotFound, nil, true, internal.ErrNotFound},
		{"malformed (400)", http.StatusBadRequest, nil, true, internal.ErrBadRequest},
		{"bad secret key (401)", http.StatusUnauthorized, nil, false, internal.ErrUnauthorized},
		{"server error (500)", http.StatusInternalServerError, nil, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := []spectest.Option{noRetries()}
			if tc.status < 401 || tc.status == http.StatusNotFound {
				opts = append(opts, spectest.WithResponseValidation()) // the statuses the spec declares
			}
			core, srv := spectest.NewClient(t, opts...)
			srv.Mux.HandleFunc("POST "+oauthVerifyPath, func(w http.ResponseWriter, r *http.Request) {
				if tc.answer == nil {
					spectest.WriteJSON(w, tc.status, apiError("token_invalid", "token "+testOAuthToken+" is not valid"))
					return
				}
				spectest.WriteJSON(w, tc.status, tc.answer)
			})
			s := spectest.Service[OAuthTokenService](core)
			for i := range 2 {
				tok, err := s.Verify(context.Background(), testOAuthToken)
				require.Error(t, err, "call %d: %+v", i, tok)
				assert.Nil(t, tok)
				assert.Equal(t, tc.token, errors.Is(err, ErrInvalidToken), "%v", err)
				if tc.matches != nil {
					assert.ErrorIs(t, err, tc.matches)
				}
				assert.NotContains(t, fmt.Sprintf("%v %+v %#v", err, err, err), testOAuthToken)
			}
			assert.Equal(t, 2, oauthCount(srv), "failures are not cached")
		})
	}
}

// TestOAuthVerifyCache: a repeated token costs one API call within the TTL;
// callers get their own copies; a token revoked elsewhere keeps verifying
// until the TTL ends, then fails; an entry never outlives the token.
func TestOAuthVerifyCache(t *testing.T) {
	s, f, srv, clk := oauthSetup(t)
	f.add(testOAuthToken, with(oauthFixture(testOAuthID), "aud", []string{"https://api.example.com"}))
	ctx := context.Background()
	a, err := s.Verify(ctx, testOAuthToken)
	require.NoError(t, err)
	a.Scopes[0], a.Audience[0] = "changed", "changed"
	for range 5 {
		b, err := s.Verify(ctx, testOAuthToken)
		require.NoError(t, err)
		assert.Equal(t, "profile", b.Scopes[0], "a caller's change does not reach the cache")
		assert.Equal(t, "https://api.example.com", b.Audience[0])
	}
	assert.Equal(t, 1, oauthCount(srv))

	f.revoke(testOAuthToken)
	clk.Advance(DefaultCacheTTL - time.Millisecond)
	_, err = s.Verify(ctx, testOAuthToken)
	require.NoError(t, err, "still cached: the documented revocation delay")
	clk.Advance(time.Millisecond)
	_, err = s.Verify(ctx, testOAuthToken)
	assert.ErrorIs(t, err, ErrInvalidToken)
	assert.Equal(t, 2, oauthCount(srv))

	// The token's own expiration ends the entry first.
	const other = "oat_AnotherSecretOAuthAccessTokenValue012345"
	f.add(other, with(oauthFixture("oat_00000000000000000000000000000001"), "expiration", clk.Now().Add(time.Second).UnixMilli()))
	_, err = s.Verify(ctx, other)
	require.NoError(t, err)
	clk.Advance(time.Second)
	_, err = s.Verify(ctx, other)
	require.NoError(t, err)
	assert.Equal(t, 4, oauthCount(srv))
}

// TestOAuthVerifyConcurrent: concurrent verifications of one uncached token
// share one API call.
func TestOAuthVerifyConcurrent(t *testing.T) {
	s, f, srv, _ := oauthSetup(t)
	f.add(testOAuthToken, oauthFixture(testOAuthID))
	f.release = make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for range 50 {
		wg.Go(func() {
			_, err := s.Verify(context.Background(), testOAuthToken)
			errs <- err
		})
	}
	<-f.entered
	require.Eventually(t, func() bool { return s.verify().waiting(testOAuthToken) == 49 }, 10*time.Second, time.Millisecond)
	close(f.release)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 1, oauthCount(srv))
}

// TestOAuthVerifyLocalRefusals: an empty or oversized token is refused
// before any request.
func TestOAuthVerifyLocalRefusals(t *testing.T) {
	s, _, srv, _ := oauthSetup(t)
	for _, tok := range []string{"", "oat_" + strings.Repeat("x", maxTokenLen)} {
		_, err := s.Verify(context.Background(), tok)
		assert.ErrorIs(t, err, ErrInvalidToken)
		assert.ErrorIs(t, err, internal.ErrInvalidParams)
	}
	var nilCtx context.Context // refused, not a panic
	_, err := s.Verify(nilCtx, testOAuthToken)
	assert.ErrorIs(t, err, internal.ErrInvalidParams)
	assert.Equal(t, 0, oauthCount(srv))
}
