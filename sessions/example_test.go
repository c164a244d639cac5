package sessions_test

import (
	"context"
	"fmt"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/clerktest"
	"github.com/go-clerk/clerk/sessions"
	"github.com/go-clerk/clerk/users"
)

// Revoking a session signs its user out of that client. Revoking inside
// the loop is safe, even with a Status filter the revoked sessions leave.
func ExampleService_Revoke() {
	c, userID, done := exampleClient()
	defer done()
	ctx := context.Background()

	active := sessions.StatusActive
	for s, err := range c.Sessions.All(ctx, &sessions.ListParams{UserID: &userID, Status: &active}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		s, err := c.Sessions.Revoke(ctx, s.ID)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(s.Status)
	}
	// Output:
	// revoked
	// revoked
}

// RevokeAll signs a user out everywhere: every active or pending session is
// revoked, and any failure is reported with its session.
func ExampleService_RevokeAll() {
	c, userID, done := exampleClient()
	defer done()

	revoked, err := c.Sessions.RevokeAll(context.Background(), userID)
	if err != nil {
		fmt.Println(err) // the sessions not revoked, and why
	}
	for _, s := range revoked {
		fmt.Println(s.Status)
	}
	// Output:
	// revoked
	// revoked
}

// A session token is a bearer credential: printing the Token never shows
// the JWT; Token.JWT.Reveal() is the token to send.
func ExampleService_CreateToken() {
	c, userID, done := exampleClient()
	defer done()
	ctx := context.Background()
	page, err := c.Sessions.List(ctx, &sessions.ListParams{UserID: &userID})
	if err != nil {
		fmt.Println(err)
		return
	}

	tok, err := c.Sessions.CreateToken(ctx, page.Data[0].ID, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", tok)               // the JWT is a Secret: printed redacted
	fmt.Println(len(tok.JWT.Reveal()) > 0) // Reveal is the token to send
	// Output:
	// &{Object:token JWT:[redacted]}
	// true
}

// exampleClient is a client of clerktest, an in-memory Clerk, holding a
// user signed in on two devices and signed out of a third; done closes
// both.
func exampleClient() (c *clerk.Client, userID string, done func()) {
	srv := clerktest.NewServer(nil)
	u := srv.AddUser(users.User{FirstName: "Ada"})
	for range 3 {
		srv.SessionToken(u.ID) // a new session each
	}
	c = srv.Client()
	page, err := c.Sessions.List(context.Background(), &sessions.ListParams{UserID: &u.ID})
	if err == nil {
		_, err = c.Sessions.Revoke(context.Background(), page.Data[2].ID) // the oldest
	}
	if err != nil {
		panic(err)
	}
	return c, u.ID, srv.Close
}
