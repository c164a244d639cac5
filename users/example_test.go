package users_test

import (
	"context"
	"fmt"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/clerktest"
	"github.com/go-clerk/clerk/users"
)

// The Users flow: create users, merge metadata, walk them all, count them.
// (Against clerktest, an in-memory Clerk.)
func Example() {
	srv := clerktest.NewServer(nil) // in a test: clerktest.NewServer(t)
	defer srv.Close()
	us := srv.Client().Users
	ctx := context.Background()

	u, err := us.Create(ctx, &users.CreateParams{
		EmailAddresses: []string{"john@example.com"},
		FirstName:      clerk.String("John"),
		PublicMetadata: users.Metadata{"role": "member"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created", u.FullName(), u.PrimaryEmailAddress().EmailAddress)

	u, err = us.UpdateMetadata(ctx, u.ID, &users.MetadataParams{Public: users.Metadata{"role": "admin"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("role", u.PublicMetadata["role"])

	if _, err := us.Create(ctx, &users.CreateParams{EmailAddresses: []string{"jane@example.com"}, FirstName: clerk.String("Jane")}); err != nil {
		fmt.Println(err)
		return
	}
	for u, err := range us.All(ctx, nil) { // newest first
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(u.FirstName, u.PrimaryEmailAddress().EmailAddress, u.PublicMetadata["role"])
	}
	n, err := us.Count(ctx, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("count", n)
	// Output:
	// created John john@example.com
	// role admin
	// Jane jane@example.com <nil>
	// John john@example.com admin
	// count 2
}
