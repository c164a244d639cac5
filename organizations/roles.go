package organizations

import (
	"context"
	"iter"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// RoleService calls the organization role endpoints (/organization_roles):
// clerk.Client.OrganizationRoles. Roles are the instance's: every
// organization whose role set includes a role can give it to its members.
// It is safe for concurrent use.
type RoleService internal.Service

func (s *RoleService) core() *internal.Client { return (*internal.Service)(s).Client() }

// ListRolesParams filter, order and page organization roles, permissions
// (ListPermissionsParams) and role sets (ListRoleSetsParams).
type ListRolesParams struct {
	// Query matches an ID exactly, or part of a name or key.
	Query *string `url:"query"`
	// OrderBy is "created_at", "name" or "key", with "+" or "-" for the
	// direction; the API's default is "-created_at".
	OrderBy *string `url:"order_by"`
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many items.
	Offset *int `url:"offset"`
}

// List returns one page of the instance's organization roles, newest
// first unless params order them, with TotalCount. Clerk API:
// GET /organization_roles.
func (s *RoleService) List(ctx context.Context, params *ListRolesParams) (*Page[Role], error) {
	return internal.List[Role](ctx, s.core(), "/organization_roles", params)
}

// All iterates over every organization role that matches params, fetching
// pages of params.Limit (500, the maximum, when unset or larger) lazily,
// from params.Offset. params is copied, never changed. It yields an error
// once and stops, and skips none when roles are deleted while it runs.
// Clerk API: GET /organization_roles.
func (s *RoleService) All(ctx context.Context, params *ListRolesParams) iter.Seq2[*Role, error] {
	return internal.All(ctx, params, paging(func(r *Role) string { return r.ID }), s.List)
}

// CreateRoleParams describe a new organization role. Name and Key are
// required.
type CreateRoleParams struct {
	// Name is the role's display name.
	Name string `json:"name"`
	// Key is the role's unique key: "org:" and lowercase letters, digits
	// and underscores, such as "org:billing_manager".
	Key string `json:"key"`
	// Description describes the role.
	Description *string `json:"description,omitempty"`
	// Permissions are the IDs of the permissions the role grants.
	Permissions []string `json:"permissions,omitempty"`
	// IncludeInInitialRoleSet adds the role to the initial role set, the
	// one new organizations get.
	IncludeInInitialRoleSet *bool `json:"include_in_initial_role_set,omitempty"`
}

// Create creates an organization role. Clerk API: POST /organization_roles.
func (s *RoleService) Create(ctx context.Context, params *CreateRoleParams) (*Role, error) {
	if params == nil {
		return nil, internal.NoParams("OrganizationRoles.Create")
	}
	if err := internal.Required("name", params.Name, "key", params.Key); err != nil {
		return nil, err
	}
	return internal.Call[Role](ctx, s.core(), http.MethodPost, "/organization_roles", params)
}

// Get returns an organization role. Clerk API:
// GET /organization_roles/{organization_role_id}.
func (s *RoleService) Get(ctx context.Context, roleID string) (*Role, error) {
	return internal.Call[Role](ctx, s.core(), http.MethodGet, "/organization_roles/{organization_role_id}", nil, roleID)
}

// UpdateRoleParams change an organization role; nil fields are left as
// they are.
type UpdateRoleParams struct {
	// Name is the role's new display name.
	Name *string `json:"name,omitempty"`
	// Key is the role's new key. Where the role is the creator's role or a
	// domain's default role, the organization settings follow.
	Key *string `json:"key,omitempty"`
	// Description is the role's new description.
	Description *string `json:"description,omitempty"`
	// Permissions, when not nil, replace the role's permissions (their
	// IDs): an empty non-nil slice removes them all.
	Permissions []string `json:"permissions,omitzero"`
}

// Update changes an organization role. Clerk API:
// PATCH /organization_roles/{organization_role_id}.
func (s *RoleService) Update(ctx context.Context, roleID string, params *UpdateRoleParams) (*Role, error) {
	return internal.Call[Role](ctx, s.core(), http.MethodPatch, "/organization_roles/{organization_role_id}", internal.OrEmpty(params), roleID)
}

// Delete deletes an organization role. The API refuses (ErrUnprocessable)
// while the role is the creator's role or a domain's default role, is held
// by a member or is offered by an invitation. Clerk API:
// DELETE /organization_roles/{organization_role_id}.
func (s *RoleService) Delete(ctx context.Context, roleID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/organization_roles/{organization_role_id}", nil, roleID)
}

// AssignPermission makes a role grant a permission; the role comes back
// with its permissions. Clerk API:
// POST /organization_roles/{organization_role_id}/permissions/{permission_id}.
func (s *RoleService) AssignPermission(ctx context.Context, roleID, permissionID string) (*Role, error) {
	return internal.Call[Role](ctx, s.core(), http.MethodPost, "/organization_roles/{organization_role_id}/permissions/{permission_id}", nil, roleID, permissionID)
}

// RemovePermission makes a role stop granting a permission; the role comes
// back with the permissions it keeps. Clerk API:
// DELETE /organization_roles/{organization_role_id}/permissions/{permission_id}.
func (s *RoleService) RemovePermission(ctx context.Context, roleID, permissionID string) (*Role, error) {
	return internal.Call[Role](ctx, s.core(), http.MethodDelete, "/organization_roles/{organization_role_id}/permissions/{permission_id}", nil, roleID, permissionID)
}
