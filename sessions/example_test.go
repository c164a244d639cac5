package sessions_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/go-clerk/clerk"
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

// exampleClient is a Client of the fake below; done closes both.
func exampleClient() (c *clerk.Client, done func()) {
	srv := fakeClerk()
	c, err := clerk.New("sk_test_example", clerk.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		panic(err)
	}
	return c, func() { c.Close(); srv.Close() }
}

// fakeClerk is a tiny in-memory stand-in for the Backend API: just the
// session endpoints the examples call.
func fakeClerk() *httptest.Server {
	var mu sync.Mutex
	now := time.Now()
	all := []*sessions.Session{
		{Object: "session", ID: "sess_laptop", UserID: "user_ada", Status: sessions.StatusActive, CreatedAt: now},
		{Object: "session", ID: "sess_phone", UserID: "user_ada", Status: sessions.StatusActive, CreatedAt: now},
		{Object: "session", ID: "sess_old", UserID: "user_ada", Status: sessions.StatusExpired, CreatedAt: now},
	}
	reply := func(w http.ResponseWriter, v any) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/sessions", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		q := r.URL.Query()
		var page []*sessions.Session
		for _, s := range all {
			if s.UserID == q.Get("user_id") && (q.Get("status") == "" || string(s.Status) == q.Get("status")) {
				page = append(page, s)
			}
		}
		reply(w, sessions.Page[sessions.Session]{Data: page, TotalCount: int64(len(page))}) // paginated=true shape
	})
	mux.HandleFunc("POST /v1/sessions/{id}/revoke", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		for _, s := range all {
			if s.ID == r.PathValue("id") {
				s.Status = sessions.StatusRevoked
				reply(w, s)
				return
			}
		}
		w.WriteHeader(http.StatusNotFound)
	})
	mux.HandleFunc("POST /v1/sessions/{id}/tokens", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"object":"token","jwt":"eyJhbGciOiJSUzI1NiJ9.e30.sig"}`))
	})
	return httptest.NewServer(mux)
}
