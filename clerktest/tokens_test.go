package clerktest

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/jwt"
	"github.com/go-clerk/clerk/sessions"
	"github.com/go-clerk/clerk/users"
)

func TestBuiltInKey(t *testing.T) {
	k := testKey()
	if err := k.Validate(); err != nil || k.N.BitLen() < 2048 {
		t.Fatalf("the built-in key: %d bits, %v", k.N.BitLen(), err)
	}
}

// TestEncodePermissions pins the encoding on the examples of Clerk's docs
// and JS SDK fixtures (reference/clerk-backend-api.md).
func TestEncodePermissions(t *testing.T) {
	for _, tt := range []struct {
		perms         []string
		fea, per, fpm string
	}{
		{[]string{"org:dashboard:manage", "org:dashboard:read", "org:teams:read"}, "o:dashboard,o:teams", "manage,read", "3,2"},
		{[]string{"org:repositories:read", "org:repositories:create", "org:repositories:update",
			"org:projects:read", "org:projects:update", "org:projects:revoke"},
			"o:repositories,o:projects", "read,create,update,revoke", "7,13"},
		{nil, "", "", ""},
	} {
		fea, per, fpm, err := encodePermissions(tt.perms)
		if err != nil || fea != tt.fea || per != tt.per || fpm != tt.fpm {
			t.Errorf("%v: fea %q per %q fpm %q, %v; want %q %q %q", tt.perms, fea, per, fpm, err, tt.fea, tt.per, tt.fpm)
		}
	}
	for _, bad := range []string{"billing:manage", "org:billing", "org::manage", "org:billing:", "org:a:b:c", "user:billing:manage", "org:a,b:c"} {
		if _, _, _, err := encodePermissions([]string{bad}); err == nil {
			t.Errorf("%q encodes", bad)
		}
	}
}

// TestSessionTokenRoundTrip mints tokens with organization permissions and
// checks that the SDK's verification (package jwt, through VerifyToken)
// gives back exactly what went in.
func TestSessionTokenRoundTrip(t *testing.T) {
	srv, c := newTestServer(t)
	ctx := context.Background()
	u := srv.AddUser(users.User{EmailAddresses: []users.EmailAddress{{EmailAddress: "ada@example.com"}}})
	o := srv.AddOrganization(organizationFor(u.ID))
	many := []string{"org:billing:manage"}
	for i := range 70 { // more permissions than a 64-bit mask holds
		many = append(many, "org:reports:p"+string(rune('a'+i/26))+string(rune('a'+i%26)))
	}
	for _, perms := range [][]string{
		nil,
		{"org:billing:manage"},
		{"org:billing:manage", "org:billing:read", "org:users:read", "org:teams:manage"},
		many,
	} {
		tok := srv.SessionToken(u.ID, WithOrganization(o.ID, "org:admin", perms...))
		a := must[*clerk.Auth](t)(c.VerifyToken(ctx, tok))
		if a.TokenType != clerk.SessionToken || a.UserID != u.ID || a.OrgID != o.ID || a.OrgSlug != o.Slug ||
			a.OrgRole != "org:admin" || !a.HasRole("org:admin") {
			t.Fatalf("Auth = %+v", a)
		}
		got, want := slices.Sorted(slices.Values(a.OrgPermissions)), slices.Sorted(slices.Values(perms))
		if !slices.Equal(got, want) {
			t.Errorf("permissions = %v, want %v", got, want)
		}
		for _, p := range perms {
			if !a.HasPermission(p) {
				t.Errorf("HasPermission(%q) is false", p)
			}
		}
		if a.HasPermission("org:secret:read") {
			t.Error("a permission not given is granted")
		}
		// The session is real: the API finds it.
		s := must[*sessions.Session](t)(c.Sessions.Get(ctx, a.SessionID))
		if s.UserID != u.ID || s.Status != sessions.StatusActive || s.LastActiveOrganizationID != o.ID {
			t.Errorf("session = %+v", s)
		}
	}
}

func TestSessionTokenClaims(t *testing.T) {
	srv, c := newTestServer(t)
	ctx := context.Background()
	u := srv.AddUser(users.User{})
	tok := srv.SessionToken(u.ID)
	cl, err := jwt.Decode(tok)
	if err != nil {
		t.Fatal(err)
	}
	if cl.Version != 2 || cl.Issuer != srv.Issuer || cl.UserID != u.ID || cl.OrgID != "" ||
		cl.ExpiresAt.Sub(cl.IssuedAt) != defaultTokenLifetime || !cl.NotBefore.Before(cl.IssuedAt) {
		t.Errorf("claims = %+v", cl)
	}
	header, _, _ := strings.Cut(tok, ".")
	if h := decodeSegment(t, header); h["alg"] != "RS256" || h["kid"] != srv.InstanceID {
		t.Errorf("header = %v", h)
	}

	// Options: lifetime, extra claims (which may replace the server's).
	expired := srv.SessionToken(u.ID, WithLifetime(-time.Minute))
	if _, err := c.VerifyToken(ctx, expired); !errors.Is(err, jwt.ErrTokenExpired) || !errors.Is(err, clerk.ErrInvalidToken) {
		t.Errorf("an expired token: %v", err)
	}
	long := srv.SessionToken(u.ID, WithLifetime(time.Hour), WithClaims(map[string]any{"azp": "https://app.example", "tenant": "t1"}))
	a := must[*clerk.Auth](t)(c.VerifyToken(ctx, long))
	var custom struct {
		Azp    string `json:"azp"`
		Tenant string `json:"tenant"`
	}
	if err := a.Claims.Decode(&custom); err != nil || custom.Azp != "https://app.example" || custom.Tenant != "t1" ||
		a.Claims.ExpiresAt.Sub(a.Claims.IssuedAt) != time.Hour {
		t.Errorf("claims %+v, custom %+v, %v", a.Claims, custom, err)
	}
	pending := srv.SessionToken(u.ID, WithClaims(map[string]any{"sts": "pending"}))
	if _, err := c.VerifyToken(ctx, pending); !errors.Is(err, jwt.ErrSessionPending) {
		t.Errorf("a pending session's token: %v", err)
	}
}

// decodeSegment decodes one base64url segment of a JWT as a JSON object.
func decodeSegment(t *testing.T, seg string) map[string]any {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestTokensFromTheMembership: WithOrganization without a role takes the
// membership's role and permissions, at each mint, without system
// permissions; so do tokens of the API's POST /sessions/{id}/tokens.
func TestTokensFromTheMembership(t *testing.T) {
	srv, c := newTestServer(t)
	ctx := context.Background()
	owner := srv.AddUser(users.User{})
	member := srv.AddUser(users.User{})
	o := srv.AddOrganization(organizationFor(owner.ID))
	srv.AddRole("org:billing_manager", "org:billing:manage", "org:billing:read", "org:sys_memberships:read")
	m := srv.AddMembership(o.ID, member.ID, "org:billing_manager")
	if !slices.Contains(m.Permissions, "org:sys_memberships:read") {
		t.Errorf("membership permissions = %v", m.Permissions)
	}

	a := must[*clerk.Auth](t)(c.VerifyToken(ctx, srv.SessionToken(member.ID, WithOrganization(o.Slug, ""))))
	if a.OrgRole != "org:billing_manager" || strings.Join(a.OrgPermissions, " ") != "org:billing:manage org:billing:read" {
		t.Errorf("from the membership: role %s, permissions %v", a.OrgRole, a.OrgPermissions)
	}

	// The same session's next token, through the API, follows a role change.
	srv.AddRole("org:billing_manager", "org:billing:read")
	tok := must[*sessions.Token](t)(c.Sessions.CreateToken(ctx, a.SessionID, &sessions.CreateTokenParams{ExpiresInSeconds: clerk.Int(120)}))
	b := must[*clerk.Auth](t)(c.VerifyToken(ctx, tok.JWT.Reveal()))
	if b.SessionID != a.SessionID || strings.Join(b.OrgPermissions, " ") != "org:billing:read" ||
		b.Claims.ExpiresAt.Sub(b.Claims.IssuedAt) != 2*time.Minute {
		t.Errorf("API token: session %s, permissions %v, lifetime %v", b.SessionID, b.OrgPermissions, b.Claims.ExpiresAt.Sub(b.Claims.IssuedAt))
	}

	// The owner's own token: org:admin, whose permissions are all system
	// permissions, which session tokens leave out.
	a = must[*clerk.Auth](t)(c.VerifyToken(ctx, srv.SessionToken(owner.ID, WithOrganization(o.ID, ""))))
	if a.OrgRole != "org:admin" || len(a.OrgPermissions) != 0 {
		t.Errorf("owner: %s %v", a.OrgRole, a.OrgPermissions)
	}
}

func TestSessionTokenFailures(t *testing.T) {
	fake := &fakeTB{}
	srv := NewServer(fake, validated(t))
	defer srv.Close()
	u := srv.AddUser(users.User{})
	o := srv.AddOrganization(organizationFor(u.ID))
	stranger := srv.AddUser(users.User{})
	for name, call := range map[string]func(){
		"unknown user":         func() { srv.SessionToken("user_nobody") },
		"unknown organization": func() { srv.SessionToken(u.ID, WithOrganization("org_nope", "org:admin")) },
		"bad permission":       func() { srv.SessionToken(u.ID, WithOrganization(o.ID, "org:admin", "billing")) },
		"not a member":         func() { srv.SessionToken(stranger.ID, WithOrganization(o.ID, "")) },
	} {
		fake.failed = ""
		call()
		if fake.failed == "" {
			t.Errorf("%s: SessionToken did not fail the test", name)
		}
	}
	// Without a test, a failing helper panics with the reason.
	bare := NewServer(nil, validated(t))
	defer bare.Close()
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "user_nobody") {
			t.Errorf("recovered %v", r)
		}
	}()
	bare.SessionToken("user_nobody")
}

// TestVerifyingWithoutNetwork: with the server's JWTKey a client verifies
// its tokens with no request at all; another server's tokens fail, by key
// ID against the JWKS and by signature against another key's PEM.
func TestVerifyingWithoutNetwork(t *testing.T) {
	srv, _ := newTestServer(t)
	ctx := context.Background()
	u := srv.AddUser(users.User{})
	c := srv.Client(clerk.WithJWTKey(srv.JWTKey))
	tok := srv.SessionToken(u.ID)
	before := srv.Calls("")
	if _, err := c.VerifyToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if n := srv.Calls(""); n != before {
		t.Errorf("verifying with JWTKey made %d calls", n-before)
	}

	other := NewServer(t, validated(t)) // the same built-in key, its own key ID
	otherTok := other.SessionToken(other.AddUser(users.User{}).ID)
	if _, err := srv.Client().VerifyToken(ctx, otherTok); !errors.Is(err, jwt.ErrKeyNotFound) {
		t.Errorf("another server's token against this one's JWKS: %v", err)
	}
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	third := NewServer(t, WithSigningKey(k), validated(t))
	thirdTok := third.SessionToken(third.AddUser(users.User{}).ID)
	if _, err := c.VerifyToken(ctx, thirdTok); !errors.Is(err, jwt.ErrTokenSignatureInvalid) {
		t.Errorf("a token of another key against this one's PEM: %v", err)
	}
	if _, err := third.Client().VerifyToken(ctx, thirdTok); err != nil {
		t.Errorf("a token of WithSigningKey's key against its JWKS: %v", err)
	}
}

// TestMiddlewareWithTokens runs the SDK's middleware on the server's
// tokens: 401 without one, 200 with one, 403 without the permission.
func TestMiddlewareWithTokens(t *testing.T) {
	srv, c := newTestServer(t)
	u := srv.AddUser(users.User{})
	o := srv.AddOrganization(organizationFor(u.ID))
	h := c.RequireAuth(clerk.RequirePermission("org:billing:manage"))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, _ := clerk.AuthFromContext(r.Context())
		_, _ = w.Write([]byte(a.UserID))
	}))
	for _, tt := range []struct {
		name, token string
		want        int
	}{
		{"no token", "", 401},
		{"with the permission", srv.SessionToken(u.ID, WithOrganization(o.ID, "org:admin", "org:billing:manage")), 200},
		{"without it", srv.SessionToken(u.ID, WithOrganization(o.ID, "org:member", "org:billing:read")), 403},
	} {
		req := httptest.NewRequest(http.MethodGet, "/billing", nil)
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.want || tt.want == 200 && rec.Body.String() != u.ID {
			t.Errorf("%s: %d %s, want %d", tt.name, rec.Code, rec.Body, tt.want)
		}
	}
}
