package clerktest

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Session tokens: what the server mints for its sessions, as Clerk mints
// them (v2 claims, RS256, the kid of GET /v1/jwks).

// defaultTokenLifetime is how long a session token lives: 60 seconds, as
// Clerk's do.
const defaultTokenLifetime = 60 * time.Second

// orgClaims are the active organization's claims of a token.
type orgClaims struct {
	id, slug, role string
	permissions    []string
}

// A TokenOption configures a session token of SessionToken.
type TokenOption func(*tokenConfig)

type tokenConfig struct {
	orgSet      bool
	orgID, role string
	permissions []string
	lifetime    time.Duration
	claims      map[string]any
}

// WithOrganization makes orgID (which must exist) the session's active
// organization. With a role ("org:admin"), the token carries that role and
// exactly these permissions ("org:<feature>:<permission>"), whether or not
// the user is a member. With role "", the user must be a member, and the
// token carries the membership's role and permissions at each mint, system
// permissions (org:sys_...) left out as Clerk leaves them out of session
// tokens.
//
// The claims are encoded as Clerk encodes them: the role without its "org:"
// prefix in o.rol, each permission's feature in fea ("o:<feature>"), the
// permission names in o.per, and in o.fpm one bit mask over o.per per
// feature of fea.
func WithOrganization(orgID, role string, permissions ...string) TokenOption {
	return func(c *tokenConfig) {
		c.orgSet, c.orgID, c.role = true, orgID, role
		c.permissions = append([]string(nil), permissions...)
	}
}

// WithLifetime sets how long after it is issued the token expires (60
// seconds by default, as Clerk's); a negative d makes a token that has
// already expired. Zero keeps the default.
func WithLifetime(d time.Duration) TokenOption {
	return func(c *tokenConfig) {
		if d != 0 {
			c.lifetime = d
		}
	}
}

// WithClaims adds claims to the token, set last: they may replace the
// server's own (azp for an authorized party, sts "pending", fva, pla, a
// custom claim of a JWT template).
func WithClaims(claims map[string]any) TokenOption {
	return func(c *tokenConfig) {
		if c.claims == nil {
			c.claims = map[string]any{}
		}
		for k, v := range claims {
			c.claims[k] = v
		}
	}
}

// SessionToken creates an active session of the user (which must exist:
// Sessions.Get finds the session, and revoking it is seen by the API) and
// returns a session token for it: RS256, version 2 claims, issued by
// Issuer, signed with the key of GET /v1/jwks and JWTKey, valid for 60
// seconds unless WithLifetime says otherwise. A client of the server
// (Client) verifies it with VerifyToken and its middleware.
//
// A failure (an unknown user or organization, a permission not of the form
// "org:<feature>:<permission>") fails the test, or panics without one.
func (s *Server) SessionToken(userID string, opts ...TokenOption) string {
	if s.t != nil {
		s.t.Helper()
	}
	cfg := tokenConfig{lifetime: defaultTokenLifetime}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s.mu.Lock()
	tok, err := s.sessionToken(userID, cfg)
	s.mu.Unlock()
	if err != nil {
		s.fatalf("clerktest: SessionToken(%q): %v", userID, err)
	}
	return tok
}

func (s *Server) sessionToken(userID string, cfg tokenConfig) (string, error) {
	var (
		orgID string
		org   *orgClaims
	)
	if cfg.orgSet {
		o, err := s.org(cfg.orgID)
		if err != nil {
			return "", fmt.Errorf("organization %q: %w", cfg.orgID, err)
		}
		orgID = o.ID
		if cfg.role == "" {
			if s.membershipOf(o.ID, userID) == nil {
				return "", fmt.Errorf("the user is not a member of %s; give WithOrganization a role", o.ID)
			}
		} else {
			if _, _, _, err := encodePermissions(cfg.permissions); err != nil {
				return "", err
			}
			org = &orgClaims{id: o.ID, slug: o.Slug, role: cfg.role, permissions: cfg.permissions}
		}
	}
	x, err := s.newSession(userID, orgID, org)
	if err != nil {
		return "", err
	}
	return s.mint(x, cfg)
}

// mint signs a session token for a session. Its organization claims are the
// session's own (SessionToken's), or its active organization's membership.
func (s *Server) mint(x *session, cfg tokenConfig) (string, error) {
	now := s.now()
	claims := jwt.MapClaims{
		"iss": s.Issuer,
		"sub": x.UserID,
		"sid": x.ID,
		"iat": now.Unix(),
		"nbf": now.Unix() - 10, // Clerk allows 10 s of clock skew this way
		"exp": now.Add(cfg.lifetime).Unix(),
		"jti": randomHex(10),
		"v":   2,
		"fva": []int{0, -1}, // first factor just verified, no second factor
	}
	if x.Status == "pending" {
		claims["sts"] = "pending"
	}
	org := x.org
	if org == nil && x.LastActiveOrganizationID != "" {
		org = s.membershipClaims(x.LastActiveOrganizationID, x.UserID)
	}
	if org != nil {
		fea, per, fpm, err := encodePermissions(org.permissions)
		if err != nil {
			return "", err
		}
		o := map[string]any{"id": org.id, "slg": org.slug, "rol": strings.TrimPrefix(org.role, "org:")}
		if per != "" {
			o["per"], o["fpm"] = per, fpm
			claims["fea"] = fea
		}
		claims["o"] = o
	}
	for k, v := range cfg.claims {
		claims[k] = v
	}
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	t.Header["kid"] = s.InstanceID
	return t.SignedString(s.key)
}

// membershipClaims are the organization claims of a user's membership,
// without system permissions; nil when the user is not a member.
func (s *Server) membershipClaims(orgID, userID string) *orgClaims {
	m := s.membershipOf(orgID, userID)
	o := s.db.orgs.get(orgID)
	if m == nil || o == nil {
		return nil
	}
	c := &orgClaims{id: o.ID, slug: o.Slug, role: m.Role}
	for _, p := range m.Permissions {
		if !strings.HasPrefix(p, "org:sys_") {
			c.permissions = append(c.permissions, p)
		}
	}
	return c
}

// encodePermissions encodes organization permissions as a v2 session token
// carries them: fea lists each permission's feature once ("o:<feature>", in
// order of first use), per the permission names once (in order of first
// use), and fpm, for each feature of fea, the bit mask over per of its
// permissions (bit j, least significant first, for per's j-th name). Package
// jwt (and Clerk's JS SDK) decodes them back into the same permissions.
func encodePermissions(permissions []string) (fea, per, fpm string, err error) {
	var (
		features, names []string
		masks           []*big.Int
		featureAt       = map[string]int{}
		nameAt          = map[string]int{}
	)
	for _, p := range permissions {
		parts := strings.Split(p, ":")
		if len(parts) != 3 || parts[0] != "org" || parts[1] == "" || parts[2] == "" || strings.ContainsAny(p, ", ") {
			return "", "", "", fmt.Errorf("permission %q is not of the form org:<feature>:<permission>", p)
		}
		f, ok := featureAt[parts[1]]
		if !ok {
			f = len(features)
			featureAt[parts[1]] = f
			features = append(features, "o:"+parts[1])
			masks = append(masks, new(big.Int))
		}
		n, ok := nameAt[parts[2]]
		if !ok {
			n = len(names)
			nameAt[parts[2]] = n
			names = append(names, parts[2])
		}
		masks[f].SetBit(masks[f], n, 1)
	}
	bits := make([]string, len(masks))
	for i, m := range masks {
		bits[i] = m.String()
	}
	return strings.Join(features, ","), strings.Join(names, ","), strings.Join(bits, ","), nil
}

// jwks answers GET /jwks: the public key the server signs with.
func (s *Server) jwks(*call) (any, error) {
	pub := &s.key.PublicKey
	if pub.E <= 0 {
		return nil, errors.New("the signing key has no public exponent")
	}
	b64 := base64.RawURLEncoding.EncodeToString
	return map[string]any{"keys": []map[string]any{{
		"use": "sig",
		"kty": "RSA",
		"kid": s.InstanceID,
		"alg": "RS256",
		"n":   b64(pub.N.Bytes()),
		"e":   b64(big.NewInt(int64(pub.E)).Bytes()),
	}}}, nil
}
