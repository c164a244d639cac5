// Package organizations is the Organizations part of the Clerk Backend API:
// organizations, their memberships, invitations and domains, and the roles,
// permissions and role sets that decide what members may do.
//
// Four services cover it, all fields of clerk.Client: Organizations
// (Service: organizations, logos, memberships, invitations, domains),
// OrganizationRoles (RoleService), OrganizationPermissions
// (PermissionService) and RoleSets (RoleSetService). Most programs start
// with Organizations:
//
//	o, err := c.Organizations.Create(ctx, &organizations.CreateParams{
//		Name: "Acme Corp", Slug: clerk.String("acme-corp"), CreatedBy: clerk.String(userID),
//	})
//	_, err = c.Organizations.CreateMembership(ctx, o.ID, &organizations.CreateMembershipParams{
//		UserID: otherUserID, Role: "org:member",
//	})
//	for m, err := range c.Organizations.AllMemberships(ctx, o.ID, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(m.PublicUserData.Identifier, m.Role)
//	}
//
// Custom roles: create the permissions, a role that grants them, and add the
// role to a role set (the initial one, which new organizations get, unless
// an organization is given another RoleSetKey):
//
//	p, err := c.OrganizationPermissions.Create(ctx, &organizations.CreatePermissionParams{
//		Name: "Read invoices", Key: "org:invoices:read",
//	})
//	r, err := c.OrganizationRoles.Create(ctx, &organizations.CreateRoleParams{
//		Name: "Billing", Key: "org:billing", Permissions: []string{p.ID},
//	})
//	_, err = c.RoleSets.AddRoles(ctx, "role_set:default", &organizations.AddRolesParams{RoleKeys: []string{r.Key}})
//
// Every list has List (one page, with TotalCount) and All (an iterator that
// pages lazily). Metadata changes go through UpdateMetadata (deep merge; a
// key set to nil is deleted) or ReplaceMetadata: since API version
// 2026-05-12, Update no longer takes metadata.
//
// Errors: an answer other than 2xx is a *clerk.APIError, which matches the
// status sentinels: errors.Is(err, clerk.ErrNotFound) for an unknown
// organization, clerk.ErrUnprocessable for a rejected field (inspect its
// Errors with errors.As). An empty or unsafe ID, or a missing required field,
// fails before any request with an error matching clerk.ErrInvalidParams.
package organizations
