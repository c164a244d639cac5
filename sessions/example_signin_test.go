package sessions_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/sessions"
)

// A sign-in token signs a user in from the backend: send the user its URL
// (or hand its token to your front end as a ticket). Printing the token
// never shows the credential; Reveal does.
func ExampleSignInTokenService_Create() {
	c, done := specExampleClient()
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
	c, done := specExampleClient()
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

// specExampleClient is a Client of spectest's example server (requests and
// answers checked against the spec), answering the calls of the sign-in and
// refresh examples, which clerktest does not model; done closes both.
func specExampleClient() (c *clerk.Client, done func()) {
	srv := spectest.NewExampleServer()
	srv.Answer("POST /sessions/{id}/refresh", http.StatusOK, `{"object":"token","jwt":"eyJhbGciOiJSUzI1NiJ9.e30.sig"}`)
	token := func(status string) string {
		return `{"object":"sign_in_token","id":"sit_1","status":"` + status + `","user_id":"user_ada",
			"token":"ticket","url":"https://accounts.example.com/sign-in?__clerk_ticket=ticket",
			"created_at":1700000000000,"updated_at":1700000000000}`
	}
	srv.Answer("POST /sign_in_tokens", http.StatusOK, token("pending"))
	srv.Answer("POST /sign_in_tokens/{id}/revoke", http.StatusOK, token("revoked"))
	c, err := clerk.New("sk_test_example", clerk.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	return c, func() { c.Close(); srv.Close() }
}
