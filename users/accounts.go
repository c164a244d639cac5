package users

import (
	"strings"
	"time"
)

// ExternalAccount is an account of the user at an OAuth provider (the spec's
// ExternalAccountWithVerification).
type ExternalAccount struct {
	// Object is "external_account" (older accounts: "google_account",
	// "facebook_account").
	Object string `json:"object"`
	// ID is the external account ID, "eac_...".
	ID string `json:"id"`
	// Provider is the provider's ID, such as "oauth_google".
	Provider string `json:"provider"`
	// IdentificationID is the account's identification ID.
	IdentificationID string `json:"identification_id"`
	// ProviderUserID is the user's ID in the provider's system.
	ProviderUserID string `json:"provider_user_id"`
	// ApprovedScopes is the space-separated list of granted scopes; see
	// Scopes.
	ApprovedScopes string `json:"approved_scopes"`
	// EmailAddress is the address the provider gave.
	EmailAddress string `json:"email_address"`
	// EmailAddressVerified is whether the provider had verified the email at
	// creation time; nil when unknown.
	EmailAddressVerified *bool `json:"email_address_verified,omitempty"`
	// FirstName is the first name the provider gave.
	FirstName string `json:"first_name"`
	// LastName is the last name the provider gave.
	LastName string `json:"last_name"`
	// AvatarURL is deprecated by Clerk: use ImageURL.
	AvatarURL string `json:"avatar_url,omitempty"`
	// ImageURL is the image the provider gave, "" when none.
	ImageURL string `json:"image_url,omitempty"`
	// Username is the username at the provider, "" when none.
	Username string `json:"username,omitempty"`
	// PhoneNumber is the phone number the provider gave, "" when none.
	PhoneNumber string `json:"phone_number,omitempty"`
	// PublicMetadata is the account's public metadata.
	PublicMetadata Metadata `json:"public_metadata"`
	// Label tells apart accounts of one provider, "" when none.
	Label string `json:"label,omitempty"`
	// CreatedAt is when the account was connected.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the account last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// Verification is an OAuth or Google One Tap verification, nil when
	// none.
	Verification *Verification `json:"verification"`
}

// Scopes splits ApprovedScopes into its scopes.
func (a *ExternalAccount) Scopes() []string {
	if a == nil {
		return nil
	}
	return strings.Fields(a.ApprovedScopes)
}

// Verified reports whether the account is verified; false for nil.
func (a *ExternalAccount) Verified() bool { return a != nil && a.Verification.Verified() }

// SAMLAccount is an account of the user at a SAML identity provider.
type SAMLAccount struct {
	// ID is the SAML account ID.
	ID string `json:"id"`
	// Object is "saml_account".
	Object string `json:"object"`
	// Provider is the identity provider, such as "saml_okta".
	Provider string `json:"provider"`
	// Active reports that the account can sign in.
	Active bool `json:"active"`
	// EmailAddress is the address the account signs in with.
	EmailAddress string `json:"email_address"`
	// FirstName is the first name the provider gave, "" when none.
	FirstName string `json:"first_name,omitempty"`
	// LastName is the last name the provider gave, "" when none.
	LastName string `json:"last_name,omitempty"`
	// ProviderUserID is the user's ID at the provider, "" when none.
	ProviderUserID string `json:"provider_user_id,omitempty"`
	// LastAuthenticatedAt is the latest sign-in with the account; nil when
	// none.
	LastAuthenticatedAt *time.Time `json:"last_authenticated_at,omitempty"`
	// PublicMetadata is the account's public metadata.
	PublicMetadata Metadata `json:"public_metadata,omitzero"`
	// Verification is a SAML or ticket verification, nil when none.
	Verification *Verification `json:"verification"`
	// SAMLConnection is the account's connection, nil when Clerk sends
	// none.
	SAMLConnection *SAMLAccountConnection `json:"saml_connection,omitempty"`
}

// SAMLAccountConnection is the SAML connection a SAML account signs in with.
type SAMLAccountConnection struct {
	// ID is the SAML connection ID.
	ID string `json:"id"`
	// Name is the connection's name.
	Name string `json:"name"`
	// Domain is deprecated by Clerk: use Domains.
	Domain string `json:"domain,omitempty"`
	// Domains are the email domains the connection serves.
	Domains []string `json:"domains"`
	// Active reports an enabled connection.
	Active bool `json:"active"`
	// Provider is the identity provider, such as "saml_okta".
	Provider string `json:"provider"`
	// SyncUserAttributes updates the user's attributes at each sign-in.
	SyncUserAttributes bool `json:"sync_user_attributes"`
	// AllowSubdomains lets subdomains of Domains sign in too.
	AllowSubdomains bool `json:"allow_subdomains,omitempty"`
	// AllowIDPInitiated allows sign-ins the identity provider starts.
	AllowIDPInitiated bool `json:"allow_idp_initiated,omitempty"`
	// DisableAdditionalIdentifications keeps the user from adding other
	// identifiers.
	DisableAdditionalIdentifications bool `json:"disable_additional_identifications,omitempty"`
	// CreatedAt is when the connection was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the connection last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// EnterpriseProtocol is the protocol an enterprise account signs in with.
type EnterpriseProtocol string

// Enterprise protocols of the spec.
const (
	EnterpriseProtocolOAuth EnterpriseProtocol = "oauth"
	EnterpriseProtocolSAML  EnterpriseProtocol = "saml"
)

// EnterpriseAccount is an account of the user at an enterprise connection
// (SAML or OIDC).
type EnterpriseAccount struct {
	// ID is the enterprise account ID.
	ID string `json:"id"`
	// Object is "enterprise_account".
	Object string `json:"object"`
	// Protocol is how the account signs in, SAML or OAuth.
	Protocol EnterpriseProtocol `json:"protocol,omitempty"`
	// Provider is the identity provider.
	Provider string `json:"provider"`
	// Active reports that the account can sign in.
	Active bool `json:"active"`
	// EmailAddress is the address the account signs in with.
	EmailAddress string `json:"email_address"`
	// FirstName is the first name the provider gave, "" when none.
	FirstName string `json:"first_name,omitempty"`
	// LastName is the last name the provider gave, "" when none.
	LastName string `json:"last_name,omitempty"`
	// ProviderUserID is the user's ID in the provider's system.
	ProviderUserID string `json:"provider_user_id,omitempty"`
	// EnterpriseConnectionID is the account's connection, "" when none.
	EnterpriseConnectionID string `json:"enterprise_connection_id,omitempty"`
	// PublicMetadata is the account's public metadata.
	PublicMetadata Metadata `json:"public_metadata,omitzero"`
	// Verification is a ticket, SAML or OAuth verification, nil when none.
	Verification *Verification `json:"verification"`
	// EnterpriseConnection is the account's connection, nil when Clerk
	// sends none.
	EnterpriseConnection *EnterpriseAccountConnection `json:"enterprise_connection,omitempty"`
	// LastAuthenticatedAt is the latest sign-in with the account; nil when
	// none.
	LastAuthenticatedAt *time.Time `json:"last_authenticated_at,omitempty"`
}

// EnterpriseAccountConnection is the enterprise connection an enterprise
// account signs in with.
type EnterpriseAccountConnection struct {
	// ID is the enterprise connection ID.
	ID string `json:"id"`
	// Protocol is "saml" or "oauth".
	Protocol string `json:"protocol"`
	// Provider is the identity provider.
	Provider string `json:"provider"`
	// Name is the connection's name.
	Name string `json:"name"`
	// LogoPublicURL is "" when the connection has no logo.
	LogoPublicURL string `json:"logo_public_url"`
	// Domain is deprecated by Clerk: use Domains.
	Domain string `json:"domain,omitempty"`
	// Domains are the email domains the connection serves.
	Domains []string `json:"domains"`
	// Active reports an enabled connection.
	Active bool `json:"active"`
	// SyncUserAttributes updates the user's attributes at each sign-in.
	SyncUserAttributes bool `json:"sync_user_attributes"`
	// AllowSubdomains lets subdomains of Domains sign in too.
	AllowSubdomains bool `json:"allow_subdomains"`
	// AllowIDPInitiated allows sign-ins the identity provider starts.
	AllowIDPInitiated bool `json:"allow_idp_initiated"`
	// DisableAdditionalIdentifications keeps the user from adding other
	// identifiers.
	DisableAdditionalIdentifications bool `json:"disable_additional_identifications"`
	// CreatedAt is when the connection was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the connection last changed.
	UpdatedAt time.Time `json:"updated_at"`
}
