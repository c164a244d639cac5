package clerk

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	gojwt "github.com/golang-jwt/jwt/v5"
	"go.uber.org/goleak"

	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/jwt"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const testKey = "sk_test_ROOTcanaryROOTcanaryROOT0123456789"

func noSleep(ctx context.Context, _ time.Duration) error { return ctx.Err() }

func TestNewRefusesBadKeys(t *testing.T) {
	for _, k := range []string{"", "pk_test_abc", "sk_test_", "sk_prod_abc", "sk_test_has space", "sk_test_\x00x", "sk_test_" + strings.Repeat("a", 600), "Bearer sk_test_abc"} {
		c, err := New(k)
		if !errors.Is(err, ErrInvalidSecretKey) || c != nil {
			t.Errorf("New(%.20q) = %v, %v; want ErrInvalidSecretKey", k, c, err)
			continue
		}
		if len(k) > 8 && strings.Contains(err.Error(), k[8:]) {
			t.Errorf("error repeats the key: %v", err)
		}
	}
	for _, k := range []string{"sk_test_abc", "sk_live_abc"} {
		c, err := New(k)
		if err != nil {
			t.Fatalf("New(%q): %v", k, err)
		}
		c.Close()
	}
	if _, err := New("sk_test_abc", WithBaseURL("not a url")); !errors.Is(err, ErrInvalidParams) {
		t.Errorf("bad base URL: %v", err)
	}
}

func TestNewFromEnv(t *testing.T) {
	t.Setenv("CLERK_SECRET_KEY", "")
	if _, err := NewFromEnv(); !errors.Is(err, ErrInvalidSecretKey) {
		t.Fatalf("no key: %v", err)
	}
	t.Setenv("CLERK_SECRET_KEY", testKey)
	t.Setenv("CLERK_API_URL", "http://127.0.0.1:1/v1")
	t.Setenv("CLERK_AUTHORIZED_PARTIES", "https://a.example, https://b.example,")
	t.Setenv("CLERK_PUBLISHABLE_KEY", "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k")
	c, err := NewFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.BaseURL() != "http://127.0.0.1:1/v1" {
		t.Errorf("BaseURL = %q", c.BaseURL())
	}
	if got := c.auth.authorizedParties; len(got) != 2 || got[1] != "https://b.example" {
		t.Errorf("authorized parties = %q", got)
	}
	if c.auth.publishableKey == "" {
		t.Error("publishable key not read")
	}
	c2, err := NewFromEnv(WithBaseURL("http://127.0.0.1:2/v1"))
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if c2.BaseURL() != "http://127.0.0.1:2/v1" {
		t.Errorf("an option did not override the environment: %q", c2.BaseURL())
	}
}

func TestClientNeverPrintsItsKey(t *testing.T) {
	c, err := New(testKey)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		if s := fmt.Sprintf(f, c); strings.Contains(s, "ROOTcanary") || strings.Contains(s, fmt.Sprintf("%x", "ROOTcanary")) {
			t.Errorf("%s prints the key: %s", f, s)
		}
	}
	if s := fmt.Sprintf("%+v", c.Users); strings.Contains(s, "ROOTcanary") {
		t.Errorf("a service prints the key: %s", s)
	}
}

// setup returns a Client wired to a spec-checking server.
func setup(t *testing.T, opts ...Option) (*Client, *spectest.Server) {
	t.Helper()
	srv := spectest.NewServer(t)
	c, err := New(testKey, append([]Option{WithBaseURL(srv.URL), withSleep(noSleep)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, srv
}

func TestErrorsMatchRootSentinels(t *testing.T) {
	c, srv := setup(t)
	srv.Mux.HandleFunc("GET /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(404)
		_, _ = w.Write([]byte(`{"errors":[{"code":"resource_not_found","message":"not found","long_message":"User not found"}],"clerk_trace_id":"tr"}`))
	})
	_, err := c.Users.Get(context.Background(), "user_missing")
	var ae *APIError
	if !errors.Is(err, ErrNotFound) || !errors.As(err, &ae) || ae.TraceID != "tr" {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.Users.Get(context.Background(), "../admin"); !errors.Is(err, ErrInvalidParams) {
		t.Fatalf("unsafe ID: %v", err)
	}
	if n := srv.Count("GET", "/v1/users/../admin"); n != 0 {
		t.Fatalf("unsafe ID sent %d requests", n)
	}
}

// keyPair is an RSA key for minting session tokens in tests.
type keyPair struct {
	priv *rsa.PrivateKey
	pem  string
	kid  string
}

var testKeys = sync.OnceValue(func() *keyPair {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
	return &keyPair{priv: k, pem: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), kid: "ins_test"}
})

const testIssuer = "https://clerk.example.com"

// mint signs v2 session claims; extra overrides or adds claims.
func mint(t testing.TB, now time.Time, extra map[string]any) string {
	t.Helper()
	return mintKid(t, now, testKeys().kid, extra)
}

// mintKid is mint with the key named kid in the header.
func mintKid(t testing.TB, now time.Time, kid string, extra map[string]any) string {
	t.Helper()
	c := gojwt.MapClaims{
		"sub": "user_1", "sid": "sess_1", "iss": testIssuer, "azp": "https://app.example.com",
		"iat": now.Unix(), "nbf": now.Unix() - 10, "exp": now.Unix() + 60, "v": 2,
	}
	for k, v := range extra {
		if v == nil {
			delete(c, k)
			continue
		}
		c[k] = v
	}
	tok := gojwt.NewWithClaims(gojwt.SigningMethodRS256, c)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(testKeys().priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var now = time.Unix(1_800_000_000, 0)

func clock() time.Time { return now }

func TestVerifySessionToken(t *testing.T) {
	c, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock), WithAuthorizedParties("https://app.example.com"))
	tok := mint(t, now, map[string]any{
		"fea": "o:billing", "o": map[string]any{"id": "org_1", "slg": "acme", "rol": "admin", "per": "manage,read", "fpm": "3"},
	})
	a, err := c.VerifyToken(context.Background(), tok)
	if err != nil {
		t.Fatal(err)
	}
	if a.TokenType != SessionToken || a.UserID != "user_1" || a.SessionID != "sess_1" || a.OrgID != "org_1" || a.OrgSlug != "acme" || a.OrgRole != "org:admin" {
		t.Fatalf("auth = %+v", a)
	}
	if !a.HasRole("admin") || !a.HasRole("org:admin") || !a.HasPermission("org:billing:manage") || a.HasPermission("org:billing:delete") || a.HasScope("x") {
		t.Fatalf("checks wrong for %+v", a.OrgPermissions)
	}

	tests := []struct {
		name  string
		token string
		want  error
	}{
		{"expired", mint(t, now.Add(-time.Hour), nil), jwt.ErrTokenExpired},
		{"wrong azp", mint(t, now, map[string]any{"azp": "https://evil.example"}), jwt.ErrInvalidAuthorizedParty},
		{"pending", mint(t, now, map[string]any{"sts": "pending"}), jwt.ErrSessionPending},
		{"garbage", "not.a.token", jwt.ErrTokenMalformed},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.VerifyToken(context.Background(), tt.token)
			if !errors.Is(err, ErrInvalidToken) {
				t.Fatalf("err = %v, want ErrInvalidToken", err)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestNewRefusesBadTokenOptions: options for token checks that cannot work
// (a PEM that is no key, a malformed publishable key, a bad jwt option) are
// an error from New, as a malformed secret key is, not a 503 on every
// request later.
func TestNewRefusesBadTokenOptions(t *testing.T) {
	for name, opt := range map[string]Option{
		"PEM":             WithJWTKey("-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----"),
		"publishable key": WithPublishableKey("pk_test_!!!"),
		"jwt option":      WithJWTOptions(jwt.WithCacheSize(-1)),
	} {
		c, err := New(testKey, opt)
		if !errors.Is(err, ErrInvalidParams) || c != nil {
			t.Errorf("%s: New = %v, %v; want ErrInvalidParams", name, c, err)
		}
	}
	t.Setenv("CLERK_SECRET_KEY", testKey)
	t.Setenv("CLERK_JWT_KEY", "not a PEM")
	if _, err := NewFromEnv(); !errors.Is(err, ErrInvalidParams) {
		t.Errorf("NewFromEnv with a bad CLERK_JWT_KEY: %v", err)
	}
}

// TestSessionTokensThroughBackendJWKS verifies with keys fetched from the
// Backend API's /jwks with the secret key, and checks that Close stops the
// verifier (goleak runs in TestMain).
func TestSessionTokensThroughBackendJWKS(t *testing.T) {
	c, srv := setup(t, withClock(clock))
	var mu sync.Mutex
	var auths []string
	srv.Mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auths = append(auths, r.Header.Get("Authorization"))
		mu.Unlock()
		pub := testKeys().priv.PublicKey
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": []map[string]any{{
			"kty": "RSA", "kid": testKeys().kid, "alg": "RS256", "use": "sig",
			"n": b64(pub.N.Bytes()), "e": b64(bigEndian(pub.E)),
		}}})
	})
	for range 3 {
		if _, err := c.VerifyToken(context.Background(), mint(t, now, nil)); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(auths) != 1 || auths[0] != "Bearer "+testKey {
		t.Fatalf("JWKS fetches = %d with %q, want 1 with the secret key", len(auths), auths)
	}
	c.Close()
	c.Close()
	if _, err := c.VerifyToken(context.Background(), mint(t, now, map[string]any{"sid": "sess_2"})); err == nil {
		t.Fatal("verified after Close")
	}
}

func TestVerifyMachineTokens(t *testing.T) {
	c, srv := setup(t)
	srv.Mux.HandleFunc("POST /api_keys/verify", func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Secret string }
		_ = json.NewDecoder(r.Body).Decode(&body)
		w.Header().Set("Content-Type", "application/json")
		if body.Secret != "ak_good" {
			w.WriteHeader(404)
			_, _ = w.Write([]byte(`{"errors":[{"code":"resource_not_found","message":"not found","long_message":"API key not found"}]}`))
			return
		}
		_, _ = w.Write([]byte(`{"object":"api_key","id":"ak_0123456789abcdef0123456789abcdef","type":"api_key","subject":"org_1","name":"k","scopes":["users:read"],"revoked":false,"expired":false,"created_at":1700000000000,"updated_at":1700000000000}`))
	})
	srv.Mux.HandleFunc("POST /m2m_tokens/verify", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"object":"machine_to_machine_token","id":"mt_0123456789abcdef0123456789abcdef","subject":"mch_1","scopes":["mch_2"],"revoked":false,"expired":false,"created_at":1700000000000,"updated_at":1700000000000}`))
	})
	a, err := c.VerifyToken(context.Background(), "ak_good")
	if err != nil {
		t.Fatal(err)
	}
	if a.TokenType != APIKeyToken || a.Subject != "org_1" || a.OrgID != "org_1" || a.UserID != "" || !a.HasScope("users:read") || a.APIKey == nil {
		t.Fatalf("auth = %+v", a)
	}
	_, err = c.VerifyToken(context.Background(), "ak_bad")
	if !errors.Is(err, ErrInvalidToken) || !errors.Is(err, ErrNotFound) || strings.Contains(err.Error(), "ak_bad") {
		t.Fatalf("err = %v, want ErrInvalidToken and ErrNotFound without the secret", err)
	}
	m, err := c.VerifyToken(context.Background(), "mt_good")
	if err != nil {
		t.Fatal(err)
	}
	if m.TokenType != M2MToken || m.Subject != "mch_1" || !m.HasScope("mch_2") {
		t.Fatalf("auth = %+v", m)
	}
}

func b64(b []byte) string {
	const enc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	var sb strings.Builder
	for i := 0; i < len(b); i += 3 {
		var n uint32
		k := min(3, len(b)-i)
		for j := 0; j < 3; j++ {
			n <<= 8
			if j < k {
				n |= uint32(b[i+j])
			}
		}
		for j := 0; j < k+1; j++ {
			sb.WriteByte(enc[(n>>(18-6*j))&63])
		}
	}
	return sb.String()
}

func bigEndian(e int) []byte {
	var out []byte
	for ; e > 0; e >>= 8 {
		out = append([]byte{byte(e)}, out...)
	}
	return out
}

func TestMiddleware(t *testing.T) {
	c, srv := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	srv.Mux.HandleFunc("POST /api_keys/verify", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"object":"api_key","id":"ak_0123456789abcdef0123456789abcdef","type":"api_key","subject":"user_9","name":"k","scopes":["users:read"],"revoked":false,"expired":false,"created_at":1700000000000,"updated_at":1700000000000}`))
	})
	srv.Mux.HandleFunc("POST /m2m_tokens/verify", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
	})
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := AuthFromContext(r.Context())
		if ok {
			fmt.Fprintf(w, "%s %s", a.TokenType, a.UserID)
			return
		}
		fmt.Fprint(w, "anonymous")
	})
	session := mint(t, now, map[string]any{"o": map[string]any{"id": "org_1", "rol": "admin", "per": "manage", "fpm": "1"}, "fea": "o:billing"})
	member := mint(t, now, map[string]any{"sub": "user_2", "o": map[string]any{"id": "org_1", "rol": "member"}})
	expired := mint(t, now.Add(-time.Hour), nil)

	type req struct {
		path, bearer, cookie string
	}
	tests := []struct {
		name       string
		mw         func(http.Handler) http.Handler
		req        req
		wantStatus int
		wantBody   string
	}{
		{"middleware: no token passes as anonymous", c.Middleware(), req{"/", "", ""}, 200, "anonymous"},
		{"middleware: bad token passes as anonymous", c.Middleware(), req{"/", expired, ""}, 200, "anonymous"},
		{"middleware: session token attached", c.Middleware(), req{"/", session, ""}, 200, "session_token user_1"},
		{"middleware: cookie", c.Middleware(), req{"/", "", session}, 200, "session_token user_1"},
		{"middleware: cookie without __client_uat is signed out (Clerk's JS rule)", c.Middleware(), req{"/no-uat", "", session}, 200, "anonymous"},
		{"middleware: bearer wins over cookie", c.Middleware(), req{"/", member, session}, 200, "session_token user_2"},
		{"middleware: API key not accepted by default", c.Middleware(), req{"/", "ak_x", ""}, 200, "anonymous"},
		{"require: no token", c.RequireAuth(), req{"/x", "", ""}, 401, `{"error":"unauthorized"}`},
		{"require: expired", c.RequireAuth(), req{"/x", expired, ""}, 401, `{"error":"unauthorized"}`},
		{"require: valid", c.RequireAuth(), req{"/x", session, ""}, 200, "session_token user_1"},
		{"require: public route", c.RequireAuth(PublicRoutes("/", "/sign-in(.*)")), req{"/sign-in/factor-one", "", ""}, 200, "anonymous"},
		{"require: public root only", c.RequireAuth(PublicRoutes("/", "/sign-in(.*)")), req{"/admin", "", ""}, 401, ""},
		{"require: pattern is anchored", c.RequireAuth(PublicRoutes("/sign-in")), req{"/x/sign-in", "", ""}, 401, ""},
		{"require: pattern is anchored at the end", c.RequireAuth(PublicRoutes("/sign-in")), req{"/sign-in-admin", "", ""}, 401, ""},
		{"require: public route keeps a valid token", c.RequireAuth(PublicRoutes("/")), req{"/", session, ""}, 200, "session_token user_1"},
		{"require: API key refused by default", c.RequireAuth(), req{"/x", "ak_x", ""}, 401, ""},
		{"require: API key accepted", c.RequireAuth(AcceptsToken(SessionToken, APIKeyToken)), req{"/x", "ak_x", ""}, 200, "api_key user_9"},
		{"require: scope", c.RequireAuth(AcceptsToken(APIKeyToken), RequireScope("users:write")), req{"/x", "ak_x", ""}, 403, `{"error":"forbidden"}`},
		{"require: permission granted", c.RequireAuth(RequirePermission("org:billing:manage")), req{"/x", session, ""}, 200, "session_token user_1"},
		{"require: permission lacking", c.RequireAuth(RequirePermission("org:billing:manage")), req{"/x", member, ""}, 403, ""},
		{"require: role", c.RequireAuth(RequireRole("org:admin")), req{"/x", member, ""}, 403, ""},
		{"require: Clerk down is 503", c.RequireAuth(AcceptsToken(M2MToken)), req{"/x", "mt_x", ""}, 503, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", tt.req.path, nil)
			if tt.req.bearer != "" {
				r.Header.Set("Authorization", "Bearer "+tt.req.bearer)
			}
			if tt.req.cookie != "" {
				r.AddCookie(&http.Cookie{Name: SessionCookie, Value: tt.req.cookie})
				if tt.req.path != "/no-uat" {
					r.AddCookie(&http.Cookie{Name: "__client_uat", Value: strconv.FormatInt(now.Unix()-60, 10)})
				}
			}
			w := httptest.NewRecorder()
			tt.mw(handler).ServeHTTP(w, r)
			if w.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d (body %q)", w.Code, tt.wantStatus, w.Body.String())
			}
			if tt.wantBody != "" && strings.TrimSpace(w.Body.String()) != tt.wantBody {
				t.Fatalf("body = %q, want %q", w.Body.String(), tt.wantBody)
			}
			if w.Code == 401 && w.Header().Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

func TestPublicRoutesPanicsOnBadPattern(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	PublicRoutes("/(")
}

func TestAuthenticateRequest(t *testing.T) {
	c, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	r := httptest.NewRequest("GET", "/", nil)
	if _, err := c.AuthenticateRequest(r); !errors.Is(err, ErrNoToken) {
		t.Fatalf("no token: %v", err)
	}
	r.Header.Set("Authorization", "Basic abc")
	if _, err := c.AuthenticateRequest(r); !errors.Is(err, ErrNoToken) {
		t.Fatalf("basic auth: %v", err)
	}
	r.Header.Set("Authorization", "bearer "+mint(t, now, nil))
	a, err := c.AuthenticateRequest(r)
	if err != nil || a.UserID != "user_1" {
		t.Fatalf("a = %+v, err = %v", a, err)
	}
}

// TestVerifyTokenNilContext: a nil context is the caller's mistake, refused
// with ErrInvalidParams (not ErrInvalidToken) for every token type, without
// a panic while the key set is fetched.
func TestVerifyTokenNilContext(t *testing.T) {
	c, _ := setup(t, withClock(clock)) // keys from the Backend API's /jwks
	var nilCtx context.Context
	for _, tok := range []string{mint(t, now, nil), "ak_x", "mt_x"} {
		_, err := c.VerifyToken(nilCtx, tok)
		if !errors.Is(err, ErrInvalidParams) || errors.Is(err, ErrInvalidToken) {
			t.Errorf("VerifyToken(nil, %.8s...) err = %v, want ErrInvalidParams only", tok, err)
		}
	}
}

// TestKeySetOutageIsNotTheTokensFault: when the session-token keys cannot
// be fetched (Clerk unreachable, or a wrong secret key refused by /jwks),
// the token could not be checked; that is not ErrInvalidToken, and
// RequireAuth answers 503, not a 401 that signs the user out. A kid that a
// fetched key set does not hold is the token's fault.
func TestKeySetOutageIsNotTheTokensFault(t *testing.T) {
	jwks := func(w http.ResponseWriter, _ *http.Request) {
		pub := testKeys().priv.PublicKey
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": []map[string]any{{
			"kty": "RSA", "kid": testKeys().kid, "alg": "RS256", "use": "sig",
			"n": b64(pub.N.Bytes()), "e": b64(bigEndian(pub.E)),
		}}})
	}
	tests := []struct {
		name        string
		handler     http.HandlerFunc
		kid         string
		wantInvalid bool
		wantStatus  int
	}{
		{"Clerk down", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(503) }, "", false, 503},
		{"secret key refused", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(401) }, "", false, 503},
		{"kid not in the fetched keys", jwks, "ins_other", true, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := setup(t, withClock(clock))
			srv.Mux.HandleFunc("GET /jwks", tt.handler)
			tok := mint(t, now, nil)
			if tt.kid != "" {
				tok = mintKid(t, now, tt.kid, nil)
			}
			_, err := c.VerifyToken(context.Background(), tok)
			if err == nil || errors.Is(err, ErrInvalidToken) != tt.wantInvalid || !errors.Is(err, jwt.ErrKeyNotFound) {
				t.Fatalf("err = %v, want ErrKeyNotFound, ErrInvalidToken %v", err, tt.wantInvalid)
			}
			r := httptest.NewRequest("GET", "/x", nil)
			r.Header.Set("Authorization", "Bearer "+tok)
			w := httptest.NewRecorder()
			c.RequireAuth()(http.NotFoundHandler()).ServeHTTP(w, r)
			if w.Code != tt.wantStatus {
				t.Fatalf("RequireAuth answered %d, want %d", w.Code, tt.wantStatus)
			}
		})
	}
}

// TestPublicRoutesNeedACleanPath: a public-route pattern is matched against
// the path as the request spells it, but routers and file servers clean it
// (http.FileServer serves /static/../secret.txt as /secret.txt). A path with
// //, . or .. segments, which browsers never send, is therefore never public.
func TestPublicRoutesNeedACleanPath(t *testing.T) {
	c, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	files := fstest.MapFS{
		"secret.txt":        {Data: []byte("the secret")},
		"static/public.txt": {Data: []byte("public")},
	}
	h := c.RequireAuth(PublicRoutes("/", "/static/(.*)"))(http.FileServerFS(files))
	for _, tt := range []struct {
		path string
		want int
	}{
		{"/static/public.txt", 200},
		{"/static/../secret.txt", 401},
		{"/static/%2e%2e/secret.txt", 401},
		{"/static/..%2fsecret.txt", 401},
		{"/static//../secret.txt", 401},
		{"/static/./../secret.txt", 401},
		{"/secret.txt", 401},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", tt.path, nil))
		if w.Code != tt.want || (tt.want != 200 && strings.Contains(w.Body.String(), "secret")) {
			t.Errorf("GET %s: %d %q, want %d", tt.path, w.Code, w.Body.String(), tt.want)
		}
	}
}

// deadlineRecorder answers 503 to every request and records whether each
// one's context had a deadline, and how far away it was.
type deadlineRecorder struct {
	mu    sync.Mutex
	n     int
	left  []time.Duration // -1: no deadline
	agent string
}

func (d *deadlineRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.n++
	d.agent = r.Header.Get("User-Agent")
	if dl, ok := r.Context().Deadline(); ok {
		d.left = append(d.left, time.Until(dl))
	} else {
		d.left = append(d.left, -1)
	}
	return &http.Response{StatusCode: 503, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
}

// TestOptions checks what the transport options do, as seen by requests:
// WithMaxRetries(0) sends once, WithTimeout(0) leaves no deadline, the
// default bounds a call at 60 s, WithUserAgent goes first in the User-Agent.
func TestOptions(t *testing.T) {
	tests := []struct {
		name     string
		opts     []Option
		wantReqs int
		deadline func(time.Duration) bool
	}{
		{"defaults", nil, 4, func(d time.Duration) bool { return d > 59*time.Second && d <= 60*time.Second }},
		{"no retries", []Option{WithMaxRetries(0)}, 1, nil},
		{"negative retries", []Option{WithMaxRetries(-2)}, 1, nil},
		{"two retries", []Option{WithMaxRetries(2)}, 3, nil},
		{"timeout", []Option{WithTimeout(5 * time.Second)}, 4, func(d time.Duration) bool { return d > 4*time.Second && d <= 5*time.Second }},
		{"no timeout", []Option{WithTimeout(0)}, 4, func(d time.Duration) bool { return d == -1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &deadlineRecorder{}
			opts := append([]Option{WithBaseURL("https://api.example.com/v1"), WithHTTPClient(&http.Client{Transport: rec}),
				withSleep(noSleep), WithUserAgent("myapp/1.0")}, tt.opts...)
			c, err := New(testKey, opts...)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			_, err = c.Users.Get(context.Background(), "user_1")
			if !errors.As(err, new(*APIError)) {
				t.Fatalf("err = %v, want the 503", err)
			}
			if rec.n != tt.wantReqs {
				t.Errorf("requests = %d, want %d", rec.n, tt.wantReqs)
			}
			if tt.deadline != nil && !tt.deadline(rec.left[0]) {
				t.Errorf("deadline %v away (-1: none)", rec.left[0])
			}
			if !strings.HasPrefix(rec.agent, "myapp/1.0 go-clerk/") {
				t.Errorf("User-Agent = %q", rec.agent)
			}
		})
	}
}
