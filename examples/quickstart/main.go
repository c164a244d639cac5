// Command quickstart walks through the Users API: create a user, read it,
// merge metadata, list, count, delete, and inspect a typed error.
//
// With CLERK_SECRET_KEY set it talks to your Clerk instance (use a
// development instance: it creates and deletes one user). Without it, it
// runs against a small in-memory fake of the Backend API started in the same
// process, so it works offline on a fresh clone:
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/users"
)

func main() {
	if err := run(context.Background()); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context) error {
	c, email, cleanup, err := newClient()
	if err != nil {
		return err
	}
	defer cleanup()
	defer c.Close()

	// Create a user with an email address, a password and public metadata.
	u, err := c.Users.Create(ctx, &users.CreateParams{
		EmailAddresses: []string{email},
		Password:       clerk.String("correct-horse-battery-staple-42"),
		FirstName:      clerk.String("John"),
		PublicMetadata: clerk.Metadata{"role": "member"},
	})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	fmt.Printf("created %s <%s>\n", u.ID, u.PrimaryEmailAddress().EmailAddress)

	// Merge metadata: keys not named are kept (PATCH .../metadata).
	u, err = c.Users.UpdateMetadata(ctx, u.ID, &users.MetadataParams{Public: clerk.Metadata{"role": "admin"}})
	if err != nil {
		return fmt.Errorf("update metadata: %w", err)
	}
	fmt.Printf("role is now %v\n", u.PublicMetadata["role"])

	// One page, filtered; and the count of the same filter.
	page, err := c.Users.List(ctx, &users.ListParams{EmailAddresses: []string{email}, Limit: clerk.Int(10)})
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	n, err := c.Users.Count(ctx, &users.ListParams{EmailAddresses: []string{email}})
	if err != nil {
		return fmt.Errorf("count: %w", err)
	}
	fmt.Printf("list found %d, count says %d\n", len(page.Data), n)

	// Every user, page by page, lazily.
	total := 0
	for _, err := range c.Users.All(ctx, nil) {
		if err != nil {
			return fmt.Errorf("all: %w", err)
		}
		total++
	}
	fmt.Printf("the instance has %d user(s)\n", total)

	// Delete, then see the typed error of a missing user.
	if err := c.Users.Delete(ctx, u.ID); err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	_, err = c.Users.Get(ctx, u.ID)
	var apiErr *clerk.APIError
	if errors.Is(err, clerk.ErrNotFound) && errors.As(err, &apiErr) {
		fmt.Printf("deleted: Get answers %d %s\n", apiErr.StatusCode, apiErr.Errors[0].Code)
	} else {
		return fmt.Errorf("get after delete: want not found, got %v", err)
	}
	return nil
}

// newClient returns a client for the instance in CLERK_SECRET_KEY, or for an
// in-memory fake when it is unset.
func newClient() (c *clerk.Client, email string, cleanup func(), err error) {
	if os.Getenv("CLERK_SECRET_KEY") != "" {
		c, err = clerk.NewFromEnv(clerk.WithUserAgent("go-clerk-quickstart"))
		email = fmt.Sprintf("quickstart+%d@example.com", time.Now().Unix())
		return c, email, func() {}, err
	}
	fmt.Println("CLERK_SECRET_KEY is not set: using the in-memory fake Backend API")
	srv := newFake()
	c, err = clerk.New(fakeSecretKey, clerk.WithBaseURL(srv.URL+"/v1"))
	return c, "john@example.com", srv.Close, err
}
