package clerktest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/clerktest"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/users"
	"github.com/go-clerk/clerk/webhooks"
)

// A test's Clerk: the SDK's client, a session token for a user of it, and
// Clerk's errors.
func Example() {
	srv := clerktest.NewServer(nil) // in a test: clerktest.NewServer(t), closed for you
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()

	u, err := c.Users.Create(ctx, &users.CreateParams{
		EmailAddresses: []string{"ada@example.com"},
		FirstName:      clerk.String("Ada"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created", u.FirstName, u.PrimaryEmailAddress().EmailAddress)

	_, err = c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"ada@example.com"}})
	var apiErr *clerk.APIError
	if errors.As(err, &apiErr) {
		fmt.Println("again:", apiErr.StatusCode, apiErr.Errors[0].Code)
	}

	org := srv.AddOrganization(organizations.Organization{Name: "Acme Corp", CreatedBy: u.ID})
	tok := srv.SessionToken(u.ID, clerktest.WithOrganization(org.ID, "org:admin", "org:billing:manage"))
	a, err := c.VerifyToken(ctx, tok)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.UserID == u.ID, a.OrgSlug, a.OrgRole, a.HasPermission("org:billing:manage"))
	// Output:
	// created Ada ada@example.com
	// again: 422 form_identifier_exists
	// true acme-corp org:admin true
}

// Inject makes Clerk fail, so that a test can check how its code copes.
func ExampleServer_Inject() {
	srv := clerktest.NewServer(nil)
	defer srv.Close()
	c := srv.Client(clerk.WithMaxRetries(0)) // see each failure, unretried
	u := srv.AddUser(users.User{})

	srv.Inject(clerktest.Fault{Match: "GET /users/{user_id}", Status: 429, RetryAfter: 30 * time.Second, Times: 1})
	_, err := c.Users.Get(context.Background(), u.ID)
	var apiErr *clerk.APIError
	if errors.Is(err, clerk.ErrRateLimited) && errors.As(err, &apiErr) {
		fmt.Println("rate limited; retry after", apiErr.RetryAfter)
	}
	_, err = c.Users.Get(context.Background(), u.ID)
	fmt.Println("then:", err, srv.Calls("GET /users/{user_id}"), "calls")
	// Output:
	// rate limited; retry after 30s
	// then: <nil> 2 calls
}

// A signed webhook delivery, as Clerk's arrive, for a webhook endpoint.
func ExampleServer_SignWebhook() {
	srv := clerktest.NewServer(nil)
	defer srv.Close()
	wh, err := webhooks.NewVerifier(srv.WebhookSecret) // CLERK_WEBHOOK_SIGNING_SECRET in production
	if err != nil {
		fmt.Println(err)
		return
	}
	endpoint := webhooks.Handler(wh, func(ctx context.Context, ev *webhooks.Event) error {
		u, err := ev.User()
		if err != nil {
			return err
		}
		fmt.Println(ev.Type, u.FirstName)
		return nil
	})

	payload := srv.WebhookEvent(webhooks.UserCreated, srv.AddUser(users.User{FirstName: "Ada"}))
	req := httptest.NewRequest(http.MethodPost, "/webhooks/clerk", bytes.NewReader(payload))
	for k, v := range srv.SignWebhook(payload) {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	endpoint.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// user.created Ada
	// 204
}
