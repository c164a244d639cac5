package jwt

import (
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// Claims are the claims of a verified Clerk session token. Version 1 and
// version 2 tokens decode into the same fields: a v2 token's organization
// object ("o") fills OrgID, OrgSlug, OrgRole and OrgPermissions exactly as a
// v1 token's org_id, org_slug, org_role and org_permissions do.
//
// A *Claims returned by [Verifier.Verify] is the caller's own, which the
// caller may modify (sort OrgPermissions, say) without affecting the
// verifier's token cache or other callers, except for Raw: its bytes are
// shared with the cache and with every caller that verified the same token,
// so read them (or [Claims.Decode] them) but never write to them.
type Claims struct {
	// UserID is the user the session belongs to (sub).
	UserID string
	// SessionID is the session the token was issued for (sid).
	SessionID string
	// Issuer is the Frontend API URL of the instance that issued the token (iss).
	Issuer string
	// AuthorizedParty is the origin the token was requested from (azp); it
	// may be empty.
	AuthorizedParty string
	// ID is the token's unique identifier (jti); v2 tokens carry it.
	ID string

	// IssuedAt is when the token was issued (iat); zero when absent.
	IssuedAt time.Time
	// ExpiresAt is when the token expires (exp); always set on a verified token.
	ExpiresAt time.Time
	// NotBefore is when the token starts being valid (nbf); zero when absent.
	NotBefore time.Time

	// Version is the token version (v): 1 when the claim is absent, 2 for
	// current tokens.
	Version int
	// Status is the session status (sts), e.g. "active" or "pending"; empty
	// when the token does not carry it.
	Status string

	// OrgID is the active organization (o.id or org_id); empty without one.
	OrgID string
	// OrgSlug is the active organization's slug (o.slg or org_slug).
	OrgSlug string
	// OrgRole is the user's role in the active organization with its "org:"
	// prefix, e.g. "org:admin" (v2 o.rol is sent without it and gets it here).
	OrgRole string
	// OrgPermissions are the user's permissions in the active organization,
	// e.g. "org:billing:manage": a v1 token's org_permissions, or for a v2
	// token the permissions expanded from fea, o.per and o.fpm as the
	// package documentation describes. Empty without an active
	// organization.
	OrgPermissions []string
	// Features are the enabled features (fea), each "scope:name" as sent
	// with surrounding spaces trimmed, e.g. "o:dashboard" or "u:export"
	// (scope o: organization, u: user, ou or uo: both). Nil when the token
	// carries none, or when an entry has no colon: Clerk's SDKs refuse such
	// a claim whole, and so does this package (no features, no v2
	// organization permissions).
	Features []string
	// Plan is the active plan (pla) as sent, "scope:slug", e.g. "u:free".
	Plan string
	// FactorVerificationAge is fva: minutes since the first and the second
	// factor were last verified, -1 for a factor the user has not set up.
	// Nil when the token does not carry it as an array of exactly two
	// integers, so that a missing or malformed claim never reads as "just
	// verified". See [Claims.IsReverified].
	FactorVerificationAge []int
	// Actor is the impersonator (act), nil unless the session is an
	// impersonation.
	Actor *Actor

	// Raw is the token's claims JSON, as signed. Use [Claims.Decode] for
	// custom claims.
	Raw json.RawMessage
}

// Actor identifies who acts on a user's behalf in an impersonation session
// (the act claim).
type Actor struct {
	// Subject is the impersonating user's ID (act.sub).
	Subject string `json:"sub"`
	// Issuer is who granted the impersonation (act.iss).
	Issuer string `json:"iss,omitempty"`
	// SessionID is the impersonator's session (act.sid).
	SessionID string `json:"sid,omitempty"`
}

// Decode unmarshals the token's claims JSON (Raw) into v, typically a
// pointer to a struct describing custom session-token claims.
func (c *Claims) Decode(v any) error {
	if len(c.Raw) == 0 {
		return errors.New("jwt: claims carry no raw JSON")
	}
	return json.Unmarshal(c.Raw, v)
}

// HasRole reports whether the user has role in the active organization, as
// Clerk's SDKs decide it: without an active organization or a role it
// reports false; otherwise the role and the query are compared with their
// leading "org:" prefixes reduced to one, so HasRole("admin") and
// HasRole("org:admin") are the same check.
func (c *Claims) HasRole(role string) bool {
	return c.OrgID != "" && c.OrgRole != "" && withoutOrgPrefix(c.OrgRole) == withoutOrgPrefix(role)
}

// HasPermission reports whether the user holds permission in the active
// organization, e.g. "org:billing:manage" (the "org:" prefix is optional).
// Without an active organization it reports false.
func (c *Claims) HasPermission(permission string) bool {
	if c.OrgID == "" {
		return false
	}
	name := withoutOrgPrefix(permission)
	for _, have := range c.OrgPermissions {
		if rest, ok := strings.CutPrefix(have, "org:"); ok && rest == name {
			return true
		}
	}
	return false
}

// HasFeature reports whether feature is enabled (fea), with the rules of
// Clerk's SDKs: "org:name" (or "o:" or "organization:") matches only
// organization-scoped features, "user:name" (or "u:") only user-scoped
// ones, a bare "name" either; any other scope matches nothing. A feature of
// scope ou or uo is both.
func (c *Claims) HasFeature(feature string) bool {
	return hasScoped(c.Features, feature)
}

// HasPlan reports whether plan is the active plan (pla), with the same
// rules as [Claims.HasFeature]: "org:pro", "user:free" or a bare "pro".
func (c *Claims) HasPlan(plan string) bool {
	return hasScoped(splitFeatures(c.Plan), plan)
}

// withoutOrgPrefix strips every leading "org:" from s: Clerk's SDKs compare
// roles and permissions with their "org:" prefixes reduced to exactly one.
func withoutOrgPrefix(s string) string {
	for {
		rest, ok := strings.CutPrefix(s, "org:")
		if !ok {
			return s
		}
		s = rest
	}
}
