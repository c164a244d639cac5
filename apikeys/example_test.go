package apikeys_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/clerktest"
	"github.com/go-clerk/clerk/users"
)

// Example runs the seed's flow against clerktest, an in-memory Clerk:
// create a key with scopes, list the subject's keys, revoke one, and
// authenticate requests with keys.
func Example() {
	srv := clerktest.NewServer(nil) // in a test: clerktest.NewServer(t)
	defer srv.Close()
	const userID = "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk"
	srv.AddUser(users.User{ID: userID})
	c := srv.Client()
	keys := c.APIKeys
	ctx := context.Background()

	// Create a key with scopes. Its secret comes back once, and never prints.
	prod, err := keys.Create(ctx, &apikeys.CreateParams{
		Name: "Production API Key", Subject: userID, Scopes: []string{"users:read"},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("created:", prod.Name, prod.Scopes, "secret printed:", strings.Contains(fmt.Sprint(prod), prod.Secret.Reveal()))
	ci, err := keys.Create(ctx, &apikeys.CreateParams{Name: "CI key", Subject: userID})
	if err != nil {
		panic(err)
	}

	// List the user's keys, newest first.
	for k, err := range keys.All(ctx, &apikeys.ListParams{Subject: userID}) {
		if err != nil {
			panic(err)
		}
		fmt.Println("listed:", k.Name)
	}

	// Revoke one.
	reason := "rotated"
	revoked, err := keys.Revoke(ctx, ci.ID, &apikeys.RevokeParams{RevocationReason: &reason})
	if err != nil {
		panic(err)
	}
	fmt.Println("revoked:", revoked.Name, revoked.Revoked, revoked.RevocationReason)

	// Authenticate requests with a key: RequireAuth accepts API keys when
	// told to, verifies them with Clerk (caching successes for a few
	// seconds) and checks the scope.
	handler := c.RequireAuth(clerk.AcceptsToken(clerk.APIKeyToken), clerk.RequireScope("users:read"))(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a, _ := clerk.AuthFromContext(r.Context())
			fmt.Fprintf(w, "hello %s", a.UserID)
		}))
	for _, secret := range []string{prod.Secret.Reveal(), ci.Secret.Reveal(), "ak_not_a_key"} {
		req := httptest.NewRequest(http.MethodGet, "/reports", nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		fmt.Println(rec.Code, strings.TrimSpace(rec.Body.String()))
	}

	// Output:
	// created: Production API Key [users:read] secret printed: false
	// listed: CI key
	// listed: Production API Key
	// revoked: CI key true rotated
	// 200 hello user_2xhFjEI5X2qWRvtV13BzSj8H6Dk
	// 401 {"error":"unauthorized"}
	// 401 {"error":"unauthorized"}
}
