package clerktest

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/sessions"
	"github.com/go-clerk/clerk/users"
	"github.com/go-clerk/clerk/webhooks"
)

// TestSeedFlow runs the flow of the SDK's contract (DESIGN.md, Public API)
// end to end through the real client, every answer validated against the
// spec: users and metadata, an organization and its members, a session
// token verified and used by the middleware, an API key used and revoked,
// a signed webhook.
func TestSeedFlow(t *testing.T) {
	srv, c := newTestServer(t)
	ctx := context.Background()

	u := must[*users.User](t)(c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"a@b.co"}, Password: clerk.String("correct-horse-42"),
		FirstName: clerk.String("John"), PublicMetadata: clerk.Metadata{"role": "member"}}))
	u = must[*users.User](t)(c.Users.Update(ctx, u.ID, &users.UpdateParams{FirstName: clerk.String("Jane")}))
	u = must[*users.User](t)(c.Users.UpdateMetadata(ctx, u.ID, &users.MetadataParams{Public: clerk.Metadata{"role": "admin"}}))
	u = must[*users.User](t)(c.Users.ReplaceMetadata(ctx, u.ID, &users.MetadataParams{Private: clerk.Metadata{}}))
	page := must[*users.Page[users.User]](t)(c.Users.List(ctx, &users.ListParams{Limit: clerk.Int(10), OrderBy: clerk.String("-created_at")}))
	if n := must[int64](t)(c.Users.Count(ctx, nil)); n != 1 || len(page.Data) != 1 || u.FirstName != "Jane" || u.PublicMetadata["role"] != "admin" {
		t.Fatalf("users: count %d, page %d, %+v", n, len(page.Data), u)
	}
	member := must[*users.User](t)(c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"m@b.co"}}))

	o := must[*organizations.Organization](t)(c.Organizations.Create(ctx, &organizations.CreateParams{Name: "Acme Corp", Slug: clerk.String("acme-corp"), CreatedBy: clerk.String(u.ID)}))
	srv.AddRole("org:billing", "org:billing:manage")
	must[*organizations.OrganizationMembership](t)(c.Organizations.CreateMembership(ctx, o.ID, &organizations.CreateMembershipParams{UserID: member.ID, Role: "org:billing"}))
	var identifiers []string
	for m, err := range c.Organizations.AllMemberships(ctx, o.ID, nil) {
		if err != nil {
			t.Fatal(err)
		}
		identifiers = append(identifiers, m.PublicUserData.Identifier+" "+m.Role)
	}
	if len(identifiers) != 2 {
		t.Fatalf("members: %v", identifiers)
	}

	tok := srv.SessionToken(member.ID, WithOrganization(o.ID, ""))
	a := must[*clerk.Auth](t)(c.VerifyToken(ctx, tok))
	if a.UserID != member.ID || a.OrgID != o.ID || !a.HasPermission("org:billing:manage") {
		t.Fatalf("auth: %+v", a)
	}
	s := must[*sessions.Session](t)(c.Sessions.Get(ctx, a.SessionID))
	minted := must[*sessions.Token](t)(c.Sessions.CreateToken(ctx, s.ID, nil))
	must[*clerk.Auth](t)(c.VerifyToken(ctx, minted.JWT.Reveal()))

	h := c.RequireAuth(clerk.AcceptsToken(clerk.SessionToken, clerk.APIKeyToken), clerk.RequirePermission("org:billing:manage"),
		clerk.RequireScope("billing:read"))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	k := must[*apikeys.APIKey](t)(c.APIKeys.Create(ctx, &apikeys.CreateParams{Name: "Production API Key", Subject: u.ID, Scopes: []string{"billing:read"}}))
	status := func(token string) int {
		req := httptest.NewRequest(http.MethodGet, "/billing", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	adminTok := srv.SessionToken(u.ID, WithOrganization(o.ID, ""))
	for _, tt := range []struct {
		token string
		want  int
	}{{"", 401}, {tok, 200}, {adminTok, 403}, {k.Secret.Reveal(), 200}} {
		if got := status(tt.token); got != tt.want {
			t.Errorf("middleware: %d, want %d", got, tt.want)
		}
	}
	must[*apikeys.APIKey](t)(c.APIKeys.Revoke(ctx, k.ID, nil))
	if got := status(k.Secret.Reveal()); got != 401 {
		t.Errorf("a revoked key: %d", got)
	}
	must[*sessions.Session](t)(c.Sessions.Revoke(ctx, s.ID))

	wh, err := webhooks.NewVerifier(srv.WebhookSecret)
	if err != nil {
		t.Fatal(err)
	}
	var got *users.User
	hook := webhooks.Handler(wh, func(_ context.Context, ev *webhooks.Event) (err error) {
		got, err = ev.User()
		return err
	})
	payload := srv.WebhookEvent(webhooks.UserCreated, member)
	req := httptest.NewRequest(http.MethodPost, "/webhooks/clerk", bytes.NewReader(payload))
	for k, v := range srv.SignWebhook(payload) {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	hook.ServeHTTP(rec, req)
	if rec.Code != http.StatusNoContent || got == nil || got.ID != member.ID {
		t.Errorf("webhook: %d, %+v", rec.Code, got)
	}

	if err := c.Users.Delete(ctx, member.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.Get(ctx, member.ID); !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("deleted user: %v", err)
	}
}
