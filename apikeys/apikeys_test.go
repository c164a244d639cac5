package apikeys

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestCreate(t *testing.T) {
	svc, srv := spectest.Setup[Service](t, spectest.WithResponseValidation())
	var body map[string]any
	srv.Mux.HandleFunc("POST /api_keys", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, http.MethodPost, r.Method)
		body = spectest.ReadJSON(t, r)
		spectest.WriteJSON(w, http.StatusOK, with(apiKeyFixture(testKeyID), "secret", testSecret,
			"expiration", int64(1700086400000)))
	})
	k, err := svc.Create(context.Background(), &CreateParams{
		Name:                   "Production API Key",
		Subject:                testUser,
		Type:                   new("api_key"),
		Description:            new("for the billing service"),
		Claims:                 map[string]any{"tier": "gold"},
		Scopes:                 []string{"users:read", "users:write"},
		CreatedBy:              new(testUser2),
		SecondsUntilExpiration: new(int64(86400)),
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"name": "Production API Key", "subject": testUser, "type": "api_key",
		"description": "for the billing service", "claims": map[string]any{"tier": "gold"},
		"scopes": []any{"users:read", "users:write"}, "created_by": testUser2,
		"seconds_until_expiration": float64(86400),
	}, body)

	assert.Equal(t, testKeyID, k.ID)
	assert.Equal(t, "api_key", k.Object)
	assert.Equal(t, "api_key", k.Type)
	assert.Equal(t, testSecret, k.Secret.Reveal())
	assert.Equal(t, testUser, k.Subject)
	assert.Equal(t, testUser, k.UserID())
	assert.Equal(t, SubjectUser, k.SubjectKind())
	assert.Empty(t, k.OrganizationID())
	assert.Empty(t, k.MachineID())
	assert.Equal(t, []string{"users:read", "users:write"}, k.Scopes)
	assert.True(t, k.HasScope("users:write"))
	assert.False(t, k.HasScope("users:delete"))
	assert.Equal(t, "for the billing service", k.Description)
	assert.Equal(t, testUser2, k.CreatedBy)
	assert.Empty(t, k.RevocationReason)
	assert.False(t, k.Revoked)
	assert.False(t, k.Expired)
	require.NotNil(t, k.Expiration)
	assert.Equal(t, time.UnixMilli(1700086400000).UTC(), *k.Expiration)
	require.NotNil(t, k.LastUsedAt)
	assert.Equal(t, time.UnixMilli(1700000002000).UTC(), *k.LastUsedAt)
	assert.Equal(t, t0, k.CreatedAt)
	assert.Equal(t, t0.Add(time.Second), k.UpdatedAt)
	var claims struct {
		Tier string `json:"tier"`
		N    int    `json:"n"`
	}
	require.NoError(t, k.Claims.Decode(&claims))
	assert.Equal(t, "gold", claims.Tier)
	assert.Equal(t, 3, claims.N)
}

func TestCreateMinimal(t *testing.T) {
	svc, srv := spectest.Setup[Service](t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /api_keys", func(w http.ResponseWriter, r *http.Request) {
		body := spectest.ReadJSON(t, r)
		assert.Equal(t, map[string]any{"name": "ci-bot", "subject": testOrg}, body)
		spectest.WriteJSON(w, http.StatusOK, with(apiKeyFixture(testKeyID), "secret", testSecret, "subject", testOrg,
			"name", "ci-bot", "claims", nil, "scopes", []string{}, "description", nil, "created_by", nil, "last_used_at", nil))
	})
	k, err := svc.Create(context.Background(), &CreateParams{Name: "ci-bot", Subject: testOrg})
	require.NoError(t, err)
	assert.Equal(t, testOrg, k.OrganizationID())
	assert.Equal(t, SubjectOrganization, k.SubjectKind())
	assert.True(t, k.Claims.IsZero())
	assert.Empty(t, k.Scopes)
	assert.Empty(t, k.Description)
	assert.Empty(t, k.CreatedBy)
	assert.Nil(t, k.LastUsedAt)
	assert.Nil(t, k.Expiration)
}

func TestInvalidParams(t *testing.T) {
	s, m, _, srv := setup(t)
	ctx := context.Background()
	bad := []string{"", "a/b", "..", "a b", "a?b", "a#b", "a%2Fb"}
	tests := []struct {
		name string
		call func() error
	}{
		{"create nil", func() error { _, err := s.Create(ctx, nil); return err }},
		{"create no name", func() error { _, err := s.Create(ctx, &CreateParams{Subject: testUser}); return err }},
		{"create no subject", func() error { _, err := s.Create(ctx, &CreateParams{Name: "abc"}); return err }},
		{"list nil", func() error { _, err := s.List(ctx, nil); return err }},
		{"list no subject", func() error { _, err := s.List(ctx, &ListParams{Limit: new(10)}); return err }},
		{"list limit 0", func() error { _, err := s.List(ctx, &ListParams{Subject: testUser, Limit: new(0)}); return err }},
		{"list limit 101", func() error { _, err := s.List(ctx, &ListParams{Subject: testUser, Limit: new(101)}); return err }},
		{"list offset -1", func() error { _, err := s.List(ctx, &ListParams{Subject: testUser, Offset: new(-1)}); return err }},
		{"all no subject", func() error {
			for _, err := range s.All(ctx, nil) {
				return err
			}
			return nil
		}},
		{"m2m create key with newline", func() error {
			_, err := m.Create(ctx, &CreateM2MTokenParams{MachineSecretKey: NewSecret("ak_x\r\nX-Evil: 1")})
			return err
		}},
		{"m2m list nil", func() error { _, err := m.List(ctx, nil); return err }},
		{"m2m list limit 500", func() error {
			_, err := m.List(ctx, &ListM2MTokensParams{Subject: testMachine, Limit: new(500)})
			return err
		}},
		{"verify empty", func() error { _, err := s.Verify(ctx, ""); return err }},
		{"verify huge", func() error { _, err := s.Verify(ctx, "ak_"+strings.Repeat("x", 5000)); return err }},
		{"m2m verify empty", func() error { _, err := m.Verify(ctx, ""); return err }},
	}
	for _, id := range bad {
		tests = append(tests,
			struct {
				name string
				call func() error
			}{"get " + strconv.Quote(id), func() error { _, err := s.Get(ctx, id); return err }},
			struct {
				name string
				call func() error
			}{"update " + strconv.Quote(id), func() error { _, err := s.Update(ctx, id, nil); return err }},
			struct {
				name string
				call func() error
			}{"revoke " + strconv.Quote(id), func() error { _, err := s.Revoke(ctx, id, nil); return err }},
			struct {
				name string
				call func() error
			}{"delete " + strconv.Quote(id), func() error { return s.Delete(ctx, id) }},
			struct {
				name string
				call func() error
			}{"secret " + strconv.Quote(id), func() error { _, err := s.Secret(ctx, id); return err }},
			struct {
				name string
				call func() error
			}{"m2m revoke " + strconv.Quote(id), func() error { _, err := m.Revoke(ctx, id, nil); return err }},
		)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			require.Error(t, err)
			assert.ErrorIs(t, err, internal.ErrInvalidParams)
		})
	}
	assert.Empty(t, srv.Operations(), "no request may reach the server")
}

func TestVerifyLocalRejectionsAreInvalidToken(t *testing.T) {
	s, m, _, _ := setup(t)
	_, err := s.Verify(context.Background(), "")
	assert.ErrorIs(t, err, ErrInvalidToken)
	_, err = m.Verify(context.Background(), strings.Repeat("m", maxTokenLen+1))
	assert.ErrorIs(t, err, ErrInvalidToken)
}

func TestGet(t *testing.T) {
	s, srv := spectest.Setup[Service](t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /api_keys/{apiKeyID}", func(w http.ResponseWriter, r *http.Request) {
		if id := r.PathValue("apiKeyID"); id != testKeyID {
			spectest.WriteError(w, http.StatusNotFound, "resource_not_found")
			return
		}
		spectest.WriteJSON(w, http.StatusOK, with(apiKeyFixture(testKeyID), "revoked", true, "revocation_reason", "leaked"))
	})
	k, err := s.Get(context.Background(), testKeyID)
	require.NoError(t, err)
	assert.Equal(t, testKeyID, k.ID)
	assert.True(t, k.Secret.IsZero())
	assert.True(t, k.Revoked)
	assert.Equal(t, "leaked", k.RevocationReason)
	m, err := k.Claims.Map()
	require.NoError(t, err)
	assert.Equal(t, Metadata{"tier": "gold", "n": float64(3)}, m)

	_, err = s.Get(context.Background(), testKeyID2)
	assert.ErrorIs(t, err, internal.ErrNotFound)
	var ae *internal.APIError
	require.ErrorAs(t, err, &ae)
	assert.True(t, ae.HasCode("resource_not_found"))
}

func TestList(t *testing.T) {
	svc, srv := spectest.Setup[Service](t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /api_keys", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, url.Values{
			"subject": {testUser}, "type": {"api_key"}, "include_invalid": {"true"},
			"query": {"prod"}, "limit": {"2"}, "offset": {"4"},
		}, r.URL.Query())
		spectest.WriteJSON(w, http.StatusOK, map[string]any{
			"data":        []any{apiKeyFixture(testKeyID), with(apiKeyFixture(testKeyID2), "revoked", true)},
			"total_count": 7,
		})
	})
	page, err := svc.List(context.Background(), &ListParams{
		Subject: testUser, Type: new("api_key"), IncludeInvalid: new(true),
		Query: new("prod"), Limit: new(2), Offset: new(4),
	})
	require.NoError(t, err)
	assert.EqualValues(t, 7, page.TotalCount)
	require.Len(t, page.Data, 2)
	assert.Equal(t, testKeyID, page.Data[0].ID)
	assert.Equal(t, testKeyID2, page.Data[1].ID)
	assert.True(t, page.Data[1].Revoked)
	assert.Equal(t, t0, page.Data[0].CreatedAt)
}

func TestListIncludeInvalidFalseIsSent(t *testing.T) {
	svc, srv := spectest.Setup[Service](t)
	srv.Mux.HandleFunc("GET /api_keys", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, url.Values{"subject": {testUser}, "include_invalid": {"false"}}, r.URL.Query())
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"data": []any{}, "total_count": 0})
	})
	page, err := svc.List(context.Background(), &ListParams{Subject: testUser, IncludeInvalid: new(false)})
	require.NoError(t, err)
	assert.Empty(t, page.Data)
}

// pagedKeys serves n items (API keys, M2M tokens or machines) with offset
// paging, recording the limit and offset of each request.
type pagedKeys struct {
	n       int
	failAt  int // offset at which to answer 500, or -1
	mu      chan struct{}
	limits  []int
	offsets []int
}

func (p *pagedKeys) handler(t *testing.T, listKey string, fixture func(string) map[string]any, prefix string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		limit, _ := strconv.Atoi(q.Get("limit"))
		offset, _ := strconv.Atoi(q.Get("offset"))
		p.mu <- struct{}{}
		p.limits = append(p.limits, limit)
		p.offsets = append(p.offsets, offset)
		<-p.mu
		if offset == p.failAt {
			spectest.WriteError(w, http.StatusBadRequest, "boom")
			return
		}
		items := []any{}
		for i := offset; i < offset+limit && i < p.n; i++ {
			items = append(items, fixture(fmt.Sprintf("%s_%032x", prefix, i)))
		}
		spectest.WriteJSON(w, http.StatusOK, map[string]any{listKey: items, "total_count": p.n})
	}
}

func newPaged(n int) *pagedKeys { return &pagedKeys{n: n, failAt: -1, mu: make(chan struct{}, 1)} }

func TestAll(t *testing.T) {
	t.Run("to the end in pages of 100", func(t *testing.T) {
		svc, srv := spectest.Setup[Service](t)
		p := newPaged(2550)
		srv.Mux.HandleFunc("GET /api_keys", p.handler(t, "data", apiKeyFixture, "ak"))
		params := &ListParams{Subject: testUser}
		n := 0
		for k, err := range svc.All(context.Background(), params) {
			require.NoError(t, err)
			require.Equal(t, fmt.Sprintf("ak_%032x", n), k.ID)
			n++
		}
		assert.Equal(t, 2550, n)
		assert.Len(t, p.limits, 26)
		for i := range p.limits {
			assert.Equal(t, 100, p.limits[i])
			assert.Equal(t, i*100, p.offsets[i])
		}
		assert.Equal(t, &ListParams{Subject: testUser}, params, "the caller's params are not changed")
	})
	t.Run("caller's limit and offset", func(t *testing.T) {
		svc, srv := spectest.Setup[Service](t)
		p := newPaged(100)
		srv.Mux.HandleFunc("GET /api_keys", p.handler(t, "data", apiKeyFixture, "ak"))
		params := &ListParams{Subject: testUser, Limit: new(30), Offset: new(10)}
		n := 0
		for _, err := range svc.All(context.Background(), params) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 90, n)
		assert.Equal(t, []int{30, 30, 30}, p.limits)
		assert.Equal(t, []int{10, 40, 70}, p.offsets)
		assert.Equal(t, 30, *params.Limit)
		assert.Equal(t, 10, *params.Offset)
	})
	t.Run("break stops fetching", func(t *testing.T) {
		svc, srv := spectest.Setup[Service](t)
		p := newPaged(1000)
		srv.Mux.HandleFunc("GET /api_keys", p.handler(t, "data", apiKeyFixture, "ak"))
		n := 0
		for _, err := range svc.All(context.Background(), &ListParams{Subject: testUser}) {
			require.NoError(t, err)
			if n++; n == 150 {
				break
			}
		}
		assert.Equal(t, 2, srv.Count("GET", "/v1/api_keys"))
	})
	t.Run("error mid-way is yielded once", func(t *testing.T) {
		svc, srv := spectest.Setup[Service](t)
		p := newPaged(1000)
		p.failAt = 200
		srv.Mux.HandleFunc("GET /api_keys", p.handler(t, "data", apiKeyFixture, "ak"))
		n, errs := 0, 0
		for k, err := range svc.All(context.Background(), &ListParams{Subject: testUser}) {
			if err != nil {
				errs++
				assert.ErrorIs(t, err, internal.ErrBadRequest)
				assert.Nil(t, k)
				continue
			}
			n++
		}
		assert.Equal(t, 200, n)
		assert.Equal(t, 1, errs)
		assert.Equal(t, 3, srv.Count("GET", "/v1/api_keys"))
	})
}

// TestAllSurvivesRevokes: revoking, inside the loop, every key that All
// yields revokes them all, although a revoked key leaves the list (it lists
// valid keys only) and the walk pages by offset; the same for M2M tokens.
func TestAllSurvivesRevokes(t *testing.T) {
	s, m, _, srv := setup(t)
	var mu sync.Mutex
	live := map[string][]string{} // prefix -> the IDs still listed, in order
	for _, prefix := range []string{"ak", "mt"} {
		for i := range 250 {
			live[prefix] = append(live[prefix], fmt.Sprintf("%s_%032x", prefix, i))
		}
	}
	list := func(prefix, listKey string, fixture func(string) map[string]any) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
			offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
			mu.Lock()
			defer mu.Unlock()
			ids := live[prefix]
			items := []any{}
			for _, id := range ids[min(offset, len(ids)):min(offset+limit, len(ids))] {
				items = append(items, fixture(id))
			}
			spectest.WriteJSON(w, http.StatusOK, map[string]any{listKey: items, "total_count": len(ids)})
		}
	}
	revoke := func(prefix, pathID string, fixture func(string) map[string]any) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			id := r.PathValue(pathID)
			mu.Lock()
			live[prefix] = slices.DeleteFunc(live[prefix], func(x string) bool { return x == id })
			mu.Unlock()
			spectest.WriteJSON(w, http.StatusOK, with(fixture(id), "revoked", true))
		}
	}
	srv.Mux.HandleFunc("GET /api_keys", list("ak", "data", apiKeyFixture))
	srv.Mux.HandleFunc("POST /api_keys/{apiKeyID}/revoke", revoke("ak", "apiKeyID", apiKeyFixture))
	srv.Mux.HandleFunc("GET /m2m_tokens", list("mt", "m2m_tokens", m2mFixture))
	srv.Mux.HandleFunc("POST /m2m_tokens/{m2m_token_id}/revoke", revoke("mt", "m2m_token_id", m2mFixture))

	ctx := context.Background()
	n := 0
	for k, err := range s.All(ctx, &ListParams{Subject: testUser}) {
		require.NoError(t, err)
		_, err = s.Revoke(ctx, k.ID, nil)
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 250, n)
	n = 0
	for tok, err := range m.All(ctx, &ListM2MTokensParams{Subject: testMachine}) {
		require.NoError(t, err)
		_, err = m.Revoke(ctx, tok.ID, nil)
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 250, n)
	assert.Empty(t, live["ak"], "every key was revoked")
	assert.Empty(t, live["mt"], "every token was revoked")
}

func TestUpdate(t *testing.T) {
	tests := []struct {
		name   string
		params *UpdateParams
		want   map[string]any
	}{
		{"nil params send an empty object", nil, map[string]any{}},
		{"every field", &UpdateParams{
			Claims: map[string]any{"a": 1}, Scopes: []string{"x"}, Description: new("d"),
			Subject: new(testOrg), SecondsUntilExpiration: new(int64(60)),
		}, map[string]any{
			"claims": map[string]any{"a": float64(1)}, "scopes": []any{"x"}, "description": "d",
			"subject": testOrg, "seconds_until_expiration": float64(60),
		}},
		{"empty scopes clear them", &UpdateParams{Scopes: []string{}}, map[string]any{"scopes": []any{}}},
		{"null claims clear them", &UpdateParams{Claims: json.RawMessage("null")}, map[string]any{"claims": nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := spectest.Setup[Service](t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("PATCH /api_keys/{apiKeyID}", func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, testKeyID, r.PathValue("apiKeyID"))
				assert.Equal(t, tt.want, spectest.ReadJSON(t, r))
				spectest.WriteJSON(w, http.StatusOK, with(apiKeyFixture(testKeyID), "scopes", []string{"x"}))
			})
			k, err := svc.Update(context.Background(), testKeyID, tt.params)
			require.NoError(t, err)
			assert.Equal(t, []string{"x"}, k.Scopes)
		})
	}
}

func TestRevoke(t *testing.T) {
	tests := []struct {
		name   string
		params *RevokeParams
		want   map[string]any
	}{
		{"nil params", nil, map[string]any{}},
		{"with reason", &RevokeParams{RevocationReason: new("leaked")}, map[string]any{"revocation_reason": "leaked"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := spectest.Setup[Service](t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc("POST /api_keys/{apiKeyID}/revoke", func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, testKeyID, r.PathValue("apiKeyID"))
				body := spectest.ReadJSON(t, r)
				assert.Equal(t, tt.want, body)
				reason, _ := body["revocation_reason"].(string)
				spectest.WriteJSON(w, http.StatusOK, with(apiKeyFixture(testKeyID), "revoked", true, "revocation_reason", reason))
			})
			k, err := svc.Revoke(context.Background(), testKeyID, tt.params)
			require.NoError(t, err)
			assert.True(t, k.Revoked)
			if tt.params != nil {
				assert.Equal(t, "leaked", k.RevocationReason)
			}
		})
	}
}

func TestDelete(t *testing.T) {
	s, srv := spectest.Setup[Service](t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("DELETE /api_keys/{apiKeyID}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("apiKeyID") != testKeyID {
			spectest.WriteError(w, http.StatusNotFound, "resource_not_found")
			return
		}
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"id": testKeyID, "object": "api_key", "deleted": true})
	})
	require.NoError(t, s.Delete(context.Background(), testKeyID))
	assert.Equal(t, 1, srv.Count("DELETE", "/v1/api_keys/"+testKeyID))
	assert.ErrorIs(t, s.Delete(context.Background(), testKeyID2), internal.ErrNotFound)
}

func TestSecret(t *testing.T) {
	svc, srv := spectest.Setup[Service](t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /api_keys/{apiKeyID}/secret", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, testKeyID, r.PathValue("apiKeyID"))
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"secret": testSecret})
	})
	secret, err := svc.Secret(context.Background(), testKeyID)
	require.NoError(t, err)
	assert.Equal(t, testSecret, secret.Reveal())
	assert.Equal(t, redacted, fmt.Sprint(secret), "the secret prints redacted")

	// An answer without a secret is an error, not an empty secret.
	for _, body := range []string{`{"secret":""}`, `{"secret":null}`, `{}`, `null`} {
		svc, srv := spectest.Setup[Service](t)
		srv.Mux.HandleFunc("GET /api_keys/{apiKeyID}/secret", func(w http.ResponseWriter, r *http.Request) {
			spectest.WriteJSON(w, http.StatusOK, body)
		})
		secret, err := svc.Secret(context.Background(), testKeyID)
		assert.ErrorIs(t, err, internal.ErrInvalidResponse, body)
		assert.True(t, secret.IsZero(), body)
	}
}

func TestVerify(t *testing.T) {
	// The fixture's expiration (t0 plus a day) is in the past by the wall
	// clock: verify at t0.
	s, srv := spectest.Setup[Service](t, spectest.WithResponseValidation(), withClock(newClock().Now))
	srv.Mux.HandleFunc("POST /api_keys/verify", func(w http.ResponseWriter, r *http.Request) {
		body := spectest.ReadJSON(t, r)
		if body["secret"] != testSecret {
			spectest.WriteJSON(w, http.StatusNotFound, apiError("api_key_not_found", "API key not found"))
			return
		}
		assert.Equal(t, map[string]any{"secret": testSecret}, body)
		spectest.WriteJSON(w, http.StatusOK, with(apiKeyFixture(testKeyID), "expiration", int64(1700086400000)))
	})
	k, err := s.Verify(context.Background(), testSecret)
	require.NoError(t, err)
	assert.Equal(t, testKeyID, k.ID)
	assert.Equal(t, testUser, k.UserID())
	assert.Equal(t, []string{"users:read", "users:write"}, k.Scopes)
	assert.True(t, k.Secret.IsZero())
	assert.Equal(t, time.UnixMilli(1700086400000).UTC(), *k.Expiration)

	_, err = s.Verify(context.Background(), "ak_unknown_secret")
	require.Error(t, err)
	assert.ErrorIs(t, err, internal.ErrNotFound)
	assert.ErrorIs(t, err, ErrInvalidToken)
	var ae *internal.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusNotFound, ae.StatusCode)
	assert.True(t, ae.HasCode("api_key_not_found"))
	assert.Equal(t, "API key not found", ae.Errors[0].Message)
	assert.Contains(t, err.Error(), "api_key_not_found")
}

// TestVerifyRejections covers answers that are, and are not, the token's
// fault. The server here has no response validation: 401 and 500 are not
// declared by the spec for these operations, yet a real server sends them.
func TestVerifyRejections(t *testing.T) {
	tests := []struct {
		name         string
		status       int
		body         any
		invalidToken bool
		sentinel     error
	}{
		{"404 unknown", 404, apiError("not_found", "not_found"), true, internal.ErrNotFound},
		{"400 malformed", 400, apiError("bad_request", "bad_request"), true, internal.ErrBadRequest},
		{"401 bad instance key", 401, apiError("authentication_invalid", "authentication_invalid"), false, internal.ErrUnauthorized},
		{"429", 429, apiError("too_many_requests", "too_many_requests"), false, internal.ErrRateLimited},
		{"500", 500, apiError("internal_clerk_error", "internal_clerk_error"), false, nil},
		{"200 but revoked", 200, with(apiKeyFixture(testKeyID), "revoked", true, "revocation_reason", "leaked"), true, nil},
		{"200 but expired", 200, with(apiKeyFixture(testKeyID), "expired", true), true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := spectest.Setup[Service](t, noRetries())
			srv.Mux.HandleFunc("POST /api_keys/verify", func(w http.ResponseWriter, r *http.Request) {
				spectest.WriteJSON(w, tt.status, tt.body)
			})
			k, err := svc.Verify(context.Background(), testSecret)
			require.Error(t, err)
			assert.Nil(t, k)
			assert.Equal(t, tt.invalidToken, errors.Is(err, ErrInvalidToken), "ErrInvalidToken? %v", err)
			if tt.sentinel != nil {
				assert.ErrorIs(t, err, tt.sentinel)
			}
			assert.NotContains(t, err.Error(), testSecret)
		})
	}
}

func TestAPIKeyJSONRoundTrip(t *testing.T) {
	_, m := roundTrip[APIKey](t, with(apiKeyFixture(testKeyID), "secret", testSecret, "expiration", int64(1700086400000)))
	assert.Equal(t, float64(1700000000000), m["created_at"])
	assert.Equal(t, float64(1700086400000), m["expiration"])
	assert.Equal(t, map[string]any{"tier": "gold", "n": float64(3)}, m["claims"])

	// Optional times absent or null read as nil; null claims as empty;
	// written back as the API writes them, with no secret member.
	var z APIKey
	require.NoError(t, internal.Unmarshal([]byte(`{"id":"ak_1","claims":null,"expiration":null}`), &z))
	assert.Nil(t, z.Expiration)
	assert.Nil(t, z.LastUsedAt)
	assert.True(t, z.Claims.IsZero())
	out, err := internal.MarshalAPI(z)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"claims":null`)
	assert.Contains(t, string(out), `"expiration":null`)
	assert.NotContains(t, string(out), `"secret"`)
	// encoding/json writes the same absences.
	out, err = json.Marshal(z)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"claims":null`)
	assert.Contains(t, string(out), `"expiration":null`)
	assert.NotContains(t, string(out), `"secret"`)
}

// TestModelsMarshalledByUsersReadBack: a model that a user marshals with
// encoding/json has RFC 3339 times and a redacted secret, and reads back
// with the SDK's codec and with encoding/json (ARCHITECTURE.md, "Writing a
// model"); what comes back in the secret's place is "[redacted]".
func TestModelsMarshalledByUsersReadBack(t *testing.T) {
	key, tok, mach, _ := secretBearers(t)
	check := func(v, viaCodec, viaJSON any, secret string) {
		t.Helper()
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assert.NotContains(t, string(b), secret)
		assert.Contains(t, string(b), `"created_at":"2023-11-14T22:13:20Z"`)
		require.NoError(t, internal.Unmarshal(b, viaCodec))
		require.NoError(t, json.Unmarshal(b, viaJSON))
		assert.Equal(t, viaCodec, viaJSON)
	}
	var k1, k2 APIKey
	check(key, &k1, &k2, testSecret)
	assert.Equal(t, redacted, k1.Secret.Reveal())
	k1.Secret = key.Secret
	assert.Equal(t, key, k1, "all but the secret read back")
	var t1, t2 M2MToken
	check(tok, &t1, &t2, testToken)
	assert.Equal(t, tok.Expiration, t1.Expiration)
	var m1, m2 Machine
	check(mach, &m1, &m2, testMachKey)
	assert.Equal(t, mach.ScopedMachines[0].ID, m1.ScopedMachines[0].ID)
}

func TestClaims(t *testing.T) {
	var c Claims
	assert.True(t, c.IsZero())
	var into map[string]any
	require.NoError(t, c.Decode(&into))
	assert.Nil(t, into)
	m, err := c.Map()
	require.NoError(t, err)
	assert.Nil(t, m)

	c = Claims(`["a","b"]`)
	var list []string
	require.NoError(t, c.Decode(&list))
	assert.Equal(t, []string{"a", "b"}, list)
	_, err = c.Map()
	assert.Error(t, err, "an array is no object")
	assert.Equal(t, `["a","b"]`, c.String())
}

func TestKindOf(t *testing.T) {
	tests := map[string]SubjectKind{
		testUser: SubjectUser, testOrg: SubjectOrganization, testMachine: SubjectMachine,
		"scim_1": SubjectSCIM, "sess_1": SubjectUnknown, "user": SubjectUnknown, "": SubjectUnknown,
	}
	for subject, want := range tests {
		assert.Equal(t, want, KindOf(subject), subject)
	}
	k := &APIKey{Subject: testMachine}
	assert.Equal(t, testMachine, k.MachineID())
	assert.Empty(t, k.UserID())
}

func TestRequestHeaders(t *testing.T) {
	svc, srv := spectest.Setup[Service](t)
	srv.Mux.HandleFunc("GET /api_keys/{apiKeyID}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "Bearer "+testSecretKey, r.Header.Get("Authorization"))
		spectest.WriteJSON(w, http.StatusOK, apiKeyFixture(testKeyID))
	})
	_, err := svc.Get(context.Background(), testKeyID)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.Count("GET", "/v1/api_keys/"+testKeyID))
}
