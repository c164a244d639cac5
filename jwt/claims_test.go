package jwt

import (
	"context"
	"encoding/base64"
	"fmt"
	"math/big"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// permissionVector is a v2 token's fea, o.per and o.fpm and the
// organization permissions they grant.
type permissionVector struct {
	name          string
	fea, per, fpm string
	want          []string
}

// permissionVectors covers the permission-mask rules that the package
// documentation lists. Every expected value is what @clerk/shared 4.41.0's
// __experimental_JWTPayloadToAuthObjectProperties returns for a v2 token
// with these fea, o.per and o.fpm ("nothing at all" where its splitByScope
// throws).
func permissionVectors() []permissionVector {
	perms := func(n int) string {
		p := make([]string, n)
		for i := range p {
			p[i] = fmt.Sprintf("p%d", i)
		}
		return strings.Join(p, ",")
	}
	all64 := make([]string, 64)
	for i := range all64 {
		all64[i] = fmt.Sprintf("org:f:p%d", i)
	}
	return []permissionVector{
		{"Clerk JS fixture", "o:repositories,uo:projects,u:goldprofileborder", "read,create,update,delete,revoke", "7,21",
			[]string{"org:repositories:read", "org:repositories:create", "org:repositories:update",
				"org:projects:read", "org:projects:update", "org:projects:revoke"}},
		{"user feature first (issue 9)", "u:profile,o:memberships", "read,manage", "1,3", []string{"org:memberships:read"}},
		{"Clerk docs example", "o:dashboard,o:teams", "manage,read", "3,2",
			[]string{"org:dashboard:manage", "org:dashboard:read", "org:teams:read"}},
		{"user feature last", "o:a,o:b,u:c", "x,y", "1,2,3", []string{"org:a:x", "org:b:y"}},
		{"user feature in the middle", "o:a,u:b,o:c", "x,y", "1,2,3", []string{"org:a:x", "org:c:y"}},
		{"user features everywhere", "u:a,o:b,u:c,ou:d,u:e,uo:f,u:g", "x,y,z", "1,2,4,7",
			[]string{"org:b:x", "org:d:y", "org:f:z"}},
		{"only user features", "u:a,u:b", "x", "1,1", nil},
		{"scopes ou and uo take masks", "ou:a,uo:b", "x,y", "2,1", []string{"org:a:y", "org:b:x"}},
		{"unknown scopes take no mask", "x:a,O:b,oo:c,o:d", "p", "1,1", []string{"org:d:p"}},
		{"mask 0", "o:a", "read", "0", nil},
		{"bits beyond per ignored", "o:a", "x,y", "7", []string{"org:a:x", "org:a:y"}},
		{"fewer masks than organization features", "o:a,o:b", "x", "1", []string{"org:a:x"}},
		{"more masks than organization features", "o:a", "x", "1,1,1", []string{"org:a:x"}},
		{"mask over 2^53 (not exact in float64)", "o:f", perms(54), "9007199254740993", []string{"org:f:p0", "org:f:p53"}},
		{"mask 2^64-1", "o:f", perms(64), "18446744073709551615", all64},
		{"mask 2^64 with 64 permissions", "o:f", perms(64), "18446744073709551616", nil},
		{"mask 2^64 grants the 65th permission", "o:f", perms(65), "18446744073709551616", []string{"org:f:p64"}},
		{"mask 2^64+5", "o:f", perms(65), "18446744073709551621", []string{"org:f:p0", "org:f:p2", "org:f:p64"}},
		{"mask 2^100+2^70+1", "o:f", perms(101), "1267650601408821022214114508801", []string{"org:f:p0", "org:f:p70", "org:f:p100"}},
		{"mask 2^100+2^70+1 with 80 permissions", "o:f", perms(80), "1267650601408821022214114508801", []string{"org:f:p0", "org:f:p70"}},
		{"mask 10^80", "o:f", perms(81), "1" + strings.Repeat("0", 80), []string{"org:f:p80"}},
		{"user feature first, 65 permissions", "u:x,o:f", perms(65), "1,18446744073709551616", []string{"org:f:p0"}},
		{"leading zeros", "o:a", "x,y", "002", []string{"org:a:y"}},
		{"spaces trimmed", " o:a , o:b ", " x , y ", " 1 , 2 ", []string{"org:a:x", "org:b:y"}},
		{"JavaScript's white space trimmed", "\u00a0o:a\ufeff", "\u2028x\u3000,\u0085y", "3", []string{"org:a:x", "org:a:\u0085y"}},
		{"1invalid grants nothing", "o:a,o:b", "x", "1invalid,1", []string{"org:b:x"}},
		{"-1 grants nothing", "o:a,o:b", "x", "-1,1", []string{"org:b:x"}},
		{"1.5 grants nothing", "o:a,o:b", "x", "1.5,1", []string{"org:b:x"}},
		{"+1 grants nothing", "o:a", "x", "+1", nil},
		{"hex grants nothing", "o:a", "x", "0x1", nil},
		{"exponent grants nothing", "o:a", "x", "1e0", nil},
		{"empty mask grants nothing", "o:a,o:b", "x", ",1", []string{"org:b:x"}},
		{"inner space grants nothing", "o:a", "x", "1 1", nil},
		{"non-ASCII digit grants nothing", "o:a", "x", "\u0661", nil},
		{"entry without colon: nothing at all", "o:a,b", "x", "1,1", nil},
		{"empty entry: nothing at all", "o:a,,o:b", "x", "1,1", nil},
		{"trailing comma: nothing at all", "o:a,", "x", "1", nil},
		{"space inside the scope", "o :a,o:b", "x", "1,1", []string{"org:b:x"}},
		{"name with colons", "o:a:b", "x", "1", []string{"org:a:b:x"}},
		{"empty feature name kept", "o:", "x", "1", []string{"org::x"}},
		{"empty permission kept", "o:a", "x,,z", "7", []string{"org:a:x", "org:a:", "org:a:z"}},
		{"missing per", "o:a", "", "1", nil},
		{"missing fpm", "o:a", "x", "", nil},
		{"missing fea", "", "x", "1", nil},
	}
}

func TestOrgPermissions(t *testing.T) {
	for _, tc := range permissionVectors() {
		t.Run(tc.name, func(t *testing.T) {
			got := orgPermissions(splitFeatures(tc.fea), tc.per, tc.fpm)
			if !slices.Equal(got, tc.want) {
				t.Errorf("orgPermissions(%q, %q, %q) = %q, want %q", tc.fea, tc.per, tc.fpm, got, tc.want)
			}
			if ref := referencePermissions(tc.fea, tc.per, tc.fpm); !slices.Equal(got, ref) {
				t.Errorf("reference implementation gives %q", ref)
			}
		})
	}
}

// TestOrgPermissionsFromToken checks the permission vectors on verified
// tokens.
func TestOrgPermissionsFromToken(t *testing.T) {
	v := newPEMVerifier(t)
	for _, tc := range permissionVectors() {
		c, err := v.Verify(context.Background(), mint(t, with(baseClaims(), "fea", tc.fea,
			"o", map[string]any{"id": "org_1", "rol": "admin", "per": tc.per, "fpm": tc.fpm})))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(c.OrgPermissions, tc.want) {
			t.Errorf("%s: Verify gives %q, want %q", tc.name, c.OrgPermissions, tc.want)
		}
		for _, p := range tc.want {
			if !c.HasPermission(p) {
				t.Errorf("%s: HasPermission(%q) = false", tc.name, p)
			}
		}
	}
}

// referencePermissions is a deliberately naive transcription of @clerk/shared's
// splitByScope, parsePermissions and buildOrgPermissions (whole big
// integers, strings.Split, a trim by cut set) that FuzzPermissions compares
// orgPermissions against.
func referencePermissions(fea, per, fpm string) []string {
	const jsSpace = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
	var org []string
	if fea != "" {
		for _, part := range strings.Split(fea, ",") {
			part = strings.Trim(part, jsSpace)
			i := strings.Index(part, ":")
			if i < 0 {
				return nil // splitByScope throws
			}
			if scope := part[:i]; scope == "o" || scope == "ou" || scope == "uo" {
				org = append(org, part[i+1:])
			}
		}
	}
	if per == "" || fpm == "" {
		return nil
	}
	perms := strings.Split(per, ",")
	for i := range perms {
		perms[i] = strings.Trim(perms[i], jsSpace)
	}
	masks := strings.Split(fpm, ",")
	var out []string
	for i, f := range org {
		if i >= len(masks) {
			continue
		}
		m := strings.Trim(masks[i], jsSpace)
		if m == "" || strings.Trim(m, "0123456789") != "" {
			continue
		}
		mask, _ := new(big.Int).SetString(m, 10)
		for j, p := range perms {
			if mask.Bit(j) == 1 {
				out = append(out, "org:"+f+":"+p)
			}
		}
	}
	return out
}

// TestV1V2SameClaims checks that a v1 token and the equivalent v2 token
// produce the same organization claims.
func TestV1V2SameClaims(t *testing.T) {
	v := newPEMVerifier(t)
	ctx := context.Background()
	v1 := with(baseClaims(), "v", nil,
		"org_id", "org_1", "org_slug", "acme", "org_role", "org:admin",
		"org_permissions", []string{"org:dashboard:manage", "org:dashboard:read", "org:teams:read"})
	v2 := with(baseClaims(),
		"fea", "o:dashboard,o:teams",
		"o", map[string]any{"id": "org_1", "slg": "acme", "rol": "admin", "per": "manage,read", "fpm": "3,2"})
	c1, err := v.Verify(ctx, mint(t, v1))
	if err != nil {
		t.Fatal(err)
	}
	c2, err := v.Verify(ctx, mint(t, v2))
	if err != nil {
		t.Fatal(err)
	}
	if c1.Version != 1 || c2.Version != 2 {
		t.Errorf("versions %d, %d", c1.Version, c2.Version)
	}
	for _, c := range []*Claims{c1, c2} {
		if c.OrgID != "org_1" || c.OrgSlug != "acme" || c.OrgRole != "org:admin" ||
			!slices.Equal(c.OrgPermissions, []string{"org:dashboard:manage", "org:dashboard:read", "org:teams:read"}) {
			t.Errorf("v%d claims = %+v", c.Version, c)
		}
		if !c.HasRole("org:admin") || !c.HasRole("admin") || c.HasRole("org:member") ||
			!c.HasPermission("org:teams:read") || !c.HasPermission("teams:read") || c.HasPermission("org:teams:manage") {
			t.Errorf("v%d Has* wrong", c.Version)
		}
	}
}

func TestClaimsShapes(t *testing.T) {
	v := newPEMVerifier(t)
	ctx := context.Background()
	verify := func(claims map[string]any) *Claims {
		t.Helper()
		c, err := v.Verify(ctx, mint(t, claims))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	t.Run("no o claim: no organization whatever fea holds", func(t *testing.T) {
		c := verify(with(baseClaims(), "fea", "o:dashboard", "org_id", "org_v1_ignored"))
		if c.OrgID != "" || c.OrgRole != "" || c.OrgSlug != "" || c.OrgPermissions != nil {
			t.Errorf("claims = %+v", c)
		}
		if !c.HasFeature("dashboard") || c.HasPermission("org:dashboard:read") || c.HasRole("admin") {
			t.Error("Has* wrong")
		}
	})
	t.Run("v1 ignores o", func(t *testing.T) {
		c := verify(with(baseClaims(), "v", nil, "o", map[string]any{"id": "org_x", "rol": "admin"}))
		if c.OrgID != "" || c.Version != 1 {
			t.Errorf("claims = %+v", c)
		}
	})
	t.Run("o without rol", func(t *testing.T) {
		c := verify(with(baseClaims(), "o", map[string]any{"id": "org_1"}))
		if c.OrgID != "org_1" || c.OrgRole != "" || c.HasRole("") {
			t.Errorf("claims = %+v", c)
		}
	})
	t.Run("features and plan", func(t *testing.T) {
		// The expectations are what @clerk/shared 4.41.0's has() answers.
		c := verify(with(baseClaims(), "fea", "o:dashboard,u:export,ou:both,uo:more,x:weird,o:a:b,o:", "pla", "u:free"))
		if !slices.Equal(c.Features, []string{"o:dashboard", "u:export", "ou:both", "uo:more", "x:weird", "o:a:b", "o:"}) || c.Plan != "u:free" {
			t.Errorf("claims = %+v", c)
		}
		for q, want := range map[string]bool{
			"dashboard": true, "org:dashboard": true, "o:dashboard": true, "organization:dashboard": true,
			"user:dashboard": false, "u:dashboard": false,
			"export": true, "user:export": true, "org:export": false,
			"both": true, "org:both": true, "user:both": true, "more": true, "u:more": true, "o:more": true,
			"weird": false, "x:weird": false, "missing": false, "team:dashboard": false,
			"":  true, // "o:" names the empty feature
			"a": false, "a:b": false, "org:a": false, "org:a:b": false, "o:a:zzz": false,
			"org:": false, "o:": false, "org": false, "dashboard:x": false, ":dashboard": false,
		} {
			if got := c.HasFeature(q); got != want {
				t.Errorf("HasFeature(%q) = %v", q, got)
			}
		}
		for q, want := range map[string]bool{"free": true, "user:free": true, "u:free": true, "org:free": false, "pro": false} {
			if got := c.HasPlan(q); got != want {
				t.Errorf("HasPlan(%q) = %v", q, got)
			}
		}
	})
	t.Run("fea with an entry without colon: no features, no permissions", func(t *testing.T) {
		for _, fea := range []string{"o:a,b", "o:a,,o:b", "o:a,", " "} {
			c := verify(with(baseClaims(), "fea", fea, "pla", "free",
				"o", map[string]any{"id": "org_1", "rol": "admin", "per": "x", "fpm": "1,1"}))
			if c.Features != nil || c.OrgPermissions != nil || c.HasFeature("a") || c.HasPermission("org:a:x") ||
				c.HasPlan("free") || c.OrgID != "org_1" || !c.HasRole("admin") {
				t.Errorf("fea %q: claims = %+v", fea, c)
			}
		}
	})
	t.Run("roles and permissions compared as Clerk's SDKs do", func(t *testing.T) {
		c := verify(with(baseClaims(), "v", nil, "org_id", "org_1", "org_role", "org:admin",
			"org_permissions", []string{"org:a:x", "org:org:b"}))
		// The expectations are what @clerk/shared 4.41.0's has() answers.
		for q, want := range map[string]bool{"admin": true, "org:admin": true, "org:org:admin": true,
			"member": false, "": false, "org:": false, "ADMIN": false} {
			if got := c.HasRole(q); got != want {
				t.Errorf("HasRole(%q) = %v", q, got)
			}
		}
		for q, want := range map[string]bool{"a:x": true, "org:a:x": true, "org:org:a:x": true,
			"org:b": false, "org:org:b": false, "b": false, "": false, "org:a": false} {
			if got := c.HasPermission(q); got != want {
				t.Errorf("HasPermission(%q) = %v", q, got)
			}
		}
	})
	t.Run("fva", func(t *testing.T) {
		c := verify(with(baseClaims(), "fva", []int{7, -1}))
		if !slices.Equal(c.FactorVerificationAge, []int{7, -1}) {
			t.Errorf("fva = %v", c.FactorVerificationAge)
		}
		if c := verify(baseClaims()); c.FactorVerificationAge != nil {
			t.Errorf("absent fva = %v", c.FactorVerificationAge)
		}
		// Anything but two integers is no fva at all: never a 0, "just
		// verified", for an age the token does not carry.
		for _, fva := range []any{[]int{5}, []int{1, 2, 3}, []float64{1.5, 2}, []int{}, nil} {
			if c := verify(with(baseClaims(), "fva", fva)); c.FactorVerificationAge != nil || c.IsReverified(SecondFactor, time.Hour) {
				t.Errorf("fva %v: FactorVerificationAge = %v", fva, c.FactorVerificationAge)
			}
		}
	})
	t.Run("actor", func(t *testing.T) {
		c := verify(with(baseClaims(), "act", map[string]any{"sub": "user_admin", "iss": "https://dashboard.clerk.com", "sid": "sess_a"}))
		if c.Actor == nil || *c.Actor != (Actor{Subject: "user_admin", Issuer: "https://dashboard.clerk.com", SessionID: "sess_a"}) {
			t.Errorf("actor = %+v", c.Actor)
		}
	})
	t.Run("status", func(t *testing.T) {
		if c := verify(with(baseClaims(), "sts", "active")); c.Status != "active" {
			t.Errorf("status = %q", c.Status)
		}
	})
	t.Run("custom claims", func(t *testing.T) {
		c := verify(with(baseClaims(), "metadata", map[string]any{"plan": "gold"}, "roles", []string{"a", "b"}))
		var custom struct {
			Metadata struct {
				Plan string `json:"plan"`
			} `json:"metadata"`
			Roles []string `json:"roles"`
			Sub   string   `json:"sub"`
		}
		if err := c.Decode(&custom); err != nil {
			t.Fatal(err)
		}
		if custom.Metadata.Plan != "gold" || !slices.Equal(custom.Roles, []string{"a", "b"}) || custom.Sub != "user_123" {
			t.Errorf("custom = %+v", custom)
		}
		if err := (&Claims{}).Decode(&custom); err == nil {
			t.Error("Decode of empty Raw succeeded")
		}
	})
}

func TestDecodeUnverified(t *testing.T) {
	loadFixture(t) // loads otherKey
	forged := mintRaw(otherKey, rsHeader(), with(baseClaims(), "exp", 1, "o", map[string]any{"id": "org_1", "rol": "admin"}))
	c, err := Decode(forged)
	if err != nil {
		t.Fatal(err)
	}
	if c.UserID != "user_123" || c.OrgRole != "org:admin" || c.ExpiresAt.Unix() != 1 {
		t.Errorf("claims = %+v", c)
	}
	if c, err := Decode(mintRaw(otherKey, rsHeader(), with(baseClaims(), "sub", nil))); err != nil || c.UserID != "" {
		t.Errorf("Decode without sub = %+v, %v", c, err)
	}
	// Decode judges no header parameter: alg, typ, cat, crit, kid.
	for _, h := range []map[string]any{
		with(rsHeader(), "alg", "none"), with(rsHeader(), "alg", "HS256"), with(rsHeader(), "alg", "bogus"),
		with(rsHeader(), "alg", nil), with(rsHeader(), "alg", 7), with(rsHeader(), "typ", "at+jwt"),
		with(rsHeader(), "cat", "cl_B7d4PD333AAA"), with(rsHeader(), "crit", []string{"x"}), with(rsHeader(), "kid", 7),
	} {
		if c, err := Decode(mintRaw(otherKey, h, baseClaims())); err != nil || c.UserID != "user_123" {
			t.Errorf("Decode with header %v = %+v, %v", h, c, err)
		}
	}
	parts := strings.Split(forged, ".")
	for _, tok := range []string{"", "a.b", "a.b.c.d", "x.!!!.y", "x." + seg("str") + ".y", strings.Repeat("a", MaxTokenSize+1),
		// Header or signature not base64url.
		"!!!." + parts[1] + "." + parts[2], parts[0] + "=." + parts[1] + "." + parts[2],
		parts[0] + "." + parts[1] + ".!!!", parts[0] + "." + parts[1] + "." + parts[2] + "=", "x." + parts[1] + "." + parts[2],
		// A line break, which Go's base64 decoders skip.
		parts[0] + "." + parts[1][:5] + "\n" + parts[1][5:] + "." + parts[2],
		// A header that is not a JSON object.
		seg("alg") + "." + parts[1] + "." + parts[2], base64.RawURLEncoding.EncodeToString([]byte("{")) + "." + parts[1] + "." + parts[2],
		// Claims of the wrong types.
		parts[0] + "." + seg(map[string]any{"sub": 7}) + "." + parts[2], parts[0] + "." + seg(map[string]any{"exp": 1e300}) + "." + parts[2],
		// An alg golang-jwt does not know, and a signature that is not base64url.
		seg(with(rsHeader(), "alg", "bogus")) + "." + parts[1] + ".!!!",
		seg(with(rsHeader(), "alg", "bogus")) + "." + parts[1] + "." + parts[2] + "AAA",
	} {
		_, err := Decode(tok)
		requireOnly(t, err, ErrTokenMalformed)
	}
}

func TestClaimsFieldsDocumented(t *testing.T) {
	// Every Claims field of the SDK's documented API exists.
	typ := reflect.TypeFor[Claims]()
	for _, name := range []string{"UserID", "SessionID", "Issuer", "AuthorizedParty", "IssuedAt", "ExpiresAt",
		"NotBefore", "Version", "Status", "OrgID", "OrgSlug", "OrgRole", "OrgPermissions", "Features", "Plan",
		"FactorVerificationAge", "Actor", "Raw"} {
		if _, ok := typ.FieldByName(name); !ok {
			t.Errorf("Claims lacks %s", name)
		}
	}
}
