package sessions_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/sessions"
)

// A sign-in token signs a user in from the backend: send the user its URL
// (or hand its token to your front end as a ticket). Printing the token
// never shows the credential; Reveal does.
func ExampleSignInTokenService_Create() {
	c, done := exampleClient()
	defer done()
	ctx := context.Background()

	tok, err := c.SignInTokens.Create(ctx, &sessions.SignInTokenParams{UserID: "user_ada", ExpiresInSeconds: clerk.Int(600)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok.ID, tok.Status, tok.URL)
	link := tok.URL.Reveal() // what to send the user
	fmt.Println(strings.Contains(link, "__clerk_ticket="))

	tok, err = c.SignInTokens.Revoke(ctx, tok.ID) // changed our mind
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok.ID, tok.Status)
	// Output:
	// sit_1 pending [redacted]
	// true
	// sit_1 revoked
}

// Refresh answers a token or cookies, as the params ask; Object says which.
func ExampleService_Refresh() {
	c, done := exampleClient()
	defer done()

	r, err := c.Sessions.Refresh(context.Background(), "sess_laptop", &sessions.RefreshParams{
		ExpiredToken:  "eyJ...expired", // the __session cookie
		RefreshToken:  "refresh-token", // the __refresh cookie
		RequestOrigin: "https://example.com",
	})
	if err != nil {
		fmt.Println(err) // a 401 (clerk.ErrUnauthorized): fall back to the handshake
		return
	}
	switch r.Object {
	case sessions.RefreshedToken:
		fmt.Println("token", r.JWT, len(r.JWT.Reveal()) > 0)
	case sessions.RefreshedCookies:
		fmt.Println(len(r.Cookies), "cookies")
	}
	// Output:
	// token [redacted] true
}
