// Command admin shows the management side of the SDK against a real Clerk
// instance (use a development instance): it creates an organization with a
// creator, adds a member, lists members, issues and revokes an API key, and
// signs a user out by revoking their sessions.
//
//	CLERK_SECRET_KEY=sk_test_... go run ./examples/admin user_creator user_member
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/sessions"
)

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: admin <creator user ID> <member user ID>")
	}
	c, err := clerk.NewFromEnv()
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, c, os.Args[1], os.Args[2]); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, c *clerk.Client, userID, memberID string) error {
	// Create an organization with its creator, and add a member with a role.
	org, err := c.Organizations.Create(ctx, &organizations.CreateParams{
		Name:      "Acme Corp",
		Slug:      clerk.String(fmt.Sprintf("acme-corp-%d", time.Now().Unix())),
		CreatedBy: clerk.String(userID),
	})
	if err != nil {
		return err
	}
	defer c.Organizations.Delete(ctx, org.ID)

	_, err = c.Organizations.CreateMembership(ctx, org.ID, &organizations.CreateMembershipParams{
		UserID: memberID,
		Role:   "org:member",
	})
	if err != nil {
		return err
	}

	// List the members, page by page.
	for m, err := range c.Organizations.AllMemberships(ctx, org.ID, nil) {
		if err != nil {
			return err
		}
		fmt.Println(m.PublicUserData.Identifier, m.Role)
	}

	// Issue an API key to the user, list the user's keys, revoke it.
	key, err := c.APIKeys.Create(ctx, &apikeys.CreateParams{
		Name:    "Production API Key",
		Subject: userID,
		Scopes:  []string{"users:read"},
	})
	if err != nil {
		return err
	}
	fmt.Println("hand this secret to the client once:", !key.Secret.IsZero())

	keys, err := c.APIKeys.List(ctx, &apikeys.ListParams{Subject: userID})
	if err != nil {
		return err
	}
	fmt.Println("the user has", len(keys.Data), "API key(s)")

	if _, err := c.APIKeys.Revoke(ctx, key.ID, nil); err != nil {
		return err
	}

	// Sign the member out everywhere: revoke each active session.
	active := sessions.StatusActive
	for s, err := range c.Sessions.All(ctx, &sessions.ListParams{UserID: clerk.String(memberID), Status: &active}) {
		if err != nil {
			return err
		}
		if _, err := c.Sessions.Revoke(ctx, s.ID); err != nil {
			return err
		}
	}
	return nil
}
