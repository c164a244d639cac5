package users

import (
	"context"
	"iter"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// OAuthAccessToken is a user's access token at an OAuth provider, refreshed
// by Clerk when it has a refresh token. Token, IDToken and TokenSecret are
// Secrets: fmt, log/slog and encoding/json show them as "[redacted]",
// however the token is nested; Reveal gives the value.
type OAuthAccessToken struct {
	// Object is "oauth_access_token".
	Object string `json:"object"`
	// ExternalAccountID is the external account the token belongs to.
	ExternalAccountID string `json:"external_account_id"`
	// ProviderUserID is the user's ID in the provider's system.
	ProviderUserID string `json:"provider_user_id"`
	// Token is the access token.
	Token Secret `json:"token"`
	// ExpiresAt is nil when the provider gave no expiry.
	ExpiresAt *time.Time `json:"expires_at"`
	// Provider is the provider's ID, such as "oauth_google".
	Provider string `json:"provider"`
	// PublicMetadata is the external account's public metadata.
	PublicMetadata Metadata `json:"public_metadata"`
	// Label is the external account's label, "" when none.
	Label string `json:"label"`
	// Scopes are the token's scopes (OAuth 2.0 only).
	Scopes []string `json:"scopes,omitempty"`
	// IDToken is the OIDC ID token, when the provider issued one.
	IDToken Secret `json:"id_token,omitzero"`
	// TokenSecret is the token secret of an OAuth 1.0 provider.
	TokenSecret Secret `json:"token_secret,omitzero"`
}

// ListOAuthAccessTokensParams pages a user's tokens of one provider.
type ListOAuthAccessTokensParams struct {
	// Paginated asks for the {data, total_count} answer, which fills the
	// page's TotalCount; by default the API answers a bare array.
	Paginated *bool `url:"paginated"`
	// Limit is the page size, 1 to 500.
	Limit *int `url:"limit"`
	// Offset skips that many tokens.
	Offset *int `url:"offset"`
}

// ListOAuthAccessTokens returns the user's access tokens at an OAuth
// provider, such as "oauth_google" (the provider's ID, as in
// ExternalAccount.Provider); an expired token is refreshed first when Clerk
// holds a refresh token. Nil params are allowed. Clerk API:
// GET /users/{user_id}/oauth_access_tokens/{provider}.
func (s *Service) ListOAuthAccessTokens(ctx context.Context, userID, provider string, params *ListOAuthAccessTokensParams) (*Page[OAuthAccessToken], error) {
	return internal.List[OAuthAccessToken](ctx, s.core(), "/users/{user_id}/oauth_access_tokens/{provider}", params, userID, provider)
}

// AllOAuthAccessTokens iterates over all of the user's access tokens at an
// OAuth provider, fetching pages of params.Limit (500, the maximum, when
// unset or larger) lazily from params.Offset; params is copied, never
// changed. It yields an error once and stops.
// Clerk API: GET /users/{user_id}/oauth_access_tokens/{provider}.
func (s *Service) AllOAuthAccessTokens(ctx context.Context, userID, provider string, params *ListOAuthAccessTokensParams) iter.Seq2[*OAuthAccessToken, error] {
	return internal.All(ctx, params, internal.Paging[OAuthAccessToken]{Max: maxLimit},
		func(ctx context.Context, p *ListOAuthAccessTokensParams) (*Page[OAuthAccessToken], error) {
			return s.ListOAuthAccessTokens(ctx, userID, provider, p)
		})
}
