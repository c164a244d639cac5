package clerkjs_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/jwt"
)

// TestCompare pins the comparison itself, without node: equal answers
// agree, each kind of difference lands in its category, and refusals match
// by class.
func TestCompare(t *testing.T) {
	tc := &tokenCase{
		ID: "unit", Header: map[string]any{"typ": "at+jwt"}, Claims: map[string]any{"sub": "user_1"},
		Queries: queries{Permissions: []string{"org:a:read"}, Roles: []string{"admin"}},
		Defects: []string{"expired"},
	}
	accepted := func() (*jsResult, *goResult) {
		js := &jsResult{
			Verdict: jsVerdict{OK: true, Status: "signed-in"},
			Auth: &jsAuth{TokenType: "session_token", UserID: "user_1", OrgID: "org_1", OrgRole: "org:admin",
				OrgPermissions: []string{"org:a:read"}},
			Has: &jsHas{Permission: []any{true}, Role: []any{true}},
		}
		g := &goResult{
			auth: &clerk.Auth{TokenType: clerk.SessionToken, UserID: "user_1", OrgID: "org_1", OrgRole: "org:admin",
				OrgPermissions: []string{"org:a:read"}, Claims: &jwt.Claims{}},
			has: [4][]bool{{true}, {true}, nil, nil},
		}
		return js, g
	}
	refused := func(reason, msg string, err error) (*jsResult, *goResult) {
		return &jsResult{Verdict: jsVerdict{Status: "signed-out", Reason: reason, Message: msg}},
			&goResult{err: err, class: goClass(err)}
	}
	wrapped := func(sentinel error) error { return fmt.Errorf("%w: %w", clerk.ErrInvalidToken, sentinel) }

	for _, c := range []struct {
		name string
		run  func() (*jsResult, *goResult)
		want []string // categories; nil: agreement
	}{
		{"same answers", accepted, nil},
		{"extra permission", func() (*jsResult, *goResult) {
			js, g := accepted()
			g.auth.OrgPermissions = append(g.auth.OrgPermissions, "org:a:manage")
			return js, g
		}, []string{"permissions"}},
		{"has role differs", func() (*jsResult, *goResult) {
			js, g := accepted()
			g.has[1][0] = false
			return js, g
		}, []string{"roles"}},
		{"Go accepts what JS refuses", func() (*jsResult, *goResult) {
			_, g := accepted()
			js, _ := refused("token-type-mismatch", "", nil)
			return js, g
		}, []string{"typ"}},
		{"same class", func() (*jsResult, *goResult) {
			return refused("token-invalid-authorized-parties", "", wrapped(jwt.ErrInvalidAuthorizedParty))
		}, nil},
		{"another defect of the token", func() (*jsResult, *goResult) {
			return refused("token-invalid", `Invalid JWT type "at+jwt"`, wrapped(jwt.ErrTokenExpired))
		}, nil},
		{"no Go sentinel for a token class", func() (*jsResult, *goResult) {
			return refused("token-type-mismatch", "", fmt.Errorf("%w: not a session token", clerk.ErrInvalidToken))
		}, nil},
		{"different class", func() (*jsResult, *goResult) {
			return refused("token-invalid-issuer", "", wrapped(jwt.ErrSessionPending))
		}, []string{"reason"}},
		{"a machine token's refusal, classed by its message", func() (*jsResult, *goResult) {
			js, g := refused("token-verification-failed", "JWT is expired. Expiry date: ...", wrapped(jwt.ErrTokenExpired))
			js.Verdict.TokenType = "oauth_token"
			return js, g
		}, nil},
		{"a machine token refused for another reason", func() (*jsResult, *goResult) {
			js, g := refused("token-verification-failed", "JWT signature is invalid.", wrapped(jwt.ErrInvalidAudience))
			js.Verdict.TokenType = "m2m_token"
			return js, g
		}, []string{"reason"}},
		{"machine fields differ", func() (*jsResult, *goResult) {
			js, g := accepted()
			js.Auth = &jsAuth{TokenType: "oauth_token", Subject: "user_1", UserID: "user_1", ClientID: "client_1", ID: "oat_1"}
			g.auth = &clerk.Auth{TokenType: clerk.OAuthToken, Subject: "user_1", UserID: "user_1", ClientID: "client_2",
				OAuthToken: &apikeys.OAuthToken{ID: "oat_1"}}
			return js, g
		}, []string{"machine"}},
		{"Go blames something else than the token", func() (*jsResult, *goResult) {
			return refused("token-invalid-signature", "", fmt.Errorf("keys unavailable"))
		}, []string{"reason"}},
	} {
		js, g := c.run()
		if got := compare(tc, js, g).categories; !slices.Equal(got, c.want) {
			t.Errorf("%s: categories %v, want %v", c.name, got, c.want)
		}
	}
}
