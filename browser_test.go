package clerk

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	gojwt "github.com/golang-jwt/jwt/v5"

	"github.com/go-clerk/clerk/jwt"
)

// Browser requests. The expected states below are @clerk/backend 3.25.0's
// answers: internal/clerkjs puts the same cases (named in each row) to
// authenticateRequest and to Authenticate, and compares status, reason,
// Location, Set-Cookie and Cache-Control.

// The test instance's publishable keys: clerk.example.com, the issuer of
// mint's tokens.
const (
	devPK  = "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k"
	livePK = "pk_live_Y2xlcmsuZXhhbXBsZS5jb20k"
)

// fakeBAPI is a Backend API that answers the handshake payload by nonce and
// session revocations, counting the calls.
type fakeBAPI struct {
	*httptest.Server
	payloads map[string][]string
	nonces   atomic.Int32
	revoked  atomic.Int32
}

func newFakeBAPI(t testing.TB, payloads map[string][]string) *fakeBAPI {
	f := &fakeBAPI{payloads: payloads}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/v1/clients/handshake_payload":
			f.nonces.Add(1)
			d, ok := f.payloads[r.URL.Query().Get("nonce")]
			if !ok {
				w.WriteHeader(http.StatusNotFound)
				_, _ = w.Write([]byte(`{"errors":[{"code":"resource_not_found","message":"not found"}]}`))
				return
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"directives": d})
		case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/revoke"):
			f.revoked.Add(1)
			_, _ = w.Write([]byte(`{"object":"session","id":"sess_1","status":"revoked"}`))
		default:
			t.Errorf("fake Backend API: unexpected %s %s", r.Method, r.URL.Path)
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(f.Close)
	return f
}

// browserClient is a client of the test instance (development or
// production) on the fake Backend API, with the test clock.
func browserClient(t testing.TB, pk string, api *fakeBAPI, opts ...Option) *Client {
	t.Helper()
	if api == nil {
		api = newFakeBAPI(t, nil)
	}
	c, err := New(testKey, append([]Option{WithJWTKey(testKeys().pem), withClock(clock), WithPublishableKey(pk),
		WithBaseURL(api.URL + "/v1"), WithMaxRetries(0)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// browserRequest builds a request with headers and cookies (name=value
// pairs, in order).
func browserReq(method, target string, header map[string]string, cookies ...string) *http.Request {
	r := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	var pairs []string
	for i := 0; i+1 < len(cookies); i += 2 {
		pairs = append(pairs, cookies[i]+"="+cookies[i+1])
	}
	if len(pairs) > 0 {
		r.Header.Set("Cookie", strings.Join(pairs, "; "))
	}
	return r
}

var (
	docHeaders = map[string]string{"Sec-Fetch-Dest": "document", "Accept": "text/html,application/xhtml+xml"}
	apiHeaders = map[string]string{"Accept": "application/json"}
)

func TestBrowserStates(t *testing.T) {
	valid := mint(t, now, nil)
	older := mint(t, now.Add(-300e9), map[string]any{"exp": now.Unix() + 60, "sub": "user_older"})
	expired := mint(t, now.Add(-900e9), nil)
	nbfFuture := mint(t, now, map[string]any{"nbf": now.Unix() + 600})
	iatFuture := mint(t, now, map[string]any{"iat": now.Unix() + 600, "exp": now.Unix() + 1200})
	other := mint(t, now, map[string]any{"iss": "https://clerk.other.example", "sub": "user_other"})
	template := mintHeader(t, map[string]any{"cat": "cl_B7d4PD222AAA"})
	uat := strconv.FormatInt(now.Unix()-3600, 10)
	sfx := CookieSuffix(livePK)
	devSfx := CookieSuffix(devPK)
	dash := "https://app.example.com/dashboard"

	for _, tt := range []struct {
		name, oracle string
		pk           string
		method, url  string
		header       map[string]string
		cookies      []string
		status       AuthStatus
		reason       string
		user         string // signed in as
		sentinel     error
	}{
		{"signed in", "br-signed-in", livePK, "GET", dash, docHeaders, []string{"__session", valid, "__client_uat", uat}, SignedIn, "", "user_1", nil},
		{"no __client_uat, API", "br-no-uat-api", livePK, "GET", dash, apiHeaders, []string{"__session", valid}, SignedOut, "session-token-but-no-client-uat", "", ErrInvalidToken},
		{"no __client_uat, page", "br-no-uat-doc", livePK, "GET", dash, docHeaders, []string{"__session", valid}, Handshake, "session-token-but-no-client-uat", "", ErrInvalidToken},
		{"__client_uat=0, page", "br-uat-zero-doc", livePK, "GET", dash, docHeaders, []string{"__session", valid, "__client_uat", "0"}, Handshake, "session-token-but-no-client-uat", "", ErrInvalidToken},
		{"__client_uat=0, API", "br-uat-zero-api", livePK, "GET", dash, apiHeaders, []string{"__session", valid, "__client_uat", "0"}, SignedOut, "session-token-but-no-client-uat", "", ErrInvalidToken},
		{"__client_uat alone, page", "br-uat-no-session-doc", livePK, "GET", dash, docHeaders, []string{"__client_uat", uat}, Handshake, "client-uat-but-no-session-token", "", ErrNoToken},
		{"__client_uat alone, API", "br-uat-no-session-api", livePK, "GET", dash, apiHeaders, []string{"__client_uat", uat}, SignedOut, "client-uat-but-no-session-token", "", ErrNoToken},
		{"no cookies, page", "br-nothing-doc", livePK, "GET", dash, docHeaders, nil, SignedOut, "session-token-and-uat-missing", "", ErrNoToken},
		{"issued before __client_uat, page", "br-iat-before-uat-doc", livePK, "GET", dash, docHeaders, []string{"__session", valid, "__client_uat", strconv.FormatInt(now.Unix()+10, 10)}, Handshake, "session-token-iat-before-client-uat", "", ErrInvalidToken},
		{"issued before __client_uat, API", "br-iat-before-uat-api", livePK, "GET", dash, apiHeaders, []string{"__session", valid, "__client_uat", strconv.FormatInt(now.Unix()+10, 10)}, SignedOut, "session-token-iat-before-client-uat", "", ErrInvalidToken},
		{"__client_uat in hexadecimal", "br-uat-hex", livePK, "GET", dash, docHeaders, []string{"__session", valid, "__client_uat", "0x10"}, SignedIn, "", "user_1", nil},
		{"expired, page", "br-expired-doc", livePK, "GET", dash, docHeaders, []string{"__session", expired, "__client_uat", uat}, Handshake, "session-token-expired-refresh-non-eligible-no-refresh-cookie", "", jwt.ErrTokenExpired},
		{"expired, Accept text/html", "br-expired-accept-html", livePK, "GET", dash, map[string]string{"Accept": "text/html"}, []string{"__session", expired, "__client_uat", uat}, Handshake, "session-token-expired-refresh-non-eligible-no-refresh-cookie", "", jwt.ErrTokenExpired},
		{"expired, fetch of HTML", "br-expired-fetch-html", livePK, "GET", dash, map[string]string{"Accept": "text/html", "Sec-Fetch-Dest": "empty"}, []string{"__session", expired, "__client_uat", uat}, SignedOut, "session-token-expired-refresh-non-eligible-no-refresh-cookie", "", jwt.ErrTokenExpired},
		{"expired, text/html second", "br-expired-accept-late-html", livePK, "GET", dash, map[string]string{"Accept": "application/json, text/html"}, []string{"__session", expired, "__client_uat", uat}, SignedOut, "session-token-expired-refresh-non-eligible-no-refresh-cookie", "", jwt.ErrTokenExpired},
		{"expired, posted form", "br-expired-post-doc", livePK, "POST", dash, docHeaders, []string{"__session", expired, "__client_uat", uat}, SignedOut, "session-token-expired-refresh-non-eligible-non-get", "", jwt.ErrTokenExpired},
		{"expired, iframe", "br-expired-iframe", livePK, "GET", dash, map[string]string{"Sec-Fetch-Dest": "iframe"}, []string{"__session", expired, "__client_uat", uat}, Handshake, "session-token-expired-refresh-non-eligible-no-refresh-cookie", "", jwt.ErrTokenExpired},
		{"nbf ahead", "br-nbf-future-doc", livePK, "GET", dash, docHeaders, []string{"__session", nbfFuture, "__client_uat", uat}, Handshake, "session-token-nbf", "", jwt.ErrTokenNotValidYet},
		{"iat ahead", "br-iat-future-doc", livePK, "GET", dash, docHeaders, []string{"__session", iatFuture, "__client_uat", uat}, Handshake, "session-token-iat-in-the-future", "", jwt.ErrTokenNotValidYet},
		{"third handshake in a row", "br-loop-2", livePK, "GET", dash, docHeaders, []string{"__session", expired, "__client_uat", uat, "__clerk_redirect_count", "2"}, Handshake, "session-token-expired-refresh-non-eligible-no-refresh-cookie", "", jwt.ErrTokenExpired},
		{"fourth: the loop guard", "br-loop-3", livePK, "GET", dash, docHeaders, []string{"__session", expired, "__client_uat", uat, "__clerk_redirect_count", "3"}, SignedOut, "session-token-expired-refresh-non-eligible-no-refresh-cookie", "", jwt.ErrTokenExpired},
		{"suffixed only", "br-suffixed-only", livePK, "GET", dash, docHeaders, []string{"__session_" + sfx, valid, "__client_uat_" + sfx, uat}, SignedIn, "", "user_1", nil},
		{"unsuffixed newer", "br-unsuffixed-newer", livePK, "GET", dash, docHeaders, []string{"__session_" + sfx, older, "__client_uat_" + sfx, uat, "__session", valid, "__client_uat", uat}, SignedIn, "", "user_1", nil},
		{"suffixed newer", "br-suffixed-newer", livePK, "GET", dash, docHeaders, []string{"__session_" + sfx, valid, "__client_uat_" + sfx, uat, "__session", older, "__client_uat", uat}, SignedIn, "", "user_1", nil},
		{"suffixed signed out", "br-suffixed-signed-out", livePK, "GET", dash, docHeaders, []string{"__client_uat_" + sfx, "0", "__session", valid, "__client_uat", uat}, SignedIn, "", "user_1", nil},
		{"unsuffixed of another instance", "br-other-instance", livePK, "GET", dash, docHeaders, []string{"__session_" + sfx, valid, "__client_uat_" + sfx, uat, "__session", other, "__client_uat", uat}, SignedIn, "", "user_1", nil},
		{"malformed unsuffixed", "br-unsuffixed-malformed", livePK, "GET", dash, docHeaders, []string{"__session_" + sfx, valid, "__client_uat_" + sfx, uat, "__session", "not.a.jwt", "__client_uat", uat}, SignedOut, "token-invalid", "", ErrInvalidToken},
		{"suffixed without its __client_uat", "br-suffixed-no-uat", livePK, "GET", dash, docHeaders, []string{"__session_" + sfx, older, "__session", valid, "__client_uat", uat}, SignedIn, "", "user_1", nil},
		{"template token", "br-template-cookie", livePK, "GET", dash, docHeaders, []string{"__session", template, "__client_uat", uat}, SignedOut, "token-type-mismatch", "", ErrInvalidToken},
		{"from another site, signed in", "br-cross-origin-referrer", livePK, "GET", dash, map[string]string{"Sec-Fetch-Dest": "document", "Referer": "https://search.example/"}, []string{"__session", valid, "__client_uat", uat}, Handshake, "primary-domain-cross-origin-sync", "", ErrInvalidToken},
		{"from the Account Portal", "br-referrer-accounts", livePK, "GET", dash, map[string]string{"Sec-Fetch-Dest": "document", "Referer": "https://accounts.example.com/sign-in"}, []string{"__session", valid, "__client_uat", uat}, SignedIn, "", "user_1", nil},
		{"development: no dev browser, page", "br-dev-no-db-doc", devPK, "GET", dash, docHeaders, nil, Handshake, "dev-browser-missing", "", ErrNoToken},
		{"development: no dev browser, API", "br-dev-no-db-api", devPK, "GET", dash, apiHeaders, []string{"__session", valid, "__client_uat", uat}, SignedOut, "dev-browser-missing", "", ErrInvalidToken},
		{"development: dev browser in the URL", "br-dev-db-query", devPK, "GET", dash + "?__clerk_db_jwt=dvb_q", docHeaders, nil, Handshake, "dev-browser-sync", "", ErrNoToken},
		{"development: signed in", "br-dev-signed-in", devPK, "GET", dash, docHeaders, []string{"__session", valid, "__client_uat", uat, "__clerk_db_jwt", "dvb_1"}, SignedIn, "", "user_1", nil},
		{"development: suffixed expired, unsuffixed signed out", "br-dev-suffixed-expired", devPK, "GET", dash, docHeaders, []string{"__session_" + devSfx, expired, "__client_uat_" + devSfx, uat, "__client_uat", "0", "__clerk_db_jwt", "dvb_1"}, SignedOut, "session-token-and-uat-missing", "", ErrNoToken},
		{"development: suffixed chosen, dev browser unsuffixed", "br-dev-suffixed-valid", devPK, "GET", dash, docHeaders, []string{"__session_" + devSfx, valid, "__client_uat_" + devSfx, uat, "__client_uat", "0", "__clerk_db_jwt", "dvb_1"}, Handshake, "dev-browser-missing", "", ErrInvalidToken},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := browserClient(t, tt.pk, nil)
			st := c.Authenticate(browserReq(tt.method, tt.url, tt.header, tt.cookies...))
			if st.Status != tt.status || st.Reason != tt.reason {
				t.Fatalf("%s (%s): %s %q (%v); @clerk/backend: %s %q", tt.name, tt.oracle, st.Status, st.Reason, st.Err, tt.status, tt.reason)
			}
			switch {
			case tt.status == SignedIn && (st.Auth == nil || st.Auth.UserID != tt.user || st.Err != nil):
				t.Errorf("signed in as %+v, %v; want %s", st.Auth, st.Err, tt.user)
			case tt.status != SignedIn && (st.Auth != nil || !errors.Is(st.Err, tt.sentinel)):
				t.Errorf("%+v, %v; want an error matching %v", st.Auth, st.Err, tt.sentinel)
			case tt.status == Handshake && (!errors.Is(st.Err, ErrHandshakeRequired) || st.Location() == "" || st.Header.Get("Cache-Control") != "no-store"):
				t.Errorf("handshake: %v, headers %v", st.Err, st.Header)
			case tt.status != Handshake && errors.Is(st.Err, ErrHandshakeRequired):
				t.Errorf("%s matches ErrHandshakeRequired", tt.status)
			}
			// AuthenticateRequest is the same state, as (Auth, error).
			a, err := c.AuthenticateRequest(browserReq(tt.method, tt.url, tt.header, tt.cookies...))
			if (a == nil) != (st.Auth == nil) || (err == nil) != (st.Err == nil) {
				t.Errorf("AuthenticateRequest: %+v, %v", a, err)
			}
		})
	}
}

// mintHeader signs valid claims with extra header parameters.
func mintHeader(t *testing.T, header map[string]any) string {
	t.Helper()
	tok := gojwt.NewWithClaims(gojwt.SigningMethodRS256, gojwt.MapClaims{
		"sub": "user_1", "sid": "sess_1", "iss": testIssuer, "azp": "https://app.example.com",
		"iat": now.Unix(), "nbf": now.Unix() - 10, "exp": now.Unix() + 60, "v": 2,
	})
	tok.Header["kid"] = testKeys().kid
	for k, v := range header {
		tok.Header[k] = v
	}
	s, err := tok.SignedString(testKeys().priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestMachineJWTInTheCookie: an OAuth access token or an M2M token in JWT
// format in __session signs the request out (token-type-mismatch) before
// any check of its own, whatever the accepted types, as @clerk/backend's
// isMachineJwt check does; neither has a session token's cat, so the check
// of the header's category alone would not catch the typ at+jwt one.
func TestMachineJWTInTheCookie(t *testing.T) {
	c := browserClient(t, livePK, nil)
	uat := strconv.FormatInt(now.Unix()-3600, 10)
	for name, tok := range map[string]string{
		"OAuth access token (typ at+jwt, no cat)": mintHeader(t, map[string]any{"typ": "at+jwt"}),
		"M2M token (sub mch_, no cat)":            mint(t, now, map[string]any{"sub": "mch_1"}),
	} {
		for _, accepts := range [][]TokenType{nil, {SessionToken, OAuthToken, M2MToken}} {
			st := c.Authenticate(browserReq("GET", "https://app.example.com/", apiHeaders, "__session", tok, "__client_uat", uat), AcceptsToken(accepts...))
			if st.Status != SignedOut || st.Reason != "token-type-mismatch" || !errors.Is(st.Err, ErrInvalidToken) {
				t.Errorf("%s, accepting %v: %s %q %v", name, accepts, st.Status, st.Reason, st.Err)
			}
		}
	}
}

// TestHandshakeRedirect pins the handshake's Location byte for byte (the
// oracle's br-query-kept, br-forwarded, br-dev-expired-doc, br-proxy-rel
// check the same construction against @clerk/backend) and the redirect
// counter.
func TestHandshakeRedirect(t *testing.T) {
	expired := mint(t, now.Add(-900e9), nil)
	uat := strconv.FormatInt(now.Unix()-3600, 10)
	reason := "session-token-expired-refresh-non-eligible-no-refresh-cookie"
	for _, tt := range []struct {
		name   string
		pk     string
		opts   []Option
		url    string
		header map[string]string
		extra  []string
		want   string
	}{
		{"query written again, dev-browser parameters dropped", livePK, nil,
			"https://app.example.com/a/b?x=1&y=a%20b+c&__clerk_db_jwt=zzz&__dev_session=q&z=%E2%9C%93&w=*~'", docHeaders, nil,
			"https://clerk.example.com/v1/client/handshake?redirect_url=https%3A%2F%2Fapp.example.com%2Fa%2Fb%3Fx%3D1%26y%3Da%2Bb%2Bc%26z%3D%25E2%259C%2593%26w%3D*%257E%2527" +
				"&__clerk_api_version=2026-05-12&suffixed_cookies=false&__clerk_hs_reason=" + reason + "&format=nonce&__session=" + expired},
		{"forwarded host and scheme", livePK, nil, "http://internal:8080/p?q=1",
			map[string]string{"Sec-Fetch-Dest": "document", "X-Forwarded-Host": "shop.example.com, proxy", "X-Forwarded-Proto": "https"}, nil,
			"https://clerk.example.com/v1/client/handshake?redirect_url=https%3A%2F%2Fshop.example.com%2Fp%3Fq%3D1" +
				"&__clerk_api_version=2026-05-12&suffixed_cookies=false&__clerk_hs_reason=" + reason + "&format=nonce&__session=" + expired},
		{"development: the dev-browser token goes along", devPK, nil, "https://app.example.com/", docHeaders, []string{"__clerk_db_jwt", "dvb_1"},
			"https://clerk.example.com/v1/client/handshake?redirect_url=https%3A%2F%2Fapp.example.com%2F" +
				"&__clerk_api_version=2026-05-12&suffixed_cookies=false&__clerk_hs_reason=" + reason + "&format=nonce&__session=" + expired + "&__clerk_db_jwt=dvb_1"},
		{"a relative proxy URL", livePK, []Option{WithProxyURL("/__clerk")}, "https://app.example.com/", docHeaders, nil,
			"https://app.example.com/__clerk/v1/client/handshake?redirect_url=https%3A%2F%2Fapp.example.com%2F" +
				"&__clerk_api_version=2026-05-12&suffixed_cookies=false&__clerk_hs_reason=" + reason + "&format=nonce&__session=" + expired},
	} {
		c := browserClient(t, tt.pk, nil, tt.opts...)
		st := c.Authenticate(browserReq("GET", tt.url, tt.header, append([]string{"__session", expired, "__client_uat", uat}, tt.extra...)...))
		if st.Status != Handshake || st.Location() != tt.want {
			t.Errorf("%s: %s %q\n got  %s\n want %s", tt.name, st.Status, st.Reason, st.Location(), tt.want)
		}
		if got := st.Header.Values("Set-Cookie"); !slices.Equal(got, []string{"__clerk_redirect_count=1; SameSite=Lax; HttpOnly; Max-Age=2"}) {
			t.Errorf("%s: Set-Cookie %q", tt.name, got)
		}
	}
}

// TestMiddlewareAnswersTheHandshake: Middleware and RequireAuth answer a
// page request that needs the handshake with its 307, on public routes
// too, as Clerk's JS middlewares do, and never call the handler.
func TestMiddlewareAnswersTheHandshake(t *testing.T) {
	c := browserClient(t, livePK, nil)
	expired := mint(t, now.Add(-900e9), nil)
	uat := strconv.FormatInt(now.Unix()-3600, 10)
	called := false
	next := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { called = true })
	for name, mw := range map[string]func(http.Handler) http.Handler{
		"Middleware":              c.Middleware(),
		"RequireAuth":             c.RequireAuth(),
		"RequireAuth, public":     c.RequireAuth(PublicRoutes("/dashboard")),
		"RequireAuth, permission": c.RequireAuth(RequirePermission("org:x:y")),
	} {
		called = false
		w := httptest.NewRecorder()
		mw(next).ServeHTTP(w, browserReq("GET", "https://app.example.com/dashboard", docHeaders, "__session", expired, "__client_uat", uat))
		loc := w.Header().Get("Location")
		if w.Code != http.StatusTemporaryRedirect || !strings.HasPrefix(loc, "https://clerk.example.com/v1/client/handshake?") ||
			w.Header().Get("Cache-Control") != "no-store" || !strings.HasPrefix(w.Header().Get("Set-Cookie"), "__clerk_redirect_count=1;") || called {
			t.Errorf("%s: %d %v (handler called: %v)", name, w.Code, w.Header(), called)
		}
	}
	// The same expired token on an API request: today's answers.
	w := httptest.NewRecorder()
	c.RequireAuth()(next).ServeHTTP(w, browserReq("GET", "https://app.example.com/api", apiHeaders, "__session", expired, "__client_uat", uat))
	if w.Code != http.StatusUnauthorized || w.Header().Get("Content-Type") != "application/json" || w.Header().Get("Location") != "" {
		t.Errorf("API request: %d %v", w.Code, w.Header())
	}
	// A bearer token never leads to the handshake.
	r := browserReq("GET", "https://app.example.com/dashboard", docHeaders)
	r.Header.Set("Authorization", "Bearer "+expired)
	w = httptest.NewRecorder()
	c.RequireAuth()(next).ServeHTTP(w, r)
	if w.Code != http.StatusUnauthorized {
		t.Errorf("an expired bearer token on a page request: %d, want 401", w.Code)
	}
}

// TestHandshakeReturn: back from the handshake with a nonce, the request is
// signed in by the payload's cookies, which the response sets; nested
// middlewares resolve the nonce once (it is single-use in Clerk). A
// development instance's is redirected to its URL without the nonce.
func TestHandshakeReturn(t *testing.T) {
	valid := mint(t, now, nil)
	directives := []string{"__session=" + valid + "; Path=/; Secure; SameSite=Lax", "__client_uat=" + strconv.FormatInt(now.Unix()-30, 10) + "; Path=/"}
	api := newFakeBAPI(t, map[string][]string{"nonce_in": directives})

	c := browserClient(t, livePK, api)
	var got *Auth
	app := c.Middleware()(c.RequireAuth()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ = AuthFromContext(r.Context())
		_, _ = w.Write([]byte("dashboard"))
	})))
	w := httptest.NewRecorder()
	app.ServeHTTP(w, browserReq("GET", "https://app.example.com/dashboard?__clerk_handshake_nonce=nonce_in", docHeaders))
	if w.Code != http.StatusOK || got == nil || got.UserID != "user_1" || !slices.Equal(w.Header().Values("Set-Cookie"), directives) {
		t.Fatalf("production: %d %v %q, auth %+v", w.Code, w.Header(), w.Body, got)
	}
	if n := api.nonces.Load(); n != 1 {
		t.Errorf("the nonce was resolved %d times, want once", n)
	}

	dc := browserClient(t, devPK, api)
	w = httptest.NewRecorder()
	dc.RequireAuth()(http.NotFoundHandler()).ServeHTTP(w, browserReq("GET", "https://app.example.com/dashboard?__clerk_handshake_nonce=nonce_in&x=1", docHeaders, "__clerk_db_jwt", "dvb_1"))
	if w.Code != http.StatusTemporaryRedirect || w.Header().Get("Location") != "https://app.example.com/dashboard?x=1" ||
		!slices.Equal(w.Header().Values("Set-Cookie"), directives) || w.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("development: %d %v", w.Code, w.Header())
	}

	// A nonce Clerk does not know: no cookie, signed out.
	st := c.Authenticate(browserReq("GET", "https://app.example.com/dashboard?__clerk_handshake_nonce=gone", docHeaders))
	if st.Status != SignedOut || st.Reason != "session-token-missing" || !errors.Is(st.Err, ErrNoToken) {
		t.Errorf("an unknown nonce (br-nonce-unknown): %s %q %v", st.Status, st.Reason, st.Err)
	}
}

// TestRequireAuthSignsPagesIn: a signed-out page request is sent to sign in
// with its URL in redirect_url (createRedirect's URL; the oracle's
// br-signin-* cases check it against @clerk/backend); API requests keep
// the JSON 401.
func TestRequireAuthSignsPagesIn(t *testing.T) {
	handler := http.NotFoundHandler()
	dash := "https://app.example.com/dashboard?tab=1"
	back := "redirect_url=https%3A%2F%2Fapp.example.com%2Fdashboard%3Ftab%3D1"
	for _, tt := range []struct {
		name     string
		pk       string
		opts     []Option
		auth     []AuthOption
		method   string
		header   map[string]string
		cookies  []string
		code     int
		location string
	}{
		{"a path on the app", livePK, []Option{WithSignInURL("/sign-in")}, nil, "GET", docHeaders, nil, 307, "https://app.example.com/sign-in?" + back},
		{"Accept text/html, HEAD", livePK, []Option{WithSignInURL("/sign-in")}, nil, "HEAD", map[string]string{"Accept": "text/html"}, nil, 307, "https://app.example.com/sign-in?" + back},
		{"a posted form: 303", livePK, []Option{WithSignInURL("/sign-in")}, nil, "POST", docHeaders, nil, 303, "https://app.example.com/sign-in?" + back},
		{"the Account Portal by default", livePK, nil, nil, "GET", docHeaders, nil, 307, "https://accounts.example.com/sign-in?" + back},
		{"development, another host: the dev browser goes along", devPK, []Option{WithSignInURL("https://accounts.example.com/sign-in")}, nil,
			"GET", docHeaders, []string{"__clerk_db_jwt", "dvb_1"}, 307, "https://accounts.example.com/sign-in?" + back + "&__clerk_db_jwt=dvb_1"},
		{"a pending session: the tasks", livePK, []Option{WithSignInURL("/sign-in")}, nil, "GET", docHeaders,
			[]string{"__session", mint(t, now, map[string]any{"sts": "pending"}), "__client_uat", "1"}, 307, "https://app.example.com/sign-in/tasks?" + back},
		{"an API request", livePK, []Option{WithSignInURL("/sign-in")}, nil, "GET", apiHeaders, nil, 401, ""},
		{"a route for API keys only", livePK, []Option{WithSignInURL("/sign-in")}, []AuthOption{AcceptsToken(APIKeyToken)}, "GET", docHeaders, nil, 401, ""},
		{"OnAuthFailure answers instead", livePK, []Option{WithSignInURL("/sign-in")}, []AuthOption{OnAuthFailure(func(w http.ResponseWriter, _ *http.Request, status int, _ error) {
			w.WriteHeader(status)
		})}, "GET", docHeaders, nil, 401, ""},
	} {
		c := browserClient(t, tt.pk, nil, tt.opts...)
		w := httptest.NewRecorder()
		c.RequireAuth(tt.auth...)(handler).ServeHTTP(w, browserReq(tt.method, dash, tt.header, tt.cookies...))
		if w.Code != tt.code || w.Header().Get("Location") != tt.location {
			t.Errorf("%s: %d %q, want %d %q", tt.name, w.Code, w.Header().Get("Location"), tt.code, tt.location)
		}
	}
	// Without a publishable key nor a sign-in URL, there is nowhere to go.
	c, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	w := httptest.NewRecorder()
	c.RequireAuth()(handler).ServeHTTP(w, browserReq("GET", dash, docHeaders))
	if w.Code != http.StatusUnauthorized {
		t.Errorf("no publishable key: %d", w.Code)
	}
}

// TestNoPublishableKey: without a publishable key, the browser rules that
// need none apply (unsuffixed cookies, __client_uat), and a request that
// would need the handshake is signed out.
func TestNoPublishableKey(t *testing.T) {
	c, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock))
	uat := strconv.FormatInt(now.Unix()-3600, 10)
	valid, expired := mint(t, now, nil), mint(t, now.Add(-900e9), nil)
	for _, tt := range []struct {
		name    string
		cookies []string
		status  AuthStatus
		reason  string
	}{
		{"signed in", []string{"__session", valid, "__client_uat", uat}, SignedIn, ""},
		{"expired: no handshake", []string{"__session", expired, "__client_uat", uat}, SignedOut, "session-token-expired-refresh-non-eligible-no-refresh-cookie"},
		{"no __client_uat", []string{"__session", valid}, SignedOut, "session-token-but-no-client-uat"},
		{"suffixed cookies are not read", []string{"__session_" + CookieSuffix(livePK), valid, "__client_uat_" + CookieSuffix(livePK), uat}, SignedOut, "session-token-and-uat-missing"},
	} {
		st := c.Authenticate(browserReq("GET", "https://app.example.com/", docHeaders, tt.cookies...))
		if st.Status != tt.status || st.Reason != tt.reason || len(st.Header) != 0 {
			t.Errorf("%s: %s %q %v", tt.name, st.Status, st.Reason, st.Header)
		}
	}
}

// TestSignOut revokes the session and sets the cookies that sign the
// browser out, suffixed and not.
func TestSignOut(t *testing.T) {
	api := newFakeBAPI(t, nil)
	c := browserClient(t, livePK, api)
	r := browserReq("POST", "https://app.example.com/sign-out", nil, "__session", mint(t, now, nil), "__client_uat", "1")
	w := httptest.NewRecorder()
	if err := c.SignOut(w, r); err != nil {
		t.Fatal(err)
	}
	if api.revoked.Load() != 1 {
		t.Errorf("revoked %d sessions", api.revoked.Load())
	}
	sfx := CookieSuffix(livePK)
	want := []string{
		"__session=; Path=/; Max-Age=0; SameSite=Lax", "__client_uat=0; Path=/; Max-Age=31536000; SameSite=Lax",
		"__session_" + sfx + "=; Path=/; Max-Age=0; SameSite=Lax", "__client_uat_" + sfx + "=0; Path=/; Max-Age=31536000; SameSite=Lax",
	}
	if got := w.Header().Values("Set-Cookie"); !slices.Equal(got, want) {
		t.Errorf("Set-Cookie %q", got)
	}
	// The next request, with those cookies, is signed out.
	st := c.Authenticate(browserReq("GET", "https://app.example.com/", docHeaders, "__session", "", "__client_uat", "0"))
	if st.Status != SignedOut {
		t.Errorf("after sign-out: %s %q", st.Status, st.Reason)
	}
	// A signed-out browser: nothing to revoke, the cookies still set.
	w = httptest.NewRecorder()
	if err := c.SignOut(w, browserReq("POST", "https://app.example.com/sign-out", nil)); err != nil || len(w.Header().Values("Set-Cookie")) != 4 || api.revoked.Load() != 1 {
		t.Errorf("signed out already: %v %v", err, w.Header())
	}
}

func TestCookieSuffix(t *testing.T) {
	// @clerk/shared 4.41.0's getCookieSuffix on the same keys.
	for pk, want := range map[string]string{
		"pk_test_Y2xlcmsuZXhhbXBsZS5jb20k":         "l2OS3d9k",
		"pk_live_Y2xlcmsuZXhhbXBsZS5jb20k":         "naoXFJnI",
		"pk_test_Y2xlcmsuY2xlcmt0ZXN0LmludmFsaWQk": "dArVV5p1",
	} {
		if got := CookieSuffix(pk); got != want {
			t.Errorf("CookieSuffix(%s) = %s, want %s", pk, got, want)
		}
	}
}

func TestBrowserOptions(t *testing.T) {
	for i, tt := range []struct {
		opt Option
		ok  bool
	}{
		{WithProxyURL("https://example.com/__clerk"), true},
		{WithProxyURL("/__clerk"), true},
		{WithProxyURL("//evil.example/x"), false},
		{WithProxyURL("ftp://example.com"), false},
		{WithProxyURL("example.com/__clerk"), false},
		{WithSignInURL("/sign-in"), true},
		{WithSignInURL("https://accounts.example.com/sign-in"), true},
		{WithSignInURL("javascript:alert(1)"), false},
	} {
		c, err := New(testKey, tt.opt)
		if tt.ok != (err == nil) || err != nil && !errors.Is(err, ErrInvalidParams) {
			t.Errorf("option %d: %v, want ok %v", i, err, tt.ok)
		}
		if c != nil {
			c.Close()
		}
	}
	// NewFromEnv reads CLERK_PROXY_URL and CLERK_SIGN_IN_URL.
	t.Setenv("CLERK_SECRET_KEY", testKey)
	t.Setenv("CLERK_PUBLISHABLE_KEY", livePK)
	t.Setenv("CLERK_JWT_KEY", testKeys().pem)
	t.Setenv("CLERK_PROXY_URL", "https://app.example.com/__clerk")
	t.Setenv("CLERK_SIGN_IN_URL", "/login")
	c, err := NewFromEnv(withClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	st := c.Authenticate(browserReq("GET", "https://app.example.com/", docHeaders, "__session", mint(t, now.Add(-900e9), nil), "__client_uat", "1"))
	if !strings.HasPrefix(st.Location(), "https://app.example.com/__clerk/v1/client/handshake?") {
		t.Errorf("CLERK_PROXY_URL: %s", st.Location())
	}
	w := httptest.NewRecorder()
	c.RequireAuth()(http.NotFoundHandler()).ServeHTTP(w, browserReq("GET", "https://app.example.com/x", docHeaders))
	if loc := w.Header().Get("Location"); !strings.HasPrefix(loc, "https://app.example.com/login?redirect_url=") {
		t.Errorf("CLERK_SIGN_IN_URL: %s", loc)
	}
}

func TestQueryForm(t *testing.T) {
	for _, tt := range []struct{ raw, want string }{
		{"a=1&b=x%20y+z", "a=1&b=x+y+z"},
		{"&&a&=b&c=", "a=&=b&c="},
		{"w=*~'!()", "w=*%7E%27%21%28%29"},
		{"bad=%zz%4", "bad=%25zz%254"},
		{"u=%E2%9C%93&v=%FF", "u=%E2%9C%93&v=%EF%BF%BD"},
		{"", ""},
	} {
		if got := parseQuery(tt.raw).encode(); got != tt.want {
			t.Errorf("%q: %q, want %q (URLSearchParams' serialization)", tt.raw, got, tt.want)
		}
	}
	q := parseQuery("a=1&b=2&a=3").set("a", "x").add("c", "y").del("b")
	if got := q.encode(); got != "a=x&c=y" {
		t.Errorf("set/add/del: %q", got)
	}
}

func TestJSNumbers(t *testing.T) {
	for in, want := range map[string]float64{
		"1700000000": 1700000000, " 12abc": 12, "0x10": 16, "-5": -5, "abc": 0, "": 0, "1.9": 1, "0": 0,
	} {
		if got := jsParseInt(in); got != want {
			t.Errorf("parseInt(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestJSNumber: the redirect counter read as JavaScript's Number(v) || 0
// (internal/clerkjs's br-loop-* cases put some to @clerk/backend).
func TestJSNumber(t *testing.T) {
	for in, want := range map[string]float64{
		"3": 3, " 2 ": 2, "\uFEFF1": 1, "": 0, "0x3": 3, "0X10": 16, "0b10": 2, "0o7": 7, "0x": 0, "0x-1": 0,
		"0x1_0": 0, "1e1": 10, ".5": 0.5, "5.": 5, "+4": 4, "-1": -1, "1e400": math.Inf(1), "Infinity": math.Inf(1),
		"-Infinity": math.Inf(-1), "inf": 0, "NaN": 0, "1_0": 0, "0x1p3": 0, "abc": 0, "1 2": 0,
	} {
		if got := jsNumber(in); got != want {
			t.Errorf("Number(%q) || 0 = %v, want %v", in, got, want)
		}
	}
}

// TestReadCookies: the cookie package's parse, as @clerk/backend reads a
// Cookie header.
func TestReadCookies(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Cookie", ` a = 1 ; flag; b=x%20y; a=2; c="q"; d=%zz; =e`)
	jar := readCookies(r)
	for name, want := range map[string]string{"a": "1", "b": "x y", "c": `"q"`, "d": "%zz", "": "e"} {
		if got, ok := jar[name]; !ok || got != want {
			t.Errorf("%q = %q, want %q", name, got, want)
		}
	}
	if _, ok := jar["flag"]; ok {
		t.Error("a pair without = is read")
	}
}

// TestSkewVerifierClosed: the development instance's skew verifier, built
// on first use, is closed with the client, and not built after Close.
func TestSkewVerifierClosed(t *testing.T) {
	c := browserClient(t, devPK, nil)
	if _, err := c.skewVerifier(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	c2 := browserClient(t, devPK, nil)
	c2.Close()
	if _, err := c2.skewVerifier(); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
}

// TestRemoveSchemes: JS's iss.replace(/https?:\/\//gi, ”), one pass.
func TestRemoveSchemes(t *testing.T) {
	for in, want := range map[string]string{
		"https://clerk.example.com": "clerk.example.com",
		"HTTP://clerk.example.com":  "clerk.example.com",
		"clerk.example.com":         "clerk.example.com",
		"hthttps://tp://x":          "http://x",
		"https://a/https://b":       "a/b",
		"http:/x":                   "http:/x",
		"https://https://https://":  "",
	} {
		if got := removeSchemes(in); got != want {
			t.Errorf("removeSchemes(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPeekJWTReadsAsJSONParse: a cookie's JWT is decoded as @clerk/backend's
// decodeJwt reads it with JSON.parse: member names match exactly ("ISS" is
// not iss; encoding/json matched it before), the last of a repeated name
// wins, valid JSON that is no object is a token without claims, broken JSON
// is no token, invalid UTF-8 reads as U+FFFD.
func TestPeekJWTReadsAsJSONParse(t *testing.T) {
	seg := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	tok := func(payload string) string { return seg(`{"alg":"RS256"}`) + "." + seg(payload) + ".c2ln" }
	for _, tt := range []struct {
		name, payload string
		ok            bool
		iss           jsValue
		iat           jsValue
	}{
		{"plain", `{"iss":"https://a.example","iat":5}`, true, jsValue{present: true, truthy: true, str: "https://a.example", isStr: true}, jsValue{present: true, truthy: true, num: 5, isNum: true}},
		{"names match exactly", `{"ISS":"https://a.example","Iat":5}`, true, jsValue{}, jsValue{}},
		{"last repeated name wins", `{"iss":"https://a.example","iss":"https://b.example","iat":1,"iat":0}`, true, jsValue{present: true, truthy: true, str: "https://b.example", isStr: true}, jsValue{present: true, isNum: true}},
		{"array", `[1,2]`, true, jsValue{}, jsValue{}},
		{"string", `"x"`, true, jsValue{}, jsValue{}},
		{"null claim", `{"iss":null,"iat":"5"}`, true, jsValue{present: true}, jsValue{present: true, truthy: true, str: "5", isStr: true}},
		{"object claim", `{"iss":{"a":1},"iat":[]}`, true, jsValue{present: true, truthy: true}, jsValue{present: true, truthy: true}},
		{"invalid UTF-8", "{\"iss\":\"a\xffb\"}", true, jsValue{present: true, truthy: true, str: "a\uFFFDb", isStr: true}, jsValue{}},
		{"broken object", `{"iss":"a"`, false, jsValue{}, jsValue{}},
		{"broken array", `[1,`, false, jsValue{}, jsValue{}},
		{"trailing data", `{"iss":"a"} x`, false, jsValue{}, jsValue{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := peekJWT(tok(tt.payload))
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if p.payload.Iss != tt.iss {
				t.Errorf("iss = %+v, want %+v", p.payload.Iss, tt.iss)
			}
			if p.payload.Iat != tt.iat {
				t.Errorf("iat = %+v, want %+v", p.payload.Iat, tt.iat)
			}
		})
	}
}
