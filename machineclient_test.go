package clerk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/internal/spectest"
)

// bearers records the Authorization header of each request the spec server
// gets, by "METHOD /path" (without /v1).
type bearers struct {
	mu sync.Mutex
	m  map[string][]string
}

func (b *bearers) record(r *http.Request) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.m == nil {
		b.m = map[string][]string{}
	}
	k := r.Method + " " + strings.TrimPrefix(r.URL.Path, "/v1")
	b.m[k] = append(b.m[k], r.Header.Get("Authorization"))
}

func (b *bearers) of(key string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.m[key]
}

// m2mEndpoints answers the M2M-token endpoints as the spec says, recording
// the bearers.
func m2mEndpoints(t *testing.T, srv *spectest.Server) *bearers {
	t.Helper()
	var b bearers
	tok := map[string]any{
		"object": "machine_to_machine_token", "id": "mt_0123456789abcdef0123456789abcdef", "subject": "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk",
		"claims": nil, "scopes": []string{"mch_2yGkLpQ7Y3rXSwtU24CzTk9I7Em"}, "revoked": false, "revocation_reason": nil, "expired": false,
		"expiration": nil, "last_used_at": nil, "created_at": 1700000000000, "updated_at": 1700000000000,
	}
	srv.Mux.HandleFunc("POST /m2m_tokens", func(w http.ResponseWriter, r *http.Request) {
		b.record(r)
		spectest.WriteJSON(w, http.StatusCreated, merged(clone(tok), map[string]any{"token": "mt_secret_token_value"}))
	})
	srv.Mux.HandleFunc("GET /m2m_tokens", func(w http.ResponseWriter, r *http.Request) {
		b.record(r)
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"m2m_tokens": []any{tok}, "total_count": 1})
	})
	srv.Mux.HandleFunc("POST /m2m_tokens/{id}/revoke", func(w http.ResponseWriter, r *http.Request) {
		b.record(r)
		spectest.WriteJSON(w, http.StatusOK, merged(clone(tok), map[string]any{"revoked": true}))
	})
	srv.Mux.HandleFunc("POST /m2m_tokens/verify", func(w http.ResponseWriter, r *http.Request) {
		b.record(r)
		spectest.WriteJSON(w, http.StatusOK, tok)
	})
	return &b
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// machineSetup returns a machine-only client on a spec-checking server.
func machineSetup(t *testing.T, opts ...Option) (*Client, *spectest.Server) {
	t.Helper()
	srv := spectest.NewServer(t, spectest.WithResponseValidation())
	c, err := NewMachine(testMchKey, append([]Option{WithBaseURL(srv.URL), withSleep(noSleep), withClock(clock)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, srv
}

// TestNewMachine: a machine-only client creates, lists, revokes and
// verifies M2M tokens with its machine key, and verifies M2M tokens through
// VerifyToken and the middleware.
func TestNewMachine(t *testing.T) {
	c, srv := machineSetup(t)
	b := m2mEndpoints(t, srv)
	ctx := context.Background()

	tok, err := c.M2MTokens.Create(ctx, nil)
	if err != nil || tok.Token.Reveal() != "mt_secret_token_value" {
		t.Fatalf("Create: %+v, %v", tok, err)
	}
	if _, err := c.M2MTokens.List(ctx, &apikeys.ListM2MTokensParams{Subject: "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.M2MTokens.Revoke(ctx, "mt_0123456789abcdef0123456789abcdef", nil); err != nil {
		t.Fatal(err)
	}
	a, err := c.VerifyToken(ctx, "mt_from_a_caller")
	if err != nil || a.TokenType != M2MToken || a.Subject != "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk" {
		t.Fatalf("VerifyToken: %+v, %v", a, err)
	}
	if got := serve(c.RequireAuth(AcceptsToken(M2MToken))(http.NotFoundHandler()), "mt_from_another"); got != http.StatusNotFound {
		t.Errorf("RequireAuth(M2M) answered %d, want the handler's 404", got)
	}
	for _, ep := range []string{"POST /m2m_tokens", "GET /m2m_tokens", "POST /m2m_tokens/mt_0123456789abcdef0123456789abcdef/revoke", "POST /m2m_tokens/verify"} {
		got := b.of(ep)
		if len(got) == 0 {
			t.Errorf("%s: not called", ep)
		}
		for _, auth := range got {
			if auth != "Bearer "+testMchKey {
				t.Errorf("%s: Authorization %q, want the machine key", ep, auth)
			}
		}
	}
}

// TestNewMachineRefusesLocally: every call that needs the instance's secret
// key fails before anything is sent, with ErrSecretKeyRequired, never a 401
// from Clerk; a token check that needs it answers 503, not 401.
func TestNewMachineRefusesLocally(t *testing.T) {
	c, srv := machineSetup(t)
	machineVerifyAnswers(t, srv.Mux)
	oauthAnswers(srv)
	ctx := context.Background()
	calls := map[string]func() error{
		"Users.Get":          func() error { _, err := c.Users.Get(ctx, "user_1"); return err },
		"Sessions.Get":       func() error { _, err := c.Sessions.Get(ctx, "sess_1"); return err },
		"Organizations.Get":  func() error { _, err := c.Organizations.Get(ctx, "org_1", nil); return err },
		"APIKeys.Verify":     func() error { _, err := c.APIKeys.Verify(ctx, "ak_x"); return err },
		"OAuthTokens.Verify": func() error { _, err := c.OAuthTokens.Verify(ctx, "oat_x"); return err },
		"Machines.List":      func() error { _, err := c.Machines.List(ctx, nil); return err },
		"VerifyToken(ak_)":   func() error { _, err := c.VerifyToken(ctx, "ak_x"); return err },
		"VerifyToken(oat_)":  func() error { _, err := c.VerifyToken(ctx, "oat_good"); return err },
		"VerifyToken(session)": func() error {
			_, err := c.VerifyToken(ctx, mint(t, now, nil))
			return err
		},
		"VerifyToken(M2M JWT)": func() error { _, err := c.VerifyToken(ctx, m2mJWT(t, nil)); return err },
	}
	for name, call := range calls {
		err := call()
		if !errors.Is(err, ErrSecretKeyRequired) || errors.Is(err, ErrInvalidToken) || errors.Is(err, ErrUnauthorized) {
			t.Errorf("%s: %v, want ErrSecretKeyRequired only", name, err)
		}
	}
	if ops := srv.Operations(); len(ops) != 0 {
		t.Errorf("requests were sent: %v", ops)
	}
	all := AcceptsToken(SessionToken, APIKeyToken, M2MToken, OAuthToken)
	for _, tok := range []string{"ak_x", "oat_good", m2mJWT(t, nil)} {
		if got := serve(c.RequireAuth(all)(http.NotFoundHandler()), tok); got != http.StatusServiceUnavailable {
			t.Errorf("RequireAuth with %.10s: %d, want 503 (a configuration problem, not the token's)", tok, got)
		}
	}
}

// TestNewMachineWithKeys: given the instance's keys (WithJWTKey), a
// machine-only client verifies M2M tokens in JWT format, and session
// tokens, without a network call.
func TestNewMachineWithKeys(t *testing.T) {
	c, srv := machineSetup(t, WithJWTKey(testKeys().pem))
	ctx := context.Background()
	for _, tok := range []string{m2mJWT(t, nil), mint(t, now, nil), oauthJWT(t, nil)} {
		if _, err := c.VerifyToken(ctx, tok); err != nil {
			t.Errorf("%.12s: %v", tok, err)
		}
	}
	if ops := srv.Operations(); len(ops) != 0 {
		t.Errorf("requests were sent: %v", ops)
	}
}

// TestWithMachineSecretKey: a full client with a machine key sends it on
// M2M-token calls (as Clerk's JS SDK does with machineSecretKey), and its
// secret key everywhere else, the key set included.
func TestWithMachineSecretKey(t *testing.T) {
	c, srv := setup(t, WithMachineSecretKey(testMchKey), withClock(clock))
	b := m2mEndpoints(t, srv)
	fetches := serveJWKS(srv)
	srv.Mux.HandleFunc("GET /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		b.record(r)
		spectest.WriteJSON(w, http.StatusOK, spectest.UserJSON)
	})
	ctx := context.Background()
	if _, err := c.M2MTokens.Create(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.VerifyToken(ctx, "mt_x"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.Get(ctx, "user_1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.VerifyToken(ctx, mint(t, now, nil)); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"POST /m2m_tokens": testMchKey, "POST /m2m_tokens/verify": testMchKey, "GET /users/user_1": testKey,
	}
	for ep, key := range want {
		if got := b.of(ep); len(got) != 1 || got[0] != "Bearer "+key {
			t.Errorf("%s: %q, want the %.6s key", ep, got, key)
		}
	}
	if fetches.Load() != 1 {
		t.Errorf("%d key-set fetches", fetches.Load())
	}
	for _, f := range []string{"%v", "%+v", "%#v"} {
		if s := fmt.Sprintf(f, c) + fmt.Sprintf(f, c.M2MTokens); strings.Contains(s, "MCHcanary") {
			t.Errorf("%s prints the machine key: %s", f, s)
		}
	}
}

func TestMachineKeysRefused(t *testing.T) {
	for _, k := range []string{"", "ak_", "sk_test_abc", "mt_abc", "ak_has space", "ak_\x00", "ak_" + strings.Repeat("a", 600)} {
		c, err := NewMachine(k)
		if !errors.Is(err, ErrInvalidSecretKey) || c != nil {
			t.Errorf("NewMachine(%.12q) = %v, %v; want ErrInvalidSecretKey", k, c, err)
		} else if len(k) > 3 && strings.Contains(err.Error(), k[3:]) {
			t.Errorf("the error repeats the key: %v", err)
		}
		if c, err := New(testKey, WithMachineSecretKey(k)); !errors.Is(err, ErrInvalidSecretKey) || c != nil {
			t.Errorf("WithMachineSecretKey(%.12q) = %v, %v; want ErrInvalidSecretKey", k, c, err)
		}
	}
}

func TestNewFromEnvMachineKey(t *testing.T) {
	srv := spectest.NewServer(t)
	b := m2mEndpoints(t, srv)
	t.Setenv("CLERK_API_URL", srv.URL)
	t.Setenv("CLERK_SECRET_KEY", "")
	t.Setenv("CLERK_MACHINE_SECRET_KEY", testMchKey)
	c, err := NewFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Users.Get(context.Background(), "user_1"); !errors.Is(err, ErrSecretKeyRequired) {
		t.Errorf("machine-only from the environment: Users.Get: %v", err)
	}
	if _, err := c.M2MTokens.Create(context.Background(), nil); err != nil {
		t.Fatal(err)
	}

	t.Setenv("CLERK_SECRET_KEY", testKey)
	c2, err := NewFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if _, err := c2.M2MTokens.Create(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := b.of("POST /m2m_tokens"); len(got) != 2 || got[1] != "Bearer "+testMchKey {
		t.Errorf("bearers %q", got)
	}

	t.Setenv("CLERK_MACHINE_SECRET_KEY", "sk_test_not_a_machine_key")
	if _, err := NewFromEnv(); !errors.Is(err, ErrInvalidSecretKey) {
		t.Errorf("a malformed CLERK_MACHINE_SECRET_KEY: %v", err)
	}
}
