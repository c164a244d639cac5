package clerk

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/jwt"
	"github.com/go-clerk/clerk/sessions"
)

// The cookie path of @clerk/backend's authenticateRequest
// (tokens/request.ts, authenticateRequestWithTokenInCookie), its context
// (tokens/authenticateContext.ts) and its handshake (tokens/handshake.ts),
// written from their behaviour: each decision below is one of theirs, in
// their order, and each reason is the string they give.

// Query parameters of the handshake and of multi-domain sync.
const (
	queryHandshakeHelp = "__clerk_help"
	queryLegacyDevSess = "__dev_session"
	queryHandshakeFmt  = "format"
	queryHandshakeWhy  = "__clerk_hs_reason"
	querySuffixed      = "suffixed_cookies"
	querySynced        = "__clerk_synced"
	queryRedirectURL   = "__clerk_redirect_url"
)

// Reasons, as @clerk/backend's AuthErrorReason names them.
const (
	reasonClientUATWithoutSession  = "client-uat-but-no-session-token"
	reasonDevBrowserMissing        = "dev-browser-missing"
	reasonDevBrowserSync           = "dev-browser-sync"
	reasonPrimaryRespondsToSyncing = "primary-responds-to-syncing"
	reasonPrimaryCrossOriginSync   = "primary-domain-cross-origin-sync"
	reasonSatelliteNeedsSyncing    = "satellite-needs-syncing"
	reasonSessionAndUATMissing     = "session-token-and-uat-missing"
	reasonSessionTokenMissing      = "session-token-missing"
	reasonSessionTokenExpired      = "session-token-expired"
	reasonIATBeforeClientUAT       = "session-token-iat-before-client-uat"
	reasonSessionTokenNBF          = "session-token-nbf"
	reasonIATInTheFuture           = "session-token-iat-in-the-future"
	reasonSessionWithoutClientUAT  = "session-token-but-no-client-uat"
	reasonTokenTypeMismatch        = "token-type-mismatch"
	reasonUnexpected               = "unexpected-error"
)

// browserRequest is what @clerk/backend's AuthenticateContext reads of a
// request: its URL, headers and cookies, with the suffixed or unsuffixed
// cookies chosen by Clerk's rules.
type browserRequest struct {
	c       *Client
	b       *browser
	r       *http.Request
	url     *webURL
	cookies cookieJar

	suffixed        bool
	sessionToken    string
	refreshToken    string
	clientUAT       float64
	devBrowserToken string
	handshakeToken  string
	handshakeNonce  string
	loopCount       float64

	peeks map[string]*peekedJWT // decoded cookies, by value
}

// peek decodes a cookie's JWT once per request; nil when it is none.
func (br *browserRequest) peek(token string) *peekedJWT {
	if token == "" {
		return nil
	}
	if p, ok := br.peeks[token]; ok {
		return p
	}
	p, _ := peekJWT(token)
	if br.peeks == nil {
		br.peeks = make(map[string]*peekedJWT, 2)
	}
	br.peeks[token] = p
	return p
}

func newBrowserRequest(c *Client, r *http.Request) *browserRequest {
	br := &browserRequest{c: c, b: c.browser, r: r, url: requestURL(r), cookies: readCookies(r)}
	br.suffixed = br.usesSuffixedCookies()
	br.sessionToken = br.cookie(SessionCookie)
	if br.b.suffix != "" {
		br.refreshToken = br.cookies.get(refreshCookie + "_" + br.b.suffix)
	}
	br.clientUAT = jsParseInt(br.cookie(clientUATCookie))
	br.devBrowserToken = br.queryOr(devBrowserCookie, br.cookie(devBrowserCookie))
	br.handshakeToken = br.queryOr(handshakeCookie, br.cookies.get(handshakeCookie))
	br.handshakeNonce = br.queryOr(handshakeNonceCookie, br.cookies.get(handshakeNonceCookie))
	br.loopCount = jsNumber(br.cookies.get(redirectCountCookie))
	return br
}

// queryOr is a query parameter's value when it is set and not empty, else
// fallback.
func (br *browserRequest) queryOr(name, fallback string) string {
	if v, _ := br.url.get(name); v != "" {
		return v
	}
	return fallback
}

// suffixedCookie is a cookie's suffixed twin.
func (br *browserRequest) suffixedCookie(name string) string {
	if br.b.suffix == "" {
		return ""
	}
	return br.cookies.get(name + "_" + br.b.suffix)
}

// cookie is the suffixed or the unsuffixed cookie, as Clerk's rules chose.
func (br *browserRequest) cookie(name string) string {
	if br.suffixed {
		return br.suffixedCookie(name)
	}
	return br.cookies.get(name)
}

// usesSuffixedCookies chooses between the suffixed cookies and the
// unsuffixed ones, by @clerk/backend's rules (usesSuffixedCookies): the
// unsuffixed session when it is malformed or has no issuer (so that it
// signs the request out), the suffixed when the unsuffixed belongs to
// another instance, the unsuffixed when there are no suffixed ones, when
// both say signed in and the unsuffixed is newer, when the suffixed says
// signed out and the unsuffixed not, on a development instance when the
// unsuffixed says signed out and the suffixed session has expired, and when
// a suffixed session has no suffixed __client_uat; else the suffixed.
func (br *browserRequest) usesSuffixedCookies() bool {
	if br.b.suffix == "" {
		return false
	}
	suffixedUAT, suffixedUATSet := br.cookies[clientUATCookie+"_"+br.b.suffix]
	suffixedUATSet = suffixedUATSet && suffixedUAT != ""
	uat, uatSet := br.cookies[clientUATCookie]
	uatSet = uatSet && uat != ""
	suffixedSession := br.suffixedCookie(SessionCookie)
	session := br.cookies.get(SessionCookie)

	sessionJWT := br.peek(session)
	if session != "" && (sessionJWT == nil || !sessionJWT.payload.Iss.truthy) {
		return false
	}
	if session != "" && !br.belongsToInstance(sessionJWT) {
		return true
	}
	if !suffixedUATSet && suffixedSession == "" {
		return false
	}
	suffixedJWT := br.peek(suffixedSession)
	iat := func(p *peekedJWT) float64 {
		if p == nil {
			return 0
		}
		return numberOr0(p.payload.Iat)
	}
	isZero := func(v string, set bool) bool { return set && v == "0" }
	if !isZero(suffixedUAT, suffixedUATSet) && !isZero(uat, uatSet) && iat(sessionJWT) > iat(suffixedJWT) {
		return false
	}
	if isZero(suffixedUAT, suffixedUATSet) && !isZero(uat, uatSet) {
		return false
	}
	if br.b.dev && !isZero(suffixedUAT, suffixedUATSet) && isZero(uat, uatSet) && suffixedJWT != nil {
		if exp := suffixedJWT.payload.Exp; exp.isNum && exp.num <= math.Floor(float64(br.c.now().UnixMilli())/1000) {
			return false
		}
	}
	if !suffixedUATSet && suffixedSession != "" {
		return false
	}
	return true
}

// belongsToInstance reports whether a decoded session token's issuer is
// the instance's Frontend API (the proxy aside), once every http:// and
// https:// in it (in any case) is removed, as JS's /https?:\/\//gi does.
func (br *browserRequest) belongsToInstance(p *peekedJWT) bool {
	if !p.payload.Iss.isStr {
		return false
	}
	return removeSchemes(p.payload.Iss.str) == br.b.originalFrontendAPI()
}

// removeSchemes removes every case-insensitive "http://" and "https://"
// from s, left to right in one pass.
func removeSchemes(s string) string {
	match := func(s string, i int) int {
		for _, p := range []string{"https://", "http://"} {
			if len(s)-i >= len(p) && strings.EqualFold(s[i:i+len(p)], p) {
				return len(p)
			}
		}
		return 0
	}
	var b strings.Builder
	start := 0
	for i := 0; i < len(s); {
		if n := match(s, i); n > 0 {
			if b.Cap() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[start:i])
			i += n
			start = i
			continue
		}
		i++
	}
	if start == 0 {
		return s
	}
	if b.Len() == 0 {
		return s[start:]
	}
	b.WriteString(s[start:])
	return b.String()
}

// jsParseInt reads a cookie as JavaScript's Number.parseInt(v) || 0 does:
// leading white space, a sign, then decimal digits (hexadecimal after 0x);
// 0 when there is no digit.
func jsParseInt(v string) float64 {
	s := strings.TrimLeft(v, " \t\n\r\v\f")
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	base := 10.0
	if len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		base, s = 16, s[2:]
	}
	var n float64
	digits := 0
	for ; digits < len(s); digits++ {
		d, ok := unhex(s[digits])
		if !ok || float64(d) >= base {
			break
		}
		n = n*base + float64(d)
	}
	if digits == 0 {
		return 0
	}
	if neg {
		return -n
	}
	return n
}

// jsNumber reads a cookie as JavaScript's Number(v) || 0 does, for the
// decimal numbers the redirect counter holds.
func jsNumber(v string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) {
		return 0
	}
	return f
}

// now is the clock of the browser path: the token checks' clock.
func (c *Client) now() time.Time {
	if c.auth.now != nil {
		return c.auth.now()
	}
	return time.Now()
}

// isDocument, for the handshake: a GET whose Sec-Fetch-Dest is document or
// iframe, or, without Sec-Fetch-Dest, whose Accept starts with text/html
// (HandshakeService.isRequestEligibleForHandshake). The Frontend API's
// handshake takes GETs only.
func (br *browserRequest) eligibleForHandshake() bool {
	if br.r.Method != http.MethodGet {
		return false
	}
	dest := br.r.Header.Get("Sec-Fetch-Dest")
	return dest == "document" || dest == "iframe" || dest == "" && strings.HasPrefix(br.r.Header.Get("Accept"), "text/html")
}

// ruleErr is the error of a request a rule signs out: ErrInvalidToken when
// it carries a session cookie, ErrNoToken when not.
func (br *browserRequest) ruleErr(reason string) error {
	if br.sessionToken != "" {
		return fmt.Errorf("%w: Clerk's cookie rules sign the request out (%s)", ErrInvalidToken, reason)
	}
	return fmt.Errorf("%w: no session cookie (%s)", ErrNoToken, reason)
}

// authenticateBrowser authenticates a request without a token in the
// Authorization header, session tokens accepted.
func (c *Client) authenticateBrowser(r *http.Request) *RequestState {
	br := newBrowserRequest(c, r)
	if br.handshakeNonce != "" || br.handshakeToken != "" {
		st, err := br.resolveHandshake()
		if err == nil {
			return st
		}
		var tokenErr *handshakeTokenError
		if errors.As(err, &tokenErr) && br.b.dev {
			// As in Clerk's JS SDK: a development instance's handshake
			// token travels in the URL and cannot be another app's: it
			// fails for a reason that a retry would not mend (keys
			// switched), so the request fails rather than loop.
			return signedOut(reasonUnexpected, err, nil)
		}
		c.logBrowser(r, "clerk: unable to resolve the handshake", err)
	}
	return br.authenticate()
}

// authenticate is the cookie path past the handshake's return.
func (br *browserRequest) authenticate() *RequestState {
	b, r := br.b, br.r
	hasSession := br.sessionToken != ""
	hasClient := br.clientUAT != 0
	hasCookies := hasSession || hasClient

	// Multi-domain sync: a satellite's page request with no sync done.
	if b.satellite != "" && b.fapi != "" && r.Method == http.MethodGet && r.Header.Get("Sec-Fetch-Dest") == "document" {
		synced, _ := br.url.get(querySynced)
		needsSync := synced == "false"
		if synced != "true" {
			if !hasCookies && !needsSync {
				return signedOut(reasonSessionAndUATMissing, br.ruleErr(reasonSessionAndUATMissing), nil)
			}
			if !b.dev && (!hasCookies || needsSync) {
				return br.maybeHandshake(reasonSatelliteNeedsSyncing, nil, nil)
			}
			if b.dev && (!hasCookies || needsSync) {
				h, err := br.satelliteSyncRedirect()
				if err != nil {
					return signedOut(reasonUnexpected, err, nil)
				}
				return br.maybeHandshake(reasonSatelliteNeedsSyncing, nil, h)
			}
		}
	}
	// A development primary answers a satellite's sync.
	if back, ok := br.url.get(queryRedirectURL); ok && back != "" && b.dev && b.satellite == "" {
		u, ok := parseWebURL(back)
		if !ok {
			return signedOut(reasonUnexpected, fmt.Errorf("clerk: the %s parameter is not a URL", queryRedirectURL), nil)
		}
		u.update(func(q query) query {
			if br.devBrowserToken != "" {
				q = q.add(devBrowserCookie, br.devBrowserToken)
			}
			return q.set(querySynced, "true")
		})
		return br.maybeHandshake(reasonPrimaryRespondsToSyncing, nil, http.Header{"Location": {u.String()}})
	}
	if _, ok := br.url.get(devBrowserCookie); ok && b.dev {
		return br.maybeHandshake(reasonDevBrowserSync, nil, nil)
	}
	if b.dev && br.devBrowserToken == "" {
		return br.maybeHandshake(reasonDevBrowserMissing, nil, nil)
	}
	switch {
	case !hasClient && !hasSession:
		return signedOut(reasonSessionAndUATMissing, br.ruleErr(reasonSessionAndUATMissing), nil)
	case !hasClient:
		return br.maybeHandshake(reasonSessionWithoutClientUAT, nil, nil)
	case !hasSession:
		return br.maybeHandshake(reasonClientUATWithoutSession, nil, nil)
	}
	tok := br.peek(br.sessionToken)
	if tok == nil {
		return signedOut("token-invalid", fmt.Errorf("%w: %w: the session cookie is not a JWT", ErrInvalidToken, jwt.ErrTokenMalformed), nil)
	}
	if tok.isMachineJWT() || tok.hasNonSessionCategory() {
		return signedOut(reasonTokenTypeMismatch, fmt.Errorf("%w: %w: the session cookie holds another kind of Clerk JWT", ErrInvalidToken, jwt.ErrInvalidTokenType), nil)
	}
	if iat := tok.payload.Iat; iat.isNum && iat.num < br.clientUAT {
		return br.maybeHandshake(reasonIATBeforeClientUAT, nil, nil)
	}
	a, err := br.c.verifySession(r.Context(), br.sessionToken)
	if err != nil {
		return br.tokenError(err)
	}
	if b.satellite == "" && b.fapi != "" && r.Method == http.MethodGet && r.Header.Get("Sec-Fetch-Dest") == "document" &&
		br.crossOriginReferrer() && !br.knownClerkReferrer() && br.loopCount == 0 {
		return br.maybeHandshake(reasonPrimaryCrossOriginSync, nil, nil)
	}
	return signedIn(a, http.Header{})
}

// tokenError answers a session token that failed verification
// (handleSessionTokenError): an expired one is refreshed with the Backend
// API when a refresh cookie allows it; an expired or not-yet-valid one
// goes to the handshake; any other is signed out.
func (br *browserRequest) tokenError(err error) *RequestState {
	if !errors.Is(err, ErrInvalidToken) {
		// Not the token's fault (its keys could not be had): Clerk's JS
		// signs the request out as an unexpected error.
		return signedOut(reasonUnexpected, err, nil)
	}
	var refreshErr string
	switch expired := errors.Is(err, jwt.ErrTokenExpired); {
	case expired && br.refreshToken != "" && br.r.Method == http.MethodGet:
		st, why := br.refresh()
		if st != nil {
			return st
		}
		refreshErr = why
	case br.r.Method != http.MethodGet:
		refreshErr = "non-eligible-non-get"
	case br.refreshToken == "":
		refreshErr = "non-eligible-no-refresh-cookie"
	}
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return br.maybeHandshake(reasonSessionTokenExpired+"-refresh-"+refreshErr, err, nil)
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		if br.notBeforeFails() {
			return br.maybeHandshake(reasonSessionTokenNBF, err, nil)
		}
		return br.maybeHandshake(reasonIATInTheFuture, err, nil)
	}
	return signedOut(tokenReason(err), err, nil)
}

// notBeforeFails reports whether the session token's nbf, rather than its
// iat, is what is in the future: JS checks nbf first.
func (br *browserRequest) notBeforeFails() bool {
	tok := br.peek(br.sessionToken)
	return tok != nil && tok.payload.Nbf.isNum && tok.payload.Nbf.num*1000 > float64(br.c.now().UnixMilli()+jwt.DefaultLeeway.Milliseconds())
}

// tokenReason names a token's failure as @clerk/backend's
// TokenVerificationErrorReason does.
func tokenReason(err error) string {
	for _, m := range []struct {
		sentinel error
		reason   string
	}{
		{jwt.ErrTokenExpired, "token-expired"},
		{jwt.ErrTokenNotValidYet, "token-not-active-yet"},
		{jwt.ErrTokenSignatureInvalid, "token-invalid-signature"},
		{jwt.ErrUnsupportedAlgorithm, "token-invalid-algorithm"},
		{jwt.ErrInvalidIssuer, "token-invalid-issuer"},
		{jwt.ErrInvalidAuthorizedParty, "token-invalid-authorized-parties"},
		{jwt.ErrKeyNotFound, "jwk-kid-mismatch"},
		{jwt.ErrSessionPending, "session-pending"},
	} {
		if errors.Is(err, m.sentinel) {
			return m.reason
		}
	}
	return "token-invalid"
}

// maybeHandshake sends a page request to the handshake
// (handleMaybeHandshakeStatus), with the Location of h or, when h is nil,
// the Frontend API's handshake endpoint; any other request, or a fourth
// handshake in a row, is signed out. cause is the token's failure, if any.
func (br *browserRequest) maybeHandshake(reason string, cause error, h http.Header) *RequestState {
	if cause == nil {
		cause = br.ruleErr(reason)
	}
	if !br.eligibleForHandshake() || br.b.fapi == "" {
		return signedOut(reason, cause, nil)
	}
	if h == nil {
		h = http.Header{"Location": {br.handshakeURL(reason)}}
	}
	if h.Get("Location") != "" {
		h.Set("Cache-Control", "no-store")
	}
	if br.loopCount == 3 {
		br.c.logBrowser(br.r, "clerk: the handshake ran into a redirect loop (do the publishable and secret keys belong to one instance?)", errors.New(reason))
		return signedOut(reason, cause, nil)
	}
	h.Add("Set-Cookie", redirectCountCookie+"="+strconv.FormatFloat(br.loopCount+1, 'f', -1, 64)+"; SameSite=Lax; HttpOnly; Max-Age=2")
	return &RequestState{Status: Handshake, Reason: reason, Err: fmt.Errorf("%w: %w", ErrHandshakeRequired, cause), Header: h}
}

// handshakeURL is the Frontend API's handshake endpoint for this request
// (buildRedirectToHandshake): the request's URL to come back to, without
// its dev-browser parameters; the API version; whether suffixed cookies
// are in use; the reason; the nonce format; the session token and a
// development instance's dev-browser token.
func (br *browserRequest) handshakeURL(reason string) string {
	back := br.url.clone()
	back.update(func(q query) query { return q.del(devBrowserCookie).del(queryLegacyDevSess) })
	base := br.b.frontendAPI(br.url.origin())
	if !strings.HasPrefix(base, "http") {
		base = "https://" + base
	}
	u, err := url.Parse(strings.TrimRight(base, "/") + "/")
	if err != nil {
		u = &url.URL{Scheme: "https", Host: br.b.fapi, Path: "/"}
	}
	u = u.ResolveReference(&url.URL{Path: "v1/client/handshake"})
	q := query{
		{"redirect_url", back.String()},
		{"__clerk_api_version", internal.APIVersion},
		{querySuffixed, strconv.FormatBool(br.suffixed)},
		{queryHandshakeWhy, reason},
		{queryHandshakeFmt, "nonce"},
	}
	if br.sessionToken != "" {
		q = q.add(SessionCookie, br.sessionToken)
	}
	if br.b.dev && br.devBrowserToken != "" {
		q = q.add(devBrowserCookie, br.devBrowserToken)
	}
	u.RawQuery = q.encode()
	return u.String()
}

// satelliteSyncRedirect is a development satellite's redirect to the
// primary's sign-in page, which sends the browser back synced.
func (br *browserRequest) satelliteSyncRedirect() (http.Header, error) {
	u, ok := parseWebURL(br.b.signInURL)
	if !ok {
		return nil, errors.New("clerk: a development satellite needs WithSignInURL, an absolute URL on the primary domain")
	}
	back := br.url.String()
	u.update(func(q query) query { return q.add(queryRedirectURL, back) })
	return http.Header{"Location": {u.String()}}, nil
}

// crossOriginReferrer reports whether the Referer is a URL of another
// origin than the request's.
func (br *browserRequest) crossOriginReferrer() bool {
	ref, ok := parseWebURL(br.r.Header.Get("Referer"))
	return ok && ref.origin() != br.url.origin()
}

// knownClerkReferrer reports whether the Referer is Clerk's
// (isKnownClerkReferrer): the Frontend API's host, a development Account
// Portal (development instances only), or the instance's own Account
// Portal.
func (br *browserRequest) knownClerkReferrer() bool {
	ref, ok := parseWebURL(br.r.Header.Get("Referer"))
	if !ok {
		return false
	}
	fapi := br.b.frontendAPI(br.url.origin())
	fapiHost := fapi
	if strings.HasPrefix(fapi, "http") {
		u, ok := parseWebURL(fapi)
		if !ok {
			return false
		}
		fapiHost = u.hostname()
	}
	if ref.hostname() == fapiHost || br.b.dev && isDevAccountPortal(ref.hostname()) {
		return true
	}
	accounts, ok := parseWebURL("https://" + accountsHost(fapi))
	return ok && ref.origin() == accounts.origin()
}

// isDevAccountPortal reports whether host is a development Account Portal
// (@clerk/shared's isLegacyDevAccountPortalOrigin and
// isCurrentDevAccountPortalOrigin).
func isDevAccountPortal(host string) bool {
	for _, s := range []string{".lcl.dev", ".lclstage.dev", ".lclclerk.com"} {
		if strings.HasPrefix(host, "accounts.") && strings.HasSuffix(host, s) {
			return true
		}
	}
	for _, s := range []string{".accounts.dev", ".accountsstage.dev", ".accounts.lclclerk.com"} {
		if strings.HasSuffix(host, s) && !strings.HasSuffix(host, ".clerk"+s) {
			return true
		}
	}
	return false
}

// handshakeTokenError is a handshake token that does not verify.
type handshakeTokenError struct{ err error }

func (e *handshakeTokenError) Error() string {
	return "clerk: the handshake token does not verify (if you switched Clerk keys, clear the browser's cookies): " + e.err.Error()
}

func (e *handshakeTokenError) Unwrap() error { return e.err }

// resolveHandshake signs in or out the request coming back from the
// handshake, with the cookies the handshake brings (resolveHandshake): the
// directives of the nonce's payload, fetched from the Backend API, or of
// the handshake token. A development instance's is then redirected to its
// URL without the handshake's parameters. An error says the handshake
// could not be resolved.
func (br *browserRequest) resolveHandshake() (*RequestState, error) {
	ctx := br.r.Context()
	var directives []string
	if br.handshakeNonce != "" {
		d, err := br.c.handshakePayload(ctx, br.handshakeNonce)
		if err != nil {
			br.c.logBrowser(br.r, "clerk: getting the handshake payload", err)
		}
		directives = d
	} else {
		v, err := br.c.jwtVerifier()
		if err != nil {
			return nil, &handshakeTokenError{err}
		}
		if directives, err = v.VerifyHandshake(ctx, br.handshakeToken); err != nil {
			return nil, &handshakeTokenError{err}
		}
	}
	h := http.Header{}
	session := ""
	for _, d := range directives {
		h.Add("Set-Cookie", d)
		pair, _, _ := strings.Cut(d, ";")
		name, value, _ := strings.Cut(pair, "=")
		if strings.HasPrefix(name, SessionCookie) {
			session, _, _ = strings.Cut(value, "=")
		}
	}
	if br.b.dev {
		u := br.url.clone()
		u.update(func(q query) query {
			return q.del(handshakeCookie).del(queryHandshakeHelp).del(devBrowserCookie).del(handshakeNonceCookie)
		})
		h.Add("Location", u.String())
		h.Set("Cache-Control", "no-store")
	}
	if session == "" {
		return signedOut(reasonSessionTokenMissing, fmt.Errorf("%w: the handshake brought no session (%s)", ErrNoToken, reasonSessionTokenMissing), h), nil
	}
	a, err := br.c.verifySession(ctx, session)
	if err == nil {
		return signedIn(a, h), nil
	}
	if br.b.dev && (errors.Is(err, jwt.ErrTokenExpired) || errors.Is(err, jwt.ErrTokenNotValidYet)) {
		// Clerk's JS SDK takes this for clock skew on a development
		// instance, and tries again with a day of leeway.
		br.c.logBrowser(br.r, "clerk: clock skew detected: is the system clock right?", err)
		v, verr := br.c.skewVerifier()
		if verr != nil {
			return nil, verr
		}
		cl, verr := v.Verify(ctx, session)
		if verr != nil {
			return nil, sessionErr(verr)
		}
		if a, verr = br.c.sessionAuth(cl); verr != nil {
			return nil, verr
		}
		return signedIn(a, h), nil
	}
	return nil, err
}

// handshakePayload fetches the directives of a handshake nonce. Clerk API:
// GET /clients/handshake_payload (a placeholder in the spec; @clerk/backend
// calls it with the nonce as a query parameter).
func (c *Client) handshakePayload(ctx context.Context, nonce string) ([]string, error) {
	type payload struct {
		Directives []string `json:"directives"`
	}
	p, err := internal.Call[payload](ctx, c.core, http.MethodGet, "/clients/handshake_payload", url.Values{"nonce": {nonce}})
	if err != nil {
		return nil, err
	}
	return p.Directives, nil
}

// refresh refreshes an expired session token with the Backend API, from the
// refresh cookie (attemptRefresh): signed in with the cookies Clerk
// answers, or the reason the refresh failed, which the handshake's reason
// carries.
func (br *browserRequest) refresh() (*RequestState, string) {
	tok := br.peek(br.sessionToken)
	if tok == nil {
		return nil, "expired-session-token-decode-failed"
	}
	sid := tok.payload.Sid.str
	if !tok.payload.Sid.truthy {
		return nil, "expired-session-token-missing-sid-claim"
	}
	format := sessions.RefreshFormatCookie
	res, err := br.c.Sessions.Refresh(br.r.Context(), sid, &sessions.RefreshParams{
		ExpiredToken:   br.sessionToken,
		RefreshToken:   br.refreshToken,
		RequestOrigin:  br.url.origin(),
		RequestHeaders: br.r.Header,
		Format:         &format,
	})
	var apiErr *APIError
	switch {
	case errors.Is(err, ErrSecretKeyRequired):
		return nil, "missing-api-client"
	case errors.As(err, &apiErr) && len(apiErr.Errors) > 0:
		if code := apiErr.Errors[0].Code; code != "unexpected_error" {
			return nil, code
		}
		return nil, "fetch-error"
	case err != nil:
		return nil, "unexpected-bapi-error"
	case len(res.Cookies) == 0:
		return nil, "unexpected-sdk-error"
	}
	h := http.Header{}
	session := ""
	for _, ck := range res.Cookies {
		d := ck.Reveal()
		h.Add("Set-Cookie", d)
		pair, _, _ := strings.Cut(d, ";")
		if name, value, _ := strings.Cut(pair, "="); strings.HasPrefix(name, SessionCookie) {
			session, _, _ = strings.Cut(value, "=")
		}
	}
	a, err := br.c.verifySession(br.r.Context(), session)
	if err != nil {
		return nil, "invalid-session-token"
	}
	return signedIn(a, h), ""
}

// logBrowser logs what the browser path could not do, when the client has
// a logger.
func (c *Client) logBrowser(r *http.Request, msg string, err error) {
	if l := c.core.Logger(); l != nil {
		l.LogAttrs(r.Context(), slog.LevelWarn, msg, slog.String("path", r.URL.Path), slog.String("reason", err.Error()))
	}
}
