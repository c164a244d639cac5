package users

import (
	"encoding/json"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// The organization types below are what the users endpoints answer (a
// user's memberships and invitations). They mirror the spec's schemas of the
// same names, and are defined here so that users depends on internal/ only.

// Organization is the organization of a membership.
type Organization struct {
	// Object is "organization".
	Object   string `json:"object"`
	ID       string `json:"id"`
	Name     string `json:"name"`
	Slug     string `json:"slug"`
	ImageURL string `json:"image_url,omitempty"`
	HasImage bool   `json:"has_image"`
	// MembersCount is only sent when it was asked for; nil otherwise.
	MembersCount                         *int `json:"members_count,omitempty"`
	MissingMemberWithElevatedPermissions bool `json:"missing_member_with_elevated_permissions,omitempty"`
	// PendingInvitationsCount is only sent when it was asked for.
	PendingInvitationsCount *int       `json:"pending_invitations_count,omitempty"`
	MaxAllowedMemberships   int        `json:"max_allowed_memberships"`
	AdminDeleteEnabled      bool       `json:"admin_delete_enabled"`
	PublicMetadata          Metadata   `json:"public_metadata"`
	PrivateMetadata         Metadata   `json:"private_metadata,omitzero"`
	CreatedBy               string     `json:"created_by,omitempty"`
	CreatedAt               time.Time  `json:"created_at"`
	UpdatedAt               time.Time  `json:"updated_at"`
	LastActiveAt            *time.Time `json:"last_active_at,omitempty"`
	// RoleSetKey is the key of the organization's role set.
	RoleSetKey string `json:"role_set_key,omitempty"`
}

// UnmarshalJSON decodes an organization, reading its Unix-ms timestamps.
func (o *Organization) UnmarshalJSON(b []byte) error {
	type plain Organization
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt    internal.Millis    `json:"created_at"`
		UpdatedAt    internal.Millis    `json:"updated_at"`
		LastActiveAt internal.MillisPtr `json:"last_active_at"`
	}{(*plain)(o), internal.Millis{T: &o.CreatedAt}, internal.Millis{T: &o.UpdatedAt}, internal.MillisPtr{T: &o.LastActiveAt}})
}

// MarshalJSON encodes an organization as the API does.
func (o Organization) MarshalJSON() ([]byte, error) {
	type plain Organization
	p := plain(o)
	if p.Object == "" {
		p.Object = "organization"
	}
	p.PublicMetadata = orEmptyMap(p.PublicMetadata)
	return json.Marshal(&struct {
		*plain
		CreatedAt    internal.Millis     `json:"created_at"`
		UpdatedAt    internal.Millis     `json:"updated_at"`
		LastActiveAt *internal.MillisPtr `json:"last_active_at,omitempty"`
	}{&p, internal.Millis{T: &p.CreatedAt}, internal.Millis{T: &p.UpdatedAt}, optMillis(&p.LastActiveAt)})
}

// PublicUserData is the public data of a member, as a membership carries it
// (the spec's OrganizationMembershipPublicUserData).
type PublicUserData struct {
	UserID    string `json:"user_id"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	// ProfileImageURL is deprecated by Clerk: use ImageURL.
	ProfileImageURL string `json:"profile_image_url"`
	ImageURL        string `json:"image_url"`
	HasImage        bool   `json:"has_image"`
	// Identifier is the member's primary identifier (email, phone, ...).
	Identifier    string `json:"identifier,omitempty"`
	Username      string `json:"username,omitempty"`
	Banned        bool   `json:"banned,omitempty"`
	Deprovisioned bool   `json:"deprovisioned,omitempty"`
}

// OrganizationMembership is a user's membership in an organization.
type OrganizationMembership struct {
	ID string `json:"id"`
	// Object is "organization_membership".
	Object string `json:"object"`
	// Role is the role's key, such as "org:admin".
	Role            string          `json:"role"`
	RoleName        string          `json:"role_name,omitempty"`
	Permissions     []string        `json:"permissions"`
	PublicMetadata  Metadata        `json:"public_metadata"`
	PrivateMetadata Metadata        `json:"private_metadata,omitzero"`
	Organization    Organization    `json:"organization"`
	PublicUserData  *PublicUserData `json:"public_user_data,omitempty"`
	CreatedAt       time.Time       `json:"created_at"`
	UpdatedAt       time.Time       `json:"updated_at"`
}

// UnmarshalJSON decodes a membership, reading its Unix-ms timestamps.
func (m *OrganizationMembership) UnmarshalJSON(b []byte) error {
	type plain OrganizationMembership
	return json.Unmarshal(b, &struct {
		*plain
		CreatedAt internal.Millis `json:"created_at"`
		UpdatedAt internal.Millis `json:"updated_at"`
	}{(*plain)(m), internal.Millis{T: &m.CreatedAt}, internal.Millis{T: &m.UpdatedAt}})
}

// MarshalJSON encodes a membership as the API does.
func (m OrganizationMembership) MarshalJSON() ([]byte, error) {
	type plain OrganizationMembership
	p := plain(m)
	if p.Object == "" {
		p.Object = "organization_membership"
	}
	p.Permissions = orEmpty(p.Permissions)
	p.PublicMetadata = orEmptyMap(p.PublicMetadata)
	return json.Marshal(&struct {
		*plain
		CreatedAt internal.Millis `json:"created_at"`
		UpdatedAt internal.Millis `json:"updated_at"`
	}{&p, internal.Millis{T: &p.CreatedAt}, internal.Millis{T: &p.UpdatedAt}})
}

// InvitationStatus is the state of an organization invitation.
type InvitationStatus string

// Invitation statuses of the spec.
const (
	InvitationPending  InvitationStatus = "pending"
	InvitationAccepted InvitationStatus = "accepted"
	InvitationRevoked  InvitationStatus = "revoked"
	InvitationExpired  InvitationStatus = "expired"
)

// PublicInviterData is the public data of the user who sent an invitation.
type PublicInviterData struct {
	UserID     string `json:"user_id"`
	FirstName  string `json:"first_name"`
	LastName   string `json:"last_name"`
	ImageURL   string `json:"image_url"`
	HasImage   bool   `json:"has_image"`
	Identifier string `json:"identifier"`
}

// PublicOrganizationData is the public data of the organization an
// invitation is for.
type PublicOrganizationData struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Slug     string `json:"slug"`
	ImageURL string `json:"image_url,omitempty"`
	HasImage bool   `json:"has_image"`
}

// OrganizationInvitation is an invitation of the user's email address to an
// organization (the spec's OrganizationInvitationWithPublicOrganizationData).
type OrganizationInvitation struct {
	// Object is "organization_invitation".
	Object       string `json:"object"`
	ID           string `json:"id"`
	EmailAddress string `json:"email_address"`
	// Role is the role's key the invitee gets, such as "org:member".
	Role           string `json:"role"`
	RoleName       string `json:"role_name"`
	OrganizationID string `json:"organization_id,omitempty"`
	// InviterID is "" when the invitation was not sent by a user.
	InviterID string `json:"inviter_id"`
	// PublicInviterData is nil when the invitation was not sent by a user.
	PublicInviterData *PublicInviterData `json:"public_inviter_data"`
	Status            InvitationStatus   `json:"status,omitempty"`
	PublicMetadata    Metadata           `json:"public_metadata"`
	PrivateMetadata   Metadata           `json:"private_metadata,omitzero"`
	URL               string             `json:"url"`
	// ExpiresAt is nil when the invitation does not expire.
	ExpiresAt              *time.Time              `json:"expires_at"`
	CreatedAt              time.Time               `json:"created_at"`
	UpdatedAt              time.Time               `json:"updated_at"`
	PublicOrganizationData *PublicOrganizationData `json:"public_organization_data,omitempty"`
}

// UnmarshalJSON decodes an invitation, reading its Unix-ms timestamps.
func (i *OrganizationInvitation) UnmarshalJSON(b []byte) error {
	type plain OrganizationInvitation
	return json.Unmarshal(b, &struct {
		*plain
		ExpiresAt internal.MillisPtr `json:"expires_at"`
		CreatedAt internal.Millis    `json:"created_at"`
		UpdatedAt internal.Millis    `json:"updated_at"`
	}{(*plain)(i), internal.MillisPtr{T: &i.ExpiresAt}, internal.Millis{T: &i.CreatedAt}, internal.Millis{T: &i.UpdatedAt}})
}

// MarshalJSON encodes an invitation as the API does.
func (i OrganizationInvitation) MarshalJSON() ([]byte, error) {
	type plain OrganizationInvitation
	p := plain(i)
	if p.Object == "" {
		p.Object = "organization_invitation"
	}
	p.PublicMetadata = orEmptyMap(p.PublicMetadata)
	return json.Marshal(&struct {
		*plain
		ExpiresAt internal.MillisPtr `json:"expires_at"`
		CreatedAt internal.Millis    `json:"created_at"`
		UpdatedAt internal.Millis    `json:"updated_at"`
	}{&p, internal.MillisPtr{T: &p.ExpiresAt}, internal.Millis{T: &p.CreatedAt}, internal.Millis{T: &p.UpdatedAt}})
}
