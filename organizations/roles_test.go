package organizations

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func roles(svc *Service) *RoleService { return (*RoleService)(svc) }

func roleIs(id string) func(*testing.T, any) { return hasID(id, func(r *Role) string { return r.ID }) }

func TestRoles(t *testing.T) {
	perm := permissionJSON("perm_1", "org:invoices:read")
	role := roleJSON("role_1", "org:billing", perm)
	runOps(t, []op{
		{
			name: "List", route: "GET /organization_roles", path: "/organization_roles",
			query:  url.Values{"query": {"bill"}, "order_by": {"+key"}, "limit": {"20"}, "offset": {"40"}},
			answer: `{"data":[` + role + `],"total_count":41}`,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return roles(svc).List(ctx, &ListRolesParams{Query: new("bill"), OrderBy: new("+key"), Limit: new(20), Offset: new(40)})
			},
			check: func(t *testing.T, got any) {
				page := got.(*Page[Role])
				assert.EqualValues(t, 41, page.TotalCount)
				if assert.Len(t, page.Data, 1) && assert.Len(t, page.Data[0].Permissions, 1) {
					assert.Equal(t, "org:invoices:read", page.Data[0].Permissions[0].Key)
				}
			},
		},
		{
			name: "Create", route: "POST /organization_roles", path: "/organization_roles",
			body:   `{"name":"Billing","key":"org:billing","description":"Pays","permissions":["perm_1"],"include_in_initial_role_set":true}`,
			answer: role,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return roles(svc).Create(ctx, &CreateRoleParams{Name: "Billing", Key: "org:billing", Description: new("Pays"),
					Permissions: []string{"perm_1"}, IncludeInInitialRoleSet: new(true)})
			},
			check: roleIs("role_1"),
		},
		{
			name: "Create, required fields only", route: "POST /organization_roles", path: "/organization_roles",
			body: `{"name":"Billing","key":"org:billing"}`, answer: roleJSON("role_1", "org:billing"),
			call: func(ctx context.Context, svc *Service) (any, error) {
				return roles(svc).Create(ctx, &CreateRoleParams{Name: "Billing", Key: "org:billing"})
			},
			check: roleIs("role_1"),
		},
		{
			name: "Get", route: "GET /organization_roles/{id}", path: "/organization_roles/role_1", answer: role,
			call:  func(ctx context.Context, svc *Service) (any, error) { return roles(svc).Get(ctx, "role_1") },
			check: roleIs("role_1"),
		},
		{
			name: "Update", route: "PATCH /organization_roles/{id}", path: "/organization_roles/role_1",
			body: `{"name":"Billing admins","key":"org:billing_admin","description":""}`, answer: role,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return roles(svc).Update(ctx, "role_1", &UpdateRoleParams{Name: new("Billing admins"), Key: new("org:billing_admin"), Description: new("")})
			},
			check: roleIs("role_1"),
		},
		{
			// An empty non-nil list is sent: it takes every permission away.
			name: "Update, removing every permission", route: "PATCH /organization_roles/{id}", path: "/organization_roles/role_1",
			body: `{"permissions":[]}`, answer: roleJSON("role_1", "org:billing"),
			call: func(ctx context.Context, svc *Service) (any, error) {
				return roles(svc).Update(ctx, "role_1", &UpdateRoleParams{Permissions: []string{}})
			},
			check: roleIs("role_1"),
		},
		{
			name: "Update, nil params", route: "PATCH /organization_roles/{id}", path: "/organization_roles/role_1",
			body: `{}`, answer: role,
			call: func(ctx context.Context, svc *Service) (any, error) { return roles(svc).Update(ctx, "role_1", nil) },
		},
		{
			name: "Delete", route: "DELETE /organization_roles/{id}", path: "/organization_roles/role_1",
			answer: `{"object":"role","id":"role_1","deleted":true}`,
			call:   func(ctx context.Context, svc *Service) (any, error) { return nil, roles(svc).Delete(ctx, "role_1") },
		},
		{
			name: "AssignPermission", route: "POST /organization_roles/{id}/permissions/{perm}", path: "/organization_roles/role_1/permissions/perm_1",
			answer: role,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return roles(svc).AssignPermission(ctx, "role_1", "perm_1")
			},
			check: roleIs("role_1"),
		},
		{
			name: "RemovePermission", route: "DELETE /organization_roles/{id}/permissions/{perm}", path: "/organization_roles/role_1/permissions/perm_1",
			answer: roleJSON("role_1", "org:billing"),
			call: func(ctx context.Context, svc *Service) (any, error) {
				return roles(svc).RemovePermission(ctx, "role_1", "perm_1")
			},
			check: func(t *testing.T, got any) { assert.Empty(t, got.(*Role).Permissions) },
		},
	})
}
