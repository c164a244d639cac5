package sessions

import (
	"context"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// TokenStatus is the state of a sign-in token or an actor token.
type TokenStatus string

// The token statuses of the spec.
const (
	// TokenStatusPending is a token not used yet: it can sign in, and be
	// revoked.
	TokenStatusPending TokenStatus = "pending"
	// TokenStatusAccepted is a token that has signed its user in.
	TokenStatusAccepted TokenStatus = "accepted"
	// TokenStatusRevoked is a token revoked before use.
	TokenStatusRevoked TokenStatus = "revoked"
)

// SignInToken is a one-time credential that signs a user in without a
// password: the front end hands Token to Clerk as a "ticket" sign-in, or
// the user opens URL. Token and URL (which carries the ticket) are
// Secrets: fmt, log/slog and encoding/json show them as "[redacted]";
// Reveal gives them.
type SignInToken struct {
	// Object is always "sign_in_token".
	Object string `json:"object"`
	// ID is the token's ID, "sit_...".
	ID string `json:"id"`
	// Status is the token's state.
	Status TokenStatus `json:"status"`
	// UserID is the user the token signs in.
	UserID string `json:"user_id"`
	// Token is the ticket itself: a credential.
	Token Secret `json:"token,omitzero"`
	// URL is a sign-in link that carries the ticket: a credential too.
	URL Secret `json:"url,omitzero"`
	// CreatedAt is when the token was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the token last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// SignInTokenParams describe a sign-in token. UserID is required.
type SignInTokenParams struct {
	// UserID is the user the token signs in.
	UserID string `json:"user_id"`
	// OrgID, when set, is the organization made active at sign-in; the user
	// must be a member of it.
	OrgID *string `json:"org_id,omitempty"`
	// ExpiresInSeconds is the token's lifetime (the API's default is 30
	// days).
	ExpiresInSeconds *int `json:"expires_in_seconds,omitempty"`
}

// SignInTokenService creates and revokes sign-in tokens:
// clerk.Client.SignInTokens. It is safe for concurrent use.
type SignInTokenService internal.Service

func (s *SignInTokenService) core() *internal.Client { return (*internal.Service)(s).Client() }

// Create creates a sign-in token for a user: the backend's way to sign a
// user in (a magic link of your own, a sign-in from another system). Nil
// params or an empty UserID fail before any request with an error matching
// clerk.ErrInvalidParams. Clerk API: POST /sign_in_tokens.
func (s *SignInTokenService) Create(ctx context.Context, params *SignInTokenParams) (*SignInToken, error) {
	if params == nil {
		return nil, internal.NoParams("SignInTokens.Create")
	}
	if err := internal.Required("user_id", params.UserID); err != nil {
		return nil, err
	}
	return internal.Call[SignInToken](ctx, s.core(), http.MethodPost, "/sign_in_tokens", params)
}

// Revoke revokes a pending sign-in token, so that it can no longer sign
// in. Clerk API: POST /sign_in_tokens/{sign_in_token_id}/revoke.
func (s *SignInTokenService) Revoke(ctx context.Context, signInTokenID string) (*SignInToken, error) {
	return internal.Call[SignInToken](ctx, s.core(), http.MethodPost, "/sign_in_tokens/{sign_in_token_id}/revoke", nil, signInTokenID)
}

// ActorToken is a one-time credential that starts an impersonation: the
// session it creates signs in as UserID, acted by Actor (whose "sub" is the
// impersonator's user ID; the session token carries Actor as its "act"
// claim). Token and URL (which carries the ticket) are Secrets: fmt,
// log/slog and encoding/json show them as "[redacted]"; Reveal gives them.
type ActorToken struct {
	// Object is always "actor_token".
	Object string `json:"object"`
	// ID is the token's ID, "act_...".
	ID string `json:"id"`
	// Status is the token's state.
	Status TokenStatus `json:"status"`
	// UserID is the impersonated user.
	UserID string `json:"user_id"`
	// Actor is who acts as the user; Actor.Subject() is their user ID.
	Actor Actor `json:"actor"`
	// Token is the ticket itself: a credential.
	Token Secret `json:"token,omitzero"`
	// URL is a sign-in link that carries the ticket: a credential too.
	URL Secret `json:"url,omitzero"`
	// CreatedAt is when the token was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the token last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// ActorTokenParams describe an actor token. UserID and Actor are
// required; Actor must hold "sub", the impersonator's user ID (the API
// refuses it otherwise), and may hold more claims:
//
//	&sessions.ActorTokenParams{UserID: "user_1", Actor: sessions.Actor{"sub": "user_admin"}}
type ActorTokenParams struct {
	// UserID is the user to impersonate.
	UserID string `json:"user_id"`
	// Actor is who impersonates: "sub" is their user ID. The whole object
	// goes into the session token's "act" claim.
	Actor Actor `json:"actor"`
	// ExpiresInSeconds is the token's lifetime (the API's default is an
	// hour).
	ExpiresInSeconds *int `json:"expires_in_seconds,omitempty"`
	// SessionMaxDurationInSeconds caps the impersonation session's length
	// (the API's default is 30 minutes).
	SessionMaxDurationInSeconds *int `json:"session_max_duration_in_seconds,omitempty"`
}

// ActorTokenService creates and revokes actor tokens, which start
// impersonation sessions: clerk.Client.ActorTokens. It is safe for
// concurrent use.
type ActorTokenService internal.Service

func (s *ActorTokenService) core() *internal.Client { return (*internal.Service)(s).Client() }

// Create creates an actor token, with which Actor signs in as UserID (an
// impersonation). Nil params, an empty UserID or a nil Actor fail before
// any request with an error matching clerk.ErrInvalidParams. Clerk API:
// POST /actor_tokens.
func (s *ActorTokenService) Create(ctx context.Context, params *ActorTokenParams) (*ActorToken, error) {
	if params == nil {
		return nil, internal.NoParams("ActorTokens.Create")
	}
	if err := internal.Required("user_id", params.UserID); err != nil {
		return nil, err
	}
	if params.Actor == nil {
		return nil, internal.Missing("actor")
	}
	return internal.Call[ActorToken](ctx, s.core(), http.MethodPost, "/actor_tokens", params)
}

// Revoke revokes a pending actor token, so that it can no longer start an
// impersonation. Clerk API: POST /actor_tokens/{actor_token_id}/revoke.
func (s *ActorTokenService) Revoke(ctx context.Context, actorTokenID string) (*ActorToken, error) {
	return internal.Call[ActorToken](ctx, s.core(), http.MethodPost, "/actor_tokens/{actor_token_id}/revoke", nil, actorTokenID)
}

// TestingToken lets end-to-end tests through Clerk's bot protection: send
// Token as the __clerk_testing_token query parameter of Frontend API
// requests. Token is a Secret: fmt, log/slog and encoding/json show it as
// "[redacted]"; Reveal gives it.
type TestingToken struct {
	// Object is always "testing_token".
	Object string `json:"object"`
	// Token is the testing token: a credential.
	Token Secret `json:"token"`
	// ExpiresAt is when the token expires, in Unix seconds as the spec's
	// example has it (unlike Clerk's other timestamps, which are
	// milliseconds); Expiry gives it as a time.Time.
	ExpiresAt int64 `json:"expires_at"`
}

// Expiry returns ExpiresAt as a time.Time. ExpiresAt is read as Unix
// seconds; a value too large for seconds of this era (over 10^11, the year
// 5138) is read as milliseconds, in case Clerk sends those. Zero gives the
// zero time.
func (t *TestingToken) Expiry() time.Time {
	switch {
	case t.ExpiresAt == 0:
		return time.Time{}
	case t.ExpiresAt > 1e11 || t.ExpiresAt < -1e11:
		return time.UnixMilli(t.ExpiresAt).UTC()
	}
	return time.Unix(t.ExpiresAt, 0).UTC()
}

// TestingTokenService creates testing tokens: clerk.Client.TestingTokens.
// It is safe for concurrent use.
type TestingTokenService internal.Service

func (s *TestingTokenService) core() *internal.Client { return (*internal.Service)(s).Client() }

// Create creates a testing token for the instance, short-lived and valid
// only on it. Clerk API: POST /testing_tokens.
func (s *TestingTokenService) Create(ctx context.Context) (*TestingToken, error) {
	return internal.Call[TestingToken](ctx, s.core(), http.MethodPost, "/testing_tokens", nil)
}
