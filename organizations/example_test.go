package organizations_test

import (
	"context"
	"fmt"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/clerktest"
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
