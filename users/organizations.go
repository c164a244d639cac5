package users

import (
	"context"
	"iter"

	"github.com/go-clerk/clerk/internal"
)

// ListOrganizationMembershipsParams pages a user's memberships.
type ListOrganizationMembershipsParams struct {
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many memberships.
	Offset *int `url:"offset"`
}

// ListOrganizationMemberships returns one page of the user's organization
// memberships, with TotalCount. Clerk API:
// GET /users/{user_id}/organization_memberships.
func (s *Service) ListOrganizationMemberships(ctx context.Context, userID string, params *ListOrganizationMembershipsParams) (*Page[OrganizationMembership], error) {
	return internal.List[OrganizationMembership](ctx, s.core(), "/users/{user_id}/organization_memberships", params, userID)
}

// AllOrganizationMemberships iterates over all of the user's memberships,
// fetching pages of params.Limit (500, the maximum, when unset or larger)
// lazily from params.Offset; params is copied, never changed. It yields an
// error once and stops.
// Clerk API: GET /users/{user_id}/organization_memberships.
func (s *Service) AllOrganizationMemberships(ctx context.Context, userID string, params *ListOrganizationMembershipsParams) iter.Seq2[*OrganizationMembership, error] {
	return internal.AllIn(ctx, userID, params, internal.Paging[OrganizationMembership]{Max: maxLimit}, s.ListOrganizationMemberships)
}

// ListOrganizationInvitationsParams filters and pages a user's organization
// invitations.
type ListOrganizationInvitationsParams struct {
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many invitations.
	Offset *int `url:"offset"`
	// Status lists only invitations in this state.
	Status *InvitationStatus `url:"status"`
}

// ListOrganizationInvitations returns one page of the organization
// invitations sent to the user's email addresses, with TotalCount. Clerk
// API: GET /users/{user_id}/organization_invitations.
func (s *Service) ListOrganizationInvitations(ctx context.Context, userID string, params *ListOrganizationInvitationsParams) (*Page[OrganizationInvitation], error) {
	return internal.List[OrganizationInvitation](ctx, s.core(), "/users/{user_id}/organization_invitations", params, userID)
}

// AllOrganizationInvitations iterates over all of the user's organization
// invitations that match params, fetching pages of params.Limit (500, the
// maximum, when unset or larger) lazily from params.Offset; params is
// copied, never changed. It yields an error once and stops.
// Clerk API: GET /users/{user_id}/organization_invitations.
func (s *Service) AllOrganizationInvitations(ctx context.Context, userID string, params *ListOrganizationInvitationsParams) iter.Seq2[*OrganizationInvitation, error] {
	return internal.AllIn(ctx, userID, params, internal.Paging[OrganizationInvitation]{Max: maxLimit}, s.ListOrganizationInvitations)
}
