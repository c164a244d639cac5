package apikeys

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// fakeVerify answers POST /api_keys/verify and POST /m2m_tokens/verify from
// a table of known tokens; a revoked or unknown token gets a 404.
type fakeVerify struct {
	mu      sync.Mutex
	tokens  map[string]map[string]any // token -> fixture
	revoked map[string]bool           // token -> revoked out of band
	// entered receives (without blocking) when a verify request arrives;
	// release, when not nil, holds every verify request until closed.
	entered chan struct{}
	release chan struct{}
}

func newFakeVerify() *fakeVerify {
	return &fakeVerify{tokens: map[string]map[string]any{}, revoked: map[string]bool{}, entered: make(chan struct{}, 1)}
}

func (f *fakeVerify) add(token string, fixture map[string]any) {
	f.mu.Lock()
	f.tokens[token] = fixture
	f.mu.Unlock()
}

func (f *fakeVerify) revoke(token string) {
	f.mu.Lock()
	f.revoked[token] = true
	f.mu.Unlock()
}

func (f *fakeVerify) handler(t *testing.T, field string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token, _ := spectest.ReadJSON(t, r)[field].(string)
		select {
		case f.entered <- struct{}{}:
		default:
		}
		if f.release != nil {
			<-f.release
		}
		f.mu.Lock()
		fx, ok := f.tokens[token]
		if f.revoked[token] {
			ok = false
		}
		f.mu.Unlock()
		if !ok {
			spectest.WriteError(w, http.StatusNotFound, "not_found")
			return
		}
		spectest.WriteJSON(w, http.StatusOK, fx)
	}
}

// verifySetup serves both verify endpoints from one fakeVerify, to services
// whose cache reads a fake clock (and is sized by opts, withCache).
func verifySetup(t *testing.T, opts ...spectest.Option) (*spectest.Server, *fakeVerify, *Service, *M2MTokenService, *clock) {
	t.Helper()
	clk := newClock()
	s, m, _, srv := setup(t, append([]spectest.Option{withClock(clk.Now)}, opts...)...)
	f := newFakeVerify()
	srv.Mux.HandleFunc("POST /api_keys/verify", f.handler(t, "secret"))
	srv.Mux.HandleFunc("POST /m2m_tokens/verify", f.handler(t, "token"))
	return srv, f, s, m, clk
}

func verifyCount(srv *spectest.Server) int { return srv.Count("POST", "/v1/api_keys/verify") }
func m2mVerifyCount(srv *spectest.Server) int {
	return srv.Count("POST", "/v1/m2m_tokens/verify")
}

// TestVerifyCacheHit: verifying the same key twice within the TTL costs one
// API call, and each caller gets its own copy of the result.
func TestVerifyCacheHit(t *testing.T) {
	srv, f, s, m, _ := verifySetup(t, spectest.WithResponseValidation())
	f.add(testSecret, apiKeyFixture(testKeyID))
	f.add(testToken, m2mFixture(testTokenID))
	ctx := context.Background()

	a, err := s.Verify(ctx, testSecret)
	require.NoError(t, err)
	b, err := s.Verify(ctx, testSecret)
	require.NoError(t, err)
	assert.Equal(t, 1, verifyCount(srv))
	assert.Equal(t, a, b)
	assert.NotSame(t, a, b, "each caller gets a copy")
	a.Scopes[0] = "changed"
	a.Expiration = &t0
	c, err := s.Verify(ctx, testSecret)
	require.NoError(t, err)
	assert.Equal(t, "users:read", c.Scopes[0], "a caller's change does not reach the cache")
	assert.Nil(t, c.Expiration)
	assert.Equal(t, 1, verifyCount(srv))

	for range 3 {
		tok, err := m.Verify(ctx, testToken)
		require.NoError(t, err)
		assert.Equal(t, testTokenID, tok.ID)
	}
	assert.Equal(t, 1, m2mVerifyCount(srv))
}

// TestVerifyCacheExpiry: a key revoked elsewhere keeps verifying until the
// TTL has passed, then stops; failures are not cached.
func TestVerifyCacheExpiry(t *testing.T) {
	for _, kind := range []string{"api key", "m2m token"} {
		t.Run(kind, func(t *testing.T) {
			srv, f, s, m, clk := verifySetup(t, spectest.WithResponseValidation())
			token, count, verify := testSecret, verifyCount, func() error { _, err := s.Verify(context.Background(), testSecret); return err }
			f.add(testSecret, apiKeyFixture(testKeyID))
			if kind == "m2m token" {
				token, count = testToken, m2mVerifyCount
				verify = func() error { _, err := m.Verify(context.Background(), testToken); return err }
				f.add(testToken, with(m2mFixture(testTokenID), "expiration", nil))
			}
			require.NoError(t, verify())
			f.revoke(token) // in the Dashboard, say
			clk.Advance(DefaultCacheTTL - time.Millisecond)
			require.NoError(t, verify(), "still cached: the documented revocation delay")
			assert.Equal(t, 1, count(srv))

			clk.Advance(time.Millisecond)
			err := verify()
			assert.ErrorIs(t, err, ErrInvalidToken)
			assert.Equal(t, 2, count(srv))
			assert.ErrorIs(t, verify(), ErrInvalidToken)
			assert.Equal(t, 3, count(srv), "failures are not cached")
		})
	}
}

// TestVerifyCacheTokenExpiration: an entry never outlives its token, and an
// answer whose expiration has come by the verifier's clock is refused as
// expired (though it says "expired": false), and not cached.
func TestVerifyCacheTokenExpiration(t *testing.T) {
	srv, f, s, _, clk := verifySetup(t, spectest.WithResponseValidation())
	f.add(testSecret, with(apiKeyFixture(testKeyID), "expiration", t0.Add(2*time.Second).UnixMilli()))
	ctx := context.Background()
	_, err := s.Verify(ctx, testSecret)
	require.NoError(t, err)
	clk.Advance(2*time.Second - time.Millisecond)
	_, err = s.Verify(ctx, testSecret)
	require.NoError(t, err)
	assert.Equal(t, 1, verifyCount(srv))
	clk.Advance(time.Millisecond)
	_, err = s.Verify(ctx, testSecret)
	assert.ErrorIs(t, err, ErrInvalidToken, "the key's expiration is now")
	assert.Equal(t, 2, verifyCount(srv), "the entry ended with the key's expiration, before the TTL")

	// An answer whose expiration has already passed (by our clock) is
	// refused as expired, and not cached at all.
	f.add(testSecret, with(apiKeyFixture(testKeyID), "expiration", t0.UnixMilli()))
	clk.Advance(time.Hour)
	for range 2 {
		_, err = s.Verify(ctx, testSecret)
		assert.ErrorIs(t, err, ErrInvalidToken)
		assert.NotErrorIs(t, err, internal.ErrInvalidResponse)
		var te *tokenError
		if assert.ErrorAs(t, err, &te) {
			assert.Equal(t, "expired", te.reason)
		}
	}
	assert.Equal(t, 4, verifyCount(srv))
}

// TestVerifyPastExpiration: for an API key and an M2M token, whose
// expiration is Unix milliseconds, an answer that says "expired": false
// with an expiration not after the client's clock is refused as expired
// (ErrInvalidToken), each time with a new call; one with no expiration, or
// an expiration still ahead, verifies.
func TestVerifyPastExpiration(t *testing.T) {
	for _, kind := range []string{"api key", "m2m token"} {
		t.Run(kind, func(t *testing.T) {
			srv, f, s, m, _ := verifySetup(t, spectest.WithResponseValidation())
			token, fixture, count := testSecret, func() map[string]any { return apiKeyFixture(testKeyID) }, verifyCount
			verify := func() error { _, err := s.Verify(context.Background(), testSecret); return err }
			if kind == "m2m token" {
				token, fixture, count = testToken, func() map[string]any { return m2mFixture(testTokenID) }, m2mVerifyCount
				verify = func() error { _, err := m.Verify(context.Background(), testToken); return err }
			}
			calls := 0
			for _, exp := range []any{t0.Add(-time.Minute).UnixMilli(), t0.UnixMilli()} {
				f.add(token, with(fixture(), "expired", false, "expiration", exp))
				for range 2 {
					err := verify()
					calls++
					assert.ErrorIs(t, err, ErrInvalidToken, "expiration %v", exp)
					assert.NotErrorIs(t, err, internal.ErrInvalidResponse)
					assert.ErrorContains(t, err, "expired")
					assert.Equal(t, calls, count(srv), "a refusal is not cached")
				}
			}
			for _, exp := range []any{nil, t0.Add(time.Millisecond).UnixMilli()} {
				f.add(token, with(fixture(), "expiration", exp))
				require.NoError(t, verify(), "expiration %v", exp)
			}
		})
	}
}

// TestVerifyCacheDroppedByOwnChanges: Revoke, Update and Delete made through
// the same service end its cached verifications of that key at once.
func TestVerifyCacheDroppedByOwnChanges(t *testing.T) {
	srv, f, s, m, _ := verifySetup(t)
	f.add(testSecret, apiKeyFixture(testKeyID))
	f.add(testToken, m2mFixture(testTokenID))
	srv.Mux.HandleFunc("POST /api_keys/{apiKeyID}/revoke", func(w http.ResponseWriter, r *http.Request) {
		f.revoke(testSecret)
		spectest.WriteJSON(w, http.StatusOK, with(apiKeyFixture(testKeyID), "revoked", true))
	})
	srv.Mux.HandleFunc("PATCH /api_keys/{apiKeyID}", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, http.StatusOK, apiKeyFixture(testKeyID))
	})
	srv.Mux.HandleFunc("DELETE /api_keys/{apiKeyID}", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"id": testKeyID, "object": "api_key", "deleted": true})
	})
	srv.Mux.HandleFunc("POST /m2m_tokens/{m2m_token_id}/revoke", func(w http.ResponseWriter, r *http.Request) {
		f.revoke(testToken)
		spectest.WriteJSON(w, http.StatusOK, with(m2mFixture(testTokenID), "revoked", true))
	})
	ctx := context.Background()
	verify := func() error { _, err := s.Verify(ctx, testSecret); return err }

	require.NoError(t, verify())
	_, err := s.Update(ctx, testKeyID, &UpdateParams{Scopes: []string{"x"}})
	require.NoError(t, err)
	require.NoError(t, verify())
	assert.Equal(t, 2, verifyCount(srv), "update dropped the entry")

	require.NoError(t, s.Delete(ctx, testKeyID))
	require.NoError(t, verify())
	assert.Equal(t, 3, verifyCount(srv), "delete dropped the entry")

	// Another key's entry stays.
	f.add("ak_other_secret_value_000000000000", apiKeyFixture(testKeyID2))
	_, err = s.Verify(ctx, "ak_other_secret_value_000000000000")
	require.NoError(t, err)

	_, err = s.Revoke(ctx, testKeyID, nil)
	require.NoError(t, err)
	assert.ErrorIs(t, verify(), ErrInvalidToken, "revoked here: rejected at once")
	_, err = s.Verify(ctx, "ak_other_secret_value_000000000000")
	require.NoError(t, err)
	assert.Equal(t, 5, verifyCount(srv))

	_, err = m.Verify(ctx, testToken)
	require.NoError(t, err)
	_, err = m.Revoke(ctx, testTokenID, nil)
	require.NoError(t, err)
	_, err = m.Verify(ctx, testToken)
	assert.ErrorIs(t, err, ErrInvalidToken)
	assert.Equal(t, 2, m2mVerifyCount(srv))
}

// TestVerifyCacheBound: the cache holds at most size entries, dropping the
// least recently used.
func TestVerifyCacheBound(t *testing.T) {
	srv, f, s, _, _ := verifySetup(t, withCache(2, time.Minute))
	secrets := []string{"ak_secret_a_000000000000000000000", "ak_secret_b_000000000000000000000", "ak_secret_c_000000000000000000000"}
	for i, sec := range secrets {
		f.add(sec, apiKeyFixture(fmt.Sprintf("ak_%032x", i)))
	}
	ctx := context.Background()
	verify := func(i int) {
		t.Helper()
		k, err := s.Verify(ctx, secrets[i])
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprintf("ak_%032x", i), k.ID)
	}
	verify(0)
	verify(1)
	verify(0) // hit: a is now the most recent
	assert.Equal(t, 2, verifyCount(srv))
	verify(2) // evicts b
	assert.Equal(t, 3, verifyCount(srv))
	assert.Equal(t, 2, s.verify().cache.len())
	verify(0)
	verify(2)
	assert.Equal(t, 3, verifyCount(srv), "a and c stayed")
	verify(1)
	assert.Equal(t, 4, verifyCount(srv), "b was evicted")
	assert.Equal(t, 2, s.verify().cache.len())
}

func TestVerifyCacheOff(t *testing.T) {
	for _, opt := range []spectest.Option{withCache(0, time.Minute), withCache(100, 0), withCache(-1, -1)} {
		srv, f, s, m, _ := verifySetup(t, opt)
		f.add(testSecret, apiKeyFixture(testKeyID))
		f.add(testToken, m2mFixture(testTokenID))
		for range 3 {
			_, err := s.Verify(context.Background(), testSecret)
			require.NoError(t, err)
			_, err = m.Verify(context.Background(), testToken)
			require.NoError(t, err)
		}
		assert.Equal(t, 3, verifyCount(srv))
		assert.Equal(t, 3, m2mVerifyCount(srv))
		assert.Nil(t, s.verify().cache)
	}
}

// TestVerifyCacheHoldsNoToken: entries are keyed by the SHA-256 of the
// token, and the stored result carries no token, even when the server
// (against the spec) echoes it in its answer.
func TestVerifyCacheHoldsNoToken(t *testing.T) {
	srv, f, s, m, _ := verifySetup(t) // no response validation: the echo is off-spec
	f.add(testSecret, with(apiKeyFixture(testKeyID), "secret", testSecret))
	f.add(testToken, with(m2mFixture(testTokenID), "token", testToken))
	ctx := context.Background()
	k, err := s.Verify(ctx, testSecret)
	require.NoError(t, err)
	assert.True(t, k.Secret.IsZero())
	tok, err := m.Verify(ctx, testToken)
	require.NoError(t, err)
	assert.True(t, tok.Token.IsZero())
	assert.Equal(t, 1, verifyCount(srv))

	check := func(keys []tokenKey, token string, val any) {
		t.Helper()
		require.Len(t, keys, 1)
		assert.Equal(t, tokenKey(sha256.Sum256([]byte(token))), keys[0])
		assert.False(t, bytes.Contains(keys[0][:], []byte(token[:8])))
		b, err := json.Marshal(val)
		require.NoError(t, err)
		assert.NotContains(t, string(b), token)
		assert.NotContains(t, fmt.Sprintf("%#v", val), token)
	}
	ak, ok := s.verify().cache.get(keyOf(testSecret), t0)
	require.True(t, ok)
	check(s.verify().cache.keys(), testSecret, ak)
	// The stored value itself holds no secret: its JSON and %#v redact a
	// Secret, and each caller gets a copy without one, so only this sees
	// what the cache keeps.
	assert.True(t, ak.Secret.IsZero(), "the cached API key holds its secret")
	mt, ok := m.verify().cache.get(keyOf(testToken), t0)
	require.True(t, ok)
	check(m.verify().cache.keys(), testToken, mt)
	assert.True(t, mt.Token.IsZero(), "the cached M2M token holds its token")
}

// waitFor spins (yielding, not sleeping) until cond holds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		runtime.Gosched()
	}
}

// TestVerifyConcurrentShareOneCall: concurrent verifications of one
// uncached token share one API call, successful or not, cache on or off.
func TestVerifyConcurrentShareOneCall(t *testing.T) {
	tests := []struct {
		name  string
		opts  []spectest.Option
		known bool
	}{
		{"success", nil, true},
		{"failure", nil, false},
		{"cache off", []spectest.Option{withCache(0, 0)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, f, s, _, _ := verifySetup(t, tt.opts...)
			f.release = make(chan struct{})
			var once sync.Once
			release := func() { once.Do(func() { close(f.release) }) }
			t.Cleanup(release)
			if tt.known {
				f.add(testSecret, apiKeyFixture(testKeyID))
			}
			const n = 50
			var wg sync.WaitGroup
			errs := make([]error, n)
			keys := make([]*APIKey, n)
			for i := range n {
				wg.Go(func() { keys[i], errs[i] = s.Verify(context.Background(), testSecret) })
			}
			<-f.entered
			waitFor(t, "the other callers to wait", func() bool { return s.verify().waiting(testSecret) == n-1 })
			release()
			wg.Wait()
			assert.Equal(t, 1, verifyCount(srv))
			for i := range n {
				if tt.known {
					require.NoError(t, errs[i])
					assert.Equal(t, testKeyID, keys[i].ID)
					if i > 0 {
						assert.NotSame(t, keys[0], keys[i], "each caller gets its own copy")
					}
				} else {
					assert.ErrorIs(t, errs[i], ErrInvalidToken)
				}
			}
		})
	}
}

// TestVerifyWaiterContext: a waiting caller whose context ends stops
// waiting; when the caller that made the call gives up, a waiter with a live
// context makes its own.
func TestVerifyWaiterContext(t *testing.T) {
	s, srv := spectest.Setup[Service](t)
	var mu sync.Mutex
	calls := 0
	entered := make(chan struct{}, 1)
	srv.Mux.HandleFunc("POST /api_keys/verify", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		first := calls == 1
		mu.Unlock()
		if first {
			entered <- struct{}{}
			<-r.Context().Done() // hold the first call until its caller gives up
			return
		}
		spectest.WriteJSON(w, http.StatusOK, apiKeyFixture(testKeyID))
	})

	leaderCtx, cancelLeader := context.WithCancel(context.Background())
	defer cancelLeader()
	leaderErr := make(chan error, 1)
	go func() { _, err := s.Verify(leaderCtx, testSecret); leaderErr <- err }()
	<-entered

	impatient, cancelImpatient := context.WithCancel(context.Background())
	impatientErr := make(chan error, 1)
	go func() { _, err := s.Verify(impatient, testSecret); impatientErr <- err }()
	waitFor(t, "the impatient waiter", func() bool { return s.verify().waiting(testSecret) == 1 })
	cancelImpatient()
	assert.ErrorIs(t, <-impatientErr, context.Canceled)

	type result struct {
		k   *APIKey
		err error
	}
	patient := make(chan result, 1)
	go func() { k, err := s.Verify(context.Background(), testSecret); patient <- result{k, err} }()
	waitFor(t, "the patient waiter", func() bool { return s.verify().waiting(testSecret) == 2 })
	cancelLeader()
	assert.ErrorIs(t, <-leaderErr, context.Canceled)
	r := <-patient
	require.NoError(t, r.err)
	assert.Equal(t, testKeyID, r.k.ID)
	assert.Equal(t, 2, verifyCount(srv))
}

// TestVerifyConcurrentMany runs many verifications of several tokens, with
// evictions and a moving clock, for the race detector; every caller must
// get its own token's result.
func TestVerifyConcurrentMany(t *testing.T) {
	srv, f, s, m, clk := verifySetup(t, withCache(3, time.Second))
	const tokens = 8
	secret := func(i int) string { return fmt.Sprintf("ak_concurrent_secret_%02d_0000000000", i) }
	mtoken := func(i int) string { return fmt.Sprintf("mt_concurrent_token_%02d_00000000000", i) }
	for i := range tokens {
		f.add(secret(i), apiKeyFixture(fmt.Sprintf("ak_%032x", i)))
		f.add(mtoken(i), with(m2mFixture(fmt.Sprintf("mt_%032x", i)), "expiration", nil))
	}
	f.add("ak_revoked_secret_00000000000000000", apiKeyFixture(testKeyID))
	f.revoke("ak_revoked_secret_00000000000000000")
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for j := range 60 {
				i := (g + j) % tokens
				if j%10 == 0 {
					clk.Advance(300 * time.Millisecond)
				}
				k, err := s.Verify(context.Background(), secret(i))
				if assert.NoError(t, err) {
					assert.Equal(t, fmt.Sprintf("ak_%032x", i), k.ID)
				}
				tok, err := m.Verify(context.Background(), mtoken(i))
				if assert.NoError(t, err) {
					assert.Equal(t, fmt.Sprintf("mt_%032x", i), tok.ID)
				}
				if j%7 == 0 {
					_, err := s.Verify(context.Background(), "ak_revoked_secret_00000000000000000")
					assert.True(t, errors.Is(err, ErrInvalidToken), "revoked: %v", err)
				}
			}
		})
	}
	wg.Wait()
	assert.True(t, s.verify().cache.len() <= 3)
	assert.True(t, m.verify().cache.len() <= 3)
	assert.True(t, verifyCount(srv) < 16*60+16*60/7+16, "the cache saved calls (%d)", verifyCount(srv))
}

// BenchmarkVerifyCacheHit measures a repeated key: a hash, an LRU lookup
// under a lock, and a deep copy of the result. Its baseline, in the same
// run, is the floor of that work done by hand: the SHA-256 of the secret, a
// locked map lookup, and the same copy (the struct, its scopes, claims and
// times).
func BenchmarkVerifyCacheHit(b *testing.B) {
	s, srv := spectest.Setup[Service](b, withCache(DefaultCacheSize, time.Hour))
	srv.Mux.HandleFunc("POST /api_keys/verify", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, http.StatusOK, apiKeyFixture(testKeyID))
	})
	ctx := context.Background()
	k, err := s.Verify(ctx, testSecret)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Verify", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Verify(ctx, testSecret); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		var mu sync.Mutex
		m := map[[sha256.Size]byte]*APIKey{sha256.Sum256([]byte(testSecret)): k}
		b.ReportAllocs()
		for b.Loop() {
			h := sha256.Sum256([]byte(testSecret))
			mu.Lock()
			v := m[h]
			mu.Unlock()
			cp := *v
			cp.Scopes = slices.Clone(v.Scopes)
			cp.Claims = Claims(bytes.Clone(v.Claims))
			cp.Expiration = cloneTime(v.Expiration)
			cp.LastUsedAt = cloneTime(v.LastUsedAt)
			sink = &cp
		}
	})
}

// sink keeps the baseline's copies alive, as Verify's callers do.
var sink *APIKey

// TestVerifyRevokeDuringVerify: a verification that was in flight when
// Revoke (through the same service) ran must not leave the key cached, nor
// be joined by a Verify that starts after Revoke returned.
func TestVerifyRevokeDuringVerify(t *testing.T) {
	s, srv := spectest.Setup[Service](t)
	var (
		mu      sync.Mutex
		revoked bool
		calls   int
	)
	entered, release := make(chan struct{}), make(chan struct{})
	srv.Mux.HandleFunc("POST /api_keys/verify", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		first, gone := calls == 1, revoked
		mu.Unlock()
		if gone {
			spectest.WriteError(w, http.StatusNotFound, "not_found")
			return
		}
		if first {
			// Clerk has checked the key (still valid) but the answer is
			// slow to come back.
			close(entered)
			<-release
		}
		spectest.WriteJSON(w, http.StatusOK, apiKeyFixture(testKeyID))
	})
	srv.Mux.HandleFunc("POST /api_keys/{apiKeyID}/revoke", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		revoked = true
		mu.Unlock()
		spectest.WriteJSON(w, http.StatusOK, with(apiKeyFixture(testKeyID), "revoked", true))
	})
	ctx := context.Background()

	early := make(chan error, 1)
	go func() { _, err := s.Verify(ctx, testSecret); early <- err }()
	<-entered
	_, err := s.Revoke(ctx, testKeyID, nil)
	require.NoError(t, err)

	late := make(chan error, 1)
	go func() { _, err := s.Verify(ctx, testSecret); late <- err }()
	waitFor(t, "the late caller to wait or call", func() bool {
		return s.verify().waiting(testSecret) == 1 || verifyCount(srv) == 2
	})
	close(release)
	assert.NoError(t, <-early, "begun before the revocation: Clerk's answer stands")
	assert.ErrorIs(t, <-late, ErrInvalidToken, "begun after Revoke returned")

	_, err = s.Verify(ctx, testSecret)
	assert.ErrorIs(t, err, ErrInvalidToken, "the answer from before the revocation was not cached")
}

// TestVerifyTransportTimeoutShared: when the shared call fails with a
// deadline that is not the context of the caller that made it (the
// transport's own timeout, a proxy), the waiters get that failure; they do
// not queue up to make the same doomed call one after the other.
func TestVerifyTransportTimeoutShared(t *testing.T) {
	var calls atomic.Int32
	entered, release := make(chan struct{}, 1), make(chan struct{})
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		select {
		case entered <- struct{}{}:
		default:
		}
		<-release
		return nil, fmt.Errorf("upstream: %w", context.DeadlineExceeded)
	})
	s, _ := spectest.Setup[Service](t, noRetries(), spectest.WithClientConfig(func(c *internal.Config) {
		c.HTTPClient = &http.Client{Transport: rt}
	}))

	const n = 4
	errs := make(chan error, n)
	go func() { _, err := s.Verify(context.Background(), testSecret); errs <- err }()
	<-entered
	for range n - 1 {
		go func() { _, err := s.Verify(context.Background(), testSecret); errs <- err }()
	}
	waitFor(t, "the waiters", func() bool { return s.verify().waiting(testSecret) == n-1 })
	close(release)
	for range n {
		assert.ErrorIs(t, <-errs, context.DeadlineExceeded)
	}
	assert.Equal(t, int32(1), calls.Load())
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestVerifyNilContext: a nil context is refused with an error, also while
// another call for the same token is in flight (it used to panic there).
func TestVerifyNilContext(t *testing.T) {
	srv, f, s, m, _ := verifySetup(t)
	f.add(testSecret, apiKeyFixture(testKeyID))
	f.release = make(chan struct{})
	var once sync.Once
	release := func() { once.Do(func() { close(f.release) }) }
	t.Cleanup(release)
	done := make(chan error, 1)
	go func() { _, err := s.Verify(context.Background(), testSecret); done <- err }()
	<-f.entered
	waitFor(t, "the call in flight", func() bool { return verifyCount(srv) == 1 })
	//lint:ignore SA1012 a nil context is the point of the test
	_, err := s.Verify(nil, testSecret) //nolint:staticcheck
	assert.ErrorIs(t, err, internal.ErrInvalidParams)
	//lint:ignore SA1012 a nil context is the point of the test
	_, err = m.Verify(nil, testToken) //nolint:staticcheck
	assert.ErrorIs(t, err, internal.ErrInvalidParams)
	release()
	require.NoError(t, <-done)
}
