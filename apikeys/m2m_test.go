package apikeys

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestM2MCreate(t *testing.T) {
	svc, srv := spectest.Setup[M2MTokenService](t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /m2m_tokens", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "Bearer "+testMachKey, r.Header.Get("Authorization"), "the machine key is the bearer")
		body := spectest.ReadJSON(t, r)
		assert.Equal(t, map[string]any{
			"token_format": "opaque", "seconds_until_expiration": float64(3600),
			"claims": map[string]any{"job": "sync"}, "min_remaining_ttl_seconds": float64(240),
		}, body)
		spectest.WriteJSON(w, http.StatusCreated, with(m2mFixture(testTokenID), "token", testToken))
	})
	tok, err := svc.Create(context.Background(), &CreateM2MTokenParams{
		MachineSecretKey:       NewSecret(testMachKey),
		TokenFormat:            TokenFormatOpaque,
		SecondsUntilExpiration: new(int64(3600)),
		Claims:                 map[string]string{"job": "sync"},
		MinRemainingTTLSeconds: new(int64(240)),
	})
	require.NoError(t, err)
	assert.Equal(t, testTokenID, tok.ID)
	assert.Equal(t, "machine_to_machine_token", tok.Object)
	assert.Equal(t, testToken, tok.Token.Reveal())
	assert.Equal(t, testMachine, tok.Subject)
	assert.Equal(t, testMachine, tok.MachineID())
	assert.Equal(t, SubjectMachine, tok.SubjectKind())
	assert.Equal(t, []string{testMachine2}, tok.Scopes)
	assert.True(t, tok.HasScope(testMachine2))
	assert.Equal(t, time.UnixMilli(1700003600000).UTC(), *tok.Expiration)
	assert.Nil(t, tok.LastUsedAt)
	assert.Equal(t, t0, tok.CreatedAt)
	var claims struct{ Job string }
	require.NoError(t, tok.Claims.Decode(&claims))
	assert.Equal(t, "sync", claims.Job)
}

func TestM2MCreateMinimalAndJWT(t *testing.T) {
	m, srv := spectest.Setup[M2MTokenService](t, spectest.WithResponseValidation())
	var bodies []map[string]any
	srv.Mux.HandleFunc("POST /m2m_tokens", func(w http.ResponseWriter, r *http.Request) {
		bodies = append(bodies, spectest.ReadJSON(t, r))
		spectest.WriteJSON(w, http.StatusCreated, with(m2mFixture(testTokenID), "token", testToken))
	})
	_, err := m.Create(context.Background(), &CreateM2MTokenParams{MachineSecretKey: NewSecret(testMachKey)})
	require.NoError(t, err)
	_, err = m.Create(context.Background(), &CreateM2MTokenParams{MachineSecretKey: NewSecret(testMachKey), TokenFormat: TokenFormatJWT})
	require.NoError(t, err)
	assert.Equal(t, []map[string]any{{}, {"token_format": "jwt"}}, bodies)
}

// TestM2MCreateErrorHidesMachineKey: a server that echoes the bearer in its
// error does not get it into the caller's error.
func TestM2MCreateErrorHidesMachineKey(t *testing.T) {
	svc, srv := spectest.Setup[M2MTokenService](t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /m2m_tokens", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, http.StatusBadRequest, apiError("machine_secret_key_invalid", "machine key "+testMachKey+" is not valid"))
	})
	_, err := svc.Create(context.Background(), &CreateM2MTokenParams{MachineSecretKey: NewSecret(testMachKey)})
	require.Error(t, err)
	assert.ErrorIs(t, err, internal.ErrBadRequest)
	assert.NotContains(t, err.Error(), testMachKey)
	assert.NotContains(t, fmt.Sprintf("%+v %#v", err, err), testMachKey)
	var ae *internal.APIError
	require.ErrorAs(t, err, &ae)
	assert.True(t, ae.HasCode("machine_secret_key_invalid"))
	assert.Equal(t, "machine key [redacted] is not valid", ae.Errors[0].Message)
}

func TestM2MList(t *testing.T) {
	svc, srv := spectest.Setup[M2MTokenService](t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /m2m_tokens", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "Bearer "+testSecretKey, r.Header.Get("Authorization"))
		assert.Equal(t, url.Values{
			"subject": {testMachine}, "revoked": {"true"}, "expired": {"false"}, "limit": {"2"}, "offset": {"0"},
		}, r.URL.Query())
		spectest.WriteJSON(w, http.StatusOK, map[string]any{
			"m2m_tokens":  []any{m2mFixture(testTokenID), with(m2mFixture("mt_00000000000000000000000000000001"), "revoked", true, "revocation_reason", "rotated")},
			"total_count": 5,
		})
	})
	page, err := svc.List(context.Background(), &ListM2MTokensParams{
		Subject: testMachine, Revoked: new(true), Expired: new(false), Limit: new(2), Offset: new(0),
	})
	require.NoError(t, err)
	assert.EqualValues(t, 5, page.TotalCount)
	require.Len(t, page.Data, 2)
	assert.Equal(t, testTokenID, page.Data[0].ID)
	assert.True(t, page.Data[0].Token.IsZero())
	assert.True(t, page.Data[1].Revoked)
	assert.Equal(t, "rotated", page.Data[1].RevocationReason)
}

// TestListShapes: the API key list answers {data, total_count}, the M2M
// token list {m2m_tokens, total_count}; each service reads its own, and a
// body under the other key is clerk.ErrInvalidResponse (not a page of no
// items).
func TestListShapes(t *testing.T) {
	tests := []struct {
		name    string
		listKey string
		m2m     bool
		want    int // -1: ErrInvalidResponse
	}{
		{"api keys under data", "data", false, 3},
		{"api keys under m2m_tokens", "m2m_tokens", false, -1},
		{"m2m tokens under m2m_tokens", "m2m_tokens", true, 3},
		{"m2m tokens under data", "data", true, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, m, _, srv := setup(t)
			p := newPaged(3)
			if tt.m2m {
				srv.Mux.HandleFunc("GET /m2m_tokens", p.handler(t, tt.listKey, m2mFixture, "mt"))
				page, err := m.List(context.Background(), &ListM2MTokensParams{Subject: testMachine, Limit: new(10)})
				if tt.want < 0 {
					assert.Nil(t, page)
					assert.ErrorIs(t, err, internal.ErrInvalidResponse)
					return
				}
				require.NoError(t, err)
				assert.Len(t, page.Data, tt.want)
				assert.EqualValues(t, 3, page.TotalCount)
				return
			}
			srv.Mux.HandleFunc("GET /api_keys", p.handler(t, tt.listKey, apiKeyFixture, "ak"))
			page, err := s.List(context.Background(), &ListParams{Subject: testUser, Limit: new(10)})
			if tt.want < 0 {
				assert.Nil(t, page)
				assert.ErrorIs(t, err, internal.ErrInvalidResponse)
				return
			}
			require.NoError(t, err)
			assert.Len(t, page.Data, tt.want)
			assert.EqualValues(t, 3, page.TotalCount)
		})
	}
}

func TestM2MAll(t *testing.T) {
	svc, srv := spectest.Setup[M2MTokenService](t)
	p := newPaged(1234)
	srv.Mux.HandleFunc("GET /m2m_tokens", p.handler(t, "m2m_tokens", m2mFixture, "mt"))
	n := 0
	for tok, err := range svc.All(context.Background(), &ListM2MTokensParams{Subject: testMachine}) {
		require.NoError(t, err)
		require.Equal(t, fmt.Sprintf("mt_%032x", n), tok.ID)
		n++
	}
	assert.Equal(t, 1234, n)
	assert.Len(t, p.limits, 13)
	for i := range p.limits {
		assert.Equal(t, 100, p.limits[i])
		assert.Equal(t, i*100, p.offsets[i])
	}

	// break stops fetching; an error is yielded once.
	before := srv.Count("GET", "/v1/m2m_tokens")
	for range svc.All(context.Background(), &ListM2MTokensParams{Subject: testMachine}) {
		break
	}
	assert.Equal(t, before+1, srv.Count("GET", "/v1/m2m_tokens"))
	p.failAt = 100
	errs := 0
	for _, err := range svc.All(context.Background(), &ListM2MTokensParams{Subject: testMachine}) {
		if err != nil {
			errs++
		}
	}
	assert.Equal(t, 1, errs)
}

func TestM2MRevoke(t *testing.T) {
	m, srv := spectest.Setup[M2MTokenService](t, spectest.WithResponseValidation())
	var bodies []map[string]any
	srv.Mux.HandleFunc("POST /m2m_tokens/{m2m_token_id}/revoke", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, testTokenID, r.PathValue("m2m_token_id"))
		body := spectest.ReadJSON(t, r)
		bodies = append(bodies, body)
		reason, _ := body["revocation_reason"].(string)
		spectest.WriteJSON(w, http.StatusOK, with(m2mFixture(testTokenID), "revoked", true, "revocation_reason", reason))
	})
	tok, err := m.Revoke(context.Background(), testTokenID, &RevokeParams{RevocationReason: new("rotated")})
	require.NoError(t, err)
	assert.True(t, tok.Revoked)
	assert.Equal(t, "rotated", tok.RevocationReason)
	_, err = m.Revoke(context.Background(), testTokenID, nil)
	require.NoError(t, err)
	assert.Equal(t, []map[string]any{{"revocation_reason": "rotated"}, {}}, bodies)
}

func TestM2MVerify(t *testing.T) {
	m, srv := spectest.Setup[M2MTokenService](t, spectest.WithResponseValidation(), withClock(newClock().Now))
	srv.Mux.HandleFunc("POST /m2m_tokens/verify", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "Bearer "+testSecretKey, r.Header.Get("Authorization"))
		body := spectest.ReadJSON(t, r)
		if body["token"] != testToken {
			spectest.WriteJSON(w, http.StatusNotFound, apiError("token_not_found", "token "+body["token"].(string)+" not found"))
			return
		}
		assert.Equal(t, map[string]any{"token": testToken}, body)
		spectest.WriteJSON(w, http.StatusOK, m2mFixture(testTokenID))
	})
	tok, err := m.Verify(context.Background(), testToken)
	require.NoError(t, err)
	assert.Equal(t, testTokenID, tok.ID)
	assert.Equal(t, testMachine, tok.MachineID())
	assert.Equal(t, []string{testMachine2}, tok.Scopes)
	assert.True(t, tok.Token.IsZero())

	const other = "mt_OtherSecretTokenThatIsUnknown000000000"
	_, err = m.Verify(context.Background(), other)
	require.Error(t, err)
	assert.ErrorIs(t, err, internal.ErrNotFound)
	assert.ErrorIs(t, err, ErrInvalidToken)
	var ae *internal.APIError
	require.ErrorAs(t, err, &ae)
	assert.True(t, ae.HasCode("token_not_found"))
	assert.NotContains(t, err.Error(), other)
	assert.Equal(t, "token [redacted] not found", ae.Errors[0].Message)
}

func TestM2MTokenJSONRoundTrip(t *testing.T) {
	tok, m := roundTrip[M2MToken](t, with(m2mFixture(testTokenID), "token", testToken, "last_used_at", int64(1700000005000)))
	assert.Equal(t, testToken, tok.Token.Reveal())
	assert.Equal(t, time.UnixMilli(1700000005000).UTC(), *tok.LastUsedAt)
	assert.Equal(t, float64(1700003600000), m["expiration"])
	assert.Equal(t, float64(1700000000000), m["created_at"])
}

// TestM2MCreateWithTheClientsMachineKey: over a transport core built with a
// machine's secret key (as clerk.NewMachine and clerk.WithMachineSecretKey
// build the M2M-token service's), Create needs no key in its params (params
// may be nil) and authenticates with the core's; over an instance key's
// core, a missing key sends the instance key, as Clerk's JS SDK does, and
// Clerk answers (here a 403, which comes back as it is).
func TestM2MCreateWithTheClientsMachineKey(t *testing.T) {
	core, srv := spectest.NewClient(t, spectest.WithResponseValidation(),
		spectest.WithClientConfig(func(c *internal.Config) { c.SecretKey = testMachKey }))
	var auth []string
	srv.Mux.HandleFunc("POST /m2m_tokens", func(w http.ResponseWriter, r *http.Request) {
		auth = append(auth, r.Header.Get("Authorization"))
		spectest.ReadJSON(t, r)
		spectest.WriteJSON(w, http.StatusCreated, with(m2mFixture(testTokenID), "token", testToken))
	})
	m := spectest.Service[M2MTokenService](core)
	for _, params := range []*CreateM2MTokenParams{nil, {TokenFormat: TokenFormatJWT}, {MachineSecretKey: NewSecret("ak_other_machine_key")}} {
		tok, err := m.Create(context.Background(), params)
		require.NoError(t, err)
		assert.Equal(t, testToken, tok.Token.Reveal())
	}
	assert.Equal(t, []string{"Bearer " + testMachKey, "Bearer " + testMachKey, "Bearer ak_other_machine_key"}, auth,
		"the client's machine key, unless the params carry another")

	plain, srv2 := spectest.Setup[M2MTokenService](t)
	var instanceAuth []string
	srv2.Mux.HandleFunc("POST /m2m_tokens", func(w http.ResponseWriter, r *http.Request) {
		instanceAuth = append(instanceAuth, r.Header.Get("Authorization"))
		spectest.WriteError(w, http.StatusForbidden, "authorization_invalid")
	})
	for _, params := range []*CreateM2MTokenParams{nil, {TokenFormat: TokenFormatJWT}} {
		_, err := plain.Create(context.Background(), params)
		assert.ErrorIs(t, err, internal.ErrForbidden)
	}
	assert.Equal(t, []string{"Bearer " + spectest.SecretKey, "Bearer " + spectest.SecretKey}, instanceAuth,
		"without a machine key, the instance key")
}
