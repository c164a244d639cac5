package organizations

import "time"

// OrganizationMembership is a user's membership in an organization, with
// the organization and the member's public user data.
type OrganizationMembership struct {
	// Object is always "organization_membership".
	Object string `json:"object"`
	// ID is the membership ID, "orgmem_...".
	ID string `json:"id"`
	// Role is the member's role key, such as "org:admin" or "org:member".
	Role string `json:"role"`
	// RoleName is the role's display name, such as "Admin".
	RoleName string `json:"role_name,omitempty"`
	// Permissions are the permission keys the role grants, such as
	// "org:sys_memberships:manage".
	Permissions []string `json:"permissions"`
	// PublicMetadata is readable from the frontend, writable from the
	// backend only.
	PublicMetadata Metadata `json:"public_metadata"`
	// PrivateMetadata is visible to the backend only.
	PrivateMetadata Metadata `json:"private_metadata,omitzero"`
	// Organization is the organization of the membership.
	Organization Organization `json:"organization"`
	// PublicUserData is the member's public profile: ID, name, identifier
	// (the primary e-mail address, phone number or username), image.
	PublicUserData PublicUserData `json:"public_user_data,omitzero"`
	// CreatedAt is when the user joined.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the membership last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// PublicUserData is the public part of a member's profile, as a membership
// carries it. Nullable strings read as "".
type PublicUserData struct {
	// UserID is the member's user ID.
	UserID string `json:"user_id"`
	// FirstName is the member's first name.
	FirstName string `json:"first_name"`
	// LastName is the member's last name.
	LastName string `json:"last_name"`
	// ProfileImageURL is the member's image.
	//
	// Deprecated: use ImageURL.
	ProfileImageURL string `json:"profile_image_url"`
	// ImageURL is the member's image (a generated avatar when HasImage is
	// false).
	ImageURL string `json:"image_url"`
	// HasImage reports an uploaded image.
	HasImage bool `json:"has_image"`
	// Identifier is the member's primary identifier: e-mail address, phone
	// number or username.
	Identifier string `json:"identifier,omitempty"`
	// Username is the member's username, "" when none.
	Username string `json:"username,omitempty"`
	// Banned reports a banned user.
	Banned bool `json:"banned,omitempty"`
	// Deprovisioned reports a user deprovisioned by the organization's
	// enterprise connection (SCIM).
	Deprovisioned bool `json:"deprovisioned,omitempty"`
}
