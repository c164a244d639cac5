package organizations

import (
	"context"
	"iter"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// RoleSetService calls the role set endpoints (/role_sets):
// clerk.Client.RoleSets. A role set is the collection of roles an
// organization offers its members; organizations get the initial one
// unless created or updated with a RoleSetKey. It is safe for concurrent
// use.
type RoleSetService internal.Service

func (s *RoleSetService) core() *internal.Client { return (*internal.Service)(s).Client() }

// ListRoleSetsParams filter, order and page role sets: the fields of
// ListRolesParams.
type ListRoleSetsParams ListRolesParams

// List returns one page of the instance's role sets, newest first unless
// params order them, with TotalCount. Clerk API: GET /role_sets.
func (s *RoleSetService) List(ctx context.Context, params *ListRoleSetsParams) (*Page[RoleSet], error) {
	return internal.List[RoleSet](ctx, s.core(), "/role_sets", params)
}

// All iterates over every role set that matches params, fetching pages of
// params.Limit (500, the maximum, when unset or larger) lazily, from
// params.Offset. params is copied, never changed. It yields an error once
// and stops, and skips none when role sets are replaced while it runs.
// Clerk API: GET /role_sets.
func (s *RoleSetService) All(ctx context.Context, params *ListRoleSetsParams) iter.Seq2[*RoleSet, error] {
	return internal.All(ctx, params, paging(func(r *RoleSet) string { return r.ID }), s.List)
}

// CreateRoleSetParams describe a new role set. Name, DefaultRoleKey,
// CreatorRoleKey and Roles are required.
type CreateRoleSetParams struct {
	// Name is the role set's display name.
	Name string `json:"name"`
	// Key is the role set's unique key: "role_set:" and lowercase letters,
	// digits and underscores. The API derives one from Name when it is nil.
	Key *string `json:"key,omitempty"`
	// Description describes the role set.
	Description *string `json:"description,omitempty"`
	// DefaultRoleKey is the key of the role new members get, one of Roles.
	DefaultRoleKey string `json:"default_role_key"`
	// CreatorRoleKey is the key of the role of an organization's creator,
	// one of Roles.
	CreatorRoleKey string `json:"creator_role_key"`
	// Type is RoleSetInitial to make the set the one new organizations get
	// (the instance's previous initial set becomes custom), or
	// RoleSetCustom.
	Type *RoleSetType `json:"type,omitempty"`
	// Roles are the keys of the set's roles, 1 to 10.
	Roles []string `json:"roles"`
}

// Create creates a role set. Clerk API: POST /role_sets.
func (s *RoleSetService) Create(ctx context.Context, params *CreateRoleSetParams) (*RoleSet, error) {
	if params == nil {
		return nil, internal.NoParams("RoleSets.Create")
	}
	if err := internal.Required("name", params.Name, "default_role_key", params.DefaultRoleKey, "creator_role_key", params.CreatorRoleKey); err != nil {
		return nil, err
	}
	if len(params.Roles) == 0 {
		return nil, internal.Missing("roles")
	}
	return internal.Call[RoleSet](ctx, s.core(), http.MethodPost, "/role_sets", params)
}

// Get returns a role set by its key or its ID. Clerk API:
// GET /role_sets/{role_set_key_or_id}.
func (s *RoleSetService) Get(ctx context.Context, keyOrID string) (*RoleSet, error) {
	return internal.Call[RoleSet](ctx, s.core(), http.MethodGet, "/role_sets/{role_set_key_or_id}", nil, keyOrID)
}

// UpdateRoleSetParams change a role set; nil fields are left as they are.
type UpdateRoleSetParams struct {
	// Name is the role set's new display name.
	Name *string `json:"name,omitempty"`
	// Key is the role set's new key.
	Key *string `json:"key,omitempty"`
	// Description is the role set's new description.
	Description *string `json:"description,omitempty"`
	// Type, RoleSetInitial (the only value the API takes here), makes the
	// set the one new organizations get; the previous initial set becomes
	// custom.
	Type *RoleSetType `json:"type,omitempty"`
	// DefaultRoleKey is the key of the role new members get, a role of the
	// set.
	DefaultRoleKey *string `json:"default_role_key,omitempty"`
	// CreatorRoleKey is the key of the role of an organization's creator,
	// a role of the set.
	CreatorRoleKey *string `json:"creator_role_key,omitempty"`
}

// Update changes a role set, named by its key or its ID. Clerk API:
// PATCH /role_sets/{role_set_key_or_id}.
func (s *RoleSetService) Update(ctx context.Context, keyOrID string, params *UpdateRoleSetParams) (*RoleSet, error) {
	return internal.Call[RoleSet](ctx, s.core(), http.MethodPatch, "/role_sets/{role_set_key_or_id}", internal.OrEmpty(params), keyOrID)
}

// ReplaceRoleSetParams say where a replaced role set's organizations go.
// DestRoleSetKey is required.
type ReplaceRoleSetParams struct {
	// DestRoleSetKey is the key of the role set that takes the replaced
	// one's place.
	DestRoleSetKey string `json:"dest_role_set_key"`
	// ReassignmentMappings map the replaced set's role keys to the
	// destination set's: required when members hold roles the destination
	// set lacks.
	ReassignmentMappings map[string]string `json:"reassignment_mappings,omitempty"`
}

// Replace deletes a role set, named by its key or its ID, moving the
// organizations that use it, and their members' roles, to another role set
// in one step. (The API answers a deleted object; like every Delete, this
// returns only the error.) Clerk API:
// POST /role_sets/{role_set_key_or_id}/replace.
func (s *RoleSetService) Replace(ctx context.Context, keyOrID string, params *ReplaceRoleSetParams) error {
	if params == nil {
		return internal.NoParams("RoleSets.Replace")
	}
	if err := internal.Required("dest_role_set_key", params.DestRoleSetKey); err != nil {
		return err
	}
	return internal.Exec(ctx, s.core(), http.MethodPost, "/role_sets/{role_set_key_or_id}/replace", params, keyOrID)
}

// AddRolesParams add roles to a role set. RoleKeys is required.
type AddRolesParams struct {
	// RoleKeys are the keys of the roles to add, 1 to 10.
	RoleKeys []string `json:"role_keys"`
	// DefaultRoleKey makes one of the added roles the one new members get.
	DefaultRoleKey *string `json:"default_role_key,omitempty"`
	// CreatorRoleKey makes one of the added roles the role of an
	// organization's creator.
	CreatorRoleKey *string `json:"creator_role_key,omitempty"`
}

// AddRoles adds roles to a role set, named by its key or its ID; the set
// comes back with them. Clerk API: POST /role_sets/{role_set_key_or_id}/roles.
func (s *RoleSetService) AddRoles(ctx context.Context, keyOrID string, params *AddRolesParams) (*RoleSet, error) {
	if params == nil {
		return nil, internal.NoParams("RoleSets.AddRoles")
	}
	if len(params.RoleKeys) == 0 {
		return nil, internal.Missing("role_keys")
	}
	return internal.Call[RoleSet](ctx, s.core(), http.MethodPost, "/role_sets/{role_set_key_or_id}/roles", params, keyOrID)
}

// ReplaceRoleParams swap a role of a role set for another. RoleKey and
// ToRoleKey are required.
type ReplaceRoleParams struct {
	// RoleKey is the key of the role to remove from the set.
	RoleKey string `json:"role_key"`
	// ToRoleKey is the key of the role its members get instead.
	ToRoleKey string `json:"to_role_key"`
}

// ReplaceRole removes a role from a role set, named by its key or its ID,
// and gives its members another role, in one step. Clerk API:
// POST /role_sets/{role_set_key_or_id}/roles/replace.
func (s *RoleSetService) ReplaceRole(ctx context.Context, keyOrID string, params *ReplaceRoleParams) (*RoleSet, error) {
	if params == nil {
		return nil, internal.NoParams("RoleSets.ReplaceRole")
	}
	if err := internal.Required("role_key", params.RoleKey, "to_role_key", params.ToRoleKey); err != nil {
		return nil, err
	}
	return internal.Call[RoleSet](ctx, s.core(), http.MethodPost, "/role_sets/{role_set_key_or_id}/roles/replace", params, keyOrID)
}
