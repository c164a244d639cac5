package jwt

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
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
	// token the permissions expanded from fea, o.per and o.fpm. Empty
	// without an active organization.
	OrgPermissions []string
	// Features are the enabled features (fea) as sent, each "scope:name"
	// with scope letters u (user) and/or o (organization), e.g. "o:dashboard".
	Features []string
	// Plan is the active plan (pla) as sent, "scope:slug", e.g. "u:free".
	Plan string
	// FactorVerificationAge is fva: minutes since the first and the second
	// factor were last verified, -1 for never. Nil when the token does not
	// carry it (so a missing claim never reads as "just verified").
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

// HasRole reports whether the user has role in the active organization. The
// "org:" prefix is optional: HasRole("admin") and HasRole("org:admin") are
// the same check. Without an active organization it reports false.
func (c *Claims) HasRole(role string) bool {
	if c.OrgID == "" || role == "" {
		return false
	}
	return c.OrgRole == withOrgPrefix(role)
}

// HasPermission reports whether the user holds permission in the active
// organization, e.g. "org:billing:manage" (the "org:" prefix is optional).
// Without an active organization it reports false.
func (c *Claims) HasPermission(permission string) bool {
	if c.OrgID == "" || permission == "" {
		return false
	}
	p := withOrgPrefix(permission)
	for _, have := range c.OrgPermissions {
		if have == p {
			return true
		}
	}
	return false
}

// HasFeature reports whether feature is enabled (fea). "org:name" (or
// "o:name") matches only organization-scoped features, "user:name" (or
// "u:name") only user-scoped ones, and a bare "name" either; any other
// prefix matches nothing.
func (c *Claims) HasFeature(feature string) bool {
	for _, f := range c.Features {
		if scopedMatch(f, feature) {
			return true
		}
	}
	return false
}

// HasPlan reports whether plan is the active plan (pla), with the same
// scope rules as [Claims.HasFeature]: "org:pro", "user:free" or a bare "pro".
func (c *Claims) HasPlan(plan string) bool {
	for entry := range strings.SplitSeq(c.Plan, ",") {
		if scopedMatch(strings.TrimSpace(entry), plan) {
			return true
		}
	}
	return false
}

func withOrgPrefix(s string) string {
	if strings.HasPrefix(s, "org:") {
		return s
	}
	return "org:" + s
}

// scopedMatch reports whether a token entry "scope:name" satisfies a query
// "org:name", "user:name" or "name".
func scopedMatch(entry, query string) bool {
	scope, name, ok := strings.Cut(entry, ":")
	if !ok || !validScope(scope) || name == "" {
		return false
	}
	want := "ou"
	if qs, qn, ok := strings.Cut(query, ":"); ok {
		switch qs {
		case "org", "o":
			want = "o"
		case "user", "u":
			want = "u"
		default:
			return false
		}
		query = qn
	}
	return name == query && strings.ContainsAny(scope, want)
}

// validScope reports whether scope is a non-empty string of ASCII letters.
func validScope(scope string) bool {
	if scope == "" {
		return false
	}
	for i := 0; i < len(scope); i++ {
		if b := scope[i] | 0x20; b < 'a' || b > 'z' {
			return false
		}
	}
	return true
}

// wireClaims is the flat shape the claims JSON is decoded into, with one
// json.Unmarshal and no maps. Numeric dates are float64 (RFC 7519 allows
// fractions); 0 means absent, which is safe because a zero exp is expired
// and a zero nbf or iat constrains nothing.
type wireClaims struct {
	Sub string  `json:"sub"`
	Sid string  `json:"sid"`
	Iss string  `json:"iss"`
	Azp string  `json:"azp"`
	Jti string  `json:"jti"`
	Exp float64 `json:"exp"`
	Nbf float64 `json:"nbf"`
	Iat float64 `json:"iat"`
	V   int     `json:"v"`
	Sts string  `json:"sts"`
	Pla string  `json:"pla"`
	Fea string  `json:"fea"`
	Fva *[2]int `json:"fva"`
	Act *Actor  `json:"act"`

	// Version 2 organization claims.
	O *wireOrg `json:"o"`

	// Version 1 organization claims.
	OrgID          string   `json:"org_id"`
	OrgSlug        string   `json:"org_slug"`
	OrgRole        string   `json:"org_role"`
	OrgPermissions []string `json:"org_permissions"`
}

type wireOrg struct {
	ID  string `json:"id"`
	Slg string `json:"slg"`
	Rol string `json:"rol"`
	Per string `json:"per"`
	Fpm string `json:"fpm"`
}

// maxNumericDate bounds exp, nbf and iat to values time.Unix and UnixNano
// handle without overflow (about the year 2262).
const maxNumericDate = 9e9

// parseClaims decodes the claims JSON of a token into c, with the fast
// decoder when it handles the input and json.Unmarshal otherwise (the result
// is the same). It checks types and ranges but no claim values; raw is kept
// as c.Raw.
func parseClaims(raw []byte, c *Claims) error {
	var w wireClaims
	if err := decodeClaims(raw, &w); err != nil {
		return err
	}
	if err := w.fill(raw, c); err != nil {
		return err
	}
	w.expand(c)
	return nil
}

// decodeClaims decodes the claims JSON into w, which must be zero.
func decodeClaims(raw []byte, w *wireClaims) error {
	if !fastDecodeClaims(raw, w) {
		*w = wireClaims{}
		return json.Unmarshal(raw, w)
	}
	return nil
}

// fill sets the fields of c from w, except those that expand sets.
func (w *wireClaims) fill(raw []byte, c *Claims) error {
	var err error
	if c.IssuedAt, err = numericDate("iat", w.Iat); err != nil {
		return err
	}
	if c.ExpiresAt, err = numericDate("exp", w.Exp); err != nil {
		return err
	}
	if c.NotBefore, err = numericDate("nbf", w.Nbf); err != nil {
		return err
	}
	c.UserID = w.Sub
	c.SessionID = w.Sid
	c.Issuer = w.Iss
	c.AuthorizedParty = w.Azp
	c.ID = w.Jti
	c.Version = w.V
	if c.Version == 0 {
		c.Version = 1
	}
	c.Status = w.Sts
	c.Plan = w.Pla
	c.Actor = w.Act
	if w.Fva != nil {
		c.FactorVerificationAge = w.Fva[:]
	}
	if w.V == 2 {
		// Clerk's own SDKs read the "o" object only for version 2; with no
		// "o" there is no active organization, whatever fea holds.
		if w.O != nil {
			c.OrgID = w.O.ID
			c.OrgSlug = w.O.Slg
			if w.O.Rol != "" {
				c.OrgRole = "org:" + w.O.Rol
			}
		}
	} else {
		c.OrgID = w.OrgID
		c.OrgSlug = w.OrgSlug
		c.OrgRole = w.OrgRole
		c.OrgPermissions = w.OrgPermissions[:len(w.OrgPermissions):len(w.OrgPermissions)]
	}
	c.Raw = raw[:len(raw):len(raw)]
	return nil
}

// expand sets Features and, for a version 2 token, OrgPermissions. Verify
// calls it only once the signature is known good: a token of 16 KiB can list
// masks that expand to megabytes of permission strings, which a forged token
// must not make the verifier build.
func (w *wireClaims) expand(c *Claims) {
	c.Features = splitFeatures(w.Fea)
	if w.V == 2 && w.O != nil {
		c.OrgPermissions = orgPermissions(w.Fea, w.O.Per, w.O.Fpm)
	}
}

// numericDate converts a JSON NumericDate (seconds since the epoch, possibly
// fractional) to a time; 0 yields the zero time.
func numericDate(name string, v float64) (time.Time, error) {
	if v == 0 {
		return time.Time{}, nil
	}
	if math.IsNaN(v) || v > maxNumericDate || v < -maxNumericDate {
		return time.Time{}, errors.New("claim " + name + " is out of range")
	}
	sec, frac := math.Modf(v)
	return time.Unix(int64(sec), int64(frac*1e9)), nil
}

// splitFeatures returns the non-empty, trimmed entries of fea, sharing its
// memory; nil for an empty claim.
func splitFeatures(fea string) []string {
	if fea == "" {
		return nil
	}
	n := strings.Count(fea, ",") + 1
	out := make([]string, 0, n)
	for entry := range strings.SplitSeq(fea, ",") {
		if entry = strings.TrimSpace(entry); entry != "" {
			out = append(out, entry)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out[:len(out):len(out)]
}

// maxMaskBits is how many o.per entries a mask can address: masks are
// unsigned 64-bit integers.
const maxMaskBits = 64

// orgPermissions expands a v2 token's permissions, following the rules in
// the package documentation: the i-th mask of fpm belongs to the i-th entry
// of fea; bit j (least significant first) grants the j-th entry of per as
// "org:<feature>:<permission>" when the feature's scope contains o; a mask
// that is not a plain non-negative decimal uint64 grants nothing; bits
// beyond per are ignored; a missing per or fpm grants nothing.
func orgPermissions(fea, per, fpm string) []string {
	if fea == "" || per == "" || fpm == "" {
		return nil
	}
	var perms [maxMaskBits]string
	nPerms := 0
	for p := range strings.SplitSeq(per, ",") {
		if nPerms == maxMaskBits {
			break
		}
		perms[nPerms] = strings.TrimSpace(p)
		nPerms++
	}

	// The permissions are built in one buffer and sliced from its string,
	// which costs two allocations instead of one per permission.
	type span struct{ start, end int }
	var spanBuf [16]span
	spans := spanBuf[:0]
	var buf strings.Builder
	buf.Grow(len(fea) + len(per) + 32)
	features, masks := fea, fpm
	for more := true; more; {
		var entry, maskText string
		entry, features, _ = strings.Cut(features, ",")
		maskText, masks, more = strings.Cut(masks, ",")
		mask, ok := parseMask(maskText)
		if !ok || mask == 0 {
			continue
		}
		scope, name, found := strings.Cut(strings.TrimSpace(entry), ":")
		if !found || name == "" || !validScope(scope) || !strings.Contains(scope, "o") {
			continue
		}
		for j := 0; j < nPerms && mask != 0; j, mask = j+1, mask>>1 {
			if mask&1 == 1 && perms[j] != "" {
				start := buf.Len()
				buf.WriteString("org:")
				buf.WriteString(name)
				buf.WriteByte(':')
				buf.WriteString(perms[j])
				spans = append(spans, span{start, buf.Len()})
			}
		}
	}
	if len(spans) == 0 {
		return nil
	}
	all := buf.String()
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = all[sp.start:sp.end]
	}
	return out
}

// parseMask parses one fpm entry: optional surrounding spaces around a plain
// non-negative decimal integer that fits in 64 bits. Signs, fractions,
// exponents, hex and trailing garbage make it invalid.
func parseMask(s string) (uint64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	m, err := strconv.ParseUint(s, 10, 64)
	return m, err == nil
}
