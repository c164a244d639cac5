package apikeys

import (
	"context"
	"slices"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// OAuthTokenService verifies the OAuth access tokens that Clerk, as an OAuth
// identity provider, issues to OAuth applications (clerk.Client.OAuthTokens).
// It keeps a cache of verifications, as Service does for API keys, and is
// safe for concurrent use. The OAuth applications themselves are managed
// elsewhere.
type OAuthTokenService internal.Service

func (s *OAuthTokenService) core() *internal.Client { return (*internal.Service)(s).Client() }

// verify is the service's verifier.
func (s *OAuthTokenService) verify() *verifier[OAuthToken] {
	return verifierOf[OAuthToken]((*internal.Service)(s))
}

// OAuthToken is an OAuth access token as Clerk verifies it: an opaque one
// (oat_...) as POST /oauth_applications/access_tokens/verify answers it, or
// one in JWT format as the root package reads it from the token's verified
// claims. It carries no token.
type OAuthToken struct {
	// Object is "clerk_idp_oauth_access_token".
	Object string `json:"object"`
	// ID is the token's ID (oat_ and 32 hex digits), not the token itself;
	// for a JWT, its jti.
	ID string `json:"id"`
	// ClientID is the OAuth application the token was issued to.
	ClientID string `json:"client_id"`
	// Subject is the user_ ID of the user who granted the access.
	Subject string `json:"subject"`
	// Scopes are the scopes granted, such as "profile" or "email".
	Scopes []string `json:"scopes"`
	// Revoked reports a revoked token.
	Revoked bool `json:"revoked"`
	// RevocationReason is the reason given on revocation, "" when none.
	RevocationReason string `json:"revocation_reason"`
	// Expired reports a token past its Expiration.
	Expired bool `json:"expired"`
	// Expiration is when the token expires; nil if it never does.
	Expiration *time.Time `json:"expiration"`
	// CreatedAt is when the token was created (for a JWT, its iat).
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the token last changed (for a JWT, its iat).
	UpdatedAt time.Time `json:"updated_at"`
	// Audience is the token's intended audience (aud), when it names one.
	// The spec's answer does not list it; Clerk's JS SDK reads it, and so
	// does this package.
	Audience []string `json:"aud,omitempty"`
}

// UserID returns the subject when it is a user, else "".
func (t *OAuthToken) UserID() string { return subjectIf(t.Subject, SubjectUser) }

// HasScope reports whether the token grants the scope.
func (t *OAuthToken) HasScope(scope string) bool { return slices.Contains(t.Scopes, scope) }

func (t *OAuthToken) fields() tokenFields {
	return tokenFields{&t.Object, &t.ID, &t.Subject, &t.RevocationReason, &t.Revoked, &t.Expired,
		nil, &t.Scopes, &t.Audience, nil, &t.Expiration, nil}
}

// Verify checks an opaque OAuth access token (oat_...) with the instance's
// secret key and returns what Clerk knows of it. Failures caused by the
// token match ErrInvalidToken: Clerk does not know it (404, which also
// matches clerk.ErrNotFound) or refuses it (400), or answers that it is no
// longer active ({"active": false}), revoked or expired; an empty or
// oversized token is refused before any request. An answer that is neither
// {"active": false} nor a well-formed verification (the object type, an id,
// a subject, revoked and expired) matches clerk.ErrInvalidResponse instead,
// is not the token's fault and is not cached. Successes are cached as
// Service.Verify's are (clerk.WithMachineTokenCache), under the token's
// SHA-256, never past the token's expiration; concurrent calls with the same
// token share one request. The token never appears in a returned error.
// JWT-format access tokens are verified without the API, by
// clerk.Client.VerifyToken. Clerk API:
// POST /oauth_applications/access_tokens/verify.
func (s *OAuthTokenService) Verify(ctx context.Context, token string) (*OAuthToken, error) {
	if err := checkToken(oauthVerify.kind, token); err != nil {
		return nil, err
	}
	return s.verify().verify(ctx, token, func(ctx context.Context) (*OAuthToken, error) {
		body := struct {
			AccessToken string `json:"access_token"`
		}{token}
		return verifyAt[OAuthToken](ctx, s.core(), oauthVerify, body, token)
	})
}
