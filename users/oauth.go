package users

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// OAuthAccessToken is a user's access token at an OAuth provider, refreshed
// by Clerk when it has a refresh token. Token, IDToken and TokenSecret are
// secrets: printing the value with fmt (%v, %+v, %#v, %s) redacts them, but
// JSON marshalling keeps them.
type OAuthAccessToken struct {
	// Object is "oauth_access_token".
	Object string `json:"object"`
	// ExternalAccountID is the external account the token belongs to.
	ExternalAccountID string `json:"external_account_id"`
	// ProviderUserID is the user's ID in the provider's system.
	ProviderUserID string `json:"provider_user_id"`
	// Token is the access token.
	Token string `json:"token"`
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
	IDToken string `json:"id_token,omitempty"`
	// TokenSecret is the token secret of an OAuth 1.0 provider.
	TokenSecret string `json:"token_secret,omitempty"`
}

// UnmarshalJSON decodes a token, reading expires_at in Unix ms.
func (t *OAuthAccessToken) UnmarshalJSON(b []byte) error {
	type plain OAuthAccessToken
	return json.Unmarshal(b, &struct {
		*plain
		ExpiresAt internal.MillisPtr `json:"expires_at"`
	}{(*plain)(t), internal.MillisPtr{T: &t.ExpiresAt}})
}

// MarshalJSON encodes a token as the API does, secrets included.
func (t OAuthAccessToken) MarshalJSON() ([]byte, error) {
	type plain OAuthAccessToken
	p := plain(t)
	if p.Object == "" {
		p.Object = "oauth_access_token"
	}
	p.PublicMetadata = orEmptyMap(p.PublicMetadata)
	return json.Marshal(&struct {
		*plain
		ExpiresAt internal.MillisPtr `json:"expires_at"`
	}{&p, internal.MillisPtr{T: &p.ExpiresAt}})
}

// oauthTokenView is OAuthAccessToken without its methods, which fmt prints
// field by field once the secrets are replaced.
type oauthTokenView OAuthAccessToken

const redacted = "[redacted]"

func (t OAuthAccessToken) view() oauthTokenView {
	v := oauthTokenView(t)
	for _, s := range []*string{&v.Token, &v.IDToken, &v.TokenSecret} {
		if *s != "" {
			*s = redacted
		}
	}
	return v
}

// Format prints the token with its secrets redacted, for every verb.
func (t OAuthAccessToken) Format(f fmt.State, verb rune) {
	s := fmt.Sprintf(fmt.FormatString(f, verb), t.view())
	if verb == 'v' && f.Flag('#') {
		s = strings.Replace(s, "users.oauthTokenView", "users.OAuthAccessToken", 1)
	}
	_, _ = io.WriteString(f, s)
}

// String describes the token with its secrets redacted.
func (t OAuthAccessToken) String() string { return fmt.Sprintf("%+v", t) }

// GoString is String in Go syntax, secrets redacted.
func (t OAuthAccessToken) GoString() string { return fmt.Sprintf("%#v", t) }

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
	p, err := internal.Path("/users/{user_id}/oauth_access_tokens/{provider}", userID, provider)
	if err != nil {
		return nil, err
	}
	out := new(Page[OAuthAccessToken])
	if err := s.c.Get(ctx, p, internal.Query(params), out); err != nil {
		return nil, err
	}
	return out, nil
}

// AllOAuthAccessTokens iterates over all of the user's access tokens at an
// OAuth provider, fetching pages of params.Limit (500, the maximum, when
// unset or larger) lazily from params.Offset; params is copied, never
// changed. It yields an error once and stops.
// Clerk API: GET /users/{user_id}/oauth_access_tokens/{provider}.
func (s *Service) AllOAuthAccessTokens(ctx context.Context, userID, provider string, params *ListOAuthAccessTokensParams) iter.Seq2[*OAuthAccessToken, error] {
	var p ListOAuthAccessTokensParams
	if params != nil {
		p = *params
	}
	return internal.OffsetAll(ctx, p.Limit, p.Offset, maxLimit, func(ctx context.Context, limit, offset *int) (*Page[OAuthAccessToken], error) {
		q := p
		q.Limit, q.Offset = limit, offset
		return s.ListOAuthAccessTokens(ctx, userID, provider, &q)
	})
}
