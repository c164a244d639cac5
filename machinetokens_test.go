package clerk

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	gojwt "github.com/golang-jwt/jwt/v5"

	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/jwt"
)

const (
	catM2M     = "cl_B7d4PD333AAA"
	testMchKey = "ak_MCHcanaryMCHcanary0123456789"
)

// mintJWT signs claims with key under a header of kid, alg RS256 and the
// given parameters (nil deletes one, so {"typ": nil} leaves typ out).
func mintJWT(t *testing.T, key *rsa.PrivateKey, header, claims map[string]any) string {
	t.Helper()
	tok := gojwt.NewWithClaims(gojwt.SigningMethodRS256, gojwt.MapClaims(claims))
	tok.Header["kid"] = testKeys().kid
	for k, v := range header {
		if v == nil {
			delete(tok.Header, k)
		} else {
			tok.Header[k] = v
		}
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// m2mJWT is an M2M token in JWT format, valid at now; extra overrides or
// adds claims (nil deletes one).
func m2mJWT(t *testing.T, extra map[string]any) string {
	return mintJWT(t, testKeys().priv, map[string]any{"cat": catM2M}, merged(map[string]any{
		"sub": "mch_caller", "jti": "mt_jwt_1", "iss": "https://api.clerk.com", "aud": []string{"mch_callee"},
		"iat": now.Unix() - 5, "exp": now.Unix() + 3600, "job": "sync",
	}, extra))
}

// oauthJWT is an OAuth access token in JWT format, valid at now.
func oauthJWT(t *testing.T, extra map[string]any) string {
	return mintJWT(t, testKeys().priv, map[string]any{"typ": "at+jwt"}, merged(map[string]any{
		"sub": "user_granted", "jti": "oat_jwt_1", "client_id": "client_app", "iss": testIssuer,
		"iat": now.Unix() - 5, "exp": now.Unix() + 600, "scope": "profile email", "aud": "https://api.example.com",
	}, extra))
}

func merged(base, extra map[string]any) map[string]any {
	for k, v := range extra {
		if v == nil {
			delete(base, k)
		} else {
			base[k] = v
		}
	}
	return base
}

// oauthAnswers makes the spec server answer the OAuth verify endpoint:
// oat_good is valid (scopes profile, email; audience api.example.com),
// oat_revoked revoked, oat_inactive inactive, any other token unknown. It
// returns the number of calls.
func oauthAnswers(srv *spectest.Server) *atomic.Int32 {
	var n atomic.Int32
	srv.Mux.HandleFunc("POST /oauth_applications/access_tokens/verify", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		var body struct {
			AccessToken string `json:"access_token"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		tok := map[string]any{
			"object": "clerk_idp_oauth_access_token", "id": "oat_0123456789abcdef0123456789abcdef", "client_id": "client_app",
			"subject": "user_granted", "scopes": []string{"profile", "email"}, "revoked": false, "revocation_reason": nil,
			"expired": false, "expiration": now.Add(time.Hour).UnixMilli(), "created_at": 1700000000000, "updated_at": 1700000000000,
			"aud": []string{"https://api.example.com"},
		}
		switch body.AccessToken {
		case "oat_good":
		case "oat_revoked":
			tok["revoked"], tok["revocation_reason"] = true, "signed out"
		case "oat_inactive":
			spectest.WriteJSON(w, http.StatusOK, map[string]any{"active": false})
			return
		default:
			spectest.WriteError(w, http.StatusNotFound, "resource_not_found")
			return
		}
		spectest.WriteJSON(w, http.StatusOK, tok)
	})
	return &n
}

// serveJWKS makes the spec server answer GET /jwks with the test key, and
// returns the number of fetches.
func serveJWKS(srv *spectest.Server) *atomic.Int32 {
	var n atomic.Int32
	srv.Mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		pub := testKeys().priv.PublicKey
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"keys": []map[string]any{{
			"kty": "RSA", "kid": testKeys().kid, "alg": "RS256", "use": "sig",
			"n": b64(pub.N.Bytes()), "e": b64(bigEndian(pub.E)),
		}}})
	})
	return &n
}

func TestVerifyOpaqueOAuthTokens(t *testing.T) {
	c, srv := setup(t, withClock(clock))
	calls := oauthAnswers(srv)
	ctx := context.Background()
	for range 3 {
		a, err := c.VerifyToken(ctx, "oat_good")
		if err != nil {
			t.Fatal(err)
		}
		if a.TokenType != OAuthToken || a.Subject != "user_granted" || a.UserID != "user_granted" || a.ClientID != "client_app" ||
			!a.HasScope("email") || a.HasScope("admin") || a.OAuthToken == nil || a.OAuthToken.ID != "oat_0123456789abcdef0123456789abcdef" ||
			a.HasPermission("org:x:y") || a.HasRole("admin") || a.Claims != nil {
			t.Fatalf("auth = %+v", a)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("3 verifications of one token made %d API calls, want 1 (cached)", n)
	}
	for _, tok := range []string{"oat_revoked", "oat_inactive", "oat_unknown"} {
		for range 2 {
			_, err := c.VerifyToken(ctx, tok)
			if !errors.Is(err, ErrInvalidToken) || strings.Contains(fmt.Sprintf("%v %+v", err, err), tok) {
				t.Errorf("%s: %v, want ErrInvalidToken without the token", tok, err)
			}
		}
	}
	if n := calls.Load(); n != 7 {
		t.Errorf("%d API calls, want 7: refusals are not cached", n)
	}
}

// TestOAuthTokenAudience: WithAudience holds OAuth access tokens, opaque or
// JWT, to the audience, as Clerk's JS SDK does with its audience option.
func TestOAuthTokenAudience(t *testing.T) {
	for _, tc := range []struct {
		audience string
		ok       bool
	}{{"https://api.example.com", true}, {"https://other.example.com", false}} {
		c, srv := setup(t, withClock(clock), WithJWTKey(testKeys().pem), WithAudience(tc.audience, ""))
		oauthAnswers(srv)
		for _, tok := range []string{"oat_good", oauthJWT(t, nil)} {
			_, err := c.VerifyToken(context.Background(), tok)
			if tc.ok != (err == nil) || !tc.ok && (!errors.Is(err, ErrInvalidToken) || !errors.Is(err, jwt.ErrInvalidAudience)) {
				t.Errorf("audience %s, token %.12s: %v", tc.audience, tok, err)
			}
		}
		if _, err := c.VerifyToken(context.Background(), oauthJWT(t, map[string]any{"aud": nil})); tc.ok && !errors.Is(err, jwt.ErrInvalidAudience) {
			t.Errorf("an OAuth JWT without aud: %v, want ErrInvalidAudience", err)
		}
	}
}

func TestVerifyMachineJWTs(t *testing.T) {
	c, srv := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	ctx := context.Background()

	a, err := c.VerifyToken(ctx, m2mJWT(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	m := a.M2MToken
	if a.TokenType != M2MToken || a.Subject != "mch_caller" || !a.HasScope("mch_callee") || a.UserID != "" || m == nil ||
		m.ID != "mt_jwt_1" || m.Subject != "mch_caller" || m.MachineID() != "mch_caller" || m.Expiration == nil ||
		!m.Expiration.Equal(now.Add(time.Hour)) || !m.CreatedAt.Equal(now.Add(-5*time.Second)) || m.Revoked || m.Expired {
		t.Fatalf("auth = %+v, token = %+v", a, m)
	}
	var custom struct {
		Job string   `json:"job"`
		Aud []string `json:"aud"`
	}
	if err := m.Claims.Decode(&custom); err != nil || custom.Job != "sync" || len(custom.Aud) != 1 {
		t.Errorf("custom claims %s: %+v %v", m.Claims, custom, err)
	}

	a, err = c.VerifyToken(ctx, oauthJWT(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	o := a.OAuthToken
	if a.TokenType != OAuthToken || a.UserID != "user_granted" || a.ClientID != "client_app" || !a.HasScope("email") || o == nil ||
		o.ID != "oat_jwt_1" || o.ClientID != "client_app" || !o.Expiration.Equal(now.Add(10*time.Minute)) || len(o.Audience) != 1 {
		t.Fatalf("auth = %+v, token = %+v", a, o)
	}

	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tamper := func(tok string, claims map[string]any) string {
		p := strings.Split(tok, ".")
		b, _ := json.Marshal(claims)
		return p[0] + "." + b64(b) + "." + p[2]
	}
	for _, tc := range []struct {
		name  string
		token string
		want  error
	}{
		{"M2M expired", m2mJWT(t, map[string]any{"exp": now.Unix() - 60, "iat": now.Unix() - 120}), jwt.ErrTokenExpired},
		{"OAuth expired", oauthJWT(t, map[string]any{"exp": now.Unix() - 60, "iat": now.Unix() - 120}), jwt.ErrTokenExpired},
		{"M2M not valid yet", m2mJWT(t, map[string]any{"nbf": now.Unix() + 600}), jwt.ErrTokenNotValidYet},
		{"M2M signed by another key", mintJWT(t, other, map[string]any{"cat": catM2M}, map[string]any{"sub": "mch_x", "exp": now.Unix() + 60}), jwt.ErrTokenSignatureInvalid},
		{"OAuth signed by another key", mintJWT(t, other, map[string]any{"typ": "at+jwt"}, map[string]any{"sub": "user_x", "exp": now.Unix() + 60}), jwt.ErrTokenSignatureInvalid},
		{"M2M alg none", b64([]byte(`{"alg":"none","typ":"JWT","cat":"`+catM2M+`"}`)) + "." + b64([]byte(`{"sub":"mch_x","exp":9999999999}`)) + ".AAAA", jwt.ErrUnsupportedAlgorithm},
		{"OAuth alg none", b64([]byte(`{"alg":"none","typ":"at+jwt"}`)) + "." + b64([]byte(`{"sub":"user_x","exp":9999999999}`)) + ".AAAA", jwt.ErrUnsupportedAlgorithm},
		{"M2M tampered subject", tamper(m2mJWT(t, nil), map[string]any{"sub": "mch_admin", "exp": now.Unix() + 3600}), jwt.ErrTokenSignatureInvalid},
		{"OAuth tampered scope", tamper(oauthJWT(t, nil), map[string]any{"sub": "user_granted", "scope": "admin", "exp": now.Unix() + 600}), jwt.ErrTokenSignatureInvalid},
		{"M2M with the session category", mintJWT(t, testKeys().priv, map[string]any{"cat": "cl_B7d4PD111AAA"}, map[string]any{"sub": "mch_x", "exp": now.Unix() + 60}), jwt.ErrInvalidTokenType},
		{"a JWT-template token", mintJWT(t, testKeys().priv, map[string]any{"cat": "cl_B7d4PD222AAA"}, map[string]any{"sub": "user_1", "sid": "sess_1", "exp": now.Unix() + 60}), jwt.ErrInvalidTokenType},
	} {
		_, err := c.VerifyToken(ctx, tc.token)
		if !errors.Is(err, ErrInvalidToken) || !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want ErrInvalidToken and %v", tc.name, err, tc.want)
		}
	}
	if n := srv.Count("POST", "/v1/m2m_tokens/verify") + srv.Count("POST", "/v1/oauth_applications/access_tokens/verify"); n != 0 {
		t.Errorf("JWT-format machine tokens made %d API calls", n)
	}
}

func TestTokenTypeOf(t *testing.T) {
	for tok, want := range map[string]TokenType{
		"ak_x":                    APIKeyToken,
		"mt_x":                    M2MToken,
		"oat_x":                   OAuthToken,
		mint(t, now, nil):         SessionToken,
		m2mJWT(t, nil):            M2MToken,
		oauthJWT(t, nil):          OAuthToken,
		m2mJWT(t, nil)[:20]:       SessionToken,
		"":                        SessionToken,
		"Bearer oat_x":            SessionToken,
		"sk_test_not_a_token_xyz": SessionToken,
	} {
		if got := TokenTypeOf(tok); got != want {
			t.Errorf("TokenTypeOf(%.16q) = %s, want %s", tok, got, want)
		}
	}
}

// TestAcceptsTokenMachineTypes: each route accepts the types it lists and
// refuses the others (401) before checking them: no Backend API call for an
// opaque token and no key-set fetch for a machine JWT of a type not
// accepted where session tokens are not accepted either. Keys come from the
// Backend API's /jwks here, so that a fetch shows.
func TestAcceptsTokenMachineTypes(t *testing.T) {
	c, srv := setup(t, withClock(clock))
	machineVerifyAnswers(t, srv.Mux)
	oauthCalls := oauthAnswers(srv)
	ok := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	session, m2m, oauth := mint(t, now, nil), m2mJWT(t, nil), oauthJWT(t, nil)
	uncat := mintJWT(t, testKeys().priv, nil, map[string]any{"sub": "mch_old", "exp": now.Unix() + 60, "iat": now.Unix()})

	// Refusals before any check: machine JWTs and oat_ where only API keys
	// are accepted.
	fetches := serveJWKS(srv)
	apiKeysOnly := c.RequireAuth(AcceptsToken(APIKeyToken))(ok)
	for _, tok := range []string{m2m, oauth, uncat, "oat_good", "mt_good"} {
		if got := serve(apiKeysOnly, tok); got != http.StatusUnauthorized {
			t.Errorf("API keys only: %.12s answered %d, want 401", tok, got)
		}
	}
	if n := fetches.Load() + oauthCalls.Load(); n != 0 {
		t.Errorf("tokens of a type not accepted made %d key-set fetches or API calls", n)
	}

	for _, tt := range []struct {
		name    string
		accepts []TokenType
		want    map[string]int
	}{
		{"default: session tokens only", nil,
			map[string]int{session: 200, m2m: 401, oauth: 401, uncat: 401, "oat_good": 401, "mt_good": 401}},
		{"M2M tokens", []TokenType{M2MToken},
			map[string]int{m2m: 200, uncat: 200, "mt_good": 200, oauth: 401, "oat_good": 401, session: 401}},
		{"OAuth tokens", []TokenType{OAuthToken},
			map[string]int{oauth: 200, "oat_good": 200, "oat_revoked": 401, m2m: 401, session: 401}},
		{"sessions and OAuth tokens", []TokenType{SessionToken, OAuthToken},
			map[string]int{session: 200, oauth: 200, "oat_good": 200, m2m: 401, uncat: 401, "mt_good": 401}},
		{"every type", []TokenType{SessionToken, APIKeyToken, M2MToken, OAuthToken},
			map[string]int{session: 200, oauth: 200, "oat_good": 200, m2m: 200, uncat: 200, "mt_good": 200, "ak_good": 200}},
	} {
		var opts []AuthOption
		if tt.accepts != nil {
			opts = append(opts, AcceptsToken(tt.accepts...))
		}
		h := c.RequireAuth(opts...)(ok)
		for tok, want := range tt.want {
			if got := serve(h, tok); got != want {
				t.Errorf("%s: %.12s answered %d, want %d", tt.name, tok, got, want)
			}
		}
	}
	if n := oauthCalls.Load(); n != 2 {
		t.Errorf("%d OAuth verify calls, want 2 (oat_good once, cached; oat_revoked once)", n)
	}

	// Machine JWTs come from the header only: in the cookie they are
	// checked as session tokens, and refused.
	for _, tok := range []string{m2m, oauth} {
		r := httptest.NewRequest("GET", "/x", nil)
		r.AddCookie(&http.Cookie{Name: SessionCookie, Value: tok})
		if _, err := c.AuthenticateRequest(r, AcceptsToken(SessionToken, M2MToken, OAuthToken)); !errors.Is(err, ErrInvalidToken) {
			t.Errorf("a machine JWT in the cookie: %v, want ErrInvalidToken", err)
		}
		if _, err := c.AuthenticateRequest(r, AcceptsToken(M2MToken, OAuthToken)); !errors.Is(err, ErrNoToken) {
			t.Errorf("a machine JWT in the cookie, no sessions accepted: %v, want ErrNoToken", err)
		}
	}
}

// TestRequireScopeOAuth: RequireScope applies to OAuth access tokens as to
// API keys; a session requirement with no scope refuses them.
func TestRequireScopeOAuth(t *testing.T) {
	c, srv := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	oauthAnswers(srv)
	ok := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	oauth := AcceptsToken(SessionToken, OAuthToken)
	for _, tt := range []struct {
		name string
		opts []AuthOption
		want int
	}{
		{"a scope the token has", []AuthOption{oauth, RequireScope("email")}, 200},
		{"a scope it lacks", []AuthOption{oauth, RequireScope("admin")}, 403},
		{"a permission and no scope", []AuthOption{oauth, RequirePermission("org:x:read")}, 403},
	} {
		h := c.RequireAuth(tt.opts...)(ok)
		for _, tok := range []string{"oat_good", oauthJWT(t, nil)} {
			if got := serve(h, tok); got != tt.want {
				t.Errorf("%s: %.12s answered %d, want %d", tt.name, tok, got, tt.want)
			}
		}
	}
}

// TestMachineJWTsShareTheSessionKeys: session tokens and machine JWTs are
// verified against one key set, fetched once.
func TestMachineJWTsShareTheSessionKeys(t *testing.T) {
	c, srv := setup(t, withClock(clock))
	fetches := serveJWKS(srv)
	for range 3 {
		for _, tok := range []string{mint(t, now, nil), m2mJWT(t, nil), oauthJWT(t, nil)} {
			if _, err := c.VerifyToken(context.Background(), tok); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := fetches.Load(); n != 1 {
		t.Errorf("%d key-set fetches, want 1", n)
	}
}
