// Command quickstart walks through the SDK end to end, printing each step:
// users and their metadata; an organization and its members; a session
// token verified without a network call; a handler protected by the
// middleware; an API key used, revoked and refused; a signed webhook
// received.
//
// With no configuration it runs against clerktest, an in-memory Clerk
// started in the same process, so it works offline on a fresh clone:
//
//	go run ./examples/quickstart
//
// With CLERK_SECRET_KEY set it runs only the read-only part (counting and
// listing users and organizations) against that instance. It exits non-zero
// on any failure.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
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
	"github.com/go-clerk/clerk/webhooks"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, w io.Writer) error {
	if os.Getenv("CLERK_SECRET_KEY") != "" {
		c, err := clerk.NewFromEnv(clerk.WithUserAgent("go-clerk-quickstart"))
		if err != nil {
			return err
		}
		defer c.Close()
		fmt.Fprintln(w, "CLERK_SECRET_KEY is set: the read-only part, against your instance")
		return readOnly(ctx, w, c)
	}
	srv := clerktest.NewServer(nil)
	defer srv.Close()
	fmt.Fprintln(w, "CLERK_SECRET_KEY is not set: the whole tour, on clerktest (an in-memory Clerk in this process)")
	q := &quickstart{w: w, srv: srv, c: srv.Client()}
	defer q.stop()
	for _, step := range []struct {
		title string
		run   func(context.Context) error
	}{
		{"Users and metadata", q.users},
		{"Organizations and members", q.organizations},
		{"Session tokens, verified without a network call", q.sessionTokens},
		{"A handler behind the middleware", q.middleware},
		{"API keys", q.apiKeys},
		{"Webhooks", q.webhooks},
		{"Signing out and deleting", q.cleanUp},
	} {
		fmt.Fprintf(w, "\n== %s\n", step.title)
		if err := step.run(ctx); err != nil {
			return fmt.Errorf("%s: %w", step.title, err)
		}
	}
	fmt.Fprintln(w, "\nevery step passed")
	return nil
}

// readOnly is the part that runs against a real instance: it changes
// nothing.
func readOnly(ctx context.Context, w io.Writer, c *clerk.Client) error {
	n, err := c.Users.Count(ctx, nil)
	if err != nil {
		return fmt.Errorf("count: %w", err)
	}
	page, err := c.Users.List(ctx, &users.ListParams{Limit: clerk.Int(5)})
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	fmt.Fprintf(w, "the instance has %d user(s); the newest:\n", n)
	for _, u := range page.Data {
		email := ""
		if e := u.PrimaryEmailAddress(); e != nil {
			email = e.EmailAddress
		}
		fmt.Fprintf(w, "  %s %s <%s>\n", u.ID, u.FullName(), email)
	}
	orgs, err := c.Organizations.List(ctx, &organizations.ListParams{Limit: clerk.Int(5)})
	if err != nil {
		return fmt.Errorf("organizations: %w", err)
	}
	fmt.Fprintf(w, "and %d organization(s)\n", orgs.TotalCount)
	return nil
}

// quickstart is the tour on clerktest.
type quickstart struct {
	w          io.Writer
	srv        *clerktest.Server
	c          *clerk.Client
	ada, grace *users.User
	org        *organizations.Organization
	app        string // the URL the protected handler is served at
	stopApp    func()
	events     chan string
}

// stop stops serving the protected handler, if it was started.
func (q *quickstart) stop() {
	if q.stopApp != nil {
		q.stopApp()
	}
}

func (q *quickstart) users(ctx context.Context) error {
	c, w := q.c, q.w
	email := "ada@example.com"
	// Create a user with an email address, a password and public metadata.
	u, err := c.Users.Create(ctx, &users.CreateParams{
		EmailAddresses: []string{email},
		Password:       clerk.String("correct-horse-battery-staple-42"),
		FirstName:      clerk.String("Ada"),
		PublicMetadata: clerk.Metadata{"role": "member"},
	})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	fmt.Fprintf(w, "created %s <%s>\n", u.ID, u.PrimaryEmailAddress().EmailAddress)

	// The same email address again is Clerk's 422, a *clerk.APIError.
	_, err = c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{email}})
	var apiErr *clerk.APIError
	if !errors.Is(err, clerk.ErrUnprocessable) || !errors.As(err, &apiErr) {
		return fmt.Errorf("a taken email address: want a 422, got %v", err)
	}
	fmt.Fprintf(w, "the same email address again: %d %s\n", apiErr.StatusCode, apiErr.Errors[0].Code)

	u, err = c.Users.Update(ctx, u.ID, &users.UpdateParams{LastName: clerk.String("Lovelace")})
	if err != nil {
		return fmt.Errorf("update: %w", err)
	}
	// Merge metadata: keys not named are kept (PATCH .../metadata).
	u, err = c.Users.UpdateMetadata(ctx, u.ID, &users.MetadataParams{Public: clerk.Metadata{"role": "admin"}})
	if err != nil {
		return fmt.Errorf("update metadata: %w", err)
	}
	fmt.Fprintf(w, "updated: %s, role %v\n", u.FullName(), u.PublicMetadata["role"])
	q.ada = u

	q.grace, err = c.Users.Create(ctx, &users.CreateParams{
		EmailAddresses: []string{"grace@example.com"},
		FirstName:      clerk.String("Grace"),
		LastName:       clerk.String("Hopper"),
	})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}

	// One page, in an order; the count; and every user, page by page.
	page, err := c.Users.List(ctx, &users.ListParams{OrderBy: clerk.String("first_name"), Limit: clerk.Int(10)})
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	n, err := c.Users.Count(ctx, nil)
	if err != nil {
		return fmt.Errorf("count: %w", err)
	}
	total := 0
	for _, err := range c.Users.All(ctx, nil) {
		if err != nil {
			return fmt.Errorf("all: %w", err)
		}
		total++
	}
	fmt.Fprintf(w, "listed %s and %s; Count says %d, All walked %d\n", page.Data[0].FirstName, page.Data[1].FirstName, n, total)
	if n != 2 || total != 2 {
		return errors.New("want 2 users")
	}
	return nil
}

func (q *quickstart) organizations(ctx context.Context) error {
	c, w := q.c, q.w
	userID, memberID := q.ada.ID, q.grace.ID
	// Create an organization with its creator, and add a member with a role.
	org, err := c.Organizations.Create(ctx, &organizations.CreateParams{
		Name:      "Acme Corp",
		Slug:      clerk.String("acme-corp"),
		CreatedBy: clerk.String(userID),
	})
	if err != nil {
		return err
	}
	q.org = org
	fmt.Fprintf(w, "created %s (%s); its creator is its first admin\n", org.Name, org.Slug)

	// Roles and their permissions are defined in the Clerk Dashboard; on
	// clerktest, AddRole stands in for it.
	q.srv.AddRole("org:billing_manager", "org:billing:manage", "org:billing:read")
	_, err = c.Organizations.CreateMembership(ctx, org.ID, &organizations.CreateMembershipParams{
		UserID: memberID,
		Role:   "org:billing_manager",
	})
	if err != nil {
		return err
	}
	n := 0
	for m, err := range c.Organizations.AllMemberships(ctx, org.ID, nil) {
		if err != nil {
			return err
		}
		fmt.Fprintln(w, "member:", m.PublicUserData.Identifier, m.Role)
		n++
	}
	if n != 2 {
		return fmt.Errorf("%d members, want 2", n)
	}
	return nil
}

func (q *quickstart) sessionTokens(ctx context.Context) error {
	// The token a signed-in browser sends: clerktest mints it for a new
	// session of Grace's, with Acme as the active organization.
	tok := q.srv.SessionToken(q.grace.ID, clerktest.WithOrganization(q.org.ID, ""))
	start := time.Now()
	a, err := q.c.VerifyToken(ctx, tok)
	if err != nil {
		return err
	}
	first := time.Since(start)

	// Another token: the instance's keys are cached, so no request is made.
	tok = q.srv.SessionToken(q.ada.ID, clerktest.WithOrganization(q.org.ID, ""))
	calls := q.srv.Calls("")
	start = time.Now()
	b, err := q.c.VerifyToken(ctx, tok)
	if err != nil {
		return err
	}
	took := time.Since(start)
	if q.srv.Calls("") != calls {
		return errors.New("verifying a session token made a request")
	}
	fmt.Fprintf(q.w, "verified Grace's token in %v (fetching the instance's keys once, GET /v1/jwks)\n", first.Round(time.Microsecond))
	fmt.Fprintf(q.w, "verified Ada's token in %v with no network call\n", took.Round(time.Microsecond))
	fmt.Fprintf(q.w, "Grace: %s in %s, may charge: %v; Ada: %s, may charge: %v\n",
		a.OrgRole, a.OrgSlug, a.HasPermission("org:billing:manage"), b.OrgRole, b.HasPermission("org:billing:manage"))
	return nil
}

func (q *quickstart) middleware(ctx context.Context) error {
	c := q.c
	q.events = make(chan string, 4)
	wh, err := webhooks.NewVerifier(q.srv.WebhookSecret) // in production: webhooks.NewVerifierFromEnv()
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /me", c.RequireAuth()(http.HandlerFunc(me)))
	mux.Handle("POST /billing/charge", c.RequireAuth(clerk.RequirePermission("org:billing:manage"))(http.HandlerFunc(charge)))
	mux.Handle("GET /api/reports", c.RequireAuth(clerk.AcceptsToken(clerk.APIKeyToken), clerk.RequireScope("reports:read"))(http.HandlerFunc(reports)))
	mux.Handle("POST /webhooks/clerk", webhooks.Handler(wh, q.onEvent))
	if q.app, q.stopApp, err = serve(mux); err != nil {
		return err
	}

	graceTok := q.srv.SessionToken(q.grace.ID, clerktest.WithOrganization(q.org.ID, ""))
	adaTok := q.srv.SessionToken(q.ada.ID, clerktest.WithOrganization(q.org.ID, ""))
	for _, tt := range []struct {
		who, method, path, token string
		want                     int
	}{
		{"nobody", "GET", "/me", "", 401},
		{"Grace", "GET", "/me", graceTok, 200},
		{"Grace (billing manager)", "POST", "/billing/charge", graceTok, 200},
		{"Ada (admin, no billing permission)", "POST", "/billing/charge", adaTok, 403},
	} {
		status, body, err := send(ctx, tt.method, q.app+tt.path, tt.token, nil, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(q.w, "%s %s as %s: %d %s\n", tt.method, tt.path, tt.who, status, body)
		if status != tt.want {
			return fmt.Errorf("%s %s as %s: %d, want %d", tt.method, tt.path, tt.who, status, tt.want)
		}
	}
	return nil
}

func me(w http.ResponseWriter, r *http.Request) {
	a, _ := clerk.AuthFromContext(r.Context())
	fmt.Fprintf(w, "you are %s (%s in %s)", a.UserID, a.OrgRole, a.OrgSlug)
}

func charge(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "charged") }

func reports(w http.ResponseWriter, r *http.Request) {
	a, _ := clerk.AuthFromContext(r.Context())
	fmt.Fprintf(w, "reports for %s, by %s", a.Subject, a.TokenType)
}

func (q *quickstart) apiKeys(ctx context.Context) error {
	c, userID := q.c, q.ada.ID
	// Issue an API key to a user, with a scope.
	key, err := c.APIKeys.Create(ctx, &apikeys.CreateParams{
		Name:    "Production API Key",
		Subject: userID,
		Scopes:  []string{"reports:read"},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(q.w, "created %q; its secret prints as %v\n", key.Name, key.Secret)
	secret := key.Secret.Reveal() // the one way to the secret: hand it to the machine, once

	status, body, err := send(ctx, "GET", q.app+"/api/reports", secret, nil, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(q.w, "GET /api/reports with the key: %d %s\n", status, body)
	if status != 200 {
		return fmt.Errorf("with a valid key: %d", status)
	}
	if _, err := c.APIKeys.Revoke(ctx, key.ID, &apikeys.RevokeParams{RevocationReason: clerk.String("rotated")}); err != nil {
		return err
	}
	status, _, err = send(ctx, "GET", q.app+"/api/reports", secret, nil, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(q.w, "revoked; GET /api/reports with it again: %d\n", status)
	if status != 401 {
		return fmt.Errorf("with a revoked key: %d, want 401", status)
	}
	return nil
}

func (q *quickstart) onEvent(ctx context.Context, ev *webhooks.Event) error {
	u, err := ev.User()
	if err != nil {
		return err
	}
	q.events <- fmt.Sprintf("%s for %s (delivery %s)", ev.Type, u.FullName(), ev.ID)
	return nil
}

func (q *quickstart) webhooks(ctx context.Context) error {
	// What Clerk's webhook service sends when a user signs up: the event,
	// signed with the endpoint's secret.
	payload := q.srv.WebhookEvent(webhooks.UserCreated, q.grace)
	status, _, err := send(ctx, "POST", q.app+"/webhooks/clerk", "", payload, q.srv.SignWebhook(payload))
	if err != nil {
		return err
	}
	if status != http.StatusNoContent {
		return fmt.Errorf("a signed delivery: %d", status)
	}
	fmt.Fprintf(q.w, "delivered: %d; handled %s\n", status, <-q.events)

	forged := bytes.Replace(payload, []byte("Grace"), []byte("Mallory"), 1)
	status, _, err = send(ctx, "POST", q.app+"/webhooks/clerk", "", forged, q.srv.SignWebhook(payload))
	if err != nil {
		return err
	}
	fmt.Fprintf(q.w, "a changed body with the original signature: %d\n", status)
	if status != http.StatusBadRequest {
		return fmt.Errorf("a forged delivery: %d, want 400", status)
	}
	return nil
}

// signOut signs Ada out everywhere: it revokes each of her active sessions.
func (q *quickstart) signOut(ctx context.Context) error {
	c := q.c
	revoked, err := c.Sessions.RevokeAll(ctx, q.ada.ID)
	if err != nil {
		return err // joins every failure; revoked holds what was revoked
	}
	fmt.Fprintf(q.w, "revoked Ada's %d session(s)\n", len(revoked))
	return nil
}

func (q *quickstart) cleanUp(ctx context.Context) error {
	c := q.c
	if err := q.signOut(ctx); err != nil {
		return err
	}

	// Delete a user, then see the typed error of a missing one.
	u := q.grace
	if err := c.Users.Delete(ctx, u.ID); err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	_, err := c.Users.Get(ctx, u.ID)
	var apiErr *clerk.APIError
	if errors.Is(err, clerk.ErrNotFound) && errors.As(err, &apiErr) {
		fmt.Fprintf(q.w, "deleted Grace: Get answers %d %s\n", apiErr.StatusCode, apiErr.Errors[0].Code)
	} else {
		return fmt.Errorf("get after delete: want not found, got %v", err)
	}
	return nil
}

// serve serves h on a loopback port until stop is called.
func serve(h http.Handler) (url string, stop func(), err error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	s := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = s.Serve(l) }()
	return "http://" + l.Addr().String(), func() { _ = s.Close() }, nil
}

// send makes one request, with a bearer token and headers when given, and
// returns the status and the body, trimmed.
func send(ctx context.Context, method, url, token string, body []byte, h http.Header) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	for k, v := range h {
		req.Header[k] = v
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
	return resp.StatusCode, strings.TrimSpace(string(b)), err
}
