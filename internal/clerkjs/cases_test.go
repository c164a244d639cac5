package clerkjs_test

import (
	"crypto"
	crand "crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-clerk/clerk"
)

// The instance both sides are configured for.
const (
	fapiHost    = "clerk.oracle.example"
	issuer      = "https://" + fapiHost
	appOrigin   = "https://app.oracle.example"
	adminOrigin = "https://admin.oracle.example"
	evilOrigin  = "https://evil.example"
	secretKey   = "sk_live_clerkjs_oracle_0123456789abcdef"
	kid         = "ins_oracle"

	// Token categories of @clerk/backend's tokens/jwtCategories.ts.
	catSession  = "cl_B7d4PD111AAA"
	catTemplate = "cl_B7d4PD222AAA"
	catM2M      = "cl_B7d4PD333AAA"
	catIgnore   = "cl_I7d4PD111III"

	// seed fixes every random choice: the same claims on every run.
	seed        = 20260512
	randomCount = 240
)

// publishableKey is the live publishable key of fapiHost.
func publishableKey() string {
	return "pk_live_" + base64.StdEncoding.EncodeToString([]byte(fapiHost+"$"))
}

// tokenCase is one token (or request) put to both SDKs.
type tokenCase struct {
	ID   string
	Kind string // "verify": a bare token; "request": a whole request
	Note string // what a hand-written case is about

	Header map[string]any // the JOSE header signed
	Claims map[string]any // the claims signed
	Token  string

	Parties  []string // authorized parties configured on both sides
	Issuer   string   // issuer configured on both sides ("" = none)
	Audience []string // audience configured on both sides (none = not checked)

	// Defects are the refusal classes the token was built with (expired,
	// azp, typ...): when it has several, the two SDKs may name different
	// ones first, and either is right.
	Defects []string
	// Category names the disagreement when acceptance differs; empty: the
	// refusing side's reason class.
	Category string
	// Intent, when set, is a documented deliberate difference: Go's answer
	// is right when it is JS's or Intent's.
	Intent *intentional

	Queries queries

	Browser   *browserSpec      // browser cases: the instance and options (browser_test.go)
	Request   *requestSpec      // request cases
	JSAccepts any               // request cases: acceptsToken for JS (nil: default)
	GoAccepts []clerk.TokenType // request cases: AcceptsToken for Go (nil: default)
}

// queries are the has() questions asked of an accepted session token.
type queries struct {
	Permissions []string `json:"permissions"`
	Roles       []string `json:"roles"`
	Features    []string `json:"features"`
	Plans       []string `json:"plans"`
}

// requestSpec is an HTTP request both SDKs authenticate. Cookies travel in
// a Cookie header built once, so both sides read the same bytes.
type requestSpec struct {
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers,omitempty"`
}

// signer signs tokens with the test's RSA key.
type signer struct {
	key *rsa.PrivateKey
	pem string
}

// sign returns the compact JWS of header and claims, RS256.
func (s *signer) sign(header, claims map[string]any) string {
	h, err := json.Marshal(header)
	if err != nil {
		panic(err)
	}
	c, err := json.Marshal(claims)
	if err != nil {
		panic(err)
	}
	input := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
	digest := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(nil, s.key, crypto.SHA256, digest[:])
	if err != nil {
		panic(err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// generator builds the cases from one seeded source and one clock reading.
type generator struct {
	r   *rand.Rand
	now int64 // Unix seconds
	s   *signer
}

func newGenerator(s *signer, now time.Time) *generator {
	return &generator{r: rand.New(rand.NewPCG(seed, seed>>1)), now: now.Unix(), s: s}
}

func (g *generator) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }
func (g *generator) chance(p float64) bool    { return g.r.Float64() < p }
func (g *generator) id(prefix string) string  { return fmt.Sprintf("%s%08x", prefix, g.r.Uint32()) }

var (
	featurePool    = []string{"dashboard", "teams", "memberships", "profile", "projects", "repositories", "billing", "reports", "goldprofileborder", "impersonation"}
	permissionPool = []string{"read", "manage", "create", "update", "delete", "revoke", "view", "export", "invite"}
	rolePool       = []string{"admin", "member", "billing_manager"}
	planPool       = []string{"u:free", "o:pro", "u:pro_plus", "o:enterprise"}
	// Malformed fea entries: no colon, scopes Clerk never sends, an empty
	// name, an upper-case scope.
	malformedFeaPool = []string{"nocolon", "x:weird", "oo:double", "o:", "O:upper"}
	// fpm entries that are not plain non-negative decimal integers.
	invalidMaskPool = []string{"1invalid", "-1", "1.5", "", "+3", "0x3", "1e2"}
)

// baseClaims are the claims every session token shares: valid now.
func (g *generator) baseClaims() map[string]any {
	return map[string]any{
		"sub": g.id("user_"),
		"sid": g.id("sess_"),
		"iss": issuer,
		"iat": g.now - 30,
		"nbf": g.now - 40,
		"exp": g.now + 600,
		"jti": g.id(""),
	}
}

// randomCase builds a seeded random session token: v2 claims mostly, with
// header variants (typ, cat), azp with and without authorized parties, a
// pending status, time defects far from the leeway, and organization
// claims from well-formed to hostile.
func (g *generator) randomCase(i int) *tokenCase {
	tc := &tokenCase{ID: fmt.Sprintf("rand-%03d", i), Kind: "verify"}
	header := map[string]any{"alg": "RS256", "kid": kid}
	claims := g.baseClaims()

	// One token in five has a typ JS refuses, one in five a category that
	// is not a session token's.
	switch k := g.r.IntN(20); {
	case k < 8:
	case k < 16:
		header["typ"] = "JWT"
	default:
		header["typ"] = g.pick("jwt", "at+jwt", "application/at+jwt", "JWS")
		tc.Defects = append(tc.Defects, "typ")
	}
	switch k := g.r.IntN(20); {
	case k < 10:
	case k < 16:
		header["cat"] = g.pick(catSession, catSession, catIgnore)
	default:
		header["cat"] = g.pick(catTemplate, catM2M)
		tc.Defects = append(tc.Defects, "cat")
	}

	if g.chance(0.5) {
		tc.Parties = []string{appOrigin, adminOrigin}
	}
	switch g.r.IntN(10) {
	case 0, 1, 2, 3, 4:
		claims["azp"] = g.pick(appOrigin, adminOrigin)
	case 5, 6:
		claims["azp"] = evilOrigin
		if tc.Parties != nil {
			tc.Defects = append(tc.Defects, "azp")
		}
	default:
		if tc.Parties != nil {
			tc.Defects = append(tc.Defects, "azp")
		}
	}

	switch g.r.IntN(20) {
	case 0:
		claims["exp"] = g.now - 600
		claims["iat"] = g.now - 900
		claims["nbf"] = g.now - 910
		tc.Defects = append(tc.Defects, "expired")
	case 1:
		claims["nbf"] = g.now + 600
		tc.Defects = append(tc.Defects, "not-yet-valid")
	case 2:
		claims["iat"] = g.now + 600
		tc.Defects = append(tc.Defects, "not-yet-valid")
	case 3:
		delete(claims, "nbf")
	}
	switch g.r.IntN(10) {
	case 0:
		claims["sts"] = "pending"
		tc.Defects = append(tc.Defects, "pending")
	case 1, 2, 3:
		claims["sts"] = "active"
	}
	if g.chance(0.03) {
		claims["sub"] = g.id("mch_")
		tc.Defects = append(tc.Defects, "m2m-subject")
	}
	if g.chance(0.2) {
		claims["fva"] = []int{g.r.IntN(60), g.pickInt(-1, g.r.IntN(60))}
	}
	if g.chance(0.05) {
		claims["act"] = map[string]any{"sub": g.id("user_"), "sid": g.id("sess_"), "iss": "https://dashboard.clerk.com"}
	}

	if g.chance(0.15) {
		g.v1Org(tc, claims)
	} else {
		g.v2Org(tc, claims)
	}
	tc.Header, tc.Claims = header, claims
	tc.Token = g.s.sign(header, claims)
	return tc
}

func (g *generator) pickInt(xs ...int) int { return xs[g.r.IntN(len(xs))] }

// v1Org fills version 1 organization claims: flat, role with its prefix.
func (g *generator) v1Org(tc *tokenCase, claims map[string]any) {
	if !g.chance(0.8) {
		return
	}
	rol := g.pick(rolePool...)
	claims["org_id"] = g.id("org_")
	claims["org_slug"] = g.id("slug-")
	claims["org_role"] = "org:" + rol
	var perms []string
	for range g.r.IntN(5) {
		perms = append(perms, "org:"+g.pick(featurePool...)+":"+g.pick(permissionPool...))
	}
	claims["org_permissions"] = perms
	tc.Queries.Roles = []string{"org:" + rol, rol, "org:" + otherRole(rol)}
	for _, p := range perms {
		tc.Queries.Permissions = append(tc.Queries.Permissions, p, strings.TrimPrefix(p, "org:"))
	}
	tc.Queries.Permissions = append(tc.Queries.Permissions, "org:nothing:read")
}

func otherRole(rol string) string {
	if rol == "member" {
		return "admin"
	}
	return "member"
}

// feaEntry is one entry of fea as generated.
type feaEntry struct {
	text string // as written in fea
	name string // the feature's name, for queries
	org  bool   // organization-scoped (o, ou, uo)
}

// v2Org fills version 2 claims: fea with every scope in every position and
// now and then a malformed entry, pla, and the o object with per and fpm
// masks from valid to huge to invalid.
func (g *generator) v2Org(tc *tokenCase, claims map[string]any) {
	claims["v"] = 2
	var entries []feaEntry
	for range g.r.IntN(6) {
		scope, name := g.pick("o", "u", "ou", "uo"), g.pick(featurePool...)
		entries = append(entries, feaEntry{text: scope + ":" + name, name: name, org: scope != "u"})
	}
	if g.chance(0.1) {
		bad := g.pick(malformedFeaPool...)
		name := bad
		if _, n, ok := strings.Cut(bad, ":"); ok {
			name = n
		}
		at := g.r.IntN(len(entries) + 1)
		entries = slices.Insert(entries, at, feaEntry{text: bad, name: name})
		if bad == "nocolon" {
			tc.Intent = feaWithoutColon
		}
	}
	if g.chance(0.05) && len(entries) > 0 {
		// Spaces around an entry: both SDKs trim.
		entries[0].text = " " + entries[0].text + " "
	}
	texts := make([]string, len(entries))
	nOrg := 0
	for i, e := range entries {
		texts[i] = e.text
		if e.org {
			nOrg++
		}
	}
	if len(entries) > 0 || g.chance(0.5) {
		claims["fea"] = strings.Join(texts, ",")
	}
	if g.chance(0.5) {
		claims["pla"] = g.pick(planPool...)
	}

	for _, e := range entries {
		if e.name != "" {
			tc.Queries.Features = append(tc.Queries.Features,
				e.name, "o:"+e.name, "org:"+e.name, "u:"+e.name, "user:"+e.name)
		}
	}
	if pla, ok := claims["pla"].(string); ok {
		_, slug, _ := strings.Cut(pla, ":")
		tc.Queries.Plans = []string{slug, "o:" + slug, "org:" + slug, "u:" + slug, "user:" + slug}
	}
	tc.Queries.Plans = append(tc.Queries.Plans, "free")

	if !g.chance(0.85) {
		return // no active organization, whatever fea holds
	}
	rol := g.pick(rolePool...)
	o := map[string]any{"id": g.id("org_"), "slg": g.id("slug-"), "rol": rol}
	tc.Queries.Roles = []string{"org:" + rol, rol, "org:" + otherRole(rol)}

	// per: a few permissions, or now and then 70 of them so that masks
	// beyond 64 bits address real entries.
	var per []string
	if g.chance(0.05) {
		for j := range 70 {
			per = append(per, fmt.Sprintf("p%02d", j))
		}
	} else {
		per = slices.Clone(permissionPool)
		g.r.Shuffle(len(per), func(i, j int) { per[i], per[j] = per[j], per[i] })
		per = per[:1+g.r.IntN(6)]
	}

	// fpm: as many masks as organization features (Clerk's layout), as
	// many as all features (the layout of a wrong pairing), or any count.
	var n int
	switch g.r.IntN(10) {
	case 0, 1, 2, 3, 4:
		n = nOrg
	case 5, 6, 7:
		n = len(entries)
	default:
		n = g.r.IntN(len(entries) + 2)
	}
	masks := make([]string, n)
	for j := range masks {
		masks[j] = g.mask(len(per))
	}
	if g.chance(0.95) {
		o["per"] = strings.Join(per, ",")
	}
	if g.chance(0.95) && n > 0 {
		o["fpm"] = strings.Join(masks, ",")
	}
	claims["o"] = o

	// Every permission of every named feature, a few with no prefix, one
	// that exists nowhere.
	seen := map[string]bool{}
	for _, e := range entries {
		if e.name == "" || seen[e.name] {
			continue
		}
		seen[e.name] = true
		for k, p := range per {
			if k < 8 || k >= 63 {
				tc.Queries.Permissions = append(tc.Queries.Permissions, "org:"+e.name+":"+p)
			}
		}
		tc.Queries.Permissions = append(tc.Queries.Permissions, e.name+":"+per[0])
	}
	tc.Queries.Permissions = append(tc.Queries.Permissions, "org:nothing:read")
}

// mask returns one fpm entry for nPer permissions: mostly a plain mask,
// sometimes a huge one (beyond 2^53, 2^64), sometimes an invalid one.
func (g *generator) mask(nPer int) string {
	switch k := g.r.IntN(20); {
	case k < 15:
		return strconv.FormatUint(g.r.Uint64N(1<<min(nPer, 16)), 10)
	case k < 17:
		return g.hugeMask()
	default:
		return g.pick(invalidMaskPool...)
	}
}

// hugeMask returns a decimal mask of more than 53 or 64 bits.
func (g *generator) hugeMask() string {
	one := big.NewInt(1)
	switch g.r.IntN(5) {
	case 0: // 2^64: the 65th permission alone
		return new(big.Int).Lsh(one, 64).String()
	case 1: // 2^64 + low bits
		m := new(big.Int).Lsh(one, 64)
		return m.Add(m, big.NewInt(int64(1+g.r.IntN(31)))).String()
	case 2: // 2^53 + 1: exact only as an integer, not as a float64
		m := new(big.Int).Lsh(one, 53)
		return m.Add(m, one).String()
	case 3: // 2^69 + 2^66 + 1
		m := new(big.Int).Lsh(one, 69)
		m.Add(m, new(big.Int).Lsh(one, 66))
		return m.Add(m, one).String()
	default: // a random 25-digit decimal
		var b strings.Builder
		b.WriteByte(byte('1' + g.r.IntN(9)))
		for range 24 {
			b.WriteByte(byte('0' + g.r.IntN(10)))
		}
		return b.String()
	}
}

// handCase builds a hand-written case: v2 claims valid now, plus edits.
func (g *generator) handCase(id, note string, edit func(h, c map[string]any), q queries) *tokenCase {
	header := map[string]any{"alg": "RS256", "kid": kid, "typ": "JWT"}
	claims := g.baseClaims()
	claims["v"] = 2
	claims["azp"] = appOrigin
	if edit != nil {
		edit(header, claims)
	}
	return &tokenCase{
		ID: id, Kind: "verify", Note: note,
		Header: header, Claims: claims, Token: g.s.sign(header, claims),
		Queries: q,
	}
}

// org returns a v2 organization claim.
func org(rol, per, fpm string) map[string]any {
	o := map[string]any{"id": "org_oracle", "slg": "oracle", "rol": rol}
	if per != "" {
		o["per"] = per
	}
	if fpm != "" {
		o["fpm"] = fpm
	}
	return o
}

// permQueries lists org:<feature>:<permission> for every pair.
func permQueries(features []string, perms []string) []string {
	var out []string
	for _, f := range features {
		for _, p := range perms {
			out = append(out, "org:"+f+":"+p)
		}
	}
	return out
}

func seq(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%02d", prefix, i)
	}
	return out
}

// handCases are the edge cases of issue 9 and of the reference's permission
// rules, each stated once.
func (g *generator) handCases() []*tokenCase {
	five := []string{"read", "create", "update", "delete", "revoke"}
	p70 := seq("p", 70)
	two64 := new(big.Int).Lsh(big.NewInt(1), 64)
	two64plus5 := new(big.Int).Add(two64, big.NewInt(5))
	featureQ := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, n, "o:"+n, "org:"+n, "u:"+n, "user:"+n)
		}
		return out
	}
	cases := []*tokenCase{
		g.handCase("js-fixture", "Clerk's JS fixture: masks pair with organization features only",
			func(_, c map[string]any) {
				c["fea"] = "o:repositories,uo:projects,u:goldprofileborder"
				c["o"] = org("admin", strings.Join(five, ","), "7,21")
			}, queries{
				Permissions: permQueries([]string{"repositories", "projects", "goldprofileborder"}, five),
				Roles:       []string{"org:admin", "admin", "org:member"},
				Features:    featureQ("repositories", "projects", "goldprofileborder"),
			}),
		g.handCase("issue9-user-first", "issue 9: a user feature first must not take the first mask",
			func(_, c map[string]any) {
				c["fea"] = "u:profile,o:memberships"
				c["o"] = org("member", "read,manage", "1,3")
			}, queries{
				Permissions: permQueries([]string{"profile", "memberships"}, []string{"read", "manage"}),
				Features:    featureQ("profile", "memberships"),
			}),
		g.handCase("docs-example", "Clerk's docs example",
			func(_, c map[string]any) {
				c["fea"] = "o:dashboard,o:teams"
				c["o"] = org("admin", "manage,read", "3,2")
			}, queries{Permissions: permQueries([]string{"dashboard", "teams"}, []string{"manage", "read"})}),
		g.handCase("mask-2^64", "a mask of 2^64 grants the 65th permission",
			func(_, c map[string]any) {
				c["fea"] = "o:big"
				c["o"] = org("admin", strings.Join(p70, ","), two64.String())
			}, queries{Permissions: permQueries([]string{"big"}, p70)}),
		g.handCase("mask-2^64+5", "a mask beyond 64 bits keeps its low bits",
			func(_, c map[string]any) {
				c["fea"] = "u:profile,o:big,o:small"
				c["o"] = org("admin", strings.Join(p70, ","), two64plus5.String()+",2")
			}, queries{Permissions: permQueries([]string{"big", "small"}, []string{"p00", "p01", "p02", "p64"})}),
		g.handCase("mask-2^53+1", "a mask beyond float64's exact range",
			func(_, c map[string]any) {
				c["fea"] = "o:big"
				c["o"] = org("admin", strings.Join(p70, ","), "9007199254740993")
			}, queries{Permissions: permQueries([]string{"big"}, []string{"p00", "p01", "p52", "p53"})}),
		g.handCase("masks-invalid", "invalid masks grant nothing and keep their place",
			func(_, c map[string]any) {
				c["fea"] = "o:a,o:b,o:c,o:d,o:e,o:f,o:g,o:h"
				c["o"] = org("admin", "read,manage", "1invalid,-1,1.5,,+3,0x3, 3 ,03")
			}, queries{Permissions: permQueries([]string{"a", "b", "c", "d", "e", "f", "g", "h"}, []string{"read", "manage"})}),
		g.handCase("fea-empty-name", "an entry \"o:\" is an organization feature with an empty name in JS: it takes a mask",
			func(_, c map[string]any) {
				c["fea"] = "o:,o:teams"
				c["o"] = org("admin", "read,manage", "1,2")
			}, queries{Permissions: []string{"org::read", "org:teams:read", "org:teams:manage"}}),
		g.handCase("fea-odd-scopes", "scopes other than o, u, ou, uo are neither organization nor user",
			func(_, c map[string]any) {
				c["fea"] = "oo:double,x:weird,O:upper,o:teams"
				c["o"] = org("admin", "read,manage", "1,1,1,3")
			}, queries{
				Permissions: permQueries([]string{"double", "weird", "upper", "teams"}, []string{"read", "manage"}),
				Features:    featureQ("double", "weird", "upper", "teams"),
			}),
		g.handCase("per-empty-entry", "an empty per entry is a permission named \"\" in JS",
			func(_, c map[string]any) {
				c["fea"] = "o:teams"
				c["o"] = org("admin", "read,,manage", "7")
			}, queries{Permissions: []string{"org:teams:read", "org:teams:", "org:teams:manage"}}),
		g.handCase("o-without-per-fpm", "an o claim without per and fpm: organization, no permissions",
			func(_, c map[string]any) {
				c["fea"] = "o:teams"
				c["o"] = map[string]any{"id": "org_oracle", "rol": "member"}
			}, queries{Permissions: []string{"org:teams:read"}, Roles: []string{"member", "org:member"}}),
		g.handCase("fea-without-o", "fea, but no o: no organization, features still answer",
			func(_, c map[string]any) {
				c["fea"] = "o:teams,u:profile,ou:reports"
				c["pla"] = "u:pro"
			}, queries{
				Permissions: []string{"org:teams:read"},
				Features:    featureQ("teams", "profile", "reports"),
				Plans:       []string{"pro", "u:pro", "user:pro", "o:pro", "org:pro"},
			}),
		g.handCase("fea-no-colon-no-org", "a fea entry without a colon: JS grants no feature at all",
			func(_, c map[string]any) {
				c["fea"] = "profile,o:teams,u:billing"
			}, queries{Features: featureQ("profile", "teams", "billing")}),
		func() *tokenCase {
			tc := g.handCase("fea-no-colon-org", "a fea entry without a colon, with an organization",
				func(_, c map[string]any) {
					c["fea"] = "o:teams,profile"
					c["o"] = org("admin", "read,manage", "3,1")
				}, queries{
					Permissions: permQueries([]string{"teams", "profile"}, []string{"read", "manage"}),
					Features:    featureQ("teams", "profile"),
				})
			tc.Intent = feaWithoutColon
			return tc
		}(),
		g.handCase("query-scopes", "has() query scopes beyond o/org/u/user: organization, unknown, a second colon",
			func(_, c map[string]any) {
				c["fea"] = "o:teams,u:profile"
				c["pla"] = "u:pro"
			}, queries{
				Features: []string{"organization:teams", "organization:profile", "bogus:teams", "o:teams:extra", "org:profile"},
				Plans:    []string{"organization:pro", "bogus:pro", "u:pro:extra"},
			}),
		g.handCase("role-queries", "role queries with and without the org: prefix, doubled",
			func(_, c map[string]any) {
				c["o"] = org("admin", "", "")
			}, queries{Roles: []string{"admin", "org:admin", "org:org:admin", "Admin", "org:member", ""}}),
		g.handCase("v1-org", "a version 1 token: flat organization claims",
			func(_, c map[string]any) {
				delete(c, "v")
				c["org_id"] = "org_v1"
				c["org_slug"] = "v1"
				c["org_role"] = "org:admin"
				c["org_permissions"] = []string{"org:teams:read", "org:billing:manage"}
			}, queries{
				Permissions: []string{"org:teams:read", "teams:read", "org:billing:manage", "org:teams:manage"},
				Roles:       []string{"admin", "org:admin", "org:member"},
			}),
		g.handCase("v1-role-unprefixed", "a version 1 org_role without its org: prefix",
			func(_, c map[string]any) {
				delete(c, "v")
				c["org_id"] = "org_v1"
				c["org_role"] = "admin"
			}, queries{Roles: []string{"admin", "org:admin"}}),
		g.handCase("v1-with-o", "a version 1 token carrying an o object: JS ignores it",
			func(_, c map[string]any) {
				delete(c, "v")
				c["fea"] = "o:teams"
				c["o"] = org("admin", "read", "1")
			}, queries{Permissions: []string{"org:teams:read"}, Roles: []string{"admin"}}),
	}

	// Header and claim checks, each alone on an otherwise valid token.
	for _, typ := range []string{"jwt", "at+jwt", "application/at+jwt", "JWS", ""} {
		tc := g.handCase("typ-"+typName(typ), "header typ "+strconv.Quote(typ),
			func(h, _ map[string]any) { h["typ"] = typ }, queries{})
		tc.Defects = []string{"typ"}
		cases = append(cases, tc)
	}
	noTyp := g.handCase("typ-absent", "no typ in the header: accepted", func(h, _ map[string]any) { delete(h, "typ") }, queries{})
	cases = append(cases, noTyp)
	for _, cat := range []string{catSession, catIgnore, catTemplate, catM2M, "cl_unknown"} {
		tc := g.handCase("cat-"+cat, "header cat "+cat, func(h, _ map[string]any) { h["cat"] = cat }, queries{})
		if cat != catSession && cat != catIgnore {
			tc.Defects = []string{"cat"}
		}
		cases = append(cases, tc)
	}
	mch := g.handCase("sub-machine", "a subject mch_: an M2M JWT", func(_, c map[string]any) { c["sub"] = "mch_oracle" }, queries{})
	mch.Defects = []string{"m2m-subject"}
	cases = append(cases, mch)

	for _, tc := range []struct {
		id      string
		azp     string
		parties []string
		defect  string
	}{
		{"azp-missing-parties", "", []string{appOrigin}, "azp"},
		{"azp-missing-no-parties", "", nil, ""},
		{"azp-other-parties", evilOrigin, []string{appOrigin}, "azp"},
		{"azp-other-no-parties", evilOrigin, nil, ""},
		{"azp-ok-parties", adminOrigin, []string{appOrigin, adminOrigin}, ""},
	} {
		c := g.handCase(tc.id, "azp "+strconv.Quote(tc.azp)+" with parties "+strings.Join(tc.parties, " "),
			func(_, c map[string]any) {
				if tc.azp == "" {
					delete(c, "azp")
				} else {
					c["azp"] = tc.azp
				}
			}, queries{})
		c.Parties = tc.parties
		if tc.defect != "" {
			c.Defects = []string{tc.defect}
		}
		cases = append(cases, c)
	}

	pending := g.handCase("sts-pending", "a pending session is signed out", func(_, c map[string]any) { c["sts"] = "pending" }, queries{})
	pending.Defects = []string{"pending"}
	expired := g.handCase("expired", "expired 10 minutes ago", func(_, c map[string]any) {
		c["exp"], c["iat"], c["nbf"] = g.now-600, g.now-900, g.now-910
	}, queries{})
	expired.Defects = []string{"expired"}
	nbf := g.handCase("nbf-future", "valid in 10 minutes", func(_, c map[string]any) { c["nbf"] = g.now + 600 }, queries{})
	nbf.Defects = []string{"not-yet-valid"}
	iat := g.handCase("iat-future", "issued in 10 minutes", func(_, c map[string]any) { c["iat"] = g.now + 600 }, queries{})
	iat.Defects = []string{"not-yet-valid"}
	noExp := g.handCase("exp-missing", "no exp", func(_, c map[string]any) { delete(c, "exp") }, queries{})
	noExp.Defects = []string{"malformed"}
	cases = append(cases, pending, expired, nbf, iat, noExp)

	// The issuer, configured alike on both sides, and Go's own check when
	// none is configured.
	issOK := g.handCase("iss-configured-ok", "issuer configured on both sides, token matches", nil, queries{})
	issOK.Issuer = issuer
	issBad := g.handCase("iss-configured-other", "issuer configured on both sides, token from another instance",
		func(_, c map[string]any) { c["iss"] = "https://clerk.other.example" }, queries{})
	issBad.Issuer, issBad.Defects = issuer, []string{"issuer"}
	issShape := g.handCase("iss-not-clerk", "no issuer configured, iss not a Clerk Frontend API URL",
		func(_, c map[string]any) { c["iss"] = "https://attacker.example" }, queries{})
	issShape.Intent = goChecksIssuerShape
	cases = append(cases, issOK, issBad, issShape)

	noSid := g.handCase("sid-missing", "no sid", func(_, c map[string]any) { delete(c, "sid") }, queries{})
	noSid.Intent = goRequiresSubAndSid
	emptySub := g.handCase("sub-empty", "sub is the empty string", func(_, c map[string]any) { c["sub"] = "" }, queries{})
	emptySub.Intent = goRequiresSubAndSid
	cases = append(cases, noSid, emptySub)
	return cases
}

func typName(typ string) string {
	if typ == "" {
		return "empty"
	}
	return strings.NewReplacer("/", "-", "+", "-").Replace(typ)
}

// cookieHeader joins cookies in name order.
func cookieHeader(cookies map[string]string) string {
	names := make([]string, 0, len(cookies))
	for n := range cookies {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + "=" + cookies[n]
	}
	return strings.Join(parts, "; ")
}

// Machine-token secrets the fake Backend API knows (both sides get the same
// canned answer; see fakeAPI).
const (
	apiKeySecret  = "ak_oracle0123456789abcdef0123456789"
	m2mSecret     = "mt_oracle0123456789abcdef0123456789"
	oauthGood     = "oat_oracle_good0123456789abcdef0123"
	oauthRevoked  = "oat_oracle_revoked0123456789abcdef0"
	oauthInactive = "oat_oracle_inactive0123456789abcdef"
	oauthUnknown  = "oat_oracle_unknown0123456789abcdef0"
)

// apiAudience is the audience of the machine-token cases that configure one.
const apiAudience = "https://api.oracle.example"

// machineCase builds a machine JWT case: an M2M token (header cat of the
// M2M category, sub a machine) or an OAuth access token (typ at+jwt), valid
// now, with the claims Clerk mints, then edits.
func (g *generator) machineCase(id, note string, oauth bool, edit func(h, c map[string]any)) *tokenCase {
	header := map[string]any{"alg": "RS256", "kid": kid, "typ": "JWT", "cat": catM2M}
	claims := map[string]any{
		"iss": "https://api.clerk.com", "sub": "mch_oracle_caller", "jti": g.id("mt_"),
		"iat": g.now - 30, "nbf": g.now - 30, "exp": g.now + 3600, "aud": []string{"mch_oracle_callee"},
	}
	if oauth {
		header = map[string]any{"alg": "RS256", "kid": kid, "typ": "at+jwt"}
		claims = map[string]any{
			"iss": issuer, "sub": "user_oracle", "jti": g.id("oat_"), "client_id": "client_oracle",
			"iat": g.now - 30, "exp": g.now + 600, "scope": "read write", "aud": apiAudience,
		}
	}
	if edit != nil {
		edit(header, claims)
	}
	return &tokenCase{ID: id, Kind: "verify", Note: note, Header: header, Claims: claims, Token: g.s.sign(header, claims)}
}

// machineCases are M2M and OAuth access tokens in JWT format: each kind
// valid, with each header variant, expired, not yet valid, forged, with
// and without an audience configured. Each goes to both SDKs twice (see
// anyTwins): as a session token, refused, and as its own type.
func (g *generator) machineCases() []*tokenCase {
	key, err := rsa.GenerateKey(crand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	other := &signer{key: key}
	forged := func(tc *tokenCase) *tokenCase {
		tc.Token = other.sign(tc.Header, tc.Claims)
		tc.Defects = append(tc.Defects, "signature")
		return tc
	}
	defect := func(tc *tokenCase, d ...string) *tokenCase { tc.Defects = append(tc.Defects, d...); return tc }
	audience := func(tc *tokenCase) *tokenCase { tc.Audience = []string{apiAudience}; return tc }
	set := func(kv ...any) func(h, c map[string]any) {
		return func(h, c map[string]any) {
			for i := 0; i < len(kv); i += 3 {
				m := c
				if kv[i] == "header" {
					m = h
				}
				if kv[i+2] == nil {
					delete(m, kv[i+1].(string))
				} else {
					m[kv[i+1].(string)] = kv[i+2]
				}
			}
		}
	}
	return []*tokenCase{
		g.machineCase("m2m-jwt", "an M2M JWT as Clerk mints it: scopes from aud", false, nil),
		g.machineCase("m2m-jwt-scopes", "an M2M JWT with a scopes claim, and custom claims", false,
			set("claims", "scopes", "mch_a mch_b", "claims", "job", "sync", "claims", "n", 3)),
		g.machineCase("m2m-jwt-no-cat", "an M2M JWT minted before categories: no cat, no typ", false,
			set("header", "cat", nil, "header", "typ", nil)),
		defect(g.machineCase("m2m-jwt-cat-ignore", "an M2M JWT with the ignored category", false,
			set("header", "cat", catIgnore)), "cat"),
		defect(g.machineCase("m2m-jwt-cat-session", "an M2M JWT with the session category", false,
			set("header", "cat", catSession)), "cat"),
		defect(g.machineCase("m2m-jwt-typ-at-jwt", "a machine subject with typ at+jwt: an M2M JWT of the wrong typ", false,
			set("header", "typ", "at+jwt")), "typ"),
		defect(g.machineCase("m2m-jwt-expired", "an M2M JWT expired 10 minutes ago", false,
			set("claims", "exp", g.now-600, "claims", "iat", g.now-900, "claims", "nbf", g.now-900)), "expired"),
		defect(g.machineCase("m2m-jwt-nbf", "an M2M JWT valid in 10 minutes", false,
			set("claims", "nbf", g.now+600)), "not-yet-valid"),
		defect(g.machineCase("m2m-jwt-no-exp", "an M2M JWT without exp", false, set("claims", "exp", nil)), "malformed"),
		forged(g.machineCase("m2m-jwt-forged", "an M2M JWT signed by another key", false, nil)),
		audience(g.machineCase("m2m-jwt-aud-ok", "audience configured, named in aud", false,
			set("claims", "aud", []string{"mch_x", apiAudience}))),
		defect(audience(g.machineCase("m2m-jwt-aud-other", "audience configured, aud names machines only", false, nil)), "audience"),
		audience(g.machineCase("m2m-jwt-aud-missing", "audience configured, no aud: not checked on M2M tokens", false,
			set("claims", "aud", nil))),
		g.machineCase("oauth-jwt", "an OAuth access token in JWT format: scope split at spaces", true, nil),
		g.machineCase("oauth-jwt-app-typ", "typ application/at+jwt, scp as a list", true,
			set("header", "typ", "application/at+jwt", "claims", "scp", []string{"email", "profile"})),
		g.machineCase("oauth-jwt-cat", "an OAuth JWT carrying the M2M category: cat is not read", true,
			set("header", "cat", catM2M)),
		defect(g.machineCase("oauth-jwt-expired", "an OAuth JWT expired 10 minutes ago", true,
			set("claims", "exp", g.now-600, "claims", "iat", g.now-900)), "expired"),
		defect(g.machineCase("oauth-jwt-iat-future", "an OAuth JWT issued in 10 minutes", true,
			set("claims", "iat", g.now+600)), "not-yet-valid"),
		defect(g.machineCase("oauth-jwt-no-sub", "an OAuth JWT without sub", true, set("claims", "sub", nil)), "malformed"),
		forged(g.machineCase("oauth-jwt-forged", "an OAuth JWT signed by another key", true, nil)),
		defect(g.machineCase("oauth-jwt-alg", "an OAuth JWT whose header says RS512", true,
			set("header", "alg", "RS512")), "signature", "alg"),
		audience(g.machineCase("oauth-jwt-aud-ok", "audience configured, named in aud", true, nil)),
		audience(g.machineCase("oauth-jwt-aud-list", "audience configured, named in an aud list", true,
			set("claims", "aud", []string{"https://other.example", apiAudience}))),
		defect(audience(g.machineCase("oauth-jwt-aud-other", "audience configured, aud another API", true,
			set("claims", "aud", "https://other.example"))), "audience"),
		defect(audience(g.machineCase("oauth-jwt-aud-missing", "audience configured, no aud: refused for OAuth tokens", true,
			set("claims", "aud", nil))), "audience"),
		defect(audience(g.machineCase("oauth-jwt-aud-empty", "audience configured, aud an empty string", true,
			set("claims", "aud", ""))), "audience"),
	}
}

// requestCases put whole requests to both SDKs: where the token is read
// from (header or __session cookie), which token types are accepted, and
// machine tokens in the cookie.
func (g *generator) requestCases() []*tokenCase {
	session := g.handCase("", "", func(_, c map[string]any) {
		c["fea"] = "o:teams"
		c["o"] = org("admin", "read,manage", "3")
	}, queries{})
	expired := g.handCase("", "", func(_, c map[string]any) {
		c["exp"], c["iat"], c["nbf"] = g.now-600, g.now-900, g.now-910
	}, queries{})
	expired.Defects = []string{"expired"}
	template := g.handCase("", "", func(h, _ map[string]any) { h["cat"] = catTemplate }, queries{})
	template.Defects = []string{"cat"}
	machine := g.handCase("", "", func(_, c map[string]any) { c["sub"] = "mch_oracle" }, queries{})
	machine.Defects = []string{"m2m-subject"}
	m2mJWT := g.machineCase("", "", false, nil)
	oauthJWT := g.machineCase("", "", true, nil)
	expiredM2M := g.machineCase("", "", false, func(_, c map[string]any) { c["exp"], c["iat"], c["nbf"] = g.now-600, g.now-900, g.now-900 })
	expiredM2M.Defects = []string{"expired"}
	uat := strconv.FormatInt(g.now-3600, 10)
	bearer := func(tok string) map[string]string { return map[string]string{"Authorization": "Bearer " + tok} }
	cookie := func(tok string, withUAT bool) map[string]string {
		c := map[string]string{"__session": tok}
		if withUAT {
			c["__client_uat"] = uat
		}
		return map[string]string{"Cookie": cookieHeader(c)}
	}
	merge := func(ms ...map[string]string) map[string]string {
		out := map[string]string{}
		for _, m := range ms {
			for k, v := range m {
				out[k] = v
			}
		}
		return out
	}
	q := queries{Permissions: []string{"org:teams:read", "org:teams:manage"}, Roles: []string{"admin"}}
	sessionAndKey := []string{"session_token", "api_key"}
	goSessionAndKey := []clerk.TokenType{clerk.SessionToken, clerk.APIKeyToken}
	m2mOnly, goM2MOnly := "m2m_token", []clerk.TokenType{clerk.M2MToken}
	oauthOnly, goOAuthOnly := "oauth_token", []clerk.TokenType{clerk.OAuthToken}
	sessionAndM2M, goSessionAndM2M := []string{"session_token", "m2m_token"}, []clerk.TokenType{clerk.SessionToken, clerk.M2MToken}
	sessionAndOAuth, goSessionAndOAuth := []string{"session_token", "oauth_token"}, []clerk.TokenType{clerk.SessionToken, clerk.OAuthToken}
	keyAndOAuth, goKeyAndOAuth := []string{"api_key", "oauth_token"}, []clerk.TokenType{clerk.APIKeyToken, clerk.OAuthToken}

	type rc struct {
		id, note, category string
		headers            map[string]string
		jsAccepts          any
		goAccepts          []clerk.TokenType
		src                *tokenCase
	}
	specs := []rc{
		{"req-header-session", "a session token as a bearer token", "", bearer(session.Token), nil, nil, session},
		{"req-cookie-session", "a session token in __session, with __client_uat", "", cookie(session.Token, true), nil, nil, session},
		{"req-cookie-apikey-mixed", "an API key in __session, session tokens and API keys accepted", "machine-cookie",
			cookie(apiKeySecret, true), sessionAndKey, goSessionAndKey, nil},
		{"req-cookie-apikey-only", "an API key in __session, API keys accepted", "machine-cookie",
			cookie(apiKeySecret, true), "api_key", []clerk.TokenType{clerk.APIKeyToken}, nil},
		{"req-cookie-m2m-only", "an M2M token in __session, M2M tokens accepted", "machine-cookie",
			cookie(m2mSecret, true), "m2m_token", []clerk.TokenType{clerk.M2MToken}, nil},
		{"req-header-apikey", "an API key as a bearer token, API keys accepted", "",
			bearer(apiKeySecret), "api_key", []clerk.TokenType{clerk.APIKeyToken}, nil},
		{"req-header-apikey-mixed", "an API key as a bearer token, session tokens and API keys accepted", "",
			bearer(apiKeySecret), sessionAndKey, goSessionAndKey, nil},
		{"req-header-m2m", "an M2M token as a bearer token, M2M tokens accepted", "",
			bearer(m2mSecret), "m2m_token", []clerk.TokenType{clerk.M2MToken}, nil},
		{"req-header-apikey-default", "an API key as a bearer token, session tokens only", "",
			bearer(apiKeySecret), nil, nil, nil},
		{"req-header-session-as-apikey", "a session token where API keys only are accepted", "",
			bearer(session.Token), "api_key", []clerk.TokenType{clerk.APIKeyToken}, session},
		{"req-header-expired-cookie-valid", "an expired bearer token and a valid cookie: the header decides", "",
			merge(bearer(expired.Token), cookie(session.Token, true)), nil, nil, expired},
		{"req-header-session-cookie-apikey", "a valid bearer token and an API key in the cookie", "",
			merge(bearer(session.Token), cookie(apiKeySecret, true)), sessionAndKey, goSessionAndKey, session},
		{"req-header-lowercase-bearer", "Authorization: bearer (lower case), no cookie", "auth-header",
			map[string]string{"Authorization": "bearer " + session.Token}, nil, nil, session},
		{"req-header-no-scheme", "Authorization: the token without a scheme, no cookie", "auth-header",
			map[string]string{"Authorization": session.Token}, nil, nil, session},
		{"req-header-basic-cookie-valid", "Authorization: Basic, and a valid cookie", "",
			merge(map[string]string{"Authorization": "Basic dXNlcjpwYXNz"}, cookie(session.Token, true)), nil, nil, session},
		{"req-cookie-template", "a JWT-template token (cat) in __session", "cat", cookie(template.Token, true), nil, nil, template},
		{"req-header-template", "a JWT-template token (cat) as a bearer token", "cat", bearer(template.Token), nil, nil, template},
		{"req-header-machine-jwt", "a JWT whose subject is a machine, as a bearer token", "m2m-subject",
			bearer(machine.Token), nil, nil, machine},

		// Machine JWTs and opaque OAuth access tokens, by accepted types.
		{"req-m2m-jwt-m2m", "an M2M JWT, M2M tokens accepted", "", bearer(m2mJWT.Token), m2mOnly, goM2MOnly, m2mJWT},
		{"req-m2m-jwt-mixed", "an M2M JWT, session and M2M tokens accepted", "", bearer(m2mJWT.Token), sessionAndM2M, goSessionAndM2M, m2mJWT},
		{"req-m2m-jwt-default", "an M2M JWT, session tokens only", "", bearer(m2mJWT.Token), nil, nil, m2mJWT},
		{"req-m2m-jwt-oauth", "an M2M JWT, OAuth tokens accepted", "", bearer(m2mJWT.Token), oauthOnly, goOAuthOnly, m2mJWT},
		{"req-m2m-jwt-session-key", "an M2M JWT, session tokens and API keys accepted", "", bearer(m2mJWT.Token), sessionAndKey, goSessionAndKey, m2mJWT},
		{"req-m2m-jwt-expired", "an expired M2M JWT, M2M tokens accepted", "", bearer(expiredM2M.Token), m2mOnly, goM2MOnly, expiredM2M},
		{"req-m2m-jwt-cookie", "an M2M JWT in __session, session and M2M tokens accepted", "", cookie(m2mJWT.Token, true), sessionAndM2M, goSessionAndM2M, m2mJWT},
		{"req-machine-jwt-m2m", "a session-shaped JWT with a machine subject, M2M tokens accepted", "", bearer(machine.Token), m2mOnly, goM2MOnly, machine},
		{"req-oauth-jwt-oauth", "an OAuth JWT, OAuth tokens accepted", "", bearer(oauthJWT.Token), oauthOnly, goOAuthOnly, oauthJWT},
		{"req-oauth-jwt-mixed", "an OAuth JWT, session and OAuth tokens accepted", "", bearer(oauthJWT.Token), sessionAndOAuth, goSessionAndOAuth, oauthJWT},
		{"req-oauth-jwt-default", "an OAuth JWT, session tokens only", "", bearer(oauthJWT.Token), nil, nil, oauthJWT},
		{"req-oauth-jwt-m2m", "an OAuth JWT, M2M tokens accepted", "", bearer(oauthJWT.Token), m2mOnly, goM2MOnly, oauthJWT},
		{"req-oat-oauth", "an opaque OAuth token, OAuth tokens accepted", "", bearer(oauthGood), oauthOnly, goOAuthOnly, nil},
		{"req-oat-key-oauth", "an opaque OAuth token, API keys and OAuth tokens accepted", "", bearer(oauthGood), keyAndOAuth, goKeyAndOAuth, nil},
		{"req-oat-default", "an opaque OAuth token, session tokens only", "", bearer(oauthGood), nil, nil, nil},
		{"req-oat-m2m", "an opaque OAuth token, M2M tokens accepted", "", bearer(oauthGood), m2mOnly, goM2MOnly, nil},
		{"req-oat-cookie", "an opaque OAuth token in __session, OAuth tokens accepted", "machine-cookie", cookie(oauthGood, true), oauthOnly, goOAuthOnly, nil},
		{"req-oat-unknown", "an opaque OAuth token Clerk does not know (404)", "", bearer(oauthUnknown), oauthOnly, goOAuthOnly, nil},
		{"req-oat-revoked", "an opaque OAuth token answered with revoked: true", "", bearer(oauthRevoked), oauthOnly, goOAuthOnly, nil},
		{"req-oat-inactive", "an opaque OAuth token answered with {active: false}", "", bearer(oauthInactive), oauthOnly, goOAuthOnly, nil},
		{"req-session-m2m", "a session token, M2M tokens accepted", "", bearer(session.Token), m2mOnly, goM2MOnly, session},
	}
	out := make([]*tokenCase, len(specs))
	for i, s := range specs {
		tc := &tokenCase{
			ID: s.id, Kind: "request", Note: s.note, Category: s.category,
			Request:   &requestSpec{Method: "GET", URL: appOrigin + "/api/resource", Headers: s.headers},
			JSAccepts: s.jsAccepts, GoAccepts: s.goAccepts,
		}
		if s.src != nil {
			tc.Header, tc.Claims, tc.Token, tc.Defects = s.src.Header, s.src.Claims, s.src.Token, s.src.Defects
			tc.Queries = q
		}
		switch s.id {
		case "req-header-lowercase-bearer":
			tc.Intent = goBearerAnyCase
		case "req-oat-revoked":
			tc.Intent = goReadsVerifyFlags
		case "req-oat-inactive":
			tc.Intent = goRefusesInactive
		}
		out[i] = tc
	}
	return out
}
