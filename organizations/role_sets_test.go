package organizations

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func roleSets(svc *Service) *RoleSetService { return (*RoleSetService)(svc) }

func roleSetIs(id string) func(*testing.T, any) {
	return hasID(id, func(r *RoleSet) string { return r.ID })
}

func TestRoleSets(t *testing.T) {
	set := roleSetJSON("rs_1", "role_set:default")
	runOps(t, []op{
		{
			name: "List", route: "GET /role_sets", path: "/role_sets",
			query:  url.Values{"query": {"default"}, "order_by": {"name"}, "offset": {"10"}},
			answer: `{"data":[` + set + `],"total_count":11}`,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return roleSets(svc).List(ctx, &ListRoleSetsParams{Query: new("default"), OrderBy: new("name"), Offset: new(10)})
			},
			check: func(t *testing.T, got any) {
				page := got.(*Page[RoleSet])
				if assert.Len(t, page.Data, 1) {
					assert.Len(t, page.Data[0].Roles, 2)
				}
			},
		},
		{
			name: "Create", route: "POST /role_sets", path: "/role_sets",
			body: `{"name":"Default","key":"role_set:default","description":"d","default_role_key":"org:member",
				"creator_role_key":"org:admin","type":"custom","roles":["org:admin","org:member"]}`,
			answer: set,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return roleSets(svc).Create(ctx, &CreateRoleSetParams{Name: "Default", Key: new("role_set:default"), Description: new("d"),
					DefaultRoleKey: "org:member", CreatorRoleKey: "org:admin", Type: new(RoleSetCustom), Roles: []string{"org:admin", "org:member"}})
			},
			check: roleSetIs("rs_1"),
		},
		{
			// A key holds a colon: it goes into the path as it is.
			name: "Get by key", route: "GET /role_sets/{id}", path: "/role_sets/role_set:default", answer: set,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return roleSets(svc).Get(ctx, "role_set:default")
			},
			check: roleSetIs("rs_1"),
		},
		{
			name: "Update", route: "PATCH /role_sets/{id}", path: "/role_sets/rs_1",
			body:   `{"name":"Main","key":"role_set:main","description":"m","type":"initial","default_role_key":"org:member","creator_role_key":"org:admin"}`,
			answer: set,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return roleSets(svc).Update(ctx, "rs_1", &UpdateRoleSetParams{Name: new("Main"), Key: new("role_set:main"), Description: new("m"),
					Type: new(RoleSetInitial), DefaultRoleKey: new("org:member"), CreatorRoleKey: new("org:admin")})
			},
			check: roleSetIs("rs_1"),
		},
		{
			name: "Update, nil params", route: "PATCH /role_sets/{id}", path: "/role_sets/rs_1", body: `{}`, answer: set,
			call: func(ctx context.Context, svc *Service) (any, error) { return roleSets(svc).Update(ctx, "rs_1", nil) },
		},
		{
			name: "Replace", route: "POST /role_sets/{id}/replace", path: "/role_sets/role_set:old/replace",
			body:   `{"dest_role_set_key":"role_set:default","reassignment_mappings":{"org:viewer":"org:member"}}`,
			answer: `{"object":"role_set","id":"rs_old","deleted":true}`,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return nil, roleSets(svc).Replace(ctx, "role_set:old", &ReplaceRoleSetParams{DestRoleSetKey: "role_set:default",
					ReassignmentMappings: map[string]string{"org:viewer": "org:member"}})
			},
		},
		{
			name: "Replace, no mappings", route: "POST /role_sets/{id}/replace", path: "/role_sets/rs_old/replace",
			body: `{"dest_role_set_key":"role_set:default"}`, answer: `{"object":"role_set","id":"rs_old","deleted":true}`,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return nil, roleSets(svc).Replace(ctx, "rs_old", &ReplaceRoleSetParams{DestRoleSetKey: "role_set:default"})
			},
		},
		{
			name: "AddRoles", route: "POST /role_sets/{id}/roles", path: "/role_sets/rs_1/roles",
			body:   `{"role_keys":["org:billing"],"default_role_key":"org:billing","creator_role_key":"org:admin"}`,
			answer: set,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return roleSets(svc).AddRoles(ctx, "rs_1", &AddRolesParams{RoleKeys: []string{"org:billing"},
					DefaultRoleKey: new("org:billing"), CreatorRoleKey: new("org:admin")})
			},
			check: roleSetIs("rs_1"),
		},
		{
			name: "ReplaceRole", route: "POST /role_sets/{id}/roles/replace", path: "/role_sets/rs_1/roles/replace",
			body: `{"role_key":"org:viewer","to_role_key":"org:member"}`, answer: set,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return roleSets(svc).ReplaceRole(ctx, "rs_1", &ReplaceRoleParams{RoleKey: "org:viewer", ToRoleKey: "org:member"})
			},
			check: roleSetIs("rs_1"),
		},
	})
}
