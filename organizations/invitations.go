package organizations

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// maxBulkInvitations is how many invitations one bulk call takes.
const maxBulkInvitations = 10

// CreateInvitationParams describe an invitation. EmailAddress and Role are
// required.
type CreateInvitationParams struct {
	// EmailAddress is the invitee's e-mail address.
	EmailAddress string `json:"email_address"`
	// Role is the role key the invitee gets, such as "org:member".
	Role string `json:"role"`
	// InviterUserID is the user who invites; it must be an admin of the
	// organization.
	InviterUserID *string `json:"inviter_user_id,omitempty"`
	// PublicMetadata moves to the membership when the invitation is
	// accepted.
	PublicMetadata Metadata `json:"public_metadata,omitzero"`
	// PrivateMetadata moves to the membership when the invitation is
	// accepted.
	PrivateMetadata Metadata `json:"private_metadata,omitzero"`
	// RedirectURL is where the invitee lands after following the e-mail's
	// link.
	RedirectURL *string `json:"redirect_url,omitempty"`
	// ExpiresInDays is the invitation's lifetime, 1 to 365 days (the API's
	// default is 30).
	ExpiresInDays *int `json:"expires_in_days,omitempty"`
	// Notify sends the invitation e-mail (the API's default is true).
	Notify *bool `json:"notify,omitempty"`
}

func (p *CreateInvitationParams) check() error {
	if err := internal.Required("email_address", p.EmailAddress); err != nil {
		return err
	}
	return internal.Required("role", p.Role)
}

// CreateInvitation invites an e-mail address to an organization with a
// role. Clerk API: POST /organizations/{organization_id}/invitations.
func (s *Service) CreateInvitation(ctx context.Context, organizationID string, params *CreateInvitationParams) (*OrganizationInvitation, error) {
	if params == nil {
		return nil, internal.NoParams("CreateInvitation")
	}
	if err := params.check(); err != nil {
		return nil, err
	}
	return internal.Call[OrganizationInvitation](ctx, s.core(), http.MethodPost, "/organizations/{organization_id}/invitations", params, organizationID)
}

// CreateInvitations invites 1 to 10 e-mail addresses to an organization in
// one call, and returns the invitations. Clerk API:
// POST /organizations/{organization_id}/invitations/bulk.
func (s *Service) CreateInvitations(ctx context.Context, organizationID string, params []CreateInvitationParams) ([]*OrganizationInvitation, error) {
	if err := internal.Bulk("invitations", len(params), maxBulkInvitations); err != nil {
		return nil, err
	}
	for i := range params {
		if err := params[i].check(); err != nil {
			return nil, fmt.Errorf("invitation %d: %w", i, err)
		}
	}
	// The answer is the spec's OrganizationInvitations: {data, total_count}.
	out, err := internal.CallList[OrganizationInvitation](ctx, s.core(), http.MethodPost, "/organizations/{organization_id}/invitations/bulk", params, organizationID)
	if err != nil {
		return nil, err
	}
	return out.Data, nil
}

// ListInvitationsParams filter and order an organization's invitations.
type ListInvitationsParams struct {
	// Status lists only invitations in this state.
	Status *InvitationStatus `url:"status"`
	// EmailAddress lists the invitations of this e-mail address.
	EmailAddress *string `url:"email_address"`
	// OrderBy is "created_at" or "email_address", with "+" or "-" for the
	// direction; the API's default is "-created_at".
	OrderBy *string `url:"order_by"`
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many invitations.
	Offset *int `url:"offset"`
}

// ListInvitations returns one page of an organization's invitations, with
// TotalCount. Clerk API: GET /organizations/{organization_id}/invitations.
func (s *Service) ListInvitations(ctx context.Context, organizationID string, params *ListInvitationsParams) (*Page[OrganizationInvitation], error) {
	return internal.List[OrganizationInvitation](ctx, s.core(), "/organizations/{organization_id}/invitations", params, organizationID)
}

// AllInvitations iterates over every invitation of an organization that
// matches params, fetching pages of params.Limit (500, the maximum, when
// unset or larger) lazily, from params.Offset. params is copied, never
// changed. It yields an error once and stops. Invitations that leave the
// list while it runs (revoked in the loop, with a Status filter) make it
// skip none. Clerk API: GET /organizations/{organization_id}/invitations.
func (s *Service) AllInvitations(ctx context.Context, organizationID string, params *ListInvitationsParams) iter.Seq2[*OrganizationInvitation, error] {
	return internal.AllIn(ctx, organizationID, params, paging(func(i *OrganizationInvitation) string { return i.ID }), s.ListInvitations)
}

// GetInvitation returns an invitation of an organization. Clerk API:
// GET /organizations/{organization_id}/invitations/{invitation_id}.
func (s *Service) GetInvitation(ctx context.Context, organizationID, invitationID string) (*OrganizationInvitation, error) {
	return internal.Call[OrganizationInvitation](ctx, s.core(), http.MethodGet, "/organizations/{organization_id}/invitations/{invitation_id}", nil, organizationID, invitationID)
}

// RevokeInvitationParams are the options of a revocation.
type RevokeInvitationParams struct {
	// RequestingUserID is the user who revokes; it must be an admin of the
	// organization.
	RequestingUserID *string `json:"requesting_user_id,omitempty"`
}

// RevokeInvitation revokes a pending invitation; it comes back with status
// revoked. params may be nil. Clerk API:
// POST /organizations/{organization_id}/invitations/{invitation_id}/revoke.
func (s *Service) RevokeInvitation(ctx context.Context, organizationID, invitationID string, params *RevokeInvitationParams) (*OrganizationInvitation, error) {
	// Nil params send no body (the spec's body is optional).
	return internal.Call[OrganizationInvitation](ctx, s.core(), http.MethodPost, "/organizations/{organization_id}/invitations/{invitation_id}/revoke", params, organizationID, invitationID)
}

// ListInstanceInvitationsParams filter and order the invitations of every
// organization of the instance.
type ListInstanceInvitationsParams struct {
	// Status lists only invitations in this state.
	Status *InvitationStatus `url:"status"`
	// Query matches the invitations' e-mail addresses.
	Query *string `url:"query"`
	// OrderBy is "created_at" or "email_address", with "+" or "-" for the
	// direction; the API's default is "-created_at".
	OrderBy *string `url:"order_by"`
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many invitations.
	Offset *int `url:"offset"`
}

// ListInstanceInvitations returns one page of the invitations of every
// organization of the instance, each with its organization's public data,
// with TotalCount. Clerk API: GET /organization_invitations.
func (s *Service) ListInstanceInvitations(ctx context.Context, params *ListInstanceInvitationsParams) (*Page[OrganizationInvitationWithPublicOrganizationData], error) {
	return internal.List[OrganizationInvitationWithPublicOrganizationData](ctx, s.core(), "/organization_invitations", params)
}

// AllInstanceInvitations iterates over the invitations of every organization
// of the instance that match params, fetching pages of params.Limit (500,
// the maximum, when unset or larger) lazily, from params.Offset. params is
// copied, never changed. It yields an error once and stops, and skips none
// when invitations leave the list while it runs.
// Clerk API: GET /organization_invitations.
func (s *Service) AllInstanceInvitations(ctx context.Context, params *ListInstanceInvitationsParams) iter.Seq2[*OrganizationInvitationWithPublicOrganizationData, error] {
	return internal.All(ctx, params, paging(func(i *OrganizationInvitationWithPublicOrganizationData) string { return i.ID }), s.ListInstanceInvitations)
}
