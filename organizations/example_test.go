package organizations_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/clerktest"
	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/users"
)

// The seed flow: create an organization with a creator, add a member with a
// role, list the members. (Against clerktest, an in-memory Clerk.)
func Example() {
	srv := clerktest.NewServer(nil) // in a test: clerktest.NewServer(t)
	defer srv.Close()
	for _, u := range []string{"ada", "grace"} {
		srv.AddUser(users.User{ID: "user_" + u, EmailAddresses: []users.EmailAddress{{EmailAddress: u + "@example.com"}}})
	}
	orgs := srv.Client().Organizations
	ctx := context.Background()

	o, err := orgs.Create(ctx, &organizations.CreateParams{Name: "Acme Corp", Slug: clerk.String("acme-corp"), CreatedBy: clerk.String("user_ada")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created", o.Name, o.Slug)

	m, err := orgs.CreateMembership(ctx, o.ID, &organizations.CreateMembershipParams{UserID: "user_grace", Role: "org:member"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("added", m.PublicUserData.Identifier, "as", m.Role)

	for m, err := range orgs.AllMemberships(ctx, o.ID, nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(m.PublicUserData.Identifier, m.Role)
	}
	// Output:
	// created Acme Corp acme-corp
	// added grace@example.com as org:member
	// ada@example.com org:admin
	// grace@example.com org:member
}

// A B2B setup: a custom permission, a role that grants it, offered in the
// default role set, and the customer's e-mail domain, whose users get an
// invitation to the organization.
func Example_rolesAndDomains() {
	srv := spectest.NewExampleServer()
	defer srv.Close()
	srv.Answer("POST /organization_permissions", http.StatusOK, `{"object":"permission","id":"perm_1","name":"Read invoices",
		"key":"org:invoices:read","description":"","type":"custom","created_at":1716883200000,"updated_at":1716883200000}`)
	srv.Answer("POST /organization_roles", http.StatusOK, `{"object":"role","id":"role_1","name":"Billing","key":"org:billing",
		"description":null,"is_creator_eligible":false,"created_at":1716883200000,"updated_at":1716883200000,
		"permissions":[{"object":"permission","id":"perm_1","name":"Read invoices","key":"org:invoices:read",
			"description":"","type":"custom","created_at":1716883200000,"updated_at":1716883200000}]}`)
	srv.Answer("POST /role_sets/role_set:default/roles", http.StatusOK, `{"object":"role_set","id":"rs_1","name":"Default","key":"role_set:default",
		"description":null,"type":"initial","created_at":1716883200000,"updated_at":1716883200000,"roles":[
			{"object":"role_set_item","id":"role_admin","name":"Admin","key":"org:admin","description":null,"created_at":1716883200000,"updated_at":1716883200000},
			{"object":"role_set_item","id":"role_member","name":"Member","key":"org:member","description":null,"created_at":1716883200000,"updated_at":1716883200000},
			{"object":"role_set_item","id":"role_1","name":"Billing","key":"org:billing","description":null,"created_at":1716883200000,"updated_at":1716883200000}]}`)
	srv.Answer("POST /organizations/org_acme/domains", http.StatusOK, `{"object":"organization_domain","id":"orgdmn_1","organization_id":"org_acme",
		"name":"acme.com","enrollment_mode":"automatic_invitation","affiliation_email_address":null,
		"affiliation_verification":null,"ownership_verification":null,"verification":null,
		"total_pending_invitations":0,"total_pending_suggestions":0,"created_at":1716883200000,"updated_at":1716883200000}`)
	c, err := clerk.New("sk_test_example", clerk.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	ctx := context.Background()

	p, err := c.OrganizationPermissions.Create(ctx, &organizations.CreatePermissionParams{Name: "Read invoices", Key: "org:invoices:read"})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := c.OrganizationRoles.Create(ctx, &organizations.CreateRoleParams{Name: "Billing", Key: "org:billing", Permissions: []string{p.ID}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Key, "grants", r.Permissions[0].Key)

	set, err := c.RoleSets.AddRoles(ctx, "role_set:default", &organizations.AddRolesParams{RoleKeys: []string{r.Key}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, role := range set.Roles {
		fmt.Print(role.Key, " ")
	}
	fmt.Println("in", set.Key)

	d, err := c.Organizations.CreateDomain(ctx, "org_acme", &organizations.CreateDomainParams{
		Name: "acme.com", EnrollmentMode: new(organizations.EnrollmentAutomaticInvitation),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Name, d.EnrollmentMode)
	// Output:
	// org:billing grants org:invoices:read
	// org:admin org:member org:billing in role_set:default
	// acme.com automatic_invitation
}
