package instance

import (
	"context"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// OrganizationSettings are the instance's organization settings: whether
// organizations are on, their limits, roles and verified domains.
type OrganizationSettings struct {
	// Object is always "organization_settings".
	Object string `json:"object"`
	// Enabled reports whether organizations are on.
	Enabled bool `json:"enabled"`
	// MaxAllowedMemberships caps the members of one organization.
	MaxAllowedMemberships int `json:"max_allowed_memberships"`
	// MaxAllowedRoles caps the organization roles of the instance.
	MaxAllowedRoles int `json:"max_allowed_roles"`
	// MaxRoleSetsAllowed caps the role sets of the instance.
	MaxRoleSetsAllowed int `json:"max_role_sets_allowed"`
	// MaxAllowedDomains caps the verified domains of one organization.
	MaxAllowedDomains int `json:"max_allowed_domains"`
	// MaxAllowedPermissions is no longer enforced: permissions are
	// unlimited.
	//
	// Deprecated: Clerk deprecated it; it means nothing.
	MaxAllowedPermissions int `json:"max_allowed_permissions"`
	// CreatorRole is the role key a user gets in an organization they
	// create, such as "org:admin".
	CreatorRole string `json:"creator_role"`
	// AdminDeleteEnabled is the default for whether an admin may delete an
	// organization with the Frontend API.
	AdminDeleteEnabled bool `json:"admin_delete_enabled"`
	// DomainsEnabled reports whether organizations may have verified
	// domains.
	DomainsEnabled bool `json:"domains_enabled"`
	// SlugDisabled reports whether organizations have no slugs.
	SlugDisabled bool `json:"slug_disabled"`
	// DomainsEnrollmentModes are the enrollment modes verified domains
	// offer: "manual_invitation", "automatic_invitation",
	// "automatic_suggestion".
	DomainsEnrollmentModes []string `json:"domains_enrollment_modes"`
	// DomainsDefaultRole is the role key of invitations and suggestions
	// made through a verified domain.
	DomainsDefaultRole string `json:"domains_default_role"`
	// InitialRoleSetKey is the role set new organizations get, "" when
	// none.
	InitialRoleSetKey string `json:"initial_role_set_key"`
}

// GetOrganizationSettings returns the instance's organization settings.
// Clerk API: GET /instance/organization_settings.
func (s *Service) GetOrganizationSettings(ctx context.Context) (*OrganizationSettings, error) {
	return internal.Call[OrganizationSettings](ctx, s.core(), http.MethodGet, "/instance/organization_settings", nil)
}

// UpdateOrganizationSettingsParams are the organization settings to change;
// nil fields are left as they are.
type UpdateOrganizationSettingsParams struct {
	// Enabled turns organizations on or off.
	Enabled *bool `json:"enabled,omitempty"`
	// MaxAllowedMemberships caps the members of one organization.
	MaxAllowedMemberships *int `json:"max_allowed_memberships,omitempty"`
	// AdminDeleteEnabled lets admins delete organizations with the Frontend
	// API.
	AdminDeleteEnabled *bool `json:"admin_delete_enabled,omitempty"`
	// DomainsEnabled turns verified domains on or off.
	DomainsEnabled *bool `json:"domains_enabled,omitempty"`
	// SlugDisabled turns organization slugs off (true) or on.
	SlugDisabled *bool `json:"slug_disabled,omitempty"`
	// DomainsEnrollmentModes replaces the enrollment modes of verified
	// domains: "automatic_invitation", "automatic_suggestion". Nil leaves
	// them; an empty, non-nil slice sends [].
	DomainsEnrollmentModes []string `json:"domains_enrollment_modes,omitzero"`
	// CreatorRoleID is the ID of the role an organization's creator gets.
	CreatorRoleID *string `json:"creator_role_id,omitempty"`
	// DomainsDefaultRoleID is the ID of the role of invitations and
	// suggestions made through a verified domain.
	DomainsDefaultRoleID *string `json:"domains_default_role_id,omitempty"`
}

// UpdateOrganizationSettings changes the instance's organization settings
// and returns them. Nil params change nothing. Clerk API:
// PATCH /instance/organization_settings.
func (s *Service) UpdateOrganizationSettings(ctx context.Context, params *UpdateOrganizationSettingsParams) (*OrganizationSettings, error) {
	return internal.Call[OrganizationSettings](ctx, s.core(), http.MethodPatch, "/instance/organization_settings", internal.OrEmpty(params))
}

// Communication are the instance's SMS settings.
type Communication struct {
	// Object is always "instance_communication".
	Object string `json:"object"`
	// BlockedCountryCodes are the ISO 3166-1 alpha-2 codes of the countries
	// Clerk sends no SMS to, such as "RU".
	BlockedCountryCodes []string `json:"blocked_country_codes"`
}

// GetCommunication returns the instance's SMS settings. Clerk API:
// GET /instance/communication.
func (s *Service) GetCommunication(ctx context.Context) (*Communication, error) {
	return internal.Call[Communication](ctx, s.core(), http.MethodGet, "/instance/communication", nil)
}

// UpdateCommunicationParams change the instance's SMS settings.
type UpdateCommunicationParams struct {
	// BlockedCountryCodes replaces the whole SMS country block-list:
	// uppercase ISO 3166-1 alpha-2 codes, each once, at most 250 (codes
	// Clerk does not send SMS to are dropped). Nil leaves the list as it
	// is; an empty, non-nil slice unblocks every country.
	BlockedCountryCodes []string `json:"blocked_country_codes,omitzero"`
}

// UpdateCommunication changes the instance's SMS settings and returns them.
// Nil params change nothing. Clerk API: PATCH /instance/communication.
func (s *Service) UpdateCommunication(ctx context.Context, params *UpdateCommunicationParams) (*Communication, error) {
	return internal.Call[Communication](ctx, s.core(), http.MethodPatch, "/instance/communication", internal.OrEmpty(params))
}

// OAuthApplicationSettings are the instance's settings for OAuth
// applications, where the instance is the OAuth authorization server.
type OAuthApplicationSettings struct {
	// Object is always "oauth_application_settings".
	Object string `json:"object"`
	// DynamicOAuthClientRegistration reports whether clients may register
	// themselves (RFC 7591).
	DynamicOAuthClientRegistration bool `json:"dynamic_oauth_client_registration"`
	// DefaultScopes are the scopes a client gets by default; empty when
	// Clerk's defaults apply.
	DefaultScopes []string `json:"default_scopes"`
	// OAuthJWTAccessTokens reports whether access tokens are JWTs (else
	// opaque).
	OAuthJWTAccessTokens bool `json:"oauth_jwt_access_tokens"`
	// ClientIDMetadataDocumentsAdvertised reports whether the authorization
	// server metadata advertises Client ID Metadata Documents (CIMD).
	ClientIDMetadataDocumentsAdvertised bool `json:"client_id_metadata_documents_advertised"`
	// ClientIDMetadataDocumentsOnlyAllowPreRegisteredClients reports
	// whether unknown CIMD clients are refused.
	ClientIDMetadataDocumentsOnlyAllowPreRegisteredClients bool `json:"client_id_metadata_documents_only_allow_pre_registered_clients"`
	// ClientIDMetadataDocumentsBlockImplicitlyAllowedClients reports
	// whether CIMD clients recorded as implicitly allowed are refused.
	ClientIDMetadataDocumentsBlockImplicitlyAllowedClients bool `json:"client_id_metadata_documents_block_implicitly_allowed_clients"`
}

// GetOAuthApplicationSettings returns the instance's OAuth application
// settings. Clerk API: GET /instance/oauth_application_settings.
func (s *Service) GetOAuthApplicationSettings(ctx context.Context) (*OAuthApplicationSettings, error) {
	return internal.Call[OAuthApplicationSettings](ctx, s.core(), http.MethodGet, "/instance/oauth_application_settings", nil)
}

// UpdateOAuthApplicationSettingsParams are the OAuth application settings
// to change; nil fields are left as they are.
type UpdateOAuthApplicationSettingsParams struct {
	// DynamicOAuthClientRegistration lets clients register themselves
	// (RFC 7591).
	DynamicOAuthClientRegistration *bool `json:"dynamic_oauth_client_registration,omitempty"`
	// DefaultScopes sets the default scopes (NewNullable), or resets them to
	// Clerk's defaults (Null); left out, they are unchanged.
	DefaultScopes Nullable[[]string] `json:"default_scopes,omitzero"`
	// OAuthJWTAccessTokens makes access tokens JWTs (true) or opaque.
	OAuthJWTAccessTokens *bool `json:"oauth_jwt_access_tokens,omitempty"`
	// ClientIDMetadataDocumentsAdvertised advertises Client ID Metadata
	// Documents in the authorization server metadata.
	ClientIDMetadataDocumentsAdvertised *bool `json:"client_id_metadata_documents_advertised,omitempty"`
	// ClientIDMetadataDocumentsOnlyAllowPreRegisteredClients refuses
	// unknown CIMD clients; clients already admitted stay.
	ClientIDMetadataDocumentsOnlyAllowPreRegisteredClients *bool `json:"client_id_metadata_documents_only_allow_pre_registered_clients,omitempty"`
	// ClientIDMetadataDocumentsBlockImplicitlyAllowedClients refuses CIMD
	// clients recorded as implicitly allowed from now on (access tokens
	// already issued stay valid).
	ClientIDMetadataDocumentsBlockImplicitlyAllowedClients *bool `json:"client_id_metadata_documents_block_implicitly_allowed_clients,omitempty"`
}

// UpdateOAuthApplicationSettings changes the instance's OAuth application
// settings and returns them. Nil params change nothing. Clerk API:
// PATCH /instance/oauth_application_settings.
func (s *Service) UpdateOAuthApplicationSettings(ctx context.Context, params *UpdateOAuthApplicationSettingsParams) (*OAuthApplicationSettings, error) {
	return internal.Call[OAuthApplicationSettings](ctx, s.core(), http.MethodPatch, "/instance/oauth_application_settings", internal.OrEmpty(params))
}

// Protect are the instance's Clerk Protect (bot and abuse detection)
// settings.
type Protect struct {
	// Object is always "instance_protect".
	Object string `json:"object"`
	// RulesEnabled reports whether Protect's rules run.
	RulesEnabled bool `json:"rules_enabled"`
	// SpecterEnabled is Protect's specter_enabled switch (the spec does not
	// describe it further).
	SpecterEnabled bool `json:"specter_enabled"`
	// ChecksBypassed reports that the instance opted out of Protect's
	// prerequisite checks, asserting its setup meets them.
	ChecksBypassed bool `json:"checks_bypassed"`
}

// GetProtect returns the instance's Protect settings. Clerk API:
// GET /instance/protect.
func (s *Service) GetProtect(ctx context.Context) (*Protect, error) {
	return internal.Call[Protect](ctx, s.core(), http.MethodGet, "/instance/protect", nil)
}

// UpdateProtectParams are the Protect settings to change; nil fields are
// left as they are.
type UpdateProtectParams struct {
	// RulesEnabled turns Protect's rules on or off.
	RulesEnabled *bool `json:"rules_enabled,omitempty"`
	// SpecterEnabled sets Protect's specter_enabled switch.
	SpecterEnabled *bool `json:"specter_enabled,omitempty"`
}

// UpdateProtect changes the instance's Protect settings and returns them.
// Nil params change nothing. Clerk API: PATCH /instance/protect.
func (s *Service) UpdateProtect(ctx context.Context, params *UpdateProtectParams) (*Protect, error) {
	return internal.Call[Protect](ctx, s.core(), http.MethodPatch, "/instance/protect", internal.OrEmpty(params))
}
