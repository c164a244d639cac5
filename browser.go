package clerk

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/go-clerk/clerk/jwt"
)

// Browser requests: the request states of @clerk/backend's
// authenticateRequest for requests that carry their session in cookies
// (ARCHITECTURE.md, "The browser path"). The decisions are in browserstate.go.

// AuthStatus is the state of a request, as Clerk's SDKs name it.
type AuthStatus string

// The states of a request.
const (
	// SignedIn: a valid token; RequestState.Auth says whose.
	SignedIn AuthStatus = "signed-in"
	// SignedOut: no token, or one that is not accepted; RequestState.Err
	// says why.
	SignedOut AuthStatus = "signed-out"
	// Handshake: a browser's page request whose session must be refreshed
	// by Clerk's Frontend API first (its token expired while the browser
	// is still signed in, say): the response must be the redirect of
	// RequestState.Header (307 to the Frontend API's handshake endpoint).
	Handshake AuthStatus = "handshake"
)

// ErrHandshakeRequired is matched by the error of a request in the
// Handshake state. The error also matches ErrInvalidToken (and the jwt
// sentinel, for an expired token) when the request carries a session
// cookie, ErrNoToken when it does not, so AuthenticateRequest's callers
// that answer 401 to those keep doing so; Authenticate gives the redirect
// that lets the browser refresh its session instead.
var ErrHandshakeRequired = errors.New("clerk: the browser must go through Clerk's handshake")

// RequestState is what Authenticate says of a request: its status, the
// Auth of a signed-in request, why another is not signed in, and the
// headers the response must carry. Apply writes those headers.
type RequestState struct {
	// Status is SignedIn, SignedOut or Handshake.
	Status AuthStatus
	// Reason is Clerk's reason for a SignedOut or Handshake status, as
	// @clerk/backend names it (its x-clerk-auth-reason):
	// "session-token-and-uat-missing", "session-token-expired-refresh-
	// non-eligible-no-refresh-cookie", "dev-browser-missing",
	// "token-invalid-signature", ...; "" when signed in.
	Reason string
	// Auth is the caller, when Status is SignedIn.
	Auth *Auth
	// Err is why the request is not signed in: it matches ErrNoToken or
	// ErrInvalidToken (and ErrHandshakeRequired for Handshake) when the
	// request's token is at fault, and neither when the token could not be
	// checked (ErrClosed, Clerk unreachable). Nil when signed in.
	Err error
	// Header holds the headers the response must carry: Set-Cookie (the
	// session cookies a handshake brought back, the handshake's redirect
	// counter), Location and Cache-Control for a redirect. Empty for
	// requests with a token in the Authorization header.
	Header http.Header
}

// Location is the redirect the response must be, "" when none: always one
// for Handshake; for a request coming back from the handshake of a
// development instance, the same URL without the handshake's parameters.
func (s *RequestState) Location() string { return s.Header.Get("Location") }

// Apply adds the state's headers to w's and, when the state asks for a
// redirect (Location), writes it (307 Temporary Redirect) and reports true:
// the response is then complete. Otherwise the caller writes the response
// (the headers added, Set-Cookie among them, go with it).
func (s *RequestState) Apply(w http.ResponseWriter) bool {
	for k, vs := range s.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if s.Location() == "" {
		return false
	}
	w.WriteHeader(http.StatusTemporaryRedirect)
	return true
}

// WithProxyURL sets the URL at which browsers reach the instance's
// Frontend API through a proxy (CLERK_PROXY_URL), absolute
// ("https://example.com/__clerk") or a path on the application's origin
// ("/__clerk"). Browser requests are then sent there for the handshake, as
// Clerk's JS SDK sends them. Session tokens are still expected from the
// instance's own Frontend API (the publishable key's). Anything but an
// http(s) URL or a path fails New with ErrInvalidParams.
func WithProxyURL(url string) Option { return func(o *options) { o.browser.proxyURL = url } }

// WithSignInURL sets the sign-in page (CLERK_SIGN_IN_URL), absolute or a
// path on the application's origin ("/sign-in"): RequireAuth redirects
// browsers' page requests that are not signed in there, with the page's
// URL in redirect_url, as Clerk's JS SDKs do. Without it, a client with a
// publishable key sends them to the instance's Account Portal
// (https://accounts.<domain>/sign-in); without either, they get the 401.
// Anything but an http(s) URL or a path fails New with ErrInvalidParams.
func WithSignInURL(url string) Option { return func(o *options) { o.browser.signInURL = url } }

// browserOptions are what WithProxyURL, WithSignInURL and
// WithOrganizationSync set.
type browserOptions struct {
	proxyURL, signInURL string
	orgSync             OrganizationSync
	orgs                *orgMatcher // orgSync compiled by check
}

// check refuses a URL that is neither absolute http(s) nor a path, and
// compiles the organization sync's patterns.
func (b *browserOptions) check() error {
	orgs, err := compileOrgSync(b.orgSync)
	if err != nil {
		return err
	}
	b.orgs = orgs
	for _, v := range []struct{ name, url string }{{"proxy URL", b.proxyURL}, {"sign-in URL", b.signInURL}} {
		if v.url == "" || strings.HasPrefix(v.url, "/") && !strings.HasPrefix(v.url, "//") {
			continue
		}
		if _, ok := parseWebURL(v.url); !ok {
			return fmt.Errorf("%w: the %s is neither an absolute http(s) URL nor a path starting with /", ErrInvalidParams, v.name)
		}
	}
	return nil
}

// browser is the configuration of the browser path, derived once by New.
type browser struct {
	publishableKey string
	suffix         string // CookieSuffix; "" without a publishable key
	dev            bool   // a development instance (pk_test_)
	fapi           string // the publishable key's Frontend API host; "" without one
	satellite      string // the satellite domain, "" for none
	proxyURL       string
	signInURL      string
	orgs           *orgMatcher // nil without WithOrganizationSync

	// skew verifies a handshake's session token of a development instance
	// with a day of leeway, as Clerk's JS SDK does when it detects clock
	// skew; built on first use, closed by Close.
	skewOnce sync.Once
	skew     *jwt.Verifier
	skewErr  error
}

// newBrowser derives the browser path's configuration.
func newBrowser(a authConfig, o browserOptions) *browser {
	b := &browser{
		publishableKey: a.publishableKey,
		satellite:      a.satelliteDomain,
		proxyURL:       o.proxyURL,
		signInURL:      o.signInURL,
		orgs:           o.orgs,
	}
	if host, ok := publishableKeyHost(a.publishableKey); ok {
		b.suffix = CookieSuffix(a.publishableKey)
		b.dev = strings.HasPrefix(a.publishableKey, "pk_test_")
		b.fapi = host
	}
	return b
}

// publishableKeyHost decodes the Frontend API host of a publishable key
// (package jwt has checked it when New built the verifier).
func publishableKeyHost(pk string) (string, bool) {
	enc, ok := strings.CutPrefix(pk, "pk_test_")
	if !ok {
		if enc, ok = strings.CutPrefix(pk, "pk_live_"); !ok {
			return "", false
		}
	}
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(enc, "="))
	if err != nil {
		return "", false
	}
	host, ok := strings.CutSuffix(string(raw), "$")
	return host, ok && host != ""
}

// originalFrontendAPI is the Frontend API that issues the instance's
// session tokens: a production satellite's own, else the publishable
// key's, whatever the proxy.
func (b *browser) originalFrontendAPI() string {
	if !b.dev && b.satellite != "" {
		return "clerk." + b.satellite
	}
	return b.fapi
}

// frontendAPI is where browsers reach the Frontend API from the request's
// origin: the proxy when there is one, else the instance's own.
func (b *browser) frontendAPI(origin string) string {
	switch {
	case b.proxyURL == "":
		return b.originalFrontendAPI()
	case strings.HasPrefix(b.proxyURL, "/"):
		return origin + b.proxyURL
	}
	return b.proxyURL
}

// skewVerifier returns the verifier with a day of leeway.
func (c *Client) skewVerifier() (*jwt.Verifier, error) {
	b := c.browser
	b.skewOnce.Do(func() {
		if c.closed.Load() {
			b.skewErr = ErrClosed
			return
		}
		opts := append(c.jwtOptions(), jwt.WithLeeway(24*time.Hour))
		if b.skew, b.skewErr = jwt.NewVerifier(opts...); b.skewErr == nil && c.closed.Load() {
			b.skew.Close()
		}
	})
	return b.skew, b.skewErr
}

// closeBrowser stops what the browser path started.
func (c *Client) closeBrowser() {
	b := c.browser
	b.skewOnce.Do(func() { b.skewErr = ErrClosed })
	if b.skew != nil {
		b.skew.Close()
	}
}

// Authenticate authenticates a request as Clerk's JS SDK's
// authenticateRequest does, and says what the response must do.
//
// A request with a token in the Authorization header (or read by
// ExtractToken) is verified as AuthenticateRequest verifies it: SignedIn or
// SignedOut, no header to apply. A browser's request, which carries its
// session in cookies, follows @clerk/backend's rules (with session tokens
// accepted):
//
//   - the cookies read are __session, __client_uat and __clerk_db_jwt, or
//     their names suffixed with the instance's CookieSuffix when Clerk's
//     rules choose those (several Clerk applications on one domain);
//   - it is signed out when __client_uat is 0 or missing while a session
//     cookie is present, or says the client changed after the token was
//     issued (a session cookie that outlived a sign-out);
//   - a page request (GET, with Sec-Fetch-Dest document or iframe, or
//     Accept text/html without Sec-Fetch-Dest) whose session must be
//     refreshed is sent to the Frontend API's handshake (Handshake: a 307
//     in Header): a token expired or not yet valid, a __client_uat without
//     a session cookie or the reverse, a development instance's missing
//     dev-browser token; at most three times in a row, then SignedOut (the
//     redirect-loop guard, a cookie);
//   - the request coming back from the handshake (__clerk_handshake_nonce,
//     resolved with the Backend API, or a __clerk_handshake JWT, verified
//     against the instance's keys) is signed in or out by the session
//     cookies the handshake brings, which Header sets (Set-Cookie); a
//     development instance's also redirects to its URL without the
//     handshake's parameters.
//
// The browser rules need the publishable key (WithPublishableKey): the
// cookie suffix, the Frontend API and the instance's type come from it.
// Without one, only unsuffixed cookies are read and no handshake is made
// (a request that would need one is signed out). Apply writes what the
// state asks; Middleware and RequireAuth do it for you.
func (c *Client) Authenticate(r *http.Request, opts ...AuthOption) *RequestState {
	a, st, err := c.authenticate(r, newAuthOptions(opts))
	switch {
	case st != nil:
		return st
	case err == nil:
		return signedIn(a, http.Header{})
	case errors.Is(err, ErrNoToken):
		return signedOut(reasonSessionAndUATMissing, err, nil)
	case errors.Is(err, ErrInvalidToken):
		return signedOut(tokenReason(err), err, nil)
	}
	return signedOut(reasonUnexpected, err, nil)
}

// stateKey is the context key of the RequestState the outermost Middleware
// or RequireAuth computed for a browser request, so that nested ones do not
// resolve a handshake twice.
type stateKey struct{ c *Client }

// fromContext returns the browser state an outer layer computed for r.
func (c *Client) fromContext(ctx context.Context) *RequestState {
	s, _ := ctx.Value(stateKey{c}).(*RequestState)
	return s
}

// signedIn, signedOut and handshakeState build states.
func signedIn(a *Auth, h http.Header) *RequestState {
	return &RequestState{Status: SignedIn, Auth: a, Header: h}
}

func signedOut(reason string, err error, h http.Header) *RequestState {
	if h == nil {
		h = http.Header{}
	}
	return &RequestState{Status: SignedOut, Reason: reason, Err: err, Header: h}
}

// isPageRequest reports whether r is a browser's page request, as Clerk's
// Next.js SDK decides where protect() redirects to sign in: Sec-Fetch-Dest
// document or iframe, or an Accept that includes text/html.
func isPageRequest(r *http.Request) bool {
	dest := r.Header.Get("Sec-Fetch-Dest")
	return dest == "document" || dest == "iframe" || strings.Contains(r.Header.Get("Accept"), "text/html")
}

// signInRedirect returns where RequireAuth sends a signed-out page request
// of r, as @clerk/backend's createRedirect builds it: the sign-in URL (or
// the Account Portal's, from the publishable key; its tasks page for a
// pending session) resolved against the request's URL, with redirect_url
// the request's URL and, for a development instance's redirect to another
// host, the dev-browser token. "" when there is no sign-in URL.
func (c *Client) signInRedirect(r *http.Request, err error) string {
	b := c.browser
	target := b.signInURL
	if target == "" {
		if b.fapi == "" {
			return ""
		}
		target = "https://" + accountsHost(b.fapi) + "/sign-in"
	}
	if errors.Is(err, jwt.ErrSessionPending) {
		target += "/tasks"
	}
	base := requestURL(r)
	res, ok := resolve(base, target)
	if !ok {
		return ""
	}
	back := base.String()
	cross := base.hostPort() != res.hostPort()
	if cross && b.satellite != "" {
		if u, ok := parseWebURL(back); ok {
			u.update(func(q query) query { return q.set(querySynced, "false") })
			back = u.String()
		}
	}
	res.update(func(q query) query { return q.set("redirect_url", back) })
	if cross && b.dev {
		if db := newBrowserRequest(c, r).devBrowserToken; db != "" {
			res.update(func(q query) query { return q.set(devBrowserCookie, db) })
		}
	}
	return res.String()
}

// accountsHost is the Account Portal's host for a Frontend API host, as
// @clerk/shared's buildAccountsBaseUrl derives it: the first
// "clerk.accountsstage." becomes "accountsstage.", then the first
// "clerk.accounts." or "clerk." becomes "accounts.".
func accountsHost(fapi string) string {
	if i := strings.Index(fapi, "clerk.accountsstage."); i >= 0 {
		fapi = fapi[:i] + "accountsstage." + fapi[i+len("clerk.accountsstage."):]
	}
	i := strings.Index(fapi, "clerk.")
	if i < 0 {
		return fapi
	}
	n := len("clerk.")
	if strings.HasPrefix(fapi[i:], "clerk.accounts.") {
		n = len("clerk.accounts.")
	}
	return fapi[:i] + "accounts." + fapi[i+n:]
}

// SignOut signs the browser of r out: it revokes the request's session
// with the Backend API (Sessions.Revoke) when the request is signed in (the
// Auth Middleware or RequireAuth attached, else Authenticate's),
// and sets the cookies Clerk's frontends set on sign-out on w: __client_uat
// at 0 and __session expired, both with and without the instance's
// suffix, so that the next request is signed out at once, whatever else
// its cookies say. Call it before writing the response (a redirect, say).
// A failure to revoke is returned after the cookies are set; the request
// is signed out either way, but the session stays active in Clerk until it
// expires.
func (c *Client) SignOut(w http.ResponseWriter, r *http.Request) error {
	var err error
	a, ok := AuthFromContext(r.Context())
	if !ok {
		a = c.Authenticate(r).Auth
	}
	if a != nil && a.TokenType == SessionToken && a.SessionID != "" {
		_, err = c.Sessions.Revoke(r.Context(), a.SessionID)
	}
	names := []string{""}
	if c.browser.suffix != "" {
		names = append(names, "_"+c.browser.suffix)
	}
	for _, sfx := range names {
		http.SetCookie(w, &http.Cookie{Name: SessionCookie + sfx, Value: "", Path: "/", MaxAge: -1, SameSite: http.SameSiteLaxMode})
		http.SetCookie(w, &http.Cookie{Name: clientUATCookie + sfx, Value: "0", Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode})
	}
	return err
}
