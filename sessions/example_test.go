package sessions_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/sessions"
)

// Revoking a session signs its user out of that client. Revoking inside
// the loop is safe, even with a Status filter the revoked sessions leave.
func ExampleService_Revoke() {
	c, done := exampleClient()
	defer done()
	ctx := context.Background()

	userID, active := "user_ada", sessions.StatusActive
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
		fmt.Println(s.ID, s.Status)
	}
	// Output:
	// sess_laptop revoked
	// sess_phone revoked
}

// RevokeAll signs a user out everywhere: every active or pending session is
// revoked, and any failure is reported with its session.
func ExampleService_RevokeAll() {
	c, done := exampleClient()
	defer done()

	revoked, err := c.Sessions.RevokeAll(context.Background(), "user_ada")
	if err != nil {
		fmt.Println(err) // the sessions not revoked, and why
	}
	for _, s := range revoked {
		fmt.Println(s.ID, s.Status)
	}
	// Output:
	// sess_laptop revoked
	// sess_phone revoked
}

// A session token is a bearer credential: printing the Token never shows
// the JWT; Token.JWT.Reveal() is the token to send.
func ExampleService_CreateToken() {
	c, done := exampleClient()
	defer done()
	svc := c.Sessions

	tok, err := svc.CreateToken(context.Background(), "sess_laptop", nil)
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

// exampleClient is a Client of spectest's example server (requests and
// answers checked against the spec), which answers the calls of the
// examples from memory; done closes both.
func exampleClient() (c *clerk.Client, done func()) {
	srv := spectest.NewExampleServer()
	var mu sync.Mutex
	now := time.Now()
	all := []*sessions.Session{
		{Object: "session", ID: "sess_laptop", UserID: "user_ada", Status: sessions.StatusActive, CreatedAt: now},
		{Object: "session", ID: "sess_phone", UserID: "user_ada", Status: sessions.StatusActive, CreatedAt: now},
		{Object: "session", ID: "sess_old", UserID: "user_ada", Status: sessions.StatusExpired, CreatedAt: now},
	}
	srv.Mux.HandleFunc("GET /sessions", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		q := r.URL.Query()
		page := []*sessions.Session{}
		for _, s := range all {
			if s.UserID == q.Get("user_id") && (q.Get("status") == "" || string(s.Status) == q.Get("status")) {
				page = append(page, s)
			}
		}
		spectest.WriteJSON(w, http.StatusOK, page)
	})
	srv.Mux.HandleFunc("POST /sessions/{id}/revoke", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		for _, s := range all {
			if s.ID == r.PathValue("id") {
				s.Status = sessions.StatusRevoked
				spectest.WriteJSON(w, http.StatusOK, s)
				return
			}
		}
		spectest.WriteError(w, http.StatusNotFound, "resource_not_found")
	})
	jwt := `{"object":"token","jwt":"eyJhbGciOiJSUzI1NiJ9.e30.sig"}`
	srv.Answer("POST /sessions/{id}/tokens", http.StatusOK, jwt)
	srv.Answer("POST /sessions/{id}/refresh", http.StatusOK, jwt)
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
