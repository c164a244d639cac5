package organizations

import (
	"context"
	"iter"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// PermissionService calls the organization permission endpoints
// (/organization_permissions): clerk.Client.OrganizationPermissions.
// Permissions are the instance's; roles grant them (RoleService). It is
// safe for concurrent use.
type PermissionService internal.Service

func (s *PermissionService) core() *internal.Client { return (*internal.Service)(s).Client() }

// ListPermissionsParams filter, order and page organization permissions:
// the fields of ListRolesParams.
type ListPermissionsParams ListRolesParams

// List returns one page of the instance's organization permissions, with
// TotalCount. Clerk API: GET /organization_permissions.
func (s *PermissionService) List(ctx context.Context, params *ListPermissionsParams) (*Page[Permission], error) {
	return internal.List[Permission](ctx, s.core(), "/organization_permissions", params)
}

// All iterates over every organization permission that matches params,
// fetching pages of params.Limit (500, the maximum, when unset or larger)
// lazily, from params.Offset. params is copied, never changed. It yields an
// error once and stops, and skips none when permissions are deleted while
// it runs. Clerk API: GET /organization_permissions.
func (s *PermissionService) All(ctx context.Context, params *ListPermissionsParams) iter.Seq2[*Permission, error] {
	return internal.All(ctx, params, paging(func(p *Permission) string { return p.ID }), s.List)
}

// CreatePermissionParams describe a new organization permission. Name and
// Key are required.
type CreatePermissionParams struct {
	// Name is the permission's display name.
	Name string `json:"name"`
	// Key is the permission's unique key, "org:<feature>:<action>" in
	// lowercase letters, digits and underscores, such as
	// "org:invoices:read"; "org:sys_" is Clerk's.
	Key string `json:"key"`
	// Description describes the permission.
	Description *string `json:"description,omitempty"`
}

// Create creates an organization permission. Clerk API:
// POST /organization_permissions.
func (s *PermissionService) Create(ctx context.Context, params *CreatePermissionParams) (*Permission, error) {
	if params == nil {
		return nil, internal.NoParams("OrganizationPermissions.Create")
	}
	if err := internal.Required("name", params.Name, "key", params.Key); err != nil {
		return nil, err
	}
	return internal.Call[Permission](ctx, s.core(), http.MethodPost, "/organization_permissions", params)
}

// Get returns an organization permission. Clerk API:
// GET /organization_permissions/{permission_id}.
func (s *PermissionService) Get(ctx context.Context, permissionID string) (*Permission, error) {
	return internal.Call[Permission](ctx, s.core(), http.MethodGet, "/organization_permissions/{permission_id}", nil, permissionID)
}

// UpdatePermissionParams change an organization permission; nil fields
// are left as they are.
type UpdatePermissionParams struct {
	// Name is the permission's new display name.
	Name *string `json:"name,omitempty"`
	// Key is the permission's new key.
	Key *string `json:"key,omitempty"`
	// Description is the permission's new description.
	Description *string `json:"description,omitempty"`
}

// Update changes a custom organization permission (system permissions
// cannot change). Clerk API: PATCH /organization_permissions/{permission_id}.
func (s *PermissionService) Update(ctx context.Context, permissionID string, params *UpdatePermissionParams) (*Permission, error) {
	return internal.Call[Permission](ctx, s.core(), http.MethodPatch, "/organization_permissions/{permission_id}", internal.OrEmpty(params), permissionID)
}

// Delete deletes a custom organization permission (system permissions
// cannot be deleted). Clerk API:
// DELETE /organization_permissions/{permission_id}.
func (s *PermissionService) Delete(ctx context.Context, permissionID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/organization_permissions/{permission_id}", nil, permissionID)
}
