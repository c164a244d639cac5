package organizations

import "time"

// Organization is a Clerk organization. Times are Clerk's Unix milliseconds
// as time.Time.
type Organization struct {
	// Object is always "organization".
	Object string `json:"object"`
	// ID is the organization ID, "org_...".
	ID string `json:"id"`
	// Name is the organization's display name.
	Name string `json:"name"`
	// Slug is the organization's unique slug; Get accepts it in place of
	// the ID.
	Slug string `json:"slug"`
	// ImageURL is the logo's URL (a generated avatar when HasImage is false).
	ImageURL string `json:"image_url,omitempty"`
	// LogoURL is the logo's URL, as SetLogo's answer (the spec's
	// OrganizationWithLogo) carries it.
	//
	// Deprecated: Clerk deprecated it in favour of ImageURL.
	LogoURL string `json:"logo_url,omitempty"`
	// HasImage reports an uploaded logo.
	HasImage bool `json:"has_image"`
	// MembersCount is the number of members. The API sends it only when
	// asked (IncludeMembersCount); nil otherwise.
	MembersCount *int `json:"members_count,omitempty"`
	// MissingMemberWithElevatedPermissions reports that no member holds the
	// elevated permissions the organization needs. The API sends it only
	// when asked (IncludeMissingMemberWithElevatedPermissions); nil otherwise.
	MissingMemberWithElevatedPermissions *bool `json:"missing_member_with_elevated_permissions,omitempty"`
	// PendingInvitationsCount is the number of pending invitations, when the
	// API sends it; nil otherwise.
	PendingInvitationsCount *int `json:"pending_invitations_count,omitempty"`
	// MaxAllowedMemberships caps the memberships; 0 means no limit.
	MaxAllowedMemberships int `json:"max_allowed_memberships"`
	// AdminDeleteEnabled lets an admin delete the organization from the
	// Frontend API.
	AdminDeleteEnabled bool `json:"admin_delete_enabled"`
	// PublicMetadata is readable from the frontend, writable from the
	// backend only.
	PublicMetadata Metadata `json:"public_metadata"`
	// PrivateMetadata is visible to the backend only.
	PrivateMetadata Metadata `json:"private_metadata,omitzero"`
	// CreatedBy is the ID of the user who created the organization, if any.
	CreatedBy string `json:"created_by,omitempty"`
	// CreatedAt is when the organization was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the organization last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// LastActiveAt is the organization's last activity; nil when the API
	// does not send it.
	LastActiveAt *time.Time `json:"last_active_at,omitempty"`
	// RoleSetKey is the key of the role set assigned to the organization,
	// "" when none.
	RoleSetKey string `json:"role_set_key,omitempty"`
}
