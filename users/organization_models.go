package users

import "github.com/go-clerk/clerk/organizations"

// The memberships and invitations that the users endpoints answer are the
// organizations package's models, so that one type serves both services
// (c.Users.ListOrganizationMemberships and c.Organizations.ListMemberships
// yield the same OrganizationMembership). The aliases below let users code
// name them without importing organizations.

// OrganizationMembership is a user's membership in an organization, with the
// organization and the member's public user data.
type OrganizationMembership = organizations.OrganizationMembership

// OrganizationInvitation is an invitation of one of the user's email
// addresses to an organization, with the organization's public data (the
// spec's OrganizationInvitationWithPublicOrganizationData).
type OrganizationInvitation = organizations.OrganizationInvitationWithPublicOrganizationData

// InvitationStatus is the state of an organization invitation.
type InvitationStatus = organizations.InvitationStatus

// The invitation statuses of the spec, for ListOrganizationInvitationsParams.
const (
	InvitationPending  = organizations.InvitationPending
	InvitationAccepted = organizations.InvitationAccepted
	InvitationRevoked  = organizations.InvitationRevoked
	InvitationExpired  = organizations.InvitationExpired
)
