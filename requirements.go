package clerk

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrAccessDenied is the reason RequireAuth answers 403: the caller's token
// is valid but lacks what the route requires of its type (a permission, a
// role, a scope), or is of a type the route's requirements leave no way to
// pass. OnAuthFailure handlers see it.
var ErrAccessDenied = errors.New("clerk: access denied")

// RequirePermission makes RequireAuth answer 403 to a session token unless
// its active organization grants every permission listed, such as
// "org:billing:manage". It is about session tokens: see RequireScope for
// machine tokens on the same route.
func RequirePermission(permissions ...string) AuthOption {
	return func(o *authOptions) { o.permissions = append(o.permissions, permissions...) }
}

// RequireRole makes RequireAuth answer 403 to a session token unless its
// active organization role is one of roles ("org:admin" or "admin"). It is
// about session tokens, as RequirePermission is.
func RequireRole(roles ...string) AuthOption {
	return func(o *authOptions) { o.roles = append(o.roles, roles...) }
}

// RequireScope makes RequireAuth answer 403 to an API key, M2M token or
// OAuth access token unless it carries every scope listed. Session tokens, which carry no
// scopes, are not asked for them; ask them with RequirePermission or
// RequireRole on the same route:
//
//	c.RequireAuth(clerk.AcceptsToken(clerk.SessionToken, clerk.APIKeyToken),
//		clerk.RequirePermission("org:users:read"), // session tokens
//		clerk.RequireScope("users:read"))           // API keys
func RequireScope(scopes ...string) AuthOption {
	return func(o *authOptions) { o.scopes = append(o.scopes, scopes...) }
}

// asksSessions reports whether the route asks session tokens for anything.
func (o *authOptions) asksSessions() bool {
	return len(o.permissions) > 0 || len(o.roles) > 0 || o.reverify != nil
}

// lacks says what a is missing of the route's requirements, nil when
// nothing. The error matches ErrAccessDenied.
func (o *authOptions) lacks(a *Auth) error {
	if a.TokenType == SessionToken {
		for _, p := range o.permissions {
			if !a.HasPermission(p) {
				return fmt.Errorf("%w: lacks permission %s", ErrAccessDenied, p)
			}
		}
		if len(o.roles) > 0 && !slices.ContainsFunc(o.roles, a.HasRole) {
			return fmt.Errorf("%w: has none of the roles %s", ErrAccessDenied, strings.Join(o.roles, ", "))
		}
		if o.reverify != nil && !o.reverify.met(a.Claims) {
			return fmt.Errorf("%w: %w", ErrAccessDenied, ErrReverificationRequired)
		}
		return nil
	}
	if len(o.scopes) == 0 && o.asksSessions() {
		return fmt.Errorf("%w: a %s cannot meet this route's session requirements, and the route asks no scope of it", ErrAccessDenied, a.TokenType)
	}
	for _, s := range o.scopes {
		if !a.HasScope(s) {
			return fmt.Errorf("%w: lacks scope %s", ErrAccessDenied, s)
		}
	}
	return nil
}
