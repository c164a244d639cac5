package clerk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/jwt"
	"github.com/go-clerk/clerk/sessions"
)

// The handshake (tokens/handshake.ts): its URL, the return from it (a
// nonce or a handshake token), and the refresh with the refresh cookie
// (tokens/request.ts, attemptRefresh).

// handshakeURL is the Frontend API's handshake endpoint for this request
// (buildRedirectToHandshake): the request's URL to come back to, without
// its dev-browser parameters; the API version; whether suffixed cookies
// are in use; the reason; the nonce format; the session token, a
// development instance's dev-browser token, and the organization the URL
// names (WithOrganizationSync).
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
	if t, ok := br.b.orgs.target(br.url.path); ok {
		q = q.add(queryOrganizationID, t.queryValue())
	}
	u.RawQuery = q.encode()
	return u.String()
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
	h, session := setCookies(directives)
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
	directives := make([]string, len(res.Cookies))
	for i, ck := range res.Cookies {
		directives[i] = ck.Reveal()
	}
	h, session := setCookies(directives)
	a, err := br.c.verifySession(br.r.Context(), session)
	if err != nil {
		return nil, "invalid-session-token"
	}
	return signedIn(a, h), ""
}

// setCookies are Set-Cookie headers of the directives that the handshake
// or a refresh brought, and the session token among them: the value of the
// last __session cookie (suffixed or not), as Clerk's JS SDK picks it.
func setCookies(directives []string) (http.Header, string) {
	h := http.Header{}
	session := ""
	for _, d := range directives {
		h.Add("Set-Cookie", d)
		pair, _, _ := strings.Cut(d, ";")
		if name, value, _ := strings.Cut(pair, "="); strings.HasPrefix(name, SessionCookie) {
			session, _, _ = strings.Cut(value, "=")
		}
	}
	return h, session
}
