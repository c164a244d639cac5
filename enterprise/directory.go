package enterprise

import (
	"time"

	"github.com/go-clerk/clerk/organizations"
)

// Directory is a directory-sync (SCIM) directory: the endpoint a customer's
// identity provider pushes its users and groups to, tied to an enterprise
// connection. APIKey, the bearer token the IdP authenticates with, is
// answered only by Create and RotateAPIKey; it is a Secret.
//
// The API serves directories under two families of paths with the same
// fields: Directories (/directories, Object "directory") and the earlier
// SCIMDirectories (/scim_directories, Object "scim_directory").
type Directory struct {
	// Object is "directory", or "scim_directory" from SCIMDirectories.
	Object string `json:"object"`
	// ID is the directory's ID.
	ID string `json:"id"`
	// Name is the directory's display name.
	Name string `json:"name"`
	// EnterpriseConnectionID is the enterprise connection the directory
	// belongs to, "" when none.
	EnterpriseConnectionID string `json:"enterprise_connection_id"`
	// EndpointURL is the SCIM base URL to give the identity provider.
	EndpointURL string `json:"endpoint_url"`
	// Provider is the identity provider.
	Provider string `json:"provider"`
	// Enabled reports whether provisioning is on.
	Enabled bool `json:"enabled"`
	// GroupRoleMappingEnabled reports whether directory groups assign
	// organization roles (see GroupRoleMapping).
	GroupRoleMappingEnabled bool `json:"group_role_mapping_enabled"`
	// AttributeMapping maps user attributes to the directory paths they
	// are read from.
	AttributeMapping map[string]string `json:"attribute_mapping"`
	// CustomAttributes map directory values to user metadata.
	CustomAttributes []CustomAttribute `json:"custom_attributes"`
	// APIKey authenticates the identity provider's provisioning requests:
	// set only in the answers of Create and RotateAPIKey, the one chance to
	// read it. A Secret: Reveal gives it, every printer shows
	// "[redacted]".
	APIKey Secret `json:"api_key,omitzero"`
	// CreatedAt is when the directory was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the directory last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// GroupRoleMapping gives the members of a directory group an organization
// role. When a user is in several mapped groups, the mapping with the lowest
// Precedence wins. The API answers each ID and name under two JSON names,
// the current and the earlier SCIM one, with the same value.
type GroupRoleMapping struct {
	// Object is "directory_group_role_mapping", or
	// "scim_group_role_mapping" from SCIMDirectories.
	Object string `json:"object"`
	// ID is the mapping's ID.
	ID string `json:"id"`
	// DirectoryID is the directory the mapping belongs to.
	DirectoryID string `json:"directory_id"`
	// SCIMDirectoryID is DirectoryID under its earlier name.
	SCIMDirectoryID string `json:"scim_directory_id"`
	// DirectoryGroupID is the group's ID at the identity provider.
	DirectoryGroupID string `json:"directory_group_id"`
	// SCIMGroupID is DirectoryGroupID under its earlier name.
	SCIMGroupID string `json:"scim_group_id"`
	// DirectoryGroupDisplayName is the group's name at the identity
	// provider.
	DirectoryGroupDisplayName string `json:"directory_group_display_name"`
	// SCIMGroupDisplayName is DirectoryGroupDisplayName under its earlier
	// name.
	SCIMGroupDisplayName string `json:"scim_group_display_name"`
	// Role is the organization role the group's members get, nil when the
	// API leaves it out.
	Role *Role `json:"role"`
	// Precedence ranks the mapping, from 1; lower wins.
	Precedence int `json:"precedence"`
	// CreatedAt is when the mapping was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the mapping last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// Role is an organization role, as a GroupRoleMapping names it: the same
// type as organizations.Role, which OrganizationRoles manages.
type Role = organizations.Role

// Permission is a permission a Role grants: the same type as
// organizations.Permission.
type Permission = organizations.Permission
