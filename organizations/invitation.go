package organizations

import "time"

// InvitationStatus is the state of an organization invitation.
type InvitationStatus string

// The invitation statuses of the spec. A value Clerk adds later still
// decodes, as an InvitationStatus holding the new string.
const (
	InvitationPending  InvitationStatus = "pending"
	InvitationAccepted InvitationStatus = "accepted"
	InvitationRevoked  InvitationStatus = "revoked"
	InvitationExpired  InvitationStatus = "expired"
)

// OrganizationInvitation is an invitation to join an organization, sent to
// an e-mail address with the role the invitee will get.
type OrganizationInvitation struct {
	// Object is always "organization_invitation".
	Object string `json:"object"`
	// ID is the invitation ID, "orginv_...".
	ID string `json:"id"`
	// EmailAddress is the invitee's e-mail address.
	EmailAddress string `json:"email_address"`
	// Role is the role key the invitee gets on accepting, such as
	// "org:member".
	Role string `json:"role"`
	// RoleName is the role's display name.
	RoleName string `json:"role_name"`
	// OrganizationID is the organization the invitation is for.
	OrganizationID string `json:"organization_id,omitempty"`
	// InviterID is the ID of the user who sent the invitation, "" when the
	// backend sent it on nobody's behalf.
	InviterID string `json:"inviter_id"`
	// PublicInviterData is the inviter's public profile, nil when there is
	// no inviter.
	PublicInviterData *PublicInviterData `json:"public_inviter_data"`
	// Status is the invitation's state.
	Status InvitationStatus `json:"status,omitempty"`
	// PublicMetadata moves to the membership when the invitation is
	// accepted; readable from the frontend.
	PublicMetadata Metadata `json:"public_metadata"`
	// PrivateMetadata moves to the membership when the invitation is
	// accepted; visible to the backend only.
	PrivateMetadata Metadata `json:"private_metadata,omitzero"`
	// URL is the invitation's link, empty when Clerk gives none. It carries
	// the ticket that lets its holder accept the invitation, so it is a
	// Secret: printed or logged as "[redacted]"; Reveal gives it.
	URL Secret `json:"url"`
	// ExpiresAt is when the invitation expires; nil when it does not.
	ExpiresAt *time.Time `json:"expires_at"`
	// CreatedAt is when the invitation was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the invitation last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// PublicInviterData is the public part of the inviter's profile.
type PublicInviterData struct {
	// UserID is the inviter's user ID.
	UserID string `json:"user_id"`
	// FirstName is the inviter's first name.
	FirstName string `json:"first_name"`
	// LastName is the inviter's last name.
	LastName string `json:"last_name"`
	// ImageURL is the inviter's image.
	ImageURL string `json:"image_url"`
	// HasImage reports an uploaded image.
	HasImage bool `json:"has_image"`
	// Identifier is the inviter's primary identifier: e-mail address, phone
	// number or username.
	Identifier string `json:"identifier"`
}

// PublicOrganizationData is the public part of an organization, as the
// instance-wide invitation list carries it.
type PublicOrganizationData struct {
	// ID is the organization ID.
	ID string `json:"id"`
	// Name is the organization's name.
	Name string `json:"name"`
	// Slug is the organization's slug.
	Slug string `json:"slug"`
	// ImageURL is the organization's logo.
	ImageURL string `json:"image_url,omitempty"`
	// HasImage reports an uploaded logo.
	HasImage bool `json:"has_image"`
}

// OrganizationInvitationWithPublicOrganizationData is an invitation together
// with the public data of its organization, as the instance-wide invitation
// list answers it. The invitation's fields are promoted: inv.EmailAddress,
// inv.PublicOrganizationData.Name.
type OrganizationInvitationWithPublicOrganizationData struct {
	OrganizationInvitation
	// PublicOrganizationData is the invitation's organization.
	PublicOrganizationData PublicOrganizationData `json:"public_organization_data,omitzero"`
}
