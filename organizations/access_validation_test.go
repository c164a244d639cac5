package organizations

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-clerk/clerk/internal"
)

// TestAccessLocalValidation checks every rejection the domain, role,
// permission and role set methods make before a request: empty or unsafe
// IDs in each position, nil params and missing required fields.
func TestAccessLocalValidation(t *testing.T) {
	svc, srv := setup(t)
	ctx := context.Background()
	first := func(seq func(func(*OrganizationDomain, error) bool)) error {
		for _, err := range seq {
			return err
		}
		return nil
	}
	// Each call takes the ID under test in one position.
	calls := map[string]func(id string) error{
		"CreateDomain": func(id string) error {
			_, err := svc.CreateDomain(ctx, id, &CreateDomainParams{Name: "acme.com"})
			return err
		},
		"ListDomains":                   func(id string) error { _, err := svc.ListDomains(ctx, id, nil); return err },
		"AllDomains":                    func(id string) error { return first(svc.AllDomains(ctx, id, nil)) },
		"UpdateDomain(org)":             func(id string) error { _, err := svc.UpdateDomain(ctx, id, "orgdmn_1", nil); return err },
		"UpdateDomain(domain)":          func(id string) error { _, err := svc.UpdateDomain(ctx, "org_1", id, nil); return err },
		"DeleteDomain(org)":             func(id string) error { return svc.DeleteDomain(ctx, id, "orgdmn_1") },
		"DeleteDomain(domain)":          func(id string) error { return svc.DeleteDomain(ctx, "org_1", id) },
		"VerifyDomainOwnership(org)":    func(id string) error { _, err := svc.VerifyDomainOwnership(ctx, id, "orgdmn_1"); return err },
		"VerifyDomainOwnership(domain)": func(id string) error { _, err := svc.VerifyDomainOwnership(ctx, "org_1", id); return err },

		"Roles.Get":                    func(id string) error { _, err := roles(svc).Get(ctx, id); return err },
		"Roles.Update":                 func(id string) error { _, err := roles(svc).Update(ctx, id, nil); return err },
		"Roles.Delete":                 func(id string) error { return roles(svc).Delete(ctx, id) },
		"Roles.AssignPermission(role)": func(id string) error { _, err := roles(svc).AssignPermission(ctx, id, "perm_1"); return err },
		"Roles.AssignPermission(perm)": func(id string) error { _, err := roles(svc).AssignPermission(ctx, "role_1", id); return err },
		"Roles.RemovePermission(role)": func(id string) error { _, err := roles(svc).RemovePermission(ctx, id, "perm_1"); return err },
		"Roles.RemovePermission(perm)": func(id string) error { _, err := roles(svc).RemovePermission(ctx, "role_1", id); return err },
		"Permissions.Get":              func(id string) error { _, err := permissions(svc).Get(ctx, id); return err },
		"Permissions.Update":           func(id string) error { _, err := permissions(svc).Update(ctx, id, nil); return err },
		"Permissions.Delete":           func(id string) error { return permissions(svc).Delete(ctx, id) },
		"RoleSets.Get":                 func(id string) error { _, err := roleSets(svc).Get(ctx, id); return err },
		"RoleSets.Update":              func(id string) error { _, err := roleSets(svc).Update(ctx, id, nil); return err },
		"RoleSets.Replace": func(id string) error {
			return roleSets(svc).Replace(ctx, id, &ReplaceRoleSetParams{DestRoleSetKey: "role_set:default"})
		},
		"RoleSets.AddRoles": func(id string) error {
			_, err := roleSets(svc).AddRoles(ctx, id, &AddRolesParams{RoleKeys: []string{"org:billing"}})
			return err
		},
		"RoleSets.ReplaceRole": func(id string) error {
			_, err := roleSets(svc).ReplaceRole(ctx, id, &ReplaceRoleParams{RoleKey: "org:a", ToRoleKey: "org:b"})
			return err
		},
	}
	for name, call := range calls {
		for _, id := range []string{"", ".", "..", "a/b", "a?b", "a#b", "a%2Fb", "a b", `a\b`, "a\nb"} {
			err := call(id)
			if assert.ErrorIs(t, err, internal.ErrInvalidParams, "%s(%q)", name, id) && id == "" {
				assert.Contains(t, err.Error(), "empty", name)
			}
		}
	}

	missing := []struct {
		name string
		err  error
		want string
	}{
		{"CreateDomain nil", second(svc.CreateDomain(ctx, "org_1", nil)), "CreateDomain needs params"},
		{"CreateDomain no name", second(svc.CreateDomain(ctx, "org_1", &CreateDomainParams{Verified: new(true)})), "name is required"},
		{"Roles.Create nil", second(roles(svc).Create(ctx, nil)), "OrganizationRoles.Create needs params"},
		{"Roles.Create no name", second(roles(svc).Create(ctx, &CreateRoleParams{Key: "org:x"})), "name is required"},
		{"Roles.Create no key", second(roles(svc).Create(ctx, &CreateRoleParams{Name: "X"})), "key is required"},
		{"Permissions.Create nil", second(permissions(svc).Create(ctx, nil)), "OrganizationPermissions.Create needs params"},
		{"Permissions.Create no name", second(permissions(svc).Create(ctx, &CreatePermissionParams{Key: "org:x:y"})), "name is required"},
		{"Permissions.Create no key", second(permissions(svc).Create(ctx, &CreatePermissionParams{Name: "X"})), "key is required"},
		{"RoleSets.Create nil", second(roleSets(svc).Create(ctx, nil)), "RoleSets.Create needs params"},
		{"RoleSets.Create no name", second(roleSets(svc).Create(ctx, &CreateRoleSetParams{DefaultRoleKey: "org:a", CreatorRoleKey: "org:a", Roles: []string{"org:a"}})), "name is required"},
		{"RoleSets.Create no default role", second(roleSets(svc).Create(ctx, &CreateRoleSetParams{Name: "S", CreatorRoleKey: "org:a", Roles: []string{"org:a"}})), "default_role_key is required"},
		{"RoleSets.Create no creator role", second(roleSets(svc).Create(ctx, &CreateRoleSetParams{Name: "S", DefaultRoleKey: "org:a", Roles: []string{"org:a"}})), "creator_role_key is required"},
		{"RoleSets.Create no roles", second(roleSets(svc).Create(ctx, &CreateRoleSetParams{Name: "S", DefaultRoleKey: "org:a", CreatorRoleKey: "org:a", Roles: []string{}})), "roles is required"},
		{"RoleSets.Replace nil", roleSets(svc).Replace(ctx, "rs_1", nil), "RoleSets.Replace needs params"},
		{"RoleSets.Replace no destination", roleSets(svc).Replace(ctx, "rs_1", &ReplaceRoleSetParams{}), "dest_role_set_key is required"},
		{"RoleSets.AddRoles nil", second(roleSets(svc).AddRoles(ctx, "rs_1", nil)), "RoleSets.AddRoles needs params"},
		{"RoleSets.AddRoles none", second(roleSets(svc).AddRoles(ctx, "rs_1", &AddRolesParams{DefaultRoleKey: new("org:a")})), "role_keys is required"},
		{"RoleSets.ReplaceRole nil", second(roleSets(svc).ReplaceRole(ctx, "rs_1", nil)), "RoleSets.ReplaceRole needs params"},
		{"RoleSets.ReplaceRole no role", second(roleSets(svc).ReplaceRole(ctx, "rs_1", &ReplaceRoleParams{ToRoleKey: "org:b"})), "role_key is required"},
		{"RoleSets.ReplaceRole no target", second(roleSets(svc).ReplaceRole(ctx, "rs_1", &ReplaceRoleParams{RoleKey: "org:a"})), "to_role_key is required"},
	}
	for _, m := range missing {
		if assert.ErrorIs(t, m.err, internal.ErrInvalidParams, m.name) {
			assert.Contains(t, m.err.Error(), m.want, m.name)
		}
	}
	assert.Empty(t, srv.Operations(), "no request may leave when validation fails")
}

// second returns a call's error, for a table of calls.
func second[T any](_ T, err error) error { return err }

// TestAccessEmptyAnswers: a 2xx without the resource (JSON null, {}, an
// empty 204) is an error matching ErrInvalidResponse, never an empty model
// with a nil error, for every new call that answers one.
func TestAccessEmptyAnswers(t *testing.T) {
	ctx := context.Background()
	for _, body := range []string{"null", "{}", ""} {
		svc := answering(t, body)
		for name, call := range map[string]func() (any, error){
			"CreateDomain":          func() (any, error) { return svc.CreateDomain(ctx, "org_1", &CreateDomainParams{Name: "acme.com"}) },
			"UpdateDomain":          func() (any, error) { return svc.UpdateDomain(ctx, "org_1", "orgdmn_1", nil) },
			"VerifyDomainOwnership": func() (any, error) { return svc.VerifyDomainOwnership(ctx, "org_1", "orgdmn_1") },
			"Roles.Create": func() (any, error) {
				return roles(svc).Create(ctx, &CreateRoleParams{Name: "B", Key: "org:b"})
			},
			"Roles.Get":              func() (any, error) { return roles(svc).Get(ctx, "role_1") },
			"Roles.Update":           func() (any, error) { return roles(svc).Update(ctx, "role_1", nil) },
			"Roles.AssignPermission": func() (any, error) { return roles(svc).AssignPermission(ctx, "role_1", "perm_1") },
			"Roles.RemovePermission": func() (any, error) { return roles(svc).RemovePermission(ctx, "role_1", "perm_1") },
			"Permissions.Create": func() (any, error) {
				return permissions(svc).Create(ctx, &CreatePermissionParams{Name: "R", Key: "org:r:read"})
			},
			"Permissions.Get":    func() (any, error) { return permissions(svc).Get(ctx, "perm_1") },
			"Permissions.Update": func() (any, error) { return permissions(svc).Update(ctx, "perm_1", nil) },
			"RoleSets.Create": func() (any, error) {
				return roleSets(svc).Create(ctx, &CreateRoleSetParams{Name: "S", DefaultRoleKey: "org:a", CreatorRoleKey: "org:a", Roles: []string{"org:a"}})
			},
			"RoleSets.Get":    func() (any, error) { return roleSets(svc).Get(ctx, "rs_1") },
			"RoleSets.Update": func() (any, error) { return roleSets(svc).Update(ctx, "rs_1", nil) },
			"RoleSets.AddRoles": func() (any, error) {
				return roleSets(svc).AddRoles(ctx, "rs_1", &AddRolesParams{RoleKeys: []string{"org:a"}})
			},
			"RoleSets.ReplaceRole": func() (any, error) {
				return roleSets(svc).ReplaceRole(ctx, "rs_1", &ReplaceRoleParams{RoleKey: "org:a", ToRoleKey: "org:b"})
			},
		} {
			v, err := call()
			if !reflect.ValueOf(v).IsNil() || !errors.Is(err, internal.ErrInvalidResponse) {
				t.Errorf("%s on %q: got %+v, %v; want ErrInvalidResponse", name, body, v, err)
			}
		}
	}
}
