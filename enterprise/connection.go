package enterprise

import "time"

// Provider is the identity provider of an enterprise connection: a SAML or
// an OIDC flavour. The API may answer others than the constants below.
type Provider string

// The providers an enterprise connection can be created with.
const (
	ProviderSAMLCustom           Provider = "saml_custom"
	ProviderSAMLOkta             Provider = "saml_okta"
	ProviderSAMLGoogle           Provider = "saml_google"
	ProviderSAMLMicrosoft        Provider = "saml_microsoft"
	ProviderOIDCCustom           Provider = "oidc_custom"
	ProviderOIDCGitHubEnterprise Provider = "oidc_github_enterprise"
	ProviderOIDCGitLab           Provider = "oidc_gitlab"
)

// Connection is an enterprise connection: single sign-on through a
// customer's identity provider, over SAML (SAMLConnection is set) or OIDC
// (OAuthConfig is set), for the email domains in Domains, optionally tied to
// one organization. It succeeds the deprecated SAML connections.
type Connection struct {
	// Object is "enterprise_connection".
	Object string `json:"object"`
	// ID is the connection's ID.
	ID string `json:"id"`
	// Name is the connection's display name.
	Name string `json:"name"`
	// Provider is the identity provider, such as ProviderSAMLOkta.
	Provider Provider `json:"provider"`
	// LogoPublicURL is the provider's logo, "" when none.
	LogoPublicURL string `json:"logo_public_url"`
	// Active reports whether users can sign in through the connection.
	Active bool `json:"active"`
	// Domains are the email domains whose users sign in through the
	// connection.
	Domains []string `json:"domains"`
	// OrganizationID is the organization the connection belongs to, ""
	// when none.
	OrganizationID string `json:"organization_id"`
	// SyncUserAttributes updates the user's attributes from the IdP on
	// every sign-in.
	SyncUserAttributes bool `json:"sync_user_attributes"`
	// DisableAdditionalIdentifications keeps users of the connection from
	// adding other identifications.
	DisableAdditionalIdentifications bool `json:"disable_additional_identifications"`
	// AllowOrganizationAccountLinking lets existing members of the
	// organization link their account to the connection.
	AllowOrganizationAccountLinking bool `json:"allow_organization_account_linking"`
	// Authenticatable reports whether the connection can be used to sign in
	// and sign up. (The spec lists it among the required properties
	// without declaring it; Clerk's JS SDK reads it as a boolean.)
	Authenticatable bool `json:"authenticatable"`
	// DisableJITProvisioning reports whether just-in-time provisioning of
	// users is off. (Required by the spec without a declaration, as
	// Authenticatable.)
	DisableJITProvisioning bool `json:"disable_jit_provisioning"`
	// CustomAttributes map IdP values to user metadata.
	CustomAttributes []CustomAttribute `json:"custom_attributes"`
	// SAMLConnection is the SAML side of the connection, nil for OIDC.
	SAMLConnection *SAMLConnection `json:"saml_connection"`
	// OAuthConfig is the OIDC side of the connection, nil for SAML.
	OAuthConfig *OAuthConfig `json:"oauth_config"`
	// CreatedAt is when the connection was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the connection last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// SAMLConnection is the SAML side of an enterprise connection: the
// identity provider's settings, and the service-provider values (ACS URL,
// entity ID, metadata URL) to give the customer's IT admin.
type SAMLConnection struct {
	// ID is the SAML connection's ID.
	ID string `json:"id"`
	// Name is the SAML connection's display name.
	Name string `json:"name"`
	// IDPEntityID is the IdP's entity ID, "" when not loaded.
	IDPEntityID string `json:"idp_entity_id"`
	// IDPSSOURL is the IdP's single sign-on URL, "" when not loaded.
	IDPSSOURL string `json:"idp_sso_url"`
	// IDPMetadataURL is the IdP's metadata URL, "" when not loaded.
	IDPMetadataURL string `json:"idp_metadata_url"`
	// ACSURL is Clerk's Assertion Consumer Service URL.
	ACSURL string `json:"acs_url"`
	// SPEntityID is Clerk's service-provider entity ID.
	SPEntityID string `json:"sp_entity_id"`
	// SPMetadataURL is Clerk's service-provider metadata URL.
	SPMetadataURL string `json:"sp_metadata_url"`
	// Active reports whether the SAML connection is active.
	Active bool `json:"active"`
	// AllowIDPInitiated allows sign-ins that start at the IdP.
	AllowIDPInitiated bool `json:"allow_idp_initiated"`
	// AllowSubdomains lets subdomains of the connection's domains match.
	AllowSubdomains bool `json:"allow_subdomains"`
	// ForceAuthn asks the IdP to authenticate the user again.
	ForceAuthn bool `json:"force_authn"`
	// LoginHint says what login_hint is sent to the IdP, nil when the API
	// gives none.
	LoginHint *LoginHint `json:"login_hint"`
}

// LoginHintMode says what a SAML connection sends the IdP as login_hint.
type LoginHintMode string

// The login_hint modes.
const (
	// LoginHintEmailAddress sends the identifier the user typed.
	LoginHintEmailAddress LoginHintMode = "email_address"
	// LoginHintCustomAttribute sends the value of the user's public
	// metadata key named by LoginHint.Source.
	LoginHintCustomAttribute LoginHintMode = "custom_attribute"
	// LoginHintOff sends none.
	LoginHintOff LoginHintMode = "off"
)

// LoginHint configures the login_hint a SAML connection sends the IdP on
// sign-in, in answers and in SAMLParams.
type LoginHint struct {
	// Mode is what is sent. Required when sent.
	Mode LoginHintMode `json:"mode"`
	// Source is the public metadata key read with LoginHintCustomAttribute.
	Source string `json:"source,omitempty"`
}

// OAuthConfig is the OIDC side of an enterprise connection. Clerk does not
// answer the client secret.
type OAuthConfig struct {
	// ID is the configuration's ID.
	ID string `json:"id"`
	// Name is the provider's display name.
	Name string `json:"name"`
	// ProviderKey is the OAuth provider key, such as "oidc_custom".
	ProviderKey string `json:"provider_key"`
	// ClientID is the OAuth client ID.
	ClientID string `json:"client_id"`
	// DiscoveryURL is the OIDC discovery URL.
	DiscoveryURL string `json:"discovery_url"`
	// AuthURL is the authorization endpoint.
	AuthURL string `json:"auth_url"`
	// TokenURL is the token endpoint.
	TokenURL string `json:"token_url"`
	// UserInfoURL is the userinfo endpoint.
	UserInfoURL string `json:"user_info_url"`
	// RequiresPKCE reports whether the flow uses PKCE.
	RequiresPKCE bool `json:"requires_pkce"`
	// LogoPublicURL is the provider's logo, "" when none.
	LogoPublicURL string `json:"logo_public_url"`
	// CreatedAt is when the configuration was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the configuration last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// TestRunStatus is the state of a connection test run.
type TestRunStatus string

// The test-run states.
const (
	TestRunPending TestRunStatus = "pending"
	TestRunSuccess TestRunStatus = "success"
	TestRunFailed  TestRunStatus = "failed"
)

// TestRun is one try of an enterprise connection's sign-in flow, started
// from the URL CreateTestRun answers, with what Clerk logged and parsed.
// The IdP's tokens and SAML response it carries are Secrets.
type TestRun struct {
	// ID is the test run's ID.
	ID string `json:"id"`
	// Status is pending until the flow ends.
	Status TestRunStatus `json:"status"`
	// ConnectionType is "saml" or "oauth".
	ConnectionType string `json:"connection_type"`
	// ParsedUserInfo is the user Clerk read from the IdP's answer, nil
	// when none.
	ParsedUserInfo *ParsedUserInfo `json:"parsed_user_info"`
	// Logs are what Clerk logged during the run.
	Logs []TestRunLog `json:"logs"`
	// SAML holds the SAML messages, for SAML connections.
	SAML *TestRunSAML `json:"saml"`
	// OAuth holds the OIDC tokens and user info, for OIDC connections.
	OAuth *TestRunOAuth `json:"oauth"`
	// CreatedAt is when the run started.
	CreatedAt time.Time `json:"created_at"`
}

// ParsedUserInfo is the user a test run read from the IdP's answer.
type ParsedUserInfo struct {
	// EmailAddress is the user's email address.
	EmailAddress string `json:"email_address"`
	// FirstName is the user's first name.
	FirstName string `json:"first_name"`
	// LastName is the user's last name.
	LastName string `json:"last_name"`
	// UserID is the user's ID at the IdP.
	UserID string `json:"user_id"`
}

// TestRunLog is one log entry of a test run.
type TestRunLog struct {
	// Level is the entry's severity.
	Level string `json:"level"`
	// Code is the entry's code, "" when none.
	Code string `json:"code,omitempty"`
	// ShortMessage is a summary of Message.
	ShortMessage string `json:"short_message,omitempty"`
	// Message is the entry's text.
	Message string `json:"message"`
}

// TestRunSAML is the SAML exchange of a test run. SAMLResponse is the IdP's
// signed assertion, a bearer credential while it is valid: a Secret.
type TestRunSAML struct {
	// SAMLRequest is the request sent to the IdP.
	SAMLRequest string `json:"saml_request"`
	// SAMLResponse is the IdP's answer.
	SAMLResponse Secret `json:"saml_response"`
	// RelayState is the relay state of the exchange.
	RelayState string `json:"relay_state"`
}

// TestRunOAuth is the OIDC exchange of a test run. The tokens the IdP
// issued are Secrets.
type TestRunOAuth struct {
	// IDToken is the IdP's ID token.
	IDToken Secret `json:"id_token"`
	// AccessToken is the IdP's access token.
	AccessToken Secret `json:"access_token"`
	// UserInfo is the IdP's userinfo answer, as it came.
	UserInfo string `json:"user_info"`
}

// TestRunURL is what CreateTestRun answers: a short-lived URL that starts
// the connection's sign-in flow, for an admin to open in a browser.
type TestRunURL struct {
	// URL starts the test flow.
	URL string `json:"url"`
}
