// Command ssr is a server-rendered Go app (html/template) signed in with
// Clerk: a public home page, a dashboard for signed-in users, sign-out.
// Browsers are handled as Clerk's JS SDKs handle them: the session cookies
// Clerk's frontends set, the handshake that refreshes an expired session
// token, the redirect to the sign-in page.
//
// With CLERK_SECRET_KEY and CLERK_PUBLISHABLE_KEY set (and CLERK_SIGN_IN_URL,
// or Clerk's Account Portal serves the sign-in), it serves on ADDR
// (default 127.0.0.1:8080):
//
//	CLERK_SECRET_KEY=sk_test_... CLERK_PUBLISHABLE_KEY=pk_test_... go run ./examples/ssr
//
// Without them, it stands up clerktest (an in-memory Clerk with a Frontend
// API and a sign-in page) on loopback, adds a user, and serves the app
// until interrupted: open the URL it prints and sign in with the user ID it
// prints.
package main

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/clerktest"
	"github.com/go-clerk/clerk/users"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Stdout, os.Getenv("ADDR")); err != nil {
		log.Fatal(err)
	}
}

// run serves the app on addr until ctx ends.
func run(ctx context.Context, w io.Writer, addr string) error {
	if os.Getenv("CLERK_SECRET_KEY") == "" {
		// No instance: stand one up in memory and point the environment at
		// it, so that the code below runs as it does in production.
		srv := clerktest.NewServer(nil)
		defer srv.Close()
		for k, v := range map[string]string{
			"CLERK_SECRET_KEY": srv.SecretKey, "CLERK_API_URL": srv.URL, "CLERK_PUBLISHABLE_KEY": srv.PublishableKey,
			"CLERK_PROXY_URL": srv.FrontendAPIURL, "CLERK_SIGN_IN_URL": srv.SignInURL,
		} {
			os.Setenv(k, v)
		}
		ada := srv.AddUser(users.User{FirstName: "Ada", LastName: "Lovelace"})
		fmt.Fprintf(w, "clerktest: sign in as %s (Ada Lovelace)\n", ada.ID)
	}
	if addr == "" {
		addr = "127.0.0.1:8080"
	}

	c, err := clerk.NewFromEnv(clerk.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, nil))))
	if err != nil {
		return err
	}
	defer c.Close()

	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: newApp(c), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		_ = hs.Shutdown(context.Background())
	}()
	fmt.Fprintf(w, "listening on http://%s\n", l.Addr())
	if err := hs.Serve(l); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newApp is the app: its pages and who may see them.
func newApp(c *clerk.Client) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", home)
	mux.HandleFunc("GET /dashboard", dashboard(c))
	mux.HandleFunc("POST /sign-out", signOut(c))

	// Every page but the home page needs a signed-in user. A browser that
	// is not signed in is sent to the sign-in page (CLERK_SIGN_IN_URL),
	// and back here once signed in; one whose session token expired goes
	// through Clerk's handshake and comes back with a new one.
	return c.RequireAuth(clerk.PublicRoutes("/"))(mux)
}

var pages = template.Must(template.New("layout").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}} · Go + Clerk</title>
<style>
body{font:16px system-ui,sans-serif;max-width:40rem;margin:3rem auto;color:#222}
nav{display:flex;gap:1rem;align-items:center;border-bottom:1px solid #ddd;padding-bottom:.5rem}
nav form{margin-left:auto} button{font:inherit} dt{font-weight:600}
</style></head><body>
<nav><a href="/">Home</a><a href="/dashboard">Dashboard</a>
{{if .UserID}}<form method="post" action="/sign-out"><button id="sign-out" type="submit">Sign out</button></form>{{end}}</nav>
<h1 id="title">{{.Title}}</h1>
{{if eq .Title "Dashboard"}}
<p id="greeting">Hello, {{.Name}}.</p>
<dl><dt>User</dt><dd id="user-id">{{.UserID}}</dd>
<dt>Session</dt><dd id="session-id">{{.SessionID}}</dd>
<dt>Session token expires</dt><dd id="expires">{{.Expires}}</dd></dl>
{{else if .UserID}}
<p id="status">You are signed in. Your <a href="/dashboard">dashboard</a> waits.</p>
{{else}}
<p id="status">You are signed out. The <a href="/dashboard">dashboard</a> asks you to sign in.</p>
{{end}}
</body></html>
`))

// page is what a page shows.
type page struct {
	Title, UserID, SessionID, Name, Expires string
}

func render(w http.ResponseWriter, p page) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store") // pages differ by who is signed in
	if err := pages.Execute(w, p); err != nil {
		log.Print(err)
	}
}

func home(w http.ResponseWriter, r *http.Request) {
	p := page{Title: "Home"}
	if a, ok := clerk.AuthFromContext(r.Context()); ok {
		p.UserID = a.UserID
	}
	render(w, p)
}

func dashboard(c *clerk.Client) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, _ := clerk.AuthFromContext(r.Context()) // RequireAuth let only signed-in users here
		u, err := c.Users.Get(r.Context(), a.UserID)
		if err != nil {
			http.Error(w, "could not load your profile", http.StatusBadGateway)
			return
		}
		render(w, page{Title: "Dashboard", UserID: a.UserID, SessionID: a.SessionID,
			Name: u.FirstName + " " + u.LastName, Expires: a.Claims.ExpiresAt.UTC().Format(time.RFC3339)})
	}
}

// signOut ends the session and sends the browser home. The form posts to
// the app's own origin; the session cookies are SameSite=Lax, so another
// site cannot post it with them.
func signOut(c *clerk.Client) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := c.SignOut(w, r); err != nil {
			log.Printf("sign-out: %v", err) // the browser is signed out all the same
		}
		http.Redirect(w, r, "/", http.StatusSeeOther)
	}
}
