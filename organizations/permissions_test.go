package organizations

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func permissions(svc *Service) *PermissionService { return (*PermissionService)(svc) }

func permissionIs(id string) func(*testing.T, any) {
	return hasID(id, func(p *Permission) string { return p.ID })
}

func TestPermissions(t *testing.T) {
	perm := permissionJSON("perm_1", "org:invoices:read")
	runOps(t, []op{
		{
			name: "List", route: "GET /organization_permissions", path: "/organization_permissions",
			query:  url.Values{"query": {"invoices"}, "order_by": {"-name"}, "limit": {"5"}},
			answer: `{"data":[` + perm + `],"total_count":1}`,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return permissions(svc).List(ctx, &ListPermissionsParams{Query: new("invoices"), OrderBy: new("-name"), Limit: new(5)})
			},
			check: func(t *testing.T, got any) {
				page := got.(*Page[Permission])
				if assert.Len(t, page.Data, 1) {
					assert.Equal(t, "custom", page.Data[0].Type)
				}
			},
		},
		{
			name: "List, nil params", route: "GET /organization_permissions", path: "/organization_permissions",
			answer: `{"data":[],"total_count":0}`,
			call:   func(ctx context.Context, svc *Service) (any, error) { return permissions(svc).List(ctx, nil) },
		},
		{
			name: "Create", route: "POST /organization_permissions", path: "/organization_permissions",
			body:   `{"name":"Read invoices","key":"org:invoices:read","description":"See invoices"}`,
			answer: perm,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return permissions(svc).Create(ctx, &CreatePermissionParams{Name: "Read invoices", Key: "org:invoices:read", Description: new("See invoices")})
			},
			check: permissionIs("perm_1"),
		},
		{
			name: "Get", route: "GET /organization_permissions/{id}", path: "/organization_permissions/perm_1", answer: perm,
			call:  func(ctx context.Context, svc *Service) (any, error) { return permissions(svc).Get(ctx, "perm_1") },
			check: permissionIs("perm_1"),
		},
		{
			name: "Update", route: "PATCH /organization_permissions/{id}", path: "/organization_permissions/perm_1",
			body: `{"name":"View invoices","key":"org:invoices:view","description":"x"}`, answer: perm,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return permissions(svc).Update(ctx, "perm_1", &UpdatePermissionParams{Name: new("View invoices"), Key: new("org:invoices:view"), Description: new("x")})
			},
			check: permissionIs("perm_1"),
		},
		{
			name: "Update, nil params", route: "PATCH /organization_permissions/{id}", path: "/organization_permissions/perm_1",
			body: `{}`, answer: perm,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return permissions(svc).Update(ctx, "perm_1", nil)
			},
		},
		{
			name: "Delete", route: "DELETE /organization_permissions/{id}", path: "/organization_permissions/perm_1",
			answer: `{"object":"permission","id":"perm_1","deleted":true}`,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return nil, permissions(svc).Delete(ctx, "perm_1")
			},
		},
	})
}
