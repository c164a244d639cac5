package oauth

import (
	"time"

	"github.com/go-clerk/clerk/internal"
)

// Page is one page of a list endpoint: Data and the TotalCount the API
// reports.
type Page[T any] = internal.Page[T]

// Secret is a credential a model carries (Application.ClientSecret): fmt,
// log/slog and encoding/json show it as "[redacted]"; Reveal returns it. The
// same type as clerk.Secret.
type Secret = internal.Secret

// Application is an OAuth application: a client of your Clerk instance
// acting as an OAuth 2.0 / OpenID Connect provider. The Backend API answers
// it without its client secret, except from Create and RotateSecret.
type Application struct {
	// Object is always "oauth_application".
	Object string `json:"object"`
	// ID is the application's ID, which the other methods take (not the
	// ClientID).
	ID string `json:"id"`
	// InstanceID is the Clerk instance the application belongs to.
	InstanceID string `json:"instance_id"`
	// Name is the application's display name.
	Name string `json:"name"`
	// ClientID is the OAuth client_id the application authenticates with.
	ClientID string `json:"client_id"`
	// ClientURI is the application's home page, "" when none.
	ClientURI string `json:"client_uri"`
	// ClientImageURL is the URL of the application's logo, "" when none
	// (see SetLogo).
	ClientImageURL string `json:"client_image_url"`
	// DynamicallyRegistered is true for an application registered through
	// OAuth dynamic client registration rather than the API or Dashboard.
	DynamicallyRegistered bool `json:"dynamically_registered"`
	// ConsentScreenEnabled is true when users are shown a consent screen
	// during authorization.
	ConsentScreenEnabled bool `json:"consent_screen_enabled"`
	// PKCERequired is true when the authorization code flow must use PKCE.
	PKCERequired bool `json:"pkce_required"`
	// Public is true for a public client (no client secret; PKCE instead).
	Public bool `json:"public"`
	// Scopes are the allowed scopes, separated by spaces, such as
	// "profile email".
	Scopes string `json:"scopes"`
	// RedirectURIs are the URIs Clerk may redirect to after authorization.
	RedirectURIs []string `json:"redirect_uris"`
	// CallbackURL is the first redirect URI.
	//
	// Deprecated: Clerk deprecated it in favour of RedirectURIs.
	CallbackURL string `json:"callback_url"`
	// AuthorizeURL is the instance's OAuth authorization endpoint.
	AuthorizeURL string `json:"authorize_url"`
	// TokenFetchURL is the instance's OAuth token endpoint.
	TokenFetchURL string `json:"token_fetch_url"`
	// UserInfoURL is the instance's OpenID Connect user info endpoint.
	UserInfoURL string `json:"user_info_url"`
	// DiscoveryURL is the instance's OpenID Connect discovery document.
	DiscoveryURL string `json:"discovery_url"`
	// TokenIntrospectionURL is the instance's token introspection endpoint.
	TokenIntrospectionURL string `json:"token_introspection_url"`
	// CreatedAt is when the application was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the application was last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// ClientSecret is the OAuth client secret, set only in the answers of
	// Create and RotateSecret (and empty for a public client). It is a
	// Secret: printed as "[redacted]"; Reveal returns it.
	ClientSecret Secret `json:"client_secret,omitzero"`
}

// ListParams filters, orders and pages GET /oauth_applications. Nil params
// list every application, ten to a page (the API's default), newest first.
type ListParams struct {
	// Limit is the page size, 1 to 500.
	Limit *int `url:"limit"`
	// Offset skips that many applications.
	Offset *int `url:"offset"`
	// OrderBy orders by "created_at" or "name", prefixed with "-" for
	// descending or "+" for ascending order; unset, the newest come first.
	OrderBy *string `url:"order_by"`
	// NameQuery matches part of the name, ignoring case, or a ClientID
	// exactly: the way from a client_id to the application's ID.
	NameQuery *string `url:"name_query"`
}

// CreateParams describe a new OAuth application. Name is required.
type CreateParams struct {
	// Name is the application's display name, at most 256 characters.
	Name string `json:"name"`
	// RedirectURIs are the URIs Clerk may redirect to after authorization;
	// any scheme is allowed (https://, http://, myapp://).
	RedirectURIs []string `json:"redirect_uris,omitempty"`
	// CallbackURL is a single redirect URI.
	//
	// Deprecated: Clerk deprecated it in favour of RedirectURIs.
	CallbackURL *string `json:"callback_url,omitempty"`
	// Scopes are the allowed scopes, separated by spaces, among "profile",
	// "email", "public_metadata" and "private_metadata" ("profile email"
	// when unset).
	Scopes *string `json:"scopes,omitempty"`
	// ConsentScreenEnabled shows users a consent screen during
	// authorization (true when unset).
	ConsentScreenEnabled *bool `json:"consent_screen_enabled,omitempty"`
	// PKCERequired requires PKCE in the authorization code flow (false
	// when unset).
	PKCERequired *bool `json:"pkce_required,omitempty"`
	// Public makes the application a public client, which uses PKCE instead
	// of a client secret.
	Public *bool `json:"public,omitempty"`
}

// UpdateParams change an OAuth application's fields; unset fields are left
// as they are.
type UpdateParams struct {
	// Name is the new display name, at most 256 characters.
	Name *string `json:"name,omitempty"`
	// RedirectURIs replace the redirect URIs; nil or empty leaves them as
	// they are.
	RedirectURIs []string `json:"redirect_uris,omitempty"`
	// CallbackURL is a single redirect URI.
	//
	// Deprecated: Clerk deprecated it in favour of RedirectURIs.
	CallbackURL *string `json:"callback_url,omitempty"`
	// Scopes are the allowed scopes, separated by spaces.
	Scopes *string `json:"scopes,omitempty"`
	// ConsentScreenEnabled turns the consent screen on or off (it cannot be
	// turned off for a dynamically registered application).
	ConsentScreenEnabled *bool `json:"consent_screen_enabled,omitempty"`
	// PKCERequired turns the PKCE requirement on or off.
	PKCERequired *bool `json:"pkce_required,omitempty"`
	// Public makes the application a public client, or a confidential one.
	Public *bool `json:"public,omitempty"`
}

// SetLogoParams are the optional fields of a logo upload.
type SetLogoParams struct {
	// UploaderUserID is the user credited with the upload.
	UploaderUserID *string
}
