package clerk

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// SessionCookie is the cookie a browser carries its session token in.
const SessionCookie = "__session"

// AuthOption configures AuthenticateRequest, Middleware and RequireAuth.
type AuthOption func(*authOptions)

type authOptions struct {
	accepts     []TokenType
	public      []*regexp.Regexp
	permissions []string
	roles       []string
	scopes      []string
	reverify    *reverification
	extract     func(*http.Request) string
	onFailure   func(w http.ResponseWriter, r *http.Request, status int, err error)
}

func newAuthOptions(opts []AuthOption) *authOptions {
	o := &authOptions{}
	for _, opt := range opts {
		if opt != nil {
			opt(o)
		}
	}
	if len(o.accepts) == 0 {
		o.accepts = []TokenType{SessionToken}
	}
	return o
}

// AcceptsToken lists the token types accepted (default: session tokens
// only). A token of another type is refused as if invalid (ErrInvalidToken)
// before it is checked: no Backend API call for an opaque token (ak_, mt_,
// oat_), whose type is its prefix's, and no signature check for a machine
// JWT where session tokens are not accepted, whose type is read as Clerk's
// JS SDK reads it (TokenTypeOf). Where session tokens are accepted, a JWT
// is checked as one first, at no extra cost to session tokens; a machine
// JWT then fails that check (on its header, or on its machine subject once
// its signature is checked) and is verified as its own type if that is
// accepted.
func AcceptsToken(types ...TokenType) AuthOption {
	return func(o *authOptions) { o.accepts = append(o.accepts, types...) }
}

// ExtractToken replaces where the token is read from: extract returns the
// request's token, "" for none. Its type is told by its shape, as for an
// Authorization header (so a machine token it returns is accepted when
// AcceptsToken says so, wherever extract found it); the Authorization
// header and the __session cookie are then not read.
func ExtractToken(extract func(r *http.Request) string) AuthOption {
	return func(o *authOptions) { o.extract = extract }
}

// OnAuthFailure replaces the answers RequireAuth writes when it refuses a
// request: handle is called with the status RequireAuth would answer (401,
// 403 or 503) and the reason, and writes the response itself (nothing has
// been written yet, not even WWW-Authenticate). The reason matches ErrNoToken
// or ErrInvalidToken for 401; ErrAccessDenied for 403 (and
// ErrReverificationRequired for a missing reverification), with the caller's
// Auth on r's context; for 503, ErrClosed or the failure to reach Clerk.
// Reasons go to the client's logger too; do not write them to the response.
func OnAuthFailure(handle func(w http.ResponseWriter, r *http.Request, status int, err error)) AuthOption {
	return func(o *authOptions) { o.onFailure = handle }
}

// TokenFromRequest returns the request's token: the Authorization: Bearer
// header first, then the __session cookie; "" when there is neither. The
// cookie's value is a browser's session token: AuthenticateRequest and the
// middleware never take a machine token (ak_, mt_, oat_, an M2M or OAuth
// JWT) from it.
func TokenFromRequest(r *http.Request) string {
	if tok := bearerToken(r); tok != "" {
		return tok
	}
	if ck, err := r.Cookie(SessionCookie); err == nil {
		return ck.Value
	}
	return ""
}

// bearerToken returns the token of the Authorization header: the credentials
// of its Bearer scheme (the scheme's name in any case, as RFC 9110 has it),
// or the whole value when it is one word without a scheme, as Clerk's JS SDK
// takes it; "" for another scheme.
func bearerToken(r *http.Request) string {
	h := strings.TrimSpace(r.Header.Get("Authorization"))
	if h == "" {
		return ""
	}
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok {
		return h
	}
	if strings.EqualFold(scheme, "Bearer") {
		return strings.TrimSpace(tok)
	}
	return ""
}

// AuthenticateRequest verifies the request's token. It accepts session
// tokens only, unless AcceptsToken says otherwise. The token comes from the
// Authorization: Bearer header, of any accepted type; without one, from the
// session cookies of a browser, read by Clerk's rules (see Authenticate:
// suffixed cookies, __client_uat, the handshake), whose value is taken for
// a session token whatever its shape (as in Clerk's JS: machine tokens come
// from the header only), and only when session tokens are accepted; or
// from ExtractToken's function alone. A request without a token fails with
// ErrNoToken; a token of a type not accepted, or invalid, or a session
// cookie that Clerk's rules sign out, matches ErrInvalidToken; a browser's
// page request that needs Clerk's handshake matches ErrHandshakeRequired
// too (Authenticate gives its redirect). After Close it fails with
// ErrClosed, token or not. Requirements (RequirePermission, ...) and
// PublicRoutes are RequireAuth's: AuthenticateRequest ignores them.
func (c *Client) AuthenticateRequest(r *http.Request, opts ...AuthOption) (*Auth, error) {
	a, _, err := c.authenticate(r, newAuthOptions(opts))
	return a, err
}

// authenticate says what r's token, or its browser cookies, make of it. st
// is the state of a browser's request, whose headers go on the response;
// nil for a token read from the Authorization header or by ExtractToken,
// which costs nothing more than before browsers had a path of their own.
func (c *Client) authenticate(r *http.Request, o *authOptions) (a *Auth, st *RequestState, err error) {
	if c.closed.Load() {
		return nil, nil, ErrClosed
	}
	var tok string
	if o.extract != nil {
		tok = o.extract(r)
	} else if tok = bearerToken(r); tok == "" {
		if !slices.Contains(o.accepts, SessionToken) {
			return nil, nil, ErrNoToken
		}
		if st := c.fromContext(r.Context()); st != nil {
			// An outer Middleware or RequireAuth computed it and applied
			// its headers.
			again := *st
			again.Header = http.Header{}
			return again.Auth, &again, again.Err
		}
		st := c.authenticateBrowser(r)
		return st.Auth, st, st.Err
	}
	if tok == "" {
		return nil, nil, ErrNoToken
	}
	a, err = c.verify(r.Context(), tok, o.accepts)
	return a, nil, err
}

// withState attaches a browser request's state to r's context, for the
// Middleware or RequireAuth nested inside the one that computed it.
func (c *Client) withState(r *http.Request, st *RequestState) *http.Request {
	if c.fromContext(r.Context()) != nil {
		return r
	}
	return r.WithContext(context.WithValue(r.Context(), stateKey{c}, st))
}

// applyState writes a browser request's state on the response, and reports
// whether that was the whole response (a redirect); else it returns the
// request to pass on, with the state in its context.
func (c *Client) applyState(w http.ResponseWriter, r *http.Request, st *RequestState) (*http.Request, bool) {
	if st == nil {
		return r, false
	}
	if st.Apply(w) {
		return r, true
	}
	return c.withState(r, st), false
}

type authKey struct{}

// ContextWithAuth returns a copy of ctx carrying a; the middleware uses it,
// and tests of handlers can too.
func ContextWithAuth(ctx context.Context, a *Auth) context.Context {
	return context.WithValue(ctx, authKey{}, a)
}

// AuthFromContext returns the Auth the middleware attached to a request's
// context, and whether there was one.
func AuthFromContext(ctx context.Context) (*Auth, bool) {
	a, ok := ctx.Value(authKey{}).(*Auth)
	return a, ok && a != nil
}

// Middleware attaches the caller's Auth to the request context when the
// request carries a valid token (of an accepted type: session tokens unless
// AcceptsToken says otherwise), and passes every request on, valid token or
// not (after Close too): handlers decide with AuthFromContext. Use
// RequireAuth to reject. Browsers' requests follow Clerk's rules (see
// Authenticate): one that needs Clerk's handshake is answered with its
// redirect and not passed on, as Clerk's JS middlewares do, and the
// cookies a handshake brings back are set on the response.
func (c *Client) Middleware(opts ...AuthOption) func(http.Handler) http.Handler {
	o := newAuthOptions(opts)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a, st, err := c.authenticate(r, o)
			r, done := c.applyState(w, r, st)
			if done {
				return
			}
			if err != nil {
				if !errors.Is(err, ErrNoToken) {
					c.logReject(r, 0, err)
				}
				next.ServeHTTP(w, r)
				return
			}
			next.ServeHTTP(w, r.WithContext(ContextWithAuth(r.Context(), a)))
		})
	}
}

// RequireAuth answers, off PublicRoutes:
//
//   - 401 to a request without a valid token of an accepted type (session
//     tokens unless AcceptsToken says otherwise), with WWW-Authenticate;
//     but a browser's page request (Sec-Fetch-Dest document or iframe, or
//     an Accept with text/html) on a route that takes session tokens is
//     redirected to the sign-in page instead (WithSignInURL; default the
//     Account Portal of the publishable key's instance) with its URL in
//     redirect_url, as Clerk's JS SDKs do: 307, or 303 for a method other
//     than GET and HEAD;
//   - 403 when the token lacks what the route requires of its type
//     (RequirePermission, RequireRole, RequireReverification for session
//     tokens, RequireScope for API keys, M2M and OAuth tokens; see
//     RequireScope for mixed routes); a missing reverification gets Clerk's
//     reverification-error body, which Clerk's frontend SDKs act on;
//   - 503 when the token could not be checked: Clerk or the JWKS
//     unreachable, or the client closed (ErrClosed).
//
// Otherwise it attaches the Auth, as Middleware does, and calls next; on a
// public route it calls next in any case, with the Auth when a valid token
// came. A browser's request that needs Clerk's handshake is answered with
// its redirect first, public route or not (see Authenticate). Rejections
// carry a short JSON body and no detail (OnAuthFailure replaces them, the
// sign-in redirect included); the reason goes to the client's logger
// (WithLogger).
func (c *Client) RequireAuth(opts ...AuthOption) func(http.Handler) http.Handler {
	o := newAuthOptions(opts)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			public := o.isPublic(r)
			a, st, err := c.authenticate(r, o)
			r, done := c.applyState(w, r, st)
			if done {
				return
			}
			switch {
			case err == nil:
				r = r.WithContext(ContextWithAuth(r.Context(), a))
			case public:
				next.ServeHTTP(w, r)
				return
			case errors.Is(err, ErrNoToken), errors.Is(err, ErrInvalidToken):
				if loc := c.signInLocation(r, o, err); loc != "" {
					c.logReject(r, http.StatusTemporaryRedirect, err)
					redirect(w, r, loc)
					return
				}
				c.fail(w, r, o, http.StatusUnauthorized, err)
				return
			default:
				c.fail(w, r, o, http.StatusServiceUnavailable, err)
				return
			}
			if !public {
				if err := o.lacks(a); err != nil {
					c.fail(w, r, o, http.StatusForbidden, err)
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

// signInLocation is where RequireAuth sends a signed-out request instead
// of its 401: the sign-in page, for a browser's page request on a route
// that takes session tokens, unless OnAuthFailure answers instead or a
// bearer token came; "" otherwise.
func (c *Client) signInLocation(r *http.Request, o *authOptions, err error) string {
	if o.onFailure != nil || o.extract != nil || bearerToken(r) != "" || !slices.Contains(o.accepts, SessionToken) || !isPageRequest(r) {
		return ""
	}
	return c.signInRedirect(r, err)
}

// redirect sends the browser to loc: 307 for a GET or HEAD, as Clerk's
// Next.js SDK answers; 303 for another method, so that a form posted by a
// signed-out browser leads to the sign-in page's GET.
func redirect(w http.ResponseWriter, r *http.Request, loc string) {
	w.Header().Set("Location", loc)
	w.Header().Set("Cache-Control", "no-store")
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		w.WriteHeader(http.StatusTemporaryRedirect)
		return
	}
	w.WriteHeader(http.StatusSeeOther)
}

// fail logs why RequireAuth refuses r and answers status, through the
// OnAuthFailure handler when there is one.
func (c *Client) fail(w http.ResponseWriter, r *http.Request, o *authOptions, status int, err error) {
	c.logReject(r, status, err)
	if o.onFailure != nil {
		o.onFailure(w, r, status, err)
		return
	}
	switch {
	case status == http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", `Bearer realm="clerk"`)
		reject(w, status, map[string]string{"error": "unauthorized"})
	case status == http.StatusForbidden && errors.Is(err, ErrReverificationRequired):
		reject(w, status, o.reverify.errorBody())
	case status == http.StatusForbidden:
		reject(w, status, map[string]string{"error": "forbidden"})
	default:
		reject(w, status, map[string]string{"error": "authentication unavailable"})
	}
}

func reject(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func (c *Client) logReject(r *http.Request, status int, err error) {
	l := c.core.Logger()
	if l == nil {
		return
	}
	l.LogAttrs(r.Context(), slog.LevelInfo, "clerk: request not authenticated",
		slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.Int("status", status), slog.String("reason", err.Error()))
}
