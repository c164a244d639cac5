package clerktest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/sessions"
	"github.com/go-clerk/clerk/users"
)

func TestSessions(t *testing.T) {
	clock := newFakeClock()
	srv, c := newTestServer(t, WithClock(clock.now))
	ctx := context.Background()
	ada := srv.AddUser(users.User{})
	grace := srv.AddUser(users.User{})
	var ids []string
	for range 3 {
		a := must[*clerk.Auth](t)(c.VerifyToken(ctx, srv.SessionToken(ada.ID)))
		ids = append(ids, a.SessionID)
		clock.advance(time.Second)
	}
	srv.SessionToken(grace.ID)

	page := must[*sessions.Page[sessions.Session]](t)(c.Sessions.List(ctx, &sessions.ListParams{UserID: &ada.ID}))
	if len(page.Data) != 3 || page.Data[0].ID != ids[2] || page.Data[2].ID != ids[0] {
		t.Fatalf("List = %+v, want newest first of %v", page.Data, ids)
	}
	s := must[*sessions.Session](t)(c.Sessions.Get(ctx, ids[0]))
	if s.UserID != ada.ID || s.ClientID == "" || s.Status != sessions.StatusActive || !s.ExpireAt.After(s.CreatedAt) {
		t.Errorf("Get = %+v", s)
	}
	if r := must[*sessions.Session](t)(c.Sessions.Revoke(ctx, ids[0])); r.Status != sessions.StatusRevoked {
		t.Errorf("Revoke = %s", r.Status)
	}
	active := sessions.StatusActive
	page = must[*sessions.Page[sessions.Session]](t)(c.Sessions.List(ctx, &sessions.ListParams{UserID: &ada.ID, Status: &active, Limit: clerk.Int(1), Offset: clerk.Int(1)}))
	if len(page.Data) != 1 || page.Data[0].ID != ids[1] {
		t.Errorf("active, second page of one: %+v", page.Data)
	}
	_, err := c.Sessions.CreateToken(ctx, ids[0], nil)
	wantAPIError(t, err, 404, "resource_not_found")
	_, err = c.Sessions.Get(ctx, "sess_nope")
	wantAPIError(t, err, 404, "resource_not_found")
	_, err = c.Sessions.CreateToken(ctx, ids[1], &sessions.CreateTokenParams{ExpiresInSeconds: clerk.Int(5)})
	if err == nil {
		t.Error("a 5-second token was minted (the spec's minimum is 30)")
	}

	revoked, err := c.Sessions.RevokeAll(ctx, ada.ID)
	if err != nil || len(revoked) != 2 {
		t.Errorf("RevokeAll = %d sessions, %v", len(revoked), err)
	}
	if _, err := c.VerifyToken(ctx, srv.SessionToken(grace.ID)); err != nil {
		t.Errorf("another user's new session: %v", err)
	}
}

// TestCreateSession: POST /sessions (for tests; the SDK has no method for
// it), with an active organization the user belongs to.
func TestCreateSession(t *testing.T) {
	srv, c := newTestServer(t)
	ctx := context.Background()
	u := srv.AddUser(users.User{})
	o := srv.AddOrganization(organizationFor(u.ID))
	code, body := do(t, srv, "POST", "/sessions", `{"user_id":"`+u.ID+`","active_organization_id":"`+o.ID+`"}`)
	var s sessions.Session
	if err := internal.Unmarshal([]byte(body), &s); code != 200 || err != nil || s.LastActiveOrganizationID != o.ID {
		t.Fatalf("%d %s", code, body)
	}
	tok := must[*sessions.Token](t)(c.Sessions.CreateToken(ctx, s.ID, nil))
	a := must[*clerk.Auth](t)(c.VerifyToken(ctx, tok.JWT.Reveal()))
	if a.SessionID != s.ID || a.OrgID != o.ID || a.OrgRole != "org:admin" {
		t.Errorf("token of the new session: %+v", a)
	}
	stranger := srv.AddUser(users.User{})
	for body, want := range map[string]string{
		`{}`:                      `"form_param_missing"`,
		`{"user_id":"user_nope"}`: `"resource_not_found"`,
		`{"user_id":"` + stranger.ID + `","active_organization_id":"` + o.ID + `"}`: `"form_param_value_invalid"`,
		`{"user_id":"` + u.ID + `","active_organization_id":"org_nope"}`:            `"resource_not_found"`,
	} {
		if code, got := do(t, srv, "POST", "/sessions", body); code < 400 || !strings.Contains(got, want) {
			t.Errorf("%s: %d %s, want %s", body, code, got, want)
		}
	}
}
