// Command http-middleware is a Go backend protected by Clerk's middleware:
// session tokens from browsers, API keys from machines, role and permission
// checks, public routes.
//
// With CLERK_SECRET_KEY set it serves on ADDR (default :8080):
//
//	CLERK_SECRET_KEY=sk_test_... go run ./examples/http-middleware
//
// Without it, it stands up clerktest (an in-memory Clerk) in its place,
// serves on a loopback port, calls itself as a browser and a machine would,
// prints what each call got, and exits (non-zero if any call got an
// unexpected answer).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/clerktest"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/users"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, w io.Writer) error {
	var srv *clerktest.Server
	if os.Getenv("CLERK_SECRET_KEY") == "" {
		// No instance: stand one up in memory and point the environment at
		// it, so that the code below runs as it does in production.
		srv = clerktest.NewServer(nil)
		defer srv.Close()
		os.Setenv("CLERK_SECRET_KEY", srv.SecretKey)
		os.Setenv("CLERK_API_URL", srv.URL)
		os.Setenv("CLERK_PUBLISHABLE_KEY", srv.PublishableKey)
	}

	c, err := clerk.NewFromEnv(clerk.WithLogger(slog.Default()))
	if err != nil {
		return err
	}
	defer c.Close()
	app := newApp(c)

	if srv == nil {
		addr := os.Getenv("ADDR")
		if addr == "" {
			addr = ":8080"
		}
		log.Println("listening on", addr)
		return (&http.Server{Addr: addr, Handler: app, ReadHeaderTimeout: 10 * time.Second}).ListenAndServe()
	}
	return demo(ctx, w, srv, app)
}

// newApp is the backend: its routes and what each requires.
func newApp(c *clerk.Client) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", home)
	mux.HandleFunc("GET /me", me)

	// Session tokens everywhere but on the public routes. /api/v1/ is public
	// here because its own RequireAuth below also accepts API keys.
	app := c.RequireAuth(clerk.PublicRoutes("/", "/sign-in(.*)", "/api/v1/:path*"))(mux)

	// Charging needs a permission of the active organization, and a
	// verification of the user's second factor (or, without one, their
	// first) in the last 10 minutes.
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
	return app
}

func home(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "hello") }

func me(w http.ResponseWriter, r *http.Request) {
	a, ok := clerk.AuthFromContext(r.Context())
	if !ok {
		http.Error(w, "signed out", http.StatusUnauthorized)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{
		"user": a.UserID, "org": a.OrgSlug, "role": a.OrgRole,
		"admin": a.HasRole("org:admin"), "can_bill": a.HasPermission("org:billing:manage"),
	})
}

func billing(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "charged") }

func apiUsers(w http.ResponseWriter, r *http.Request) {
	a, _ := clerk.AuthFromContext(r.Context())
	fmt.Fprintf(w, "%s %s\n", a.TokenType, a.Subject)
}

// demo serves the app on a loopback port and calls it with clerktest's
// session tokens and API keys.
func demo(ctx context.Context, w io.Writer, srv *clerktest.Server, app http.Handler) error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: app, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(l) }()
	defer hs.Close()
	base := "http://" + l.Addr().String()

	// The instance: a user in an organization whose role may bill and read
	// users, another with a plain membership, and two API keys.
	srv.AddRole("org:finance", "org:billing:manage", "org:users:read")
	ada := srv.AddUser(users.User{FirstName: "Ada"})
	grace := srv.AddUser(users.User{FirstName: "Grace"})
	org := srv.AddOrganization(organizations.Organization{Name: "Acme Corp", CreatedBy: ada.ID})
	srv.AddMembership(org.ID, grace.ID, "org:finance")
	reader := srv.AddAPIKey(apikeys.APIKey{Name: "reporting", Subject: ada.ID, Scopes: []string{"users:read"}})
	other := srv.AddAPIKey(apikeys.APIKey{Name: "other", Subject: ada.ID, Scopes: []string{"billing:read"}})
	adaTok := srv.SessionToken(ada.ID, clerktest.WithOrganization(org.ID, ""))
	graceTok := srv.SessionToken(grace.ID, clerktest.WithOrganization(org.ID, ""))

	var failed []string
	for _, tt := range []struct {
		what, method, path, token string
		want                      int
	}{
		{"public, no token", "GET", "/", "", 200},
		{"no token", "GET", "/me", "", 401},
		{"a forged token", "GET", "/me", adaTok[:len(adaTok)-4] + "AAAA", 401},
		{"Ada's session", "GET", "/me", adaTok, 200},
		{"Grace (org:finance) charges", "POST", "/billing/charge", graceTok, 200},
		{"Ada (org:admin, no billing permission) charges", "POST", "/billing/charge", adaTok, 403},
		{"an API key with users:read", "GET", "/api/v1/users", reader.Secret.Reveal(), 200},
		{"an API key without it", "GET", "/api/v1/users", other.Secret.Reveal(), 403},
		{"Grace's session (org:users:read)", "GET", "/api/v1/users", graceTok, 200},
	} {
		req, err := http.NewRequestWithContext(ctx, tt.method, base+tt.path, nil)
		if err != nil {
			return err
		}
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
		resp.Body.Close()
		fmt.Fprintf(w, "%-4s %-15s %-48s %d %s\n", tt.method, tt.path, tt.what, resp.StatusCode, strings.TrimSpace(string(body)))
		if resp.StatusCode != tt.want {
			failed = append(failed, fmt.Sprintf("%s: %d, want %d", tt.what, resp.StatusCode, tt.want))
		}
	}
	if len(failed) > 0 {
		return errors.New(strings.Join(failed, "; "))
	}
	return nil
}
