package clerk

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/go-clerk/clerk/jwt"
)

// The cookie path of @clerk/backend's authenticateRequest
// (tokens/request.ts, authenticateRequestWithTokenInCookie), its context
// (tokens/authenticateContext.ts) and its handshake (tokens/handshake.ts),
// written from their behaviour: each decision below is one of theirs, in
// their order, and each reason is the string they give.
//
// This file holds the decisions (authenticateRequestWithTokenInCookie,
// handleSessionTokenError, handleMaybeHandshakeStatus); browserrequest.go
// what they read of the request; handshake.go the handshake itself.

// Query parameters of the handshake and of multi-domain sync.
const (
	queryHandshakeHelp  = "__clerk_help"
	queryLegacyDevSess  = "__dev_session"
	queryHandshakeFmt   = "format"
	queryOrganizationID = "organization_id"
	queryHandshakeWhy   = "__clerk_hs_reason"
	querySuffixed       = "suffixed_cookies"
	querySynced         = "__clerk_synced"
	queryRedirectURL    = "__clerk_redirect_url"
)

// Reasons, as @clerk/backend's AuthErrorReason names them.
const (
	reasonClientUATWithoutSession  = "client-uat-but-no-session-token"
	reasonDevBrowserMissing        = "dev-browser-missing"
	reasonDevBrowserSync           = "dev-browser-sync"
	reasonPrimaryRespondsToSyncing = "primary-responds-to-syncing"
	reasonPrimaryCrossOriginSync   = "primary-domain-cross-origin-sync"
	reasonOrganizationMismatch     = "active-organization-mismatch"
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
	if st := br.organizationSync(a); st != nil {
		return st
	}
	return signedIn(a, http.Header{})
}

// organizationSync sends a signed-in page request whose path names another
// organization than the session's active one (or the personal account
// while one is active) to the handshake, which activates it
// (handleMaybeOrganizationSyncHandshake); nil when nothing is to change,
// when the request cannot go to the handshake (it stays signed in), or
// after three handshakes in a row (the organization could not be
// activated: the page must tell).
func (br *browserRequest) organizationSync(a *Auth) *RequestState {
	if a.UserID == "" {
		return nil
	}
	t, ok := br.b.orgs.target(br.url.path)
	if !ok || !t.mustActivate(a) || br.loopCount >= 3 {
		return nil
	}
	if st := br.maybeHandshake(reasonOrganizationMismatch, nil, nil); st.Status == Handshake {
		return st
	}
	return nil
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

// logBrowser logs what the browser path could not do, when the client has
// a logger.
func (c *Client) logBrowser(r *http.Request, msg string, err error) {
	if l := c.core.Logger(); l != nil {
		l.LogAttrs(r.Context(), slog.LevelWarn, msg, slog.String("path", r.URL.Path), slog.String("reason", err.Error()))
	}
}
