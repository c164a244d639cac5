package clerk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/jwt"
)

// TokenType says what kind of bearer token authenticated a request.
type TokenType string

// Token types VerifyToken recognises, named as Clerk names them.
const (
	// SessionToken is a session JWT minted by Clerk for a signed-in user,
	// verified without a network call.
	SessionToken TokenType = "session_token"
	// APIKeyToken is an API key secret (ak_...), verified with the Backend
	// API (results cached briefly; see WithMachineTokenCache).
	APIKeyToken TokenType = "api_key"
	// M2MToken is a machine-to-machine token: opaque (mt_...), verified
	// with the Backend API (results cached briefly), or a JWT whose subject
	// is a machine (mch_...), verified without a network call against the
	// instance's keys.
	M2MToken TokenType = "m2m_token"
	// OAuthToken is an OAuth access token that Clerk, as an OAuth provider,
	// issued to an OAuth application on a user's behalf: opaque (oat_...),
	// verified with the Backend API (results cached briefly), or a JWT whose
	// header typ is at+jwt, verified without a network call against the
	// instance's keys.
	OAuthToken TokenType = "oauth_token"
)

// ErrInvalidToken is matched by every verification failure caused by the
// token itself: malformed, forged, expired, revoked, unknown to Clerk, of a
// type not accepted. The more precise sentinel (jwt.ErrTokenExpired,
// clerk.ErrNotFound, ...) matches too. Failures that are not the token's
// fault (Clerk unreachable, session-token keys that could not be fetched, a
// wrong secret key) do not match it.
var ErrInvalidToken = errors.New("clerk: invalid token")

// ErrNoToken is returned by AuthenticateRequest when the request carries no
// token: no Authorization: Bearer header and no __session cookie.
var ErrNoToken = errors.New("clerk: no token in the request")

// ErrClosed is what every token check answers after Client.Close, whatever
// the token and its type, before any network call: VerifyToken,
// AuthenticateRequest (even for a request without a token), and RequireAuth,
// which answers 503 (off public routes). It is not the token's fault and does
// not match ErrInvalidToken.
var ErrClosed = errors.New("clerk: client is closed")

// Auth is who a verified token speaks for. Which fields are set depends on
// TokenType:
//   - SessionToken: UserID, SessionID, the active organization (OrgID,
//     OrgSlug, OrgRole, OrgPermissions) and Claims;
//   - APIKeyToken: Subject (user_, org_ or mch_), UserID or OrgID from it,
//     Scopes and APIKey;
//   - M2MToken: Subject (the calling machine, mch_), Scopes (machines it may
//     call) and M2MToken;
//   - OAuthToken: Subject and UserID (the user who granted the access),
//     ClientID (the OAuth application), Scopes and OAuthToken.
//
// M2M and OAuth tokens in JWT format give the same fields as opaque ones,
// read from the verified claims (see jwt.MachineClaims).
type Auth struct {
	// TokenType is the kind of token that was verified.
	TokenType TokenType
	// UserID is the signed-in user, the user an API key belongs to, or the
	// user who granted an OAuth access token.
	UserID string
	// SessionID is the session of a session token.
	SessionID string
	// OrgID is the active organization of a session, or the organization an
	// API key belongs to.
	OrgID string
	// OrgSlug is the active organization's slug (session tokens).
	OrgSlug string
	// OrgRole is the role in the active organization, with its "org:" prefix.
	OrgRole string
	// OrgPermissions are the permissions in the active organization, such
	// as "org:billing:manage".
	OrgPermissions []string
	// Subject is the token's subject: the user of a session or an OAuth
	// access token, the owner of an API key, the machine of an M2M token.
	Subject string
	// Scopes are an API key's, M2M token's or OAuth access token's scopes.
	Scopes []string
	// ClientID is the OAuth application an OAuth access token was issued to.
	ClientID string
	// Claims are a session token's verified claims.
	Claims *jwt.Claims
	// APIKey is the verified API key (never with its secret).
	APIKey *apikeys.APIKey
	// M2MToken is the verified M2M token (never with the token itself).
	M2MToken *apikeys.M2MToken
	// OAuthToken is the verified OAuth access token (never with the token
	// itself).
	OAuthToken *apikeys.OAuthToken
}

// HasRole reports whether the active organization role is role, given with
// or without its "org:" prefix. For a session token it answers as
// jwt.Claims.HasRole does, which is Clerk's JS has({role}).
func (a *Auth) HasRole(role string) bool {
	if a == nil || role == "" {
		return false
	}
	if a.Claims != nil {
		return a.Claims.HasRole(role)
	}
	if a.OrgRole == "" {
		return false
	}
	if !strings.HasPrefix(role, "org:") {
		role = "org:" + role
	}
	return a.OrgRole == role
}

// HasPermission reports whether the active organization grants permission,
// such as "org:billing:manage".
func (a *Auth) HasPermission(permission string) bool {
	if a == nil || permission == "" {
		return false
	}
	if a.Claims != nil {
		return a.Claims.HasPermission(permission)
	}
	return slices.Contains(a.OrgPermissions, permission)
}

// HasScope reports whether an API key, M2M token or OAuth access token
// carries scope.
func (a *Auth) HasScope(scope string) bool {
	return a != nil && scope != "" && slices.Contains(a.Scopes, scope)
}

// TokenTypeOf tells a token's type from its shape, without verifying it, as
// Clerk's JS SDK does: ak_ is an API key, mt_ an M2M token, oat_ an OAuth
// access token; a JWT whose subject is a machine (mch_...) is an M2M token,
// else one whose header typ is at+jwt or application/at+jwt an OAuth access
// token (jwt.MachineKindOf); anything else is taken for a session token.
// Reading a JWT's type decodes its header and claims.
func TokenTypeOf(token string) TokenType {
	if t, ok := opaqueType(token); ok {
		return t
	}
	return jwtType(token)
}

// opaqueType tells the type of an opaque machine token by its prefix.
func opaqueType(token string) (TokenType, bool) {
	switch {
	case strings.HasPrefix(token, "ak_"):
		return APIKeyToken, true
	case strings.HasPrefix(token, "mt_"):
		return M2MToken, true
	case strings.HasPrefix(token, "oat_"):
		return OAuthToken, true
	}
	return "", false
}

// jwtType tells a session token from a machine JWT, as TokenTypeOf.
func jwtType(token string) TokenType {
	switch jwt.MachineKindOf(token) {
	case jwt.KindM2M:
		return M2MToken
	case jwt.KindOAuth:
		return OAuthToken
	}
	return SessionToken
}

// VerifyToken verifies a bearer token of any type this SDK knows and says
// who it speaks for: a session JWT, or an M2M or OAuth access token in JWT
// format (networkless, against the cached JWKS or the WithJWTKey PEM), an
// API key (ak_...), an opaque M2M token (mt_...) or an opaque OAuth access
// token (oat_...), the last three through the Backend API with a short
// cache. A nil ctx fails with ErrInvalidParams; after Close, every token
// fails with ErrClosed.
func (c *Client) VerifyToken(ctx context.Context, token string) (*Auth, error) {
	if ctx == nil {
		return nil, fmt.Errorf("%w: nil context", ErrInvalidParams)
	}
	if c.closed.Load() {
		return nil, ErrClosed
	}
	return c.verify(ctx, token, nil)
}

// verify verifies a token of a type accepts lists (nil: any). A token
// whose type is not accepted is refused before it is checked: an opaque
// token's type is its prefix's; a JWT's, where session tokens are
// accepted, is a session token's unless the session check refuses it with
// jwt.ErrInvalidTokenType, which costs a session token nothing more.
func (c *Client) verify(ctx context.Context, token string, accepts []TokenType) (*Auth, error) {
	if token == "" {
		return nil, fmt.Errorf("%w: the token is empty", ErrInvalidToken)
	}
	accepted := func(t TokenType) bool { return accepts == nil || slices.Contains(accepts, t) }
	if t, ok := opaqueType(token); ok {
		if !accepted(t) {
			return nil, notAccepted(t)
		}
		switch t {
		case APIKeyToken:
			return c.verifyAPIKey(ctx, token)
		case M2MToken:
			return c.verifyM2M(ctx, token)
		}
		return c.verifyOAuth(ctx, token)
	}
	if accepted(SessionToken) {
		a, err := c.verifySession(ctx, token)
		if err == nil || !errors.Is(err, jwt.ErrInvalidTokenType) {
			return a, err
		}
		// Not a session token: a machine JWT, or another Clerk JWT.
		if t := jwtType(token); t != SessionToken {
			if !accepted(t) {
				return nil, fmt.Errorf("%w: a %s is not accepted here (%w)", ErrInvalidToken, t, jwt.ErrInvalidTokenType)
			}
			return c.verifyMachineJWT(ctx, token)
		}
		return nil, err
	}
	if t := jwtType(token); !accepted(t) {
		return nil, notAccepted(t)
	}
	return c.verifyMachineJWT(ctx, token)
}

// notAccepted is the refusal of a token whose type is not accepted.
func notAccepted(t TokenType) error {
	return fmt.Errorf("%w: a %s is not accepted here", ErrInvalidToken, t)
}

// verifyAPIKey verifies an API key with the Backend API.
func (c *Client) verifyAPIKey(ctx context.Context, token string) (*Auth, error) {
	k, err := c.APIKeys.Verify(ctx, token)
	if err != nil {
		return nil, machineErr(err)
	}
	return &Auth{
		TokenType: APIKeyToken,
		Subject:   k.Subject,
		UserID:    k.UserID(),
		OrgID:     k.OrganizationID(),
		Scopes:    k.Scopes,
		APIKey:    k,
	}, nil
}

// verifyM2M verifies an opaque M2M token with the Backend API.
func (c *Client) verifyM2M(ctx context.Context, token string) (*Auth, error) {
	t, err := c.M2MTokens.Verify(ctx, token)
	if err != nil {
		return nil, machineErr(err)
	}
	return m2mAuth(t), nil
}

// verifyOAuth verifies an opaque OAuth access token with the Backend API.
func (c *Client) verifyOAuth(ctx context.Context, token string) (*Auth, error) {
	t, err := c.OAuthTokens.Verify(ctx, token)
	if err != nil {
		return nil, machineErr(err)
	}
	if err := c.checkOAuthAudience(t.Audience); err != nil {
		return nil, err
	}
	return oauthAuth(t), nil
}

// checkOAuthAudience holds an opaque OAuth access token's audience to
// WithAudience, as Clerk's JS SDK does: with audiences set, the token must
// name one, and no empty one. (Package jwt checks JWT-format tokens.)
func (c *Client) checkOAuthAudience(aud []string) error {
	want := c.auth.audiences
	if len(want) == 0 {
		return nil
	}
	if len(aud) == 0 || slices.Contains(aud, "") || !slices.ContainsFunc(aud, func(a string) bool { return slices.Contains(want, a) }) {
		return fmt.Errorf("%w: %w: the OAuth access token's audience names none of WithAudience's", ErrInvalidToken, jwt.ErrInvalidAudience)
	}
	return nil
}

// verifyMachineJWT verifies an M2M or OAuth access token in JWT format,
// without a network call of its own, against the session verifier's keys.
func (c *Client) verifyMachineJWT(ctx context.Context, token string) (*Auth, error) {
	v, err := c.jwtVerifier()
	if err != nil {
		return nil, err
	}
	mc, err := v.VerifyMachine(ctx, token)
	if err != nil {
		return nil, sessionErr(err)
	}
	exp := mc.ExpiresAt
	if mc.Kind == jwt.KindOAuth {
		return oauthAuth(&apikeys.OAuthToken{
			Object: "clerk_idp_oauth_access_token", ID: mc.ID, ClientID: mc.ClientID, Subject: mc.Subject,
			Scopes: mc.Scopes, Expiration: &exp, CreatedAt: mc.IssuedAt, UpdatedAt: mc.IssuedAt, Audience: mc.Audience,
		}), nil
	}
	return m2mAuth(&apikeys.M2MToken{
		Object: "machine_to_machine_token", ID: mc.ID, Subject: mc.Subject, Claims: apikeys.Claims(mc.Custom),
		Scopes: mc.Scopes, Expiration: &exp, CreatedAt: mc.IssuedAt, UpdatedAt: mc.IssuedAt,
	}), nil
}

func m2mAuth(t *apikeys.M2MToken) *Auth {
	return &Auth{TokenType: M2MToken, Subject: t.Subject, Scopes: t.Scopes, M2MToken: t}
}

func oauthAuth(t *apikeys.OAuthToken) *Auth {
	return &Auth{TokenType: OAuthToken, Subject: t.Subject, UserID: t.Subject, ClientID: t.ClientID, Scopes: t.Scopes, OAuthToken: t}
}

// jwtVerifier returns the verifier of JWTs, or why the client has none: a
// client built with a machine secret key alone and no key source.
func (c *Client) jwtVerifier() (*jwt.Verifier, error) {
	if c.verifier == nil {
		return nil, fmt.Errorf("%w: verifying a JWT needs the instance's keys: give WithJWTKey (or WithPublishableKey)", ErrSecretKeyRequired)
	}
	return c.verifier, nil
}

// verifySession verifies a session token.
func (c *Client) verifySession(ctx context.Context, token string) (*Auth, error) {
	v, err := c.jwtVerifier()
	if err != nil {
		return nil, err
	}
	cl, err := v.Verify(ctx, token)
	if err != nil {
		return nil, sessionErr(err)
	}
	return c.sessionAuth(cl)
}

// sessionAuth is the Auth of verified session claims, once
// WithAuthorizedPartyFunc has allowed their azp.
func (c *Client) sessionAuth(cl *jwt.Claims) (*Auth, error) {
	if ok := c.auth.partyFunc; ok != nil && (cl.AuthorizedParty == "" || !ok(cl.AuthorizedParty)) {
		return nil, fmt.Errorf("%w: %w: the azp claim is missing or not allowed by WithAuthorizedPartyFunc", ErrInvalidToken, jwt.ErrInvalidAuthorizedParty)
	}
	return &Auth{
		TokenType:      SessionToken,
		UserID:         cl.UserID,
		SessionID:      cl.SessionID,
		OrgID:          cl.OrgID,
		OrgSlug:        cl.OrgSlug,
		OrgRole:        cl.OrgRole,
		OrgPermissions: cl.OrgPermissions,
		Subject:        cl.UserID,
		Claims:         cl,
	}, nil
}

// machineErr adds ErrInvalidToken to an API-key, M2M-token or OAuth-token
// verification failure caused by the token (package apikeys marks those with its own
// ErrInvalidToken). The rest (Clerk unreachable, the secret key refused, a
// malformed answer) is not the token's fault: RequireAuth answers 503.
func machineErr(err error) error {
	if errors.Is(err, apikeys.ErrInvalidToken) {
		return fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	return err
}

// sessionErr adds ErrInvalidToken to a failure of package jwt (a session
// token's or a machine JWT's), unless the token was not checked at all: its keys could not be fetched (Clerk
// unreachable, the secret key refused), or the context ended first. Every
// other failure of package jwt is the token's, whichever of jwt's sentinels
// it matches, so a sentinel jwt adds (a typ or category that is not a
// session token's, say) needs no change here. Wrongly taken for the
// token's, a failure answers 401 instead of 503: a refusal either way,
// never a pass. A kid that no key matches is the token's fault when the key
// set was there to say so; not when it could not be fetched, since a 401
// would sign a valid user out.
func sessionErr(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, jwt.ErrKeyNotFound) && keysUnavailable(err) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrInvalidToken, err)
}

// keysUnavailable reports whether a jwt.ErrKeyNotFound failure wraps the
// failure to get the key set. Package jwt's errors unwrap to their sentinel
// and their cause; the cause of a missing key wraps a further error only
// when the last key-set fetch failed, or the wait for it was cut short.
func keysUnavailable(err error) bool {
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		errs := u.Unwrap()
		if len(errs) == 2 && errs[0] == jwt.ErrKeyNotFound {
			return wraps(errs[1])
		}
		for _, e := range errs {
			if keysUnavailable(e) {
				return true
			}
		}
	case interface{ Unwrap() error }:
		return keysUnavailable(u.Unwrap())
	}
	return false
}

// wraps reports whether err wraps another error.
func wraps(err error) bool {
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		return len(u.Unwrap()) > 0
	case interface{ Unwrap() error }:
		return u.Unwrap() != nil
	}
	return false
}
