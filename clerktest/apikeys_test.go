package clerktest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/users"
)

func TestAPIKeys(t *testing.T) {
	clock := newFakeClock()
	srv, c := newTestServer(t, WithClock(clock.now))
	ctx := context.Background()
	u := srv.AddUser(users.User{})
	k := must[*apikeys.APIKey](t)(c.APIKeys.Create(ctx, &apikeys.CreateParams{
		Name: "Production API Key", Subject: u.ID, Scopes: []string{"users:read"}, CreatedBy: &u.ID,
		Description: clerk.String("for the reports job"), Claims: map[string]any{"tier": 2},
	}))
	secret := k.Secret.Reveal()
	if !strings.HasPrefix(k.ID, "ak_") || !strings.HasPrefix(secret, "ak_") || k.Subject != u.ID || k.UserID() != u.ID ||
		!k.HasScope("users:read") || k.CreatedBy != u.ID || k.Revoked || k.Expired || string(k.Claims) != `{"tier":2}` {
		t.Fatalf("Create = %+v", k)
	}
	if strings.Contains(fmt.Sprint(k), secret) {
		t.Error("the key prints its secret")
	}
	if got := must[*apikeys.APIKey](t)(c.APIKeys.Get(ctx, k.ID)); !got.Secret.IsZero() || got.Name != k.Name {
		t.Errorf("Get = %+v (a secret only comes with Create)", got)
	}
	if s := must[apikeys.Secret](t)(c.APIKeys.Secret(ctx, k.ID)); s.Reveal() != secret {
		t.Error("Secret is not the key's secret")
	}
	v := must[*apikeys.APIKey](t)(c.APIKeys.Verify(ctx, secret))
	if v.ID != k.ID || v.LastUsedAt == nil {
		t.Errorf("Verify = %+v", v)
	}
	upd := must[*apikeys.APIKey](t)(c.APIKeys.Update(ctx, k.ID, &apikeys.UpdateParams{Scopes: []string{"users:write"}, Description: clerk.String("d")}))
	if strings.Join(upd.Scopes, ",") != "users:write" || upd.Description != "d" {
		t.Errorf("Update = %+v", upd)
	}

	short := must[*apikeys.APIKey](t)(c.APIKeys.Create(ctx, &apikeys.CreateParams{Name: "short-lived", Subject: u.ID, SecondsUntilExpiration: clerk.Int64(60)}))
	other := must[*apikeys.APIKey](t)(c.APIKeys.Create(ctx, &apikeys.CreateParams{Name: "other type", Subject: u.ID, Type: clerk.String("service")}))
	r := must[*apikeys.APIKey](t)(c.APIKeys.Revoke(ctx, k.ID, &apikeys.RevokeParams{RevocationReason: clerk.String("rotated")}))
	if !r.Revoked || r.RevocationReason != "rotated" {
		t.Errorf("Revoke = %+v", r)
	}
	_, err := c.APIKeys.Verify(ctx, secret)
	if !errors.Is(err, apikeys.ErrInvalidToken) || !errors.Is(err, clerk.ErrNotFound) {
		t.Errorf("Verify a revoked key: %v", err)
	}
	clock.advance(time.Minute)
	_, err = c.APIKeys.Verify(ctx, short.Secret.Reveal())
	if !errors.Is(err, apikeys.ErrInvalidToken) {
		t.Errorf("Verify an expired key: %v", err)
	}

	keys := func(p *apikeys.ListParams) string {
		page := must[*apikeys.Page[apikeys.APIKey]](t)(c.APIKeys.List(ctx, p))
		var out []string
		for _, k := range page.Data {
			out = append(out, k.Name)
		}
		return strings.Join(out, ",")
	}
	if got := keys(&apikeys.ListParams{Subject: u.ID}); got != "" {
		t.Errorf("valid keys: %s", got)
	}
	if got := keys(&apikeys.ListParams{Subject: u.ID, IncludeInvalid: clerk.Bool(true)}); got != "short-lived,Production API Key" {
		t.Errorf("with the invalid ones: %s", got)
	}
	if got := keys(&apikeys.ListParams{Subject: u.ID, Type: clerk.String("service"), Query: clerk.String("OTHER")}); got != "other type" {
		t.Errorf("by type and query: %s", got)
	}
	if err := c.APIKeys.Delete(ctx, other.ID); err != nil {
		t.Fatal(err)
	}
	_, err = c.APIKeys.Get(ctx, other.ID)
	wantAPIError(t, err, 404, "resource_not_found")
	_, err = c.APIKeys.Verify(ctx, other.Secret.Reveal())
	wantAPIError(t, err, 404, "resource_not_found")

	for name, p := range map[string]*apikeys.CreateParams{
		"short name":  {Name: "ab", Subject: u.ID},
		"bad subject": {Name: "key", Subject: "user_short"},
		"bad creator": {Name: "key", Subject: u.ID, CreatedBy: clerk.String("org_x")},
	} {
		_, err := c.APIKeys.Create(ctx, p)
		wantAPIError(t, err, 400, "form_param_value_invalid")
		_ = name
	}
}

// TestAPIKeysAuthenticateRequests: a route that accepts API keys lets a
// key in, and refuses it once revoked.
func TestAPIKeysAuthenticateRequests(t *testing.T) {
	srv, c := newTestServer(t)
	ctx := context.Background()
	u := srv.AddUser(users.User{})
	k := srv.AddAPIKey(apikeys.APIKey{Name: "CI key", Subject: u.ID, Scopes: []string{"reports:read"}})
	h := c.RequireAuth(clerk.AcceptsToken(clerk.APIKeyToken), clerk.RequireScope("reports:read"))(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a, _ := clerk.AuthFromContext(r.Context())
			_, _ = w.Write([]byte(a.Subject))
		}))
	call := func() int {
		req := httptest.NewRequest(http.MethodGet, "/reports", nil)
		req.Header.Set("Authorization", "Bearer "+k.Secret.Reveal())
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := call(); code != 200 {
		t.Fatalf("a valid key: %d", code)
	}
	must[*apikeys.APIKey](t)(c.APIKeys.Revoke(ctx, k.ID, nil))
	if code := call(); code != 401 {
		t.Errorf("a revoked key: %d", code)
	}
}
