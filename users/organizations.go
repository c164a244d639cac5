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
	p, err := internal.Path("/users/{user_id}/organization_memberships", userID)
	if err != nil {
		return nil, err
	}
	out := new(Page[OrganizationMembership])
	if err := s.c.Get(ctx, p, internal.Query(params), out); err != nil {
		return nil, err
	}
	return out, nil
}

// AllOrganizationMemberships iterates over all of the user's memberships,
// fetching pages of params.Limit (500, the maximum, when unset or larger)
// lazily from params.Offset; params is copied, never changed. It yields an
// error once and stops.
// Clerk API: GET /users/{user_id}/organization_memberships.
func (s *Service) AllOrganizationMemberships(ctx context.Context, userID string, params *ListOrganizationMembershipsParams) iter.Seq2[*OrganizationMembership, error] {
	var p ListOrganizationMembershipsParams
	if params != nil {
		p = *params
	}
	return offsetAll(ctx, p.Limit, p.Offset, func(ctx context.Context, limit, offset *int) (*Page[OrganizationMembership], error) {
		q := p
		q.Limit, q.Offset = limit, offset
		return s.ListOrganizationMemberships(ctx, userID, &q)
	})
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
	p, err := internal.Path("/users/{user_id}/organization_invitations", userID)
	if err != nil {
		return nil, err
	}
	out := new(Page[OrganizationInvitation])
	if err := s.c.Get(ctx, p, internal.Query(params), out); err != nil {
		return nil, err
	}
	return out, nil
}

// AllOrganizationInvitations iterates over all of the user's organization
// invitations that match params, fetching pages of params.Limit (500, the
// maximum, when unset or larger) lazily from params.Offset; params is
// copied, never changed. It yields an error once and stops.
// Clerk API: GET /users/{user_id}/organization_invitations.
func (s *Service) AllOrganizationInvitations(ctx context.Context, userID string, params *ListOrganizationInvitationsParams) iter.Seq2[*OrganizationInvitation, error] {
	var p ListOrganizationInvitationsParams
	if params != nil {
		p = *params
	}
	return offsetAll(ctx, p.Limit, p.Offset, func(ctx context.Context, limit, offset *int) (*Page[OrganizationInvitation], error) {
		q := p
		q.Limit, q.Offset = limit, offset
		return s.ListOrganizationInvitations(ctx, userID, &q)
	})
}

// limitOr is the page size of an All: the caller's limit, else (or when it
// is larger) the endpoints' maximum.
func limitOr(limit *int) int {
	if limit != nil && *limit > 0 && *limit < maxLimit {
		return *limit
	}
	return maxLimit
}

// offsetAll walks an offset-paged list for an All method, in pages of
// limitOr(limit) from the caller's offset. list fetches one page; it builds
// its params from the copy its All took, afresh for each page, so that an
// iterator ranged twice, even at once, never shares them.
func offsetAll[T any](ctx context.Context, limit, offset *int, list func(ctx context.Context, limit, offset *int) (*Page[T], error)) iter.Seq2[*T, error] {
	p := internal.Pager[T]{Limit: limitOr(limit)}
	if offset != nil && *offset > 0 {
		p.Offset = *offset
	}
	p.Fetch = func(ctx context.Context, r internal.PageRequest) (*Page[T], error) {
		return list(ctx, &r.Limit, &r.Offset)
	}
	return internal.All(ctx, p)
}
