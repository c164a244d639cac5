package clerk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-clerk/clerk/jwt"
)

// machineVerifyAnswers makes the spec server answer the verify endpoints:
// any ak_ secret is a user's key with scope users:read, any mt_ token a
// machine's.
func machineVerifyAnswers(t *testing.T, srv interface {
	HandleFunc(string, func(http.ResponseWriter, *http.Request))
}) {
	t.Helper()
	srv.HandleFunc("POST /api_keys/verify", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"object":"api_key","id":"ak_0123456789abcdef0123456789abcdef","type":"api_key","subject":"user_9","name":"k","scopes":["users:read"],"revoked":false,"expired":false,"created_at":1700000000000,"updated_at":1700000000000}`))
	})
	srv.HandleFunc("POST /m2m_tokens/verify", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"object":"machine_to_machine_token","id":"mt_0123456789abcdef0123456789abcdef","subject":"mch_1","scopes":["mch_2"],"revoked":false,"expired":false,"created_at":1700000000000,"updated_at":1700000000000}`))
	})
}

// TestEveryTokenCheckFailsAfterClose: after Close, every token type fails
// with ErrClosed before any request, the token's validity aside; it is not
// the token's fault (no ErrInvalidToken), so RequireAuth answers 503.
func TestEveryTokenCheckFailsAfterClose(t *testing.T) {
	c, srv := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	machineVerifyAnswers(t, srv.Mux)
	oauthAnswers(srv)
	session, m2m, oauth := mint(t, now, nil), m2mJWT(t, nil), oauthJWT(t, nil)
	ctx := context.Background()
	for _, tok := range []string{session, "ak_good", "mt_good", "oat_good", m2m, oauth} {
		if _, err := c.VerifyToken(ctx, tok); err != nil {
			t.Fatalf("before Close: %v", err)
		}
	}
	verifies := func() int {
		return srv.Count("POST", "/v1/api_keys/verify") + srv.Count("POST", "/v1/m2m_tokens/verify") +
			srv.Count("POST", "/v1/oauth_applications/access_tokens/verify")
	}
	before := verifies()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{session, "ak_good", "ak_other", "mt_good", "mt_other", "oat_good", "oat_other", m2m, oauth, "not.a.token", ""} {
		_, err := c.VerifyToken(ctx, tok)
		if !errors.Is(err, ErrClosed) || errors.Is(err, ErrInvalidToken) {
			t.Errorf("VerifyToken(%.10q) after Close: %v, want ErrClosed only", tok, err)
		}
	}
	if n := verifies(); n != before {
		t.Errorf("%d verify requests after Close", n-before)
	}
	all := AcceptsToken(SessionToken, APIKeyToken, M2MToken, OAuthToken)
	for _, bearer := range []string{session, "ak_good", "mt_good", "oat_good", m2m, oauth, ""} {
		r := httptest.NewRequest("GET", "/x", nil)
		if bearer != "" {
			r.Header.Set("Authorization", "Bearer "+bearer)
		}
		if _, err := c.AuthenticateRequest(r, all); !errors.Is(err, ErrClosed) {
			t.Errorf("AuthenticateRequest(%.10q) after Close: %v, want ErrClosed", bearer, err)
		}
		w := httptest.NewRecorder()
		c.RequireAuth(all)(http.NotFoundHandler()).ServeHTTP(w, r)
		if w.Code != http.StatusServiceUnavailable {
			t.Errorf("RequireAuth(%.10q) after Close: %d, want 503", bearer, w.Code)
		}
	}
}

// TestMachineTokensComeFromTheHeaderOnly: as in Clerk's JS, the __session
// cookie carries a session token only. A machine token there is verified as
// a session token, and fails without a call to Clerk, when session tokens
// are accepted; when they are not, the cookie is not read: no token.
func TestMachineTokensComeFromTheHeaderOnly(t *testing.T) {
	c, srv := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	machineVerifyAnswers(t, srv.Mux)
	ok := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	for _, tt := range []struct {
		name    string
		accepts AuthOption
		want    error
	}{
		{"sessions and API keys", AcceptsToken(SessionToken, APIKeyToken, M2MToken), ErrInvalidToken},
		{"API keys only", AcceptsToken(APIKeyToken), ErrNoToken},
		{"M2M tokens only", AcceptsToken(M2MToken), ErrNoToken},
	} {
		for _, tok := range []string{"ak_good", "mt_good"} {
			r := httptest.NewRequest("GET", "/x", nil)
			r.AddCookie(&http.Cookie{Name: SessionCookie, Value: tok})
			if a, err := c.AuthenticateRequest(r, tt.accepts); !errors.Is(err, tt.want) {
				t.Errorf("%s: %s in the cookie: %+v, %v; want %v", tt.name, tok, a, err, tt.want)
			}
			w := httptest.NewRecorder()
			c.RequireAuth(tt.accepts)(ok).ServeHTTP(w, r)
			if w.Code != http.StatusUnauthorized {
				t.Errorf("%s: RequireAuth with %s in the cookie: %d, want 401", tt.name, tok, w.Code)
			}
		}
	}
	if n := srv.Count("POST", "/v1/api_keys/verify") + srv.Count("POST", "/v1/m2m_tokens/verify"); n != 0 {
		t.Errorf("a machine token in a cookie made %d verify requests", n)
	}
	// The same tokens in the header authenticate.
	r := httptest.NewRequest("GET", "/x", nil)
	r.Header.Set("Authorization", "Bearer ak_good")
	r.AddCookie(&http.Cookie{Name: SessionCookie, Value: "mt_good"})
	if a, err := c.AuthenticateRequest(r, AcceptsToken(SessionToken, APIKeyToken)); err != nil || a.TokenType != APIKeyToken {
		t.Errorf("API key in the header: %+v, %v", a, err)
	}
}

// serve runs h on a GET /x with bearer (if any) and returns the status.
func serve(h http.Handler, bearer string) int {
	r := httptest.NewRequest("GET", "/x", nil)
	if bearer != "" {
		r.Header.Set("Authorization", "Bearer "+bearer)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Code
}

// TestMixedRoutes: each requirement applies to the token types it is about.
// Permissions and roles are asked of session tokens, scopes of API keys and
// M2M tokens; a session token is not refused for lacking scopes it can never
// have. A machine token on a route that asks session tokens for something
// needs a RequireScope there, or is refused: it cannot carry a permission.
func TestMixedRoutes(t *testing.T) {
	c, srv := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	machineVerifyAnswers(t, srv.Mux) // ak_: scope users:read; mt_: scope mch_2
	admin := mint(t, now, map[string]any{"o": map[string]any{"id": "org_1", "rol": "admin", "per": "manage", "fpm": "1"}, "fea": "o:billing"})
	member := mint(t, now, map[string]any{"sub": "user_2", "o": map[string]any{"id": "org_1", "rol": "member"}})
	ok := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	both := AcceptsToken(SessionToken, APIKeyToken, M2MToken)
	tests := []struct {
		name string
		opts []AuthOption
		want map[string]int // token -> status
	}{
		{"README: sessions, or API keys with a scope", []AuthOption{both, RequireScope("users:read")},
			map[string]int{admin: 200, member: 200, "ak_x": 200, "mt_x": 403}},
		{"a scope the key lacks", []AuthOption{both, RequireScope("users:write")},
			map[string]int{member: 200, "ak_x": 403}},
		{"sessions need a permission, keys a scope", []AuthOption{both, RequirePermission("org:billing:manage"), RequireScope("users:read")},
			map[string]int{admin: 200, member: 403, "ak_x": 200, "mt_x": 403}},
		{"a permission and no scope: machine tokens refused", []AuthOption{both, RequirePermission("org:billing:manage")},
			map[string]int{admin: 200, member: 403, "ak_x": 403, "mt_x": 403}},
		{"a role and no scope", []AuthOption{both, RequireRole("admin")},
			map[string]int{admin: 200, member: 403, "ak_x": 403}},
		{"no requirement: any valid token of an accepted type", []AuthOption{both},
			map[string]int{admin: 200, member: 200, "ak_x": 200, "mt_x": 200}},
		{"M2M scopes", []AuthOption{both, RequireScope("mch_2")},
			map[string]int{member: 200, "ak_x": 403, "mt_x": 200}},
	}
	for _, tt := range tests {
		h := c.RequireAuth(tt.opts...)(ok)
		for tok, want := range tt.want {
			if got := serve(h, tok); got != want {
				t.Errorf("%s: %.12s... answered %d, want %d", tt.name, tok, got, want)
			}
		}
	}
}

// TestSessionErrClassifiesByExclusion: a session-token failure is the
// token's (ErrInvalidToken) unless the keys could not be had or the context
// ended, so a sentinel package jwt adds later (a wrong typ, say) maps to
// ErrInvalidToken without a change here.
func TestSessionErrClassifiesByExclusion(t *testing.T) {
	future := errors.New("jwt: token type is not a session token's")
	for _, tt := range []struct {
		err         error
		wantInvalid bool
	}{
		{future, true},
		{fmt.Errorf("%w: typ %q", future, "at+jwt"), true},
		{jwt.ErrTokenMalformed, true},
		{jwt.ErrKeyNotFound, true}, // the key set was there, without the kid
		{fmt.Errorf("%w: waiting for the key set: %w", jwt.ErrKeyNotFound, context.DeadlineExceeded), false},
		{context.Canceled, false},
	} {
		err := sessionErr(tt.err)
		if errors.Is(err, ErrInvalidToken) != tt.wantInvalid || !errors.Is(err, tt.err) {
			t.Errorf("sessionErr(%v) = %v; ErrInvalidToken want %v", tt.err, err, tt.wantInvalid)
		}
	}
}

// TestTokenFromRequest pins where a token is read from, as Clerk's JS SDK
// reads it: the Bearer credentials (the scheme in any case), a bare
// Authorization value, then the __session cookie; another scheme is no
// header token.
func TestTokenFromRequest(t *testing.T) {
	for _, tc := range []struct {
		name, header, cookie, want string
	}{
		{"bearer", "Bearer tok", "", "tok"},
		{"bearer any case", "bEARER tok", "", "tok"},
		{"bare value, as JS takes it", "tok", "", "tok"},
		{"another scheme", "Basic dXNlcjpwYXNz", "", ""},
		{"another scheme, cookie", "Basic dXNlcjpwYXNz", "ck", "ck"},
		{"header before cookie", "Bearer tok", "ck", "tok"},
		{"cookie only", "", "ck", "ck"},
		{"nothing", "", "", ""},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		if tc.header != "" {
			r.Header.Set("Authorization", tc.header)
		}
		if tc.cookie != "" {
			r.AddCookie(&http.Cookie{Name: SessionCookie, Value: tc.cookie})
		}
		if got := TokenFromRequest(r); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
