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

// Token types VerifyToken recognises.
const (
	// SessionToken is a session JWT minted by Clerk for a signed-in user,
	// verified without a network call.
	SessionToken TokenType = "session_token"
	// APIKeyToken is an API key secret (ak_...), verified with the Backend
	// API (results cached briefly; see WithMachineTokenCache).
	APIKeyToken TokenType = "api_key"
	// M2MToken is an opaque machine-to-machine token (mt_...), verified
	// with the Backend API (results cached briefly).
	M2MToken TokenType = "m2m_token"
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
//     call) and M2MToken.
type Auth struct {
	// TokenType is the kind of token that was verified.
	TokenType TokenType
	// UserID is the signed-in user, or the user an API key belongs to.
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
	// Subject is the token's subject: the user of a session, the owner of an
	// API key, the machine of an M2M token.
	Subject string
	// Scopes are an API key's or M2M token's scopes.
	Scopes []string
	// Claims are a session token's verified claims.
	Claims *jwt.Claims
	// APIKey is the verified API key (never with its secret).
	APIKey *apikeys.APIKey
	// M2MToken is the verified M2M token (never with the token itself).
	M2MToken *apikeys.M2MToken
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

// HasScope reports whether an API key or M2M token carries scope.
func (a *Auth) HasScope(scope string) bool {
	return a != nil && scope != "" && slices.Contains(a.Scopes, scope)
}

// TokenTypeOf tells a token's type from its shape, without verifying it:
// ak_ is an API key, mt_ an M2M token, anything else is taken for a session
// token.
func TokenTypeOf(token string) TokenType {
	switch {
	case strings.HasPrefix(token, "ak_"):
		return APIKeyToken
	case strings.HasPrefix(token, "mt_"):
		return M2MToken
	}
	return SessionToken
}

// VerifyToken verifies a bearer token of any type this SDK knows and says
// who it speaks for: a session JWT (networkless, against the cached JWKS or
// the WithJWTKey PEM), an API key (ak_...) or an opaque M2M token (mt_...),
// the last two through the Backend API with a short cache. JWT-format M2M
// tokens are not supported yet: they fail as invalid session tokens. A nil
// ctx fails with ErrInvalidParams; after Close, every token fails with
// ErrClosed.
func (c *Client) VerifyToken(ctx context.Context, token string) (*Auth, error) {
	if ctx == nil {
		return nil, fmt.Errorf("%w: nil context", ErrInvalidParams)
	}
	if c.closed.Load() {
		return nil, ErrClosed
	}
	if token == "" {
		return nil, fmt.Errorf("%w: the token is empty", ErrInvalidToken)
	}
	switch TokenTypeOf(token) {
	case APIKeyToken:
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
	case M2MToken:
		t, err := c.M2MTokens.Verify(ctx, token)
		if err != nil {
			return nil, machineErr(err)
		}
		return &Auth{TokenType: M2MToken, Subject: t.Subject, Scopes: t.Scopes, M2MToken: t}, nil
	}
	return c.verifySession(ctx, token)
}

// verifySession verifies a session token.
func (c *Client) verifySession(ctx context.Context, token string) (*Auth, error) {
	cl, err := c.verifier.Verify(ctx, token)
	if err != nil {
		return nil, sessionErr(err)
	}
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

// machineErr adds ErrInvalidToken to an API-key or M2M-token verification
// failure caused by the token (package apikeys marks those with its own
// ErrInvalidToken). The rest (Clerk unreachable, the secret key refused, a
// malformed answer) is not the token's fault: RequireAuth answers 503.
func machineErr(err error) error {
	if errors.Is(err, apikeys.ErrInvalidToken) {
		return fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	return err
}

// sessionErr adds ErrInvalidToken to a session-token failure, unless the
// token was not checked at all: its keys could not be fetched (Clerk
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
