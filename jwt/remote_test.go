package jwt

import (
	"context"
	"crypto/rsa"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"go.uber.org/goleak"
)

// jwksServer serves a JWKS on loopback and counts fetches. Handlers block
// while a gate is set, until it is released or the request is cancelled.
type jwksServer struct {
	*httptest.Server
	fetches atomic.Int64
	arrived chan string // the Authorization header of each request, as it arrives

	mu     sync.Mutex
	body   []byte
	status int
	gate   chan struct{}
}

func newJWKSServer(t *testing.T, body []byte) *jwksServer {
	t.Helper()
	s := &jwksServer{body: body, status: http.StatusOK, arrived: make(chan string, 10_000)}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fetches.Add(1)
		s.arrived <- r.Header.Get("Authorization")
		s.mu.Lock()
		gate, body, status := s.gate, s.body, s.status
		s.mu.Unlock()
		if gate != nil {
			select {
			case <-gate:
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(s.Close)
	return s
}

// waitRequest waits for the next request to arrive and returns its
// Authorization header.
func (s *jwksServer) waitRequest(t *testing.T) string {
	t.Helper()
	select {
	case auth := <-s.arrived:
		return auth
	case <-time.After(10 * time.Second):
		t.Fatal("no request arrived")
		return ""
	}
}

func (s *jwksServer) set(status int, body []byte) {
	s.mu.Lock()
	s.status, s.body = status, body
	s.mu.Unlock()
}

// hold makes the next requests wait; the returned func releases them.
func (s *jwksServer) hold() (release func()) {
	gate := make(chan struct{})
	s.mu.Lock()
	s.gate = gate
	s.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			s.gate = nil
			s.mu.Unlock()
			close(gate)
		})
	}
}

// newRemoteVerifier returns a verifier on srv's JWKS with a fake clock for
// both the tokens (at testNow) and the fetch pacing.
func newRemoteVerifier(t *testing.T, url string, sched *fakeClock, opts ...Option) *Verifier {
	t.Helper()
	base := []Option{WithJWKSURL(url), WithClock(fixedClock(testNow)), WithIssuer(testIssuer), withFetchClock(sched.Now)}
	v, err := NewVerifier(append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}

func fixtureJWKS(t *testing.T) []byte {
	_, key := loadFixture(t)
	return jwksOf([]string{fixtureKID}, &key.PublicKey)
}

func mintKID(key *rsa.PrivateKey, kid string, claims map[string]any) string {
	return mintRaw(key, with(rsHeader(), "kid", kid), claims)
}

func TestRemoteFirstFetchIsLazyAndShared(t *testing.T) {
	srv := newJWKSServer(t, fixtureJWKS(t))
	v := newRemoteVerifier(t, srv.URL+"/jwks", newFakeClock(testNow))
	if n := srv.fetches.Load(); n != 0 {
		t.Fatalf("NewVerifier fetched %d times", n)
	}
	release := srv.hold()
	defer release()

	const callers = 1000
	tokens := make([]string, 10)
	for i := range tokens {
		tokens[i] = mint(t, with(baseClaims(), "jti", strings.Repeat("x", i)))
	}
	var started, done sync.WaitGroup
	errs := make(chan error, callers)
	started.Add(callers)
	done.Add(callers)
	for i := range callers {
		go func() {
			defer done.Done()
			started.Done()
			_, err := v.Verify(context.Background(), tokens[i%len(tokens)])
			errs <- err
		}()
	}
	started.Wait()
	srv.waitRequest(t)
	release()
	done.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.fetches.Load(); n != 1 {
		t.Errorf("%d concurrent first verifications made %d fetches, want 1", callers, n)
	}
}

func TestRemoteUnknownKID(t *testing.T) {
	srv := newJWKSServer(t, fixtureJWKS(t))
	sched := newFakeClock(testNow)
	v := newRemoteVerifier(t, srv.URL, sched)
	ctx := context.Background()
	_, key := loadFixture(t)
	if _, err := v.Verify(ctx, mint(t, baseClaims())); err != nil {
		t.Fatal(err)
	}
	srv.waitRequest(t)

	// Right after a fetch, an unknown kid fails at once.
	unknown := mintKID(key, "ins_unknown", baseClaims())
	_, err := v.Verify(ctx, unknown)
	requireOnly(t, err, ErrKeyNotFound)
	if n := srv.fetches.Load(); n != 1 {
		t.Fatalf("fetches = %d, want 1", n)
	}

	// Later, concurrent unknown kids share one refresh, then fail.
	sched.Advance(defaultMinRefreshGap)
	release := srv.hold()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for range 100 {
		wg.Go(func() {
			_, err := v.Verify(ctx, unknown)
			errs <- err
		})
	}
	srv.waitRequest(t)
	release()
	wg.Wait()
	close(errs)
	for err := range errs {
		requireOnly(t, err, ErrKeyNotFound)
	}
	if n := srv.fetches.Load(); n != 2 {
		t.Fatalf("fetches = %d, want 2", n)
	}

	// Within the gap: fail fast, no fetch, and known kids keep working.
	for range 10 {
		_, err := v.Verify(ctx, mintKID(key, "ins_other", baseClaims()))
		requireOnly(t, err, ErrKeyNotFound)
	}
	if _, err := v.Verify(ctx, mint(t, with(baseClaims(), "jti", "2"))); err != nil {
		t.Fatal(err)
	}
	if n := srv.fetches.Load(); n != 2 {
		t.Fatalf("fetches = %d, want 2", n)
	}

	// After the gap, one more refresh.
	sched.Advance(defaultMinRefreshGap)
	_, err = v.Verify(ctx, unknown)
	requireOnly(t, err, ErrKeyNotFound)
	if n := srv.fetches.Load(); n != 3 {
		t.Fatalf("fetches = %d, want 3", n)
	}
}

func TestRemoteKeyRotation(t *testing.T) {
	_, key := loadFixture(t)
	srv := newJWKSServer(t, fixtureJWKS(t))
	sched := newFakeClock(testNow)
	v := newRemoteVerifier(t, srv.URL, sched)
	ctx := context.Background()
	tokA := mint(t, baseClaims())
	tokB := mintKID(otherKey, "ins_new", baseClaims())
	if _, err := v.Verify(ctx, tokA); err != nil {
		t.Fatal(err)
	}

	// Clerk adds the new key: a token with the new kid refreshes the set.
	srv.set(http.StatusOK, jwksOf([]string{fixtureKID, "ins_new"}, &key.PublicKey, &otherKey.PublicKey))
	sched.Advance(defaultMinRefreshGap)
	if _, err := v.Verify(ctx, tokB); err != nil {
		t.Fatal(err)
	}
	if v.cachedTokens() != 2 {
		t.Fatalf("cache holds %d", v.cachedTokens())
	}

	// Then removes the old one: the next refresh forgets tokens it signed.
	srv.set(http.StatusOK, jwksOf([]string{"ins_new"}, &otherKey.PublicKey))
	sched.Advance(defaultMinRefreshGap)
	_, err := v.Verify(ctx, mintKID(otherKey, "ins_newer", baseClaims()))
	requireOnly(t, err, ErrKeyNotFound)
	if n := srv.fetches.Load(); n != 3 {
		t.Fatalf("fetches = %d, want 3", n)
	}
	if v.cachedTokens() != 0 {
		t.Errorf("cache holds %d tokens after a key was removed", v.cachedTokens())
	}
	_, err = v.Verify(ctx, tokA)
	requireOnly(t, err, ErrKeyNotFound)
	if _, err := v.Verify(ctx, tokB); err != nil {
		t.Fatal(err)
	}
}

func TestRemoteFailures(t *testing.T) {
	ctx := context.Background()
	good := fixtureJWKS(t)

	t.Run("first fetch fails, retried after the gap", func(t *testing.T) {
		srv := newJWKSServer(t, nil)
		srv.set(http.StatusInternalServerError, []byte("oops"))
		sched := newFakeClock(testNow)
		v := newRemoteVerifier(t, srv.URL, sched)
		tok := mint(t, baseClaims())
		_, err := v.Verify(ctx, tok)
		requireOnly(t, err, ErrKeyNotFound)
		if !errors.Is(err, jwkset.ErrInvalidHTTPStatusCode) {
			t.Errorf("cause not wrapped: %v", err)
		}
		_, err = v.Verify(ctx, tok)
		requireOnly(t, err, ErrKeyNotFound)
		if !errors.Is(err, jwkset.ErrInvalidHTTPStatusCode) || srv.fetches.Load() != 1 {
			t.Errorf("retry within the gap: fetches %d, err %v", srv.fetches.Load(), err)
		}
		srv.set(http.StatusOK, good)
		sched.Advance(defaultRetryGap)
		if _, err := v.Verify(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if n := srv.fetches.Load(); n != 2 {
			t.Errorf("fetches = %d", n)
		}
	})

	for name, bad := range map[string]struct {
		status int
		body   []byte
	}{
		"status 500":     {http.StatusInternalServerError, nil},
		"status 404":     {http.StatusNotFound, good},
		"not JSON":       {http.StatusOK, []byte("<html>")},
		"empty set":      {http.StatusOK, []byte(`{"keys":[]}`)},
		"no RSA key":     {http.StatusOK, []byte(`{"keys":[{"kty":"oct","k":"AAAA","kid":"x"}]}`)},
		"invalid key":    {http.StatusOK, []byte(`{"keys":[{"kty":"RSA","kid":"x","n":"!","e":"AQAB"}]}`)},
		"over 1 MiB":     {http.StatusOK, append(append([]byte(`{"keys":[],"pad":"`), strings.Repeat("x", maxJWKSBytes)...), `"}`...)},
		"RS384 key":      {http.StatusOK, []byte(strings.ReplaceAll(string(good), "RS256", "RS384"))},
		"encryption key": {http.StatusOK, []byte(strings.ReplaceAll(string(good), `"sig"`, `"enc"`))},
	} {
		t.Run("keeps last good keys: "+name, func(t *testing.T) {
			srv := newJWKSServer(t, good)
			sched := newFakeClock(testNow)
			v := newRemoteVerifier(t, srv.URL, sched, WithCacheSize(0), WithRefreshInterval(time.Minute))
			tok := mint(t, baseClaims())
			if _, err := v.Verify(ctx, tok); err != nil {
				t.Fatal(err)
			}
			srv.set(bad.status, bad.body)

			// A stale set is refreshed in the background; the refresh fails
			// and the old keys keep serving.
			sched.Advance(time.Minute)
			if _, err := v.Verify(ctx, tok); err != nil {
				t.Fatal(err)
			}
			v.waitFetch()
			if n := srv.fetches.Load(); n != 2 {
				t.Fatalf("fetches = %d, want 2", n)
			}
			if _, err := v.Verify(ctx, tok); err != nil {
				t.Fatal(err)
			}
			// An unknown kid refreshes (after the gap), fails with the cause.
			sched.Advance(defaultMinRefreshGap)
			_, err := v.Verify(ctx, mintKID(otherKey, "ins_new", baseClaims()))
			requireOnly(t, err, ErrKeyNotFound)
			if !strings.Contains(err.Error(), "last key-set fetch failed") {
				t.Errorf("err = %v", err)
			}
			if _, err := v.Verify(ctx, tok); err != nil {
				t.Fatal(err)
			}
			if n := srv.fetches.Load(); n != 3 {
				t.Fatalf("fetches = %d, want 3", n)
			}
		})
	}
}

func TestRemoteStaleRefreshDoesNotBlock(t *testing.T) {
	srv := newJWKSServer(t, fixtureJWKS(t))
	sched := newFakeClock(testNow)
	v := newRemoteVerifier(t, srv.URL, sched, WithCacheSize(0))
	ctx := context.Background()
	tok := mint(t, baseClaims())
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatal(err)
	}
	srv.waitRequest(t)
	sched.Advance(DefaultRefreshInterval)
	release := srv.hold()
	defer release()
	// The refresh hangs, yet verifications go on with the current keys and
	// start no second fetch.
	for range 5 {
		if _, err := v.Verify(ctx, tok); err != nil {
			t.Fatal(err)
		}
	}
	srv.waitRequest(t)
	release()
	v.waitFetch()
	if n := srv.fetches.Load(); n != 2 {
		t.Errorf("fetches = %d, want 2", n)
	}
	// Fresh again: no more fetches.
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if n := srv.fetches.Load(); n != 2 {
		t.Errorf("fetches = %d, want 2", n)
	}
}

func TestRemoteRespectsContext(t *testing.T) {
	srv := newJWKSServer(t, fixtureJWKS(t))
	release := srv.hold()
	defer release()
	v := newRemoteVerifier(t, srv.URL, newFakeClock(testNow))
	tok := mint(t, baseClaims())

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		select { // not waitRequest: no t.Fatal off the test goroutine
		case <-srv.arrived:
		case <-time.After(10 * time.Second):
		}
		cancel()
	}()
	_, err := v.Verify(ctx, tok)
	requireOnly(t, err, ErrKeyNotFound)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled wrapped", err)
	}

	dctx, dcancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer dcancel()
	_, err = v.Verify(dctx, tok)
	requireOnly(t, err, ErrKeyNotFound)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded wrapped", err)
	}
	if n := srv.fetches.Load(); n != 1 {
		t.Errorf("fetches = %d, want 1 (shared, still running)", n)
	}

	// Close cancels the hung fetch and waits for it.
	v.Close()
	_, err = v.Verify(context.Background(), tok)
	requireOnly(t, err, ErrKeyNotFound)
	if !errors.Is(err, errClosed) && !errors.Is(err, context.Canceled) {
		t.Errorf("err after Close = %v", err)
	}
}

func TestRemoteFetchTimeout(t *testing.T) {
	srv := newJWKSServer(t, fixtureJWKS(t))
	release := srv.hold()
	defer release()
	v := newRemoteVerifier(t, srv.URL, newFakeClock(testNow), withFetchPacing(defaultMinRefreshGap, defaultRetryGap, 50*time.Millisecond))
	_, err := v.Verify(context.Background(), mint(t, baseClaims()))
	requireOnly(t, err, ErrKeyNotFound)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}
}

func TestCloseStopsGoroutines(t *testing.T) {
	srv := newJWKSServer(t, fixtureJWKS(t))
	release := srv.hold()
	defer release()
	v, err := NewVerifier(WithJWKSURL(srv.URL), WithClock(fixedClock(testNow)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		select { // not waitRequest: no t.Fatal off the test goroutine
		case <-srv.arrived:
		case <-time.After(10 * time.Second):
		}
		cancel()
	}()
	_, err = v.Verify(ctx, mint(t, baseClaims()))
	requireOnly(t, err, ErrKeyNotFound)
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	fetches := srv.fetches.Load()
	_, err = v.Verify(context.Background(), mint(t, baseClaims()))
	requireOnly(t, err, ErrKeyNotFound)
	if !errors.Is(err, errClosed) {
		t.Errorf("err = %v", err)
	}
	if srv.fetches.Load() != fetches {
		t.Error("a closed verifier fetched")
	}
	release()
	srv.Close()
	goleak.VerifyNone(t, goleak.IgnoreCurrent())
}

func TestRemoteSecretKey(t *testing.T) {
	const secret = "sk_test_secret123"
	jwks := fixtureJWKS(t)
	var gotPath atomic.Value
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath.Store(r.URL.Path)
		if r.Header.Get("Authorization") != "Bearer "+secret {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"errors":[{"code":"authentication_invalid"}]}`))
			return
		}
		if v := r.Header.Get("Clerk-API-Version"); v != "2026-05-12" {
			t.Errorf("Clerk-API-Version = %q", v)
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.Write(jwks)
	}))
	defer api.Close()
	tok := mint(t, baseClaims())

	v, err := NewVerifier(WithSecretKey(secret), WithAPIURL(api.URL+"/v1/"), WithClock(fixedClock(testNow)))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if _, err := v.Verify(context.Background(), tok); err != nil {
		t.Fatal(err)
	}
	if p := gotPath.Load(); p != "/v1/jwks" {
		t.Errorf("path = %v", p)
	}

	bad, err := NewVerifier(WithSecretKey("sk_test_wrong"), WithAPIURL(api.URL+"/v1"), WithClock(fixedClock(testNow)))
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	_, err = bad.Verify(context.Background(), tok)
	requireOnly(t, err, ErrKeyNotFound)
	if strings.Contains(err.Error(), "sk_test_wrong") {
		t.Errorf("error leaks the secret key: %v", err)
	}
}

func TestRemoteSecretKeyNotSentElsewhere(t *testing.T) {
	const secret = "sk_live_secret"
	other := newJWKSServer(t, fixtureJWKS(t))
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/jwks", http.StatusFound)
	}))
	defer api.Close()
	v, err := NewVerifier(WithSecretKey(secret), WithAPIURL(api.URL), WithClock(fixedClock(testNow)))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if _, err := v.Verify(context.Background(), mint(t, baseClaims())); err != nil {
		t.Fatal(err)
	}
	if auth := other.waitRequest(t); auth != "" {
		t.Errorf("redirect target got Authorization %q", auth)
	}
}

// rewriteTransport sends every request to a test server, recording the URL
// and headers it was meant for.
type rewriteTransport struct {
	target string
	mu     sync.Mutex
	urls   []string
	auths  []string
}

func (rt *rewriteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	rt.urls = append(rt.urls, r.URL.String())
	rt.auths = append(rt.auths, r.Header.Get("Authorization"))
	rt.mu.Unlock()
	r2 := r.Clone(r.Context())
	r2.URL.Scheme = "http"
	r2.URL.Host = strings.TrimPrefix(rt.target, "http://")
	r2.Host = ""
	return http.DefaultTransport.RoundTrip(r2)
}

func TestRemotePublishableKey(t *testing.T) {
	f, _ := loadFixture(t)
	srv := newJWKSServer(t, f.JWKS)
	rt := &rewriteTransport{target: srv.URL}
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	v, err := NewVerifier(WithPublishableKey(f.PublishableTest), WithHTTPClient(&http.Client{Transport: rt}),
		WithClock(fixedClock(time.Unix(f.ValidAtUnix, 0))))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	c, err := v.Verify(context.Background(), f.Tokens["valid"])
	if err != nil {
		t.Fatal(err)
	}
	if c.Issuer != "https://clerk.inspired.puma-74.lcl.dev" {
		t.Errorf("issuer = %q", c.Issuer)
	}
	rt.mu.Lock()
	defer rt.mu.Unlock()
	if len(rt.urls) != 1 || rt.urls[0] != "https://clerk.inspired.puma-74.lcl.dev/.well-known/jwks.json" || rt.auths[0] != "" {
		t.Errorf("requests = %v, auth %q", rt.urls, rt.auths)
	}
}

func TestRemoteSourcePrecedence(t *testing.T) {
	f, _ := loadFixture(t)
	srv := newJWKSServer(t, f.JWKS)
	// A PEM key wins over every remote source: no network at all.
	v, err := NewVerifier(WithPublicKeyPEM(f.PublicKeyPEM), WithJWKSURL(srv.URL), WithSecretKey("sk_test_x"),
		WithAPIURL(srv.URL), WithPublishableKey(f.PublishableTest), WithClock(fixedClock(time.Unix(f.ValidAtUnix, 0))))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if _, err := v.Verify(context.Background(), f.Tokens["valid"]); err != nil {
		t.Fatal(err)
	}
	if n := srv.fetches.Load(); n != 0 {
		t.Errorf("fetches = %d", n)
	}
}

func TestCloseWhileVerifying(t *testing.T) {
	srv := newJWKSServer(t, fixtureJWKS(t))
	v, err := NewVerifier(WithJWKSURL(srv.URL), WithClock(fixedClock(testNow)), WithIssuer(testIssuer), WithCacheSize(8))
	if err != nil {
		t.Fatal(err)
	}
	tokens := []string{mint(t, baseClaims()), mintKID(otherKey, "ins_other", baseClaims())}
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			for j := range 20 {
				_, err := v.Verify(context.Background(), tokens[(i+j)%2])
				if err != nil && !errors.Is(err, ErrKeyNotFound) {
					t.Errorf("unexpected error %v", err)
				}
			}
		})
	}
	v.Close()
	wg.Wait()
}

func TestJWKSKeySelection(t *testing.T) {
	_, key := loadFixture(t)
	rsaKey := func(kid, alg, use string, k *rsa.PublicKey) string {
		j := string(jwksOf([]string{kid}, k))
		j = strings.TrimSuffix(strings.TrimPrefix(j, `{"keys":[`), "]}")
		j = strings.Replace(j, `"alg":"RS256"`, `"alg":"`+alg+`"`, 1)
		return strings.Replace(j, `"use":"sig"`, `"use":"`+use+`"`, 1)
	}
	set := `{"keys":[` + strings.Join([]string{
		`{"kty":"EC","kid":"ec","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}`,
		`{"kty":"oct","kid":"hmac","k":"AAAA"}`,
		rsaKey("enc", "RS256", "enc", &otherKey.PublicKey),
		rsaKey("ps", "PS256", "sig", &otherKey.PublicKey),
		rsaKey("noalg", "", "", &otherKey.PublicKey),
		rsaKey(fixtureKID, "RS256", "sig", &key.PublicKey),
		rsaKey(fixtureKID, "RS256", "sig", &otherKey.PublicKey), // a duplicate kid: the first wins
	}, ",") + `]}`
	ks, err := parseJWKS([]byte(set))
	if err != nil {
		t.Fatal(err)
	}
	if len(ks) != 2 || ks[0].Marshal().KID != "noalg" || ks[1].Marshal().KID != fixtureKID ||
		!key.PublicKey.Equal(ks[1].Key()) {
		t.Fatalf("keys = %v", ks)
	}
	v := newPEMVerifier(t, withoutPEM(), WithJWKS([]byte(set)))
	for kid, want := range map[string]error{"ec": ErrKeyNotFound, "hmac": ErrKeyNotFound, "enc": ErrKeyNotFound, "ps": ErrKeyNotFound, "noalg": nil} {
		_, err := v.Verify(context.Background(), mintKID(otherKey, kid, baseClaims()))
		if want == nil {
			if err != nil {
				t.Errorf("kid %s: %v", kid, err)
			}
			continue
		}
		requireOnly(t, err, want)
	}
}

// TestRemoteStaleRefreshOnCacheHit checks that cache hits, too, refresh a
// stale key set: a verifier that only sees tokens it has cached must still
// learn that their key was removed, and forget them.
func TestRemoteStaleRefreshOnCacheHit(t *testing.T) {
	loadFixture(t)
	srv := newJWKSServer(t, fixtureJWKS(t))
	sched := newFakeClock(testNow)
	v := newRemoteVerifier(t, srv.URL, sched)
	ctx := context.Background()
	tok := mint(t, with(baseClaims(), "exp", testNow.Unix()+24*3600)) // a long-lived token
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatal(err)
	}

	// Clerk removes the key; once the set is stale the cached token is seen
	// again.
	srv.set(http.StatusOK, jwksOf([]string{"ins_new"}, &otherKey.PublicKey))
	sched.Advance(DefaultRefreshInterval)
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatal(err) // answered with the current keys while the refresh runs
	}
	v.waitFetch()
	if n := srv.fetches.Load(); n != 2 {
		t.Fatalf("fetches = %d, want 2: a cache hit on a stale key set did not refresh it", n)
	}
	_, err := v.Verify(ctx, tok)
	requireOnly(t, err, ErrKeyNotFound)
}

func TestSecretKeyOnlyOverTLSOrLoopback(t *testing.T) {
	for url, ok := range map[string]bool{
		"http://api.example.com/v1":  false,
		"http://10.1.2.3/v1":         false,
		"https://api.example.com/v1": true,
		"http://127.0.0.1:9/v1":      true,
		"http://localhost:9/v1":      true,
	} {
		v, err := NewVerifier(WithSecretKey("sk_test_secret"), WithAPIURL(url))
		if (err == nil) != ok {
			t.Errorf("WithAPIURL(%q): err = %v, want ok=%v", url, err, ok)
		}
		if err == nil {
			v.Close()
		} else if strings.Contains(err.Error(), "sk_test_secret") {
			t.Errorf("error leaks the key: %v", err)
		}
	}
	// A public JWKS URL carries no secret: plain http is the caller's call.
	v, err := NewVerifier(WithJWKSURL("http://jwks.example.com/jwks.json"))
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
}

// TestRemoteRemovedKeyStopsWithinFiveMinutes checks the default refresh
// interval: Clerk's JavaScript SDK keeps keys 5 minutes, and so does the
// verifier, refreshing in the background while verifications go on.
func TestRemoteRemovedKeyStopsWithinFiveMinutes(t *testing.T) {
	loadFixture(t)
	srv := newJWKSServer(t, fixtureJWKS(t))
	sched := newFakeClock(testNow)
	v := newRemoteVerifier(t, srv.URL, sched, WithCacheSize(0))
	ctx := context.Background()
	tok := mint(t, with(baseClaims(), "exp", testNow.Unix()+3600))
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatal(err)
	}
	srv.waitRequest(t) // the first fetch
	srv.set(http.StatusOK, jwksOf([]string{"ins_new"}, &otherKey.PublicKey))

	// Just under 5 minutes: the set is fresh, nothing is fetched.
	sched.Advance(5*time.Minute - time.Second)
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if n := srv.fetches.Load(); n != 1 {
		t.Fatalf("fetches = %d, want 1", n)
	}
	// At 5 minutes the verification that finds the set stale is answered
	// with the current keys, and refreshes them in the background.
	release := srv.hold()
	sched.Advance(time.Second)
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatal(err)
	}
	srv.waitRequest(t)
	release()
	v.waitFetch()
	_, err := v.Verify(ctx, tok)
	requireOnly(t, err, ErrKeyNotFound)
}
