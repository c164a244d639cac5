package clerk_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/clerktest"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/users"
)

// The package at a glance: a client, a call and its typed error, and a
// handler behind RequireAuth. It runs against clerktest, an in-memory
// Clerk; in production the key comes from CLERK_SECRET_KEY and the client
// from clerk.NewFromEnv.
func Example() {
	srv := clerktest.NewServer(nil)
	defer srv.Close()
	ctx := context.Background()

	// In production: clerk.New(os.Getenv("CLERK_SECRET_KEY")), or
	// clerk.NewFromEnv().
	c, err := clerk.New(srv.SecretKey, clerk.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()

	_, err = c.Users.Get(ctx, "user_123")
	if errors.Is(err, clerk.ErrNotFound) {
		fmt.Println("no such user")
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /me", func(w http.ResponseWriter, r *http.Request) {
		a, _ := clerk.AuthFromContext(r.Context())
		fmt.Fprint(w, "hello ", a.UserID)
	})
	app := c.RequireAuth(clerk.PublicRoutes("/", "/sign-in(.*)"))(mux)

	u := srv.AddUser(users.User{ID: "user_ada"})
	for _, token := range []string{"", srv.SessionToken(u.ID)} {
		req := httptest.NewRequest(http.MethodGet, "/me", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, req)
		fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
	}
	// Output:
	// no such user
	// 401 {"error":"unauthorized"}
	// 200 hello user_ada
}

// RequireAuth with requirements: each is asked of the token types it is
// about. Here a session token must carry the permission, an API key the
// scope.
func ExampleClient_RequireAuth() {
	srv := clerktest.NewServer(nil)
	defer srv.Close()
	c := srv.Client()

	api := c.RequireAuth(
		clerk.AcceptsToken(clerk.SessionToken, clerk.APIKeyToken),
		clerk.RequirePermission("org:reports:read"), // asked of session tokens
		clerk.RequireScope("reports:read"),          // asked of API keys
	)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, _ := clerk.AuthFromContext(r.Context())
		fmt.Fprint(w, a.TokenType)
	}))

	u := srv.AddUser(users.User{})
	org := srv.AddOrganization(organizations.Organization{Name: "Acme Corp", CreatedBy: u.ID})
	key := srv.AddAPIKey(apikeys.APIKey{Name: "reports job", Subject: u.ID, Scopes: []string{"reports:read"}})
	for _, token := range []string{
		srv.SessionToken(u.ID, clerktest.WithOrganization(org.ID, "org:analyst", "org:reports:read")),
		srv.SessionToken(u.ID, clerktest.WithOrganization(org.ID, "org:member")),
		key.Secret.Reveal(),
	} {
		req := httptest.NewRequest(http.MethodGet, "/reports", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, req)
		fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
	}
	// Output:
	// 200 session_token
	// 403 {"error":"forbidden"}
	// 200 api_key
}
