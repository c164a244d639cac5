// Command server is a Go backend protected by Clerk: session tokens from
// the browser, API keys from machines, role and permission checks, and the
// webhook endpoint Clerk's deliveries reach.
//
//	CLERK_SECRET_KEY=sk_test_... CLERK_WEBHOOK_SIGNING_SECRET=whsec_... go run ./examples/server
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"log/slog"
	"net/http"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/webhooks"
)

func main() {
	c, err := clerk.NewFromEnv(clerk.WithLogger(slog.Default()))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	// CLERK_WEBHOOK_SIGNING_SECRET, or CLERK_WEBHOOK_SECRET.
	wh, err := webhooks.NewVerifierFromEnv()
	if err != nil {
		log.Fatal(err)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", home)
	mux.HandleFunc("GET /me", me)
	mux.HandleFunc("POST /billing", billing)
	mux.HandleFunc("GET /api/users", apiUsers)
	mux.Handle("POST /webhooks/clerk", webhooks.Handler(wh, onEvent, webhooks.WithLogger(slog.Default())))

	// Session tokens everywhere but on the public routes. /api/v1/ is public
	// here because its own RequireAuth below also accepts API keys.
	app := c.RequireAuth(clerk.PublicRoutes("/", "/sign-in(.*)", "/webhooks/:path*", "/api/v1/:path*"))(mux)

	// Charging needs a permission of the active organization, and a second
	// factor verified in the last 10 minutes.
	mux.Handle("POST /billing/charge", c.RequireAuth(
		clerk.RequirePermission("org:billing:manage"),
		clerk.RequireReverification(clerk.ReverifyStrict),
	)(http.HandlerFunc(billing)))

	// The machine API takes API keys as well as session tokens: each
	// requirement is asked of the token type it is about.
	mux.Handle("GET /api/v1/", c.RequireAuth(
		clerk.AcceptsToken(clerk.SessionToken, clerk.APIKeyToken),
		clerk.RequirePermission("org:users:read"), // session tokens
		clerk.RequireScope("users:read"),          // API keys
	)(http.HandlerFunc(apiUsers)))

	log.Println("listening on :8080")
	log.Fatal(http.ListenAndServe(":8080", app))
}

func home(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "hello") }

func me(w http.ResponseWriter, r *http.Request) {
	a, ok := clerk.AuthFromContext(r.Context())
	if !ok {
		http.Error(w, "signed out", http.StatusUnauthorized)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{
		"user": a.UserID, "session": a.SessionID, "org": a.OrgID, "role": a.OrgRole,
		"admin": a.HasRole("org:admin"), "can_bill": a.HasPermission("org:billing:manage"),
	})
}

func billing(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "charged") }

func apiUsers(w http.ResponseWriter, r *http.Request) {
	a, _ := clerk.AuthFromContext(r.Context())
	fmt.Fprintf(w, "%s %s\n", a.TokenType, a.Subject)
}

func onEvent(ctx context.Context, ev *webhooks.Event) error {
	switch ev.Type {
	case webhooks.UserCreated:
		u, err := ev.User()
		if err != nil {
			return err
		}
		log.Printf("welcome %s (%s)", u.ID, ev.ID)
	case webhooks.UserDeleted:
		d, err := ev.Deleted()
		if err != nil {
			return err
		}
		log.Printf("forget %s", d.ID)
	}
	return nil
}
