package enterprise

import (
	"context"
	"iter"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// ConnectionService calls the enterprise connection endpoints:
// clerk.Client.EnterpriseConnections. It is safe for concurrent use.
type ConnectionService internal.Service

func (s *ConnectionService) core() *internal.Client { return (*internal.Service)(s).Client() }

// ListConnectionsParams filters and pages enterprise connections. Nil params
// list them all.
type ListConnectionsParams struct {
	// OrganizationID lists the connections of this organization.
	OrganizationID *string `url:"organization_id"`
	// Active lists only active (true) or inactive (false) connections.
	Active *bool `url:"active"`
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many connections.
	Offset *int `url:"offset"`
}

// List returns one page of the instance's enterprise connections. Clerk
// API: GET /enterprise_connections.
func (s *ConnectionService) List(ctx context.Context, params *ListConnectionsParams) (*Page[Connection], error) {
	return internal.List[Connection](ctx, s.core(), "/enterprise_connections", params)
}

// All iterates over every enterprise connection that matches params,
// fetching pages of params.Limit (500, the maximum, when unset or larger)
// lazily from params.Offset; params is copied, never changed. It yields an
// error once and stops. Clerk API: GET /enterprise_connections.
func (s *ConnectionService) All(ctx context.Context, params *ListConnectionsParams) iter.Seq2[*Connection, error] {
	return internal.All(ctx, params, internal.Paging[Connection]{Max: maxLimit, ID: connectionID}, s.List)
}

func connectionID(c *Connection) string { return c.ID }

// SAMLParams configure the SAML side of a connection: the identity
// provider's settings, either one by one (entity ID, SSO URL, certificate)
// or from its metadata (URL or XML). Nil fields are left as they are.
type SAMLParams struct {
	// Name renames the SAML connection. Update only: the API refuses it on
	// Create, which names the SAML connection after the connection.
	Name *string `json:"name,omitempty"`
	// IDPEntityID is the IdP's entity ID.
	IDPEntityID *string `json:"idp_entity_id,omitempty"`
	// IDPSSOURL is the IdP's single sign-on URL.
	IDPSSOURL *string `json:"idp_sso_url,omitempty"`
	// IDPCertificate is the IdP's signing certificate, PEM (public).
	IDPCertificate *string `json:"idp_certificate,omitempty"`
	// IDPMetadataURL is where the IdP publishes its metadata.
	IDPMetadataURL *string `json:"idp_metadata_url,omitempty"`
	// IDPMetadata is the IdP's metadata XML.
	IDPMetadata *string `json:"idp_metadata,omitempty"`
	// AttributeMapping names the SAML attributes the user's fields come
	// from.
	AttributeMapping *SAMLAttributeMapping `json:"attribute_mapping,omitempty"`
	// AllowSubdomains lets subdomains of the connection's domains match.
	AllowSubdomains *bool `json:"allow_subdomains,omitempty"`
	// AllowIDPInitiated allows sign-ins that start at the IdP.
	AllowIDPInitiated *bool `json:"allow_idp_initiated,omitempty"`
	// ForceAuthn asks the IdP to authenticate the user again.
	ForceAuthn *bool `json:"force_authn,omitempty"`
	// LoginHint configures the login_hint sent to the IdP.
	LoginHint *LoginHint `json:"login_hint,omitempty"`
}

// SAMLAttributeMapping names the SAML attributes a user's fields are read
// from. Nil fields are left as they are.
type SAMLAttributeMapping struct {
	// UserID is the attribute of the user's ID at the IdP.
	UserID *string `json:"user_id,omitempty"`
	// EmailAddress is the attribute of the email address.
	EmailAddress *string `json:"email_address,omitempty"`
	// FirstName is the attribute of the first name.
	FirstName *string `json:"first_name,omitempty"`
	// LastName is the attribute of the last name.
	LastName *string `json:"last_name,omitempty"`
}

// OIDCParams configure the OIDC side of a connection: the client Clerk is
// at the identity provider, and the provider's endpoints (from DiscoveryURL,
// or one by one). Nil fields are left as they are.
type OIDCParams struct {
	// ClientID is the OAuth client ID.
	ClientID *string `json:"client_id,omitempty"`
	// ClientSecret is the OAuth client secret (clerk.NewSecret wraps it). It is
	// sent to Clerk in clear; fmt, log/slog and encoding/json print
	// "[redacted]". Leave it empty for a public client with RequiresPKCE.
	ClientSecret Secret `json:"client_secret,omitzero"`
	// DiscoveryURL is the OIDC discovery URL.
	DiscoveryURL *string `json:"discovery_url,omitempty"`
	// AuthURL is the authorization endpoint.
	AuthURL *string `json:"auth_url,omitempty"`
	// TokenURL is the token endpoint.
	TokenURL *string `json:"token_url,omitempty"`
	// UserInfoURL is the userinfo endpoint.
	UserInfoURL *string `json:"user_info_url,omitempty"`
	// RequiresPKCE turns PKCE on (required for a client without a secret).
	RequiresPKCE *bool `json:"requires_pkce,omitempty"`
}

// CreateConnectionParams are the fields of a new enterprise connection.
// Name, Provider and at least one domain are required.
type CreateConnectionParams struct {
	// Name is the connection's display name.
	Name string `json:"name"`
	// Provider is the identity provider, such as ProviderSAMLOkta.
	Provider Provider `json:"provider"`
	// Domains are the email domains whose users sign in through the
	// connection (lowercased by the API).
	Domains []string `json:"domains"`
	// OrganizationID ties the connection to an organization.
	OrganizationID *string `json:"organization_id,omitempty"`
	// AllowOrganizationAccountLinking lets existing members of the
	// organization link their account to the connection.
	AllowOrganizationAccountLinking *bool `json:"allow_organization_account_linking,omitempty"`
	// Active makes the connection usable at once; a SAML connection then
	// needs its IdP's metadata in SAML.
	Active *bool `json:"active,omitempty"`
	// SAML configures a SAML provider.
	SAML *SAMLParams `json:"saml,omitempty"`
	// OIDC configures an OIDC provider.
	OIDC *OIDCParams `json:"oidc,omitempty"`
	// CustomAttributes map IdP values to user metadata.
	CustomAttributes []CustomAttribute `json:"custom_attributes,omitempty"`
}

// Create creates an enterprise connection. Nil params, an empty Name or
// Provider, or no Domains fail with ErrInvalidParams before any request.
// Clerk API: POST /enterprise_connections.
func (s *ConnectionService) Create(ctx context.Context, params *CreateConnectionParams) (*Connection, error) {
	if params == nil {
		return nil, internal.NoParams("EnterpriseConnections.Create")
	}
	if err := internal.Required("name", params.Name, "provider", string(params.Provider)); err != nil {
		return nil, err
	}
	if len(params.Domains) == 0 {
		return nil, internal.Missing("domains")
	}
	return internal.Call[Connection](ctx, s.core(), http.MethodPost, "/enterprise_connections", params)
}

// Get returns an enterprise connection. Clerk API:
// GET /enterprise_connections/{enterprise_connection_id}.
func (s *ConnectionService) Get(ctx context.Context, connectionID string) (*Connection, error) {
	return internal.Call[Connection](ctx, s.core(), http.MethodGet, "/enterprise_connections/{enterprise_connection_id}", nil, connectionID)
}

// UpdateConnectionParams change an enterprise connection; nil fields are
// left as they are.
type UpdateConnectionParams struct {
	// Name renames the connection.
	Name *string `json:"name,omitempty"`
	// Domains replaces the connection's domains; empty leaves them.
	Domains []string `json:"domains,omitempty"`
	// Active enables or disables the connection. Enabling it removes the
	// organizations' verified domains that match its domains.
	Active *bool `json:"active,omitempty"`
	// SyncUserAttributes updates the user's attributes on every sign-in.
	SyncUserAttributes *bool `json:"sync_user_attributes,omitempty"`
	// DisableAdditionalIdentifications keeps users of the connection from
	// adding other identifications.
	DisableAdditionalIdentifications *bool `json:"disable_additional_identifications,omitempty"`
	// AllowOrganizationAccountLinking lets existing members of the
	// organization link their account to the connection.
	AllowOrganizationAccountLinking *bool `json:"allow_organization_account_linking,omitempty"`
	// OrganizationID links the connection to an organization. A link
	// cannot be undone.
	OrganizationID *string `json:"organization_id,omitempty"`
	// SAML changes the SAML provider's settings.
	SAML *SAMLParams `json:"saml,omitempty"`
	// OIDC changes the OIDC provider's settings.
	OIDC *OIDCParams `json:"oidc,omitempty"`
	// CustomAttributes replaces the custom attributes; nil leaves them,
	// a pointer to an empty slice sends [].
	CustomAttributes *[]CustomAttribute `json:"custom_attributes,omitempty"`
}

// Update changes an enterprise connection. Nil params send an empty
// change. Clerk API:
// PATCH /enterprise_connections/{enterprise_connection_id}.
func (s *ConnectionService) Update(ctx context.Context, connectionID string, params *UpdateConnectionParams) (*Connection, error) {
	return internal.Call[Connection](ctx, s.core(), http.MethodPatch, "/enterprise_connections/{enterprise_connection_id}", internal.OrEmpty(params), connectionID)
}

// Delete deletes an enterprise connection. Clerk API:
// DELETE /enterprise_connections/{enterprise_connection_id}.
func (s *ConnectionService) Delete(ctx context.Context, connectionID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/enterprise_connections/{enterprise_connection_id}", nil, connectionID)
}

// ListTestRunsParams filter and page a connection's test runs. Nil params
// list them all.
type ListTestRunsParams struct {
	// Status lists only the runs in these states.
	Status []TestRunStatus `url:"status"`
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many runs.
	Offset *int `url:"offset"`
}

// ListTestRuns returns one page of a connection's test runs. Clerk API:
// GET /enterprise_connections/{enterprise_connection_id}/test_runs.
func (s *ConnectionService) ListTestRuns(ctx context.Context, connectionID string, params *ListTestRunsParams) (*Page[TestRun], error) {
	return internal.List[TestRun](ctx, s.core(), "/enterprise_connections/{enterprise_connection_id}/test_runs", params, connectionID)
}

// AllTestRuns iterates over every test run of a connection that matches
// params, fetching pages of params.Limit (500, the maximum, when unset or
// larger) lazily from params.Offset; params is copied, never changed. It
// yields an error once and stops. Clerk API:
// GET /enterprise_connections/{enterprise_connection_id}/test_runs.
func (s *ConnectionService) AllTestRuns(ctx context.Context, connectionID string, params *ListTestRunsParams) iter.Seq2[*TestRun, error] {
	return internal.AllIn(ctx, connectionID, params, internal.Paging[TestRun]{Max: maxLimit}, s.ListTestRuns)
}

// CreateTestRun starts a test of a connection's sign-in flow: open the URL
// it answers in a browser, then read the outcome with ListTestRuns. Clerk
// API: POST /enterprise_connections/{enterprise_connection_id}/test_runs.
func (s *ConnectionService) CreateTestRun(ctx context.Context, connectionID string) (*TestRunURL, error) {
	return internal.Call[TestRunURL](ctx, s.core(), http.MethodPost, "/enterprise_connections/{enterprise_connection_id}/test_runs", nil, connectionID)
}
