package oauth_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
	"github.com/go-clerk/clerk/oauth"
)

// An OAuth application for a command-line tool: create it, hand its client
// secret to the tool without logging it, and rotate the secret later.
// (Against a tiny fake of the API that checks every request and answer
// against Clerk's spec.)
func Example() {
	srv := fakeClerk()
	defer srv.Close()
	c, err := clerk.New("sk_test_example", clerk.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	ctx := context.Background()

	app, err := c.OAuthApplications.Create(ctx, &oauth.CreateParams{
		Name:         "Acme CLI",
		RedirectURIs: []string{"http://127.0.0.1:8976/callback"},
		Scopes:       clerk.String("profile email"),
		PKCERequired: clerk.Bool(true),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(app.ID, app.ClientID, app.Scopes)

	// The secret is redacted wherever the application is printed or logged.
	log := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // keep the example's output stable
			}
			return a
		},
	}))
	log.Info("created", "client_secret", app.ClientSecret)
	first := app.ClientSecret.Reveal() // what the tool is configured with

	app, err = c.OAuthApplications.RotateSecret(ctx, app.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("rotated:", app.ClientSecret.Reveal() != first)
	// Output:
	// oa_1 client_1 profile email
	// level=INFO msg=created client_secret=[redacted]
	// rotated: true
}

// fakeClerk serves the two endpoints the example calls, from memory, on
// spectest's example server (requests and answers checked against the spec).
func fakeClerk() *spectest.Server {
	var (
		mu  sync.Mutex
		app oauth.Application
		n   int
	)
	answer := func(w http.ResponseWriter) {
		n++
		app.ClientSecret = internal.NewSecret(fmt.Sprintf("cs_secret_%d", n))
		spectest.WriteJSON(w, 200, &app)
	}
	srv := spectest.NewExampleServer()
	mux := srv.Mux
	mux.HandleFunc("POST /oauth_applications", func(w http.ResponseWriter, r *http.Request) {
		var p oauth.CreateParams
		_ = json.NewDecoder(r.Body).Decode(&p)
		mu.Lock()
		defer mu.Unlock()
		now := time.Now()
		app = oauth.Application{
			Object: "oauth_application", ID: "oa_1", ClientID: "client_1", Name: p.Name,
			RedirectURIs: p.RedirectURIs, Scopes: *p.Scopes, PKCERequired: *p.PKCERequired,
			ConsentScreenEnabled: true, CreatedAt: now, UpdatedAt: now,
		}
		answer(w)
	})
	mux.HandleFunc("POST /oauth_applications/{oauth_application_id}/rotate_secret", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		answer(w)
	})
	return srv
}
