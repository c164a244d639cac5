package enterprise

import (
	"context"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// AdminPortalService issues and revokes admin portal link tokens:
// clerk.Client.AdminPortal. It is safe for concurrent use.
//
// The admin portal is where a customer's IT admin sets up their own
// enterprise connection and directory sync. A link token lets that admin
// in: hand it over in a link, for a single use, before it expires.
type AdminPortalService internal.Service

func (s *AdminPortalService) core() *internal.Client { return (*internal.Service)(s).Client() }

// LinkToken is an admin portal link token. Token, the credential itself, is
// answered only by CreateLinkToken and is a Secret.
type LinkToken struct {
	// Object is "admin_portal_link_token".
	Object string `json:"object"`
	// ID is the token's ID, "aplt_...": what RevokeLinkToken takes.
	ID string `json:"id"`
	// AdminPortalLinkID is the admin portal link the token was issued for.
	AdminPortalLinkID string `json:"admin_portal_link_id"`
	// InstanceID is the instance's ID.
	InstanceID string `json:"instance_id"`
	// OrganizationID is the organization the link is scoped to, "" when
	// none.
	OrganizationID string `json:"organization_id"`
	// ITContactID is your reference to the IT contact the link is for, ""
	// when none.
	ITContactID string `json:"it_contact_id"`
	// Scopes are the scopes given at creation.
	Scopes []string `json:"scopes"`
	// Token is the single-use link token, carried in a URL: set only in
	// CreateLinkToken's answer. A Secret: Reveal gives it, every printer
	// shows "[redacted]".
	Token Secret `json:"token,omitzero"`
	// Revoked reports whether the token was revoked.
	Revoked bool `json:"revoked"`
	// RevocationReason is why it was revoked, "" when it was not or no
	// reason was given.
	RevocationReason string `json:"revocation_reason"`
	// Expired reports whether the token has expired.
	Expired bool `json:"expired"`
	// Expiration is when the token expires, nil when it does not.
	Expiration *time.Time `json:"expiration"`
	// CreatedAt is when the token was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the token last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// CreateLinkTokenParams are the options of a new link token; all are
// optional.
type CreateLinkTokenParams struct {
	// OrganizationID scopes the link to an existing organization.
	OrganizationID *string `json:"organization_id,omitempty"`
	// ITContactID is your reference to the IT contact the link is for.
	ITContactID *string `json:"it_contact_id,omitempty"`
	// Scopes are recorded on the token.
	Scopes []string `json:"scopes,omitempty"`
	// SecondsUntilExpiration is the token's lifetime, 1 to 86400 (default
	// 3600).
	SecondsUntilExpiration *int `json:"seconds_until_expiration,omitempty"`
}

// CreateLinkToken issues an admin portal link token; its Token is the
// credential to hand over. Nil params take the defaults. Clerk API:
// POST /admin_portal_link_tokens.
func (s *AdminPortalService) CreateLinkToken(ctx context.Context, params *CreateLinkTokenParams) (*LinkToken, error) {
	return internal.Call[LinkToken](ctx, s.core(), http.MethodPost, "/admin_portal_link_tokens", internal.OrEmpty(params))
}

// RevokeLinkTokenParams say why a link token is revoked.
type RevokeLinkTokenParams struct {
	// RevocationReason is recorded on the token.
	RevocationReason *string `json:"revocation_reason,omitempty"`
}

// RevokeLinkToken revokes an admin portal link token by its ID (not the
// token itself). Nil params give no reason. Clerk API:
// POST /admin_portal_link_tokens/{adminPortalLinkTokenID}/revoke.
func (s *AdminPortalService) RevokeLinkToken(ctx context.Context, tokenID string, params *RevokeLinkTokenParams) (*LinkToken, error) {
	return internal.Call[LinkToken](ctx, s.core(), http.MethodPost, "/admin_portal_link_tokens/{adminPortalLinkTokenID}/revoke", internal.OrEmpty(params), tokenID)
}
