package organizations

import "time"

// Role is an organization role: a key members hold (OrganizationMembership.Role)
// and the permissions it grants. It is also what directory group-role
// mappings name (enterprise.Role) and the data of the role.created and
// role.updated webhook events (webhooks.Role): one type for all three.
type Role struct {
	// Object is "role".
	Object string `json:"object"`
	// ID is the role's ID.
	ID string `json:"id"`
	// Name is the role's display name.
	Name string `json:"name"`
	// Key is the role's key, such as "org:admin".
	Key string `json:"key"`
	// Description describes the role, "" when it has none.
	Description string `json:"description"`
	// IsCreatorEligible reports whether the role can be the role of an
	// organization's creator.
	IsCreatorEligible bool `json:"is_creator_eligible"`
	// Permissions are the permissions the role grants.
	Permissions []Permission `json:"permissions"`
	// CreatedAt is when the role was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the role last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// Permission is an organization permission, such as "org:invoices:read",
// which roles grant. It is also the data of the permission.created and
// permission.updated webhook events (webhooks.Permission, the same type).
type Permission struct {
	// Object is "permission".
	Object string `json:"object"`
	// ID is the permission's ID.
	ID string `json:"id"`
	// Name is the permission's display name.
	Name string `json:"name"`
	// Key is the permission's key, "org:<feature>:<action>", such as
	// "org:invoices:read".
	Key string `json:"key"`
	// Description describes the permission.
	Description string `json:"description"`
	// Type is "system" (Clerk's "org:sys_..." permissions, which cannot be
	// changed) or "custom".
	Type string `json:"type"`
	// CreatedAt is when the permission was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the permission last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// RoleSetType says whether a role set is the one new organizations get.
type RoleSetType string

// The role set types of the spec. A type Clerk adds later still decodes,
// as a RoleSetType holding the new string.
const (
	// RoleSetInitial is the role set new organizations get; an instance
	// has one.
	RoleSetInitial RoleSetType = "initial"
	// RoleSetCustom is any other role set, assigned to organizations by
	// key (CreateParams.RoleSetKey).
	RoleSetCustom RoleSetType = "custom"
)

// RoleSet is a collection of roles that an organization's members can
// hold, with the role new members get and the role of an organization's
// creator.
type RoleSet struct {
	// Object is "role_set".
	Object string `json:"object"`
	// ID is the role set's ID.
	ID string `json:"id"`
	// Name is the role set's display name.
	Name string `json:"name"`
	// Key is the role set's unique key, such as "role_set:default".
	Key string `json:"key"`
	// Description describes the role set, "" when it has none.
	Description string `json:"description"`
	// Roles are the roles of the set.
	Roles []RoleSetItem `json:"roles"`
	// DefaultRole is the role new members get, nil when none.
	DefaultRole *RoleSetItem `json:"default_role,omitempty"`
	// CreatorRole is the role of an organization's creator, nil when none.
	CreatorRole *RoleSetItem `json:"creator_role,omitempty"`
	// Type is RoleSetInitial or RoleSetCustom.
	Type RoleSetType `json:"type"`
	// RoleSetMigration is the migration of members under way (status
	// "enqueued" or "in_progress"), nil when none.
	RoleSetMigration *RoleSetMigration `json:"role_set_migration,omitempty"`
	// CreatedAt is when the role set was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the role set last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// RoleSetItem is a role as a role set lists it.
type RoleSetItem struct {
	// Object is "role_set_item".
	Object string `json:"object"`
	// ID is the role's ID.
	ID string `json:"id"`
	// Name is the role's display name.
	Name string `json:"name"`
	// Key is the role's key, such as "org:member".
	Key string `json:"key"`
	// Description describes the role, "" when it has none.
	Description string `json:"description"`
	// MembersCount is the number of members holding the role within the
	// role set, nil when the API does not say.
	MembersCount *int `json:"members_count,omitempty"`
	// HasMembers reports whether any member holds the role within the role
	// set, nil when the API does not say.
	HasMembers *bool `json:"has_members,omitempty"`
	// CreatedAt is when the role was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the role last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// RoleSetMigration is a move of members from one role set's roles to
// another's, started by replacing a role set or a role in it.
type RoleSetMigration struct {
	// Object is "role_set_migration".
	Object string `json:"object"`
	// ID is the migration's ID.
	ID string `json:"id"`
	// OrganizationID is the organization the migration is limited to, ""
	// when it spans the instance.
	OrganizationID string `json:"organization_id,omitempty"`
	// InstanceID is the instance of the migration.
	InstanceID string `json:"instance_id"`
	// SourceRoleSetID is the role set members are moved from.
	SourceRoleSetID string `json:"source_role_set_id"`
	// DestRoleSetID is the role set members are moved to, "" when none.
	DestRoleSetID string `json:"dest_role_set_id,omitempty"`
	// TriggerType is what started the migration, such as
	// "role_set_deletion" or "role_removal".
	TriggerType string `json:"trigger_type"`
	// Status is the migration's state, such as "enqueued", "in_progress"
	// or "completed".
	Status string `json:"status"`
	// MigratedMembers counts the members moved so far.
	MigratedMembers int `json:"migrated_members"`
	// Mappings maps source role keys to destination role keys, nil when
	// none.
	Mappings map[string]string `json:"mappings,omitempty"`
	// StartedAt is when the migration started, nil before it does.
	StartedAt *time.Time `json:"started_at,omitempty"`
	// CompletedAt is when the migration completed, nil before it does.
	CompletedAt *time.Time `json:"completed_at,omitempty"`
	// CreatedAt is when the migration was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the migration last changed.
	UpdatedAt time.Time `json:"updated_at"`
}
