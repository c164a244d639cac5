package organizations

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// CreateMembershipParams add a user to an organization. UserID and Role are
// required.
type CreateMembershipParams struct {
	// UserID is the user to add; the user must not be a member already.
	UserID string `json:"user_id"`
	// Role is the member's role key, such as "org:admin" or "org:member".
	Role string `json:"role"`
	// PublicMetadata is readable from the frontend.
	PublicMetadata Metadata `json:"public_metadata,omitzero"`
	// PrivateMetadata is visible to the backend only.
	PrivateMetadata Metadata `json:"private_metadata,omitzero"`
}

// CreateMembership adds a user to an organization with a role. Clerk API:
// POST /organizations/{organization_id}/memberships.
func (s *Service) CreateMembership(ctx context.Context, organizationID string, params *CreateMembershipParams) (*OrganizationMembership, error) {
	if params == nil {
		return nil, internal.NoParams("CreateMembership")
	}
	if err := internal.Required("user_id", params.UserID); err != nil {
		return nil, err
	}
	if err := internal.Required("role", params.Role); err != nil {
		return nil, err
	}
	return internal.Call[OrganizationMembership](ctx, s.core(), http.MethodPost, "/organizations/{organization_id}/memberships", params, organizationID)
}

// ListMembershipsParams filter and order an organization's memberships. The
// list filters (up to 100 values each) match any of their values; the
// *Query fields match part of a value, ignoring case.
type ListMembershipsParams struct {
	// UserIDs lists these members. A "+" or "-" prefix includes or
	// excludes.
	UserIDs []string `url:"user_id"`
	// EmailAddresses lists members with any of these e-mail addresses.
	EmailAddresses []string `url:"email_address"`
	// PhoneNumbers lists members with any of these phone numbers.
	PhoneNumbers []string `url:"phone_number"`
	// Usernames lists members with any of these usernames.
	Usernames []string `url:"username"`
	// Web3Wallets lists members with any of these web3 wallet addresses.
	Web3Wallets []string `url:"web3_wallet"`
	// Roles lists members with any of these roles, such as "org:admin".
	Roles []string `url:"role"`
	// Query matches e-mail addresses, phone numbers, usernames, web3
	// wallets, user IDs, first and last names.
	Query *string `url:"query"`
	// EmailAddressQuery matches part of an e-mail address.
	EmailAddressQuery *string `url:"email_address_query"`
	// PhoneNumberQuery matches part of a phone number.
	PhoneNumberQuery *string `url:"phone_number_query"`
	// UsernameQuery matches part of a username.
	UsernameQuery *string `url:"username_query"`
	// NameQuery matches part of a first or last name.
	NameQuery *string `url:"name_query"`
	// LastActiveAtBefore lists members last active before this time.
	LastActiveAtBefore *time.Time `url:"last_active_at_before"`
	// LastActiveAtAfter lists members last active after this time.
	LastActiveAtAfter *time.Time `url:"last_active_at_after"`
	// CreatedAtBefore lists members created before this time.
	CreatedAtBefore *time.Time `url:"created_at_before"`
	// CreatedAtAfter lists members created after this time.
	CreatedAtAfter *time.Time `url:"created_at_after"`
	// OrderBy is "phone_number", "email_address", "created_at",
	// "first_name", "last_name" or "username", with "+" or "-" for the
	// direction.
	OrderBy *string `url:"order_by"`
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many memberships.
	Offset *int `url:"offset"`
}

// ListMemberships returns one page of an organization's memberships, with
// TotalCount. Clerk API: GET /organizations/{organization_id}/memberships.
func (s *Service) ListMemberships(ctx context.Context, organizationID string, params *ListMembershipsParams) (*Page[OrganizationMembership], error) {
	return internal.List[OrganizationMembership](ctx, s.core(), "/organizations/{organization_id}/memberships", params, organizationID)
}

// AllMemberships iterates over every membership of an organization that
// matches params, fetching pages of params.Limit (500, the maximum, when
// unset or larger) lazily, from params.Offset. params is copied, never
// changed. It yields an error once and stops. Memberships deleted while it
// runs (DeleteMembership in the loop) make it skip none.
// Clerk API: GET /organizations/{organization_id}/memberships.
func (s *Service) AllMemberships(ctx context.Context, organizationID string, params *ListMembershipsParams) iter.Seq2[*OrganizationMembership, error] {
	return internal.AllIn(ctx, organizationID, params, paging(membershipID), s.ListMemberships)
}

// ListInstanceMembershipsParams order and page the memberships of every
// organization of the instance.
type ListInstanceMembershipsParams struct {
	// OrderBy is "phone_number", "email_address", "created_at",
	// "first_name", "last_name" or "username", with "+" or "-" for the
	// direction.
	OrderBy *string `url:"order_by"`
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many memberships.
	Offset *int `url:"offset"`
}

// ListInstanceMemberships returns one page of the memberships of every
// organization of the instance, with TotalCount. Clerk API:
// GET /organization_memberships.
func (s *Service) ListInstanceMemberships(ctx context.Context, params *ListInstanceMembershipsParams) (*Page[OrganizationMembership], error) {
	return internal.List[OrganizationMembership](ctx, s.core(), "/organization_memberships", params)
}

// AllInstanceMemberships iterates over the memberships of every organization
// of the instance, fetching pages of params.Limit (500, the maximum, when
// unset or larger) lazily, from params.Offset. params is copied, never
// changed. It yields an error once and stops, and skips none when
// memberships are deleted while it runs. Clerk API:
// GET /organization_memberships.
func (s *Service) AllInstanceMemberships(ctx context.Context, params *ListInstanceMembershipsParams) iter.Seq2[*OrganizationMembership, error] {
	return internal.All(ctx, params, paging(membershipID), s.ListInstanceMemberships)
}

// UpdateMembershipParams change a membership. Role is required.
type UpdateMembershipParams struct {
	// Role is the member's new role key, such as "org:admin".
	Role string `json:"role"`
}

// UpdateMembership changes a member's role. The membership is named by the
// organization and the member's user ID. Clerk API:
// PATCH /organizations/{organization_id}/memberships/{user_id}.
func (s *Service) UpdateMembership(ctx context.Context, organizationID, userID string, params *UpdateMembershipParams) (*OrganizationMembership, error) {
	if params == nil {
		return nil, internal.NoParams("UpdateMembership")
	}
	if err := internal.Required("role", params.Role); err != nil {
		return nil, err
	}
	return internal.Call[OrganizationMembership](ctx, s.core(), http.MethodPatch, "/organizations/{organization_id}/memberships/{user_id}", params, organizationID, userID)
}

// UpdateMembershipMetadata deep-merges metadata into a membership's: nested
// objects are merged, other values replaced, and a key set to nil is
// deleted. Clerk API:
// PATCH /organizations/{organization_id}/memberships/{user_id}/metadata.
func (s *Service) UpdateMembershipMetadata(ctx context.Context, organizationID, userID string, params *MetadataParams) (*OrganizationMembership, error) {
	return internal.Call[OrganizationMembership](ctx, s.core(), http.MethodPatch, "/organizations/{organization_id}/memberships/{user_id}/metadata", internal.OrEmpty(params), organizationID, userID)
}

// DeleteMembership removes a user from an organization. (The API answers
// with the removed membership; like every Delete, this returns only the
// error.) Clerk API:
// DELETE /organizations/{organization_id}/memberships/{user_id}.
func (s *Service) DeleteMembership(ctx context.Context, organizationID, userID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/organizations/{organization_id}/memberships/{user_id}", nil, organizationID, userID)
}

func membershipID(m *OrganizationMembership) string { return m.ID }
