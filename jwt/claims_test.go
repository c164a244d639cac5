package jwt

import (
	"context"
	"fmt"
	"math/big"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestOrgPermissions covers the permission-mask rules of the reference.
func TestOrgPermissions(t *testing.T) {
	perms64 := make([]string, 64)
	for i := range perms64 {
		perms64[i] = fmt.Sprintf("p%d", i)
	}
	all64 := make([]string, 64)
	for i := range all64 {
		all64[i] = "org:f:" + perms64[i]
	}
	tests := []struct {
		name          string
		fea, per, fpm string
		want          []string
	}{
		{"Clerk docs example", "o:dashboard,o:teams", "manage,read", "3,2",
			[]string{"org:dashboard:manage", "org:dashboard:read", "org:teams:read"}},
		{"mask 0", "o:a", "read", "0", nil},
		{"bits beyond per ignored", "o:a", "x,y", "7", []string{"org:a:x", "org:a:y"}},
		{"bit 63 beyond per ignored", "o:a", "x", "9223372036854775809", []string{"org:a:x"}},
		{"mask over 2^53 (not exact in float64)", "o:f", strings.Join(perms64[:54], ","), "9007199254740993",
			[]string{"org:f:p0", "org:f:p53"}},
		{"mask 2^59+1", "o:f", strings.Join(perms64[:60], ","), "576460752303423489", []string{"org:f:p0", "org:f:p59"}},
		{"mask 2^64-1", "o:f", strings.Join(perms64, ","), "18446744073709551615", all64},
		{"mask 2^64 overflows: nothing", "o:f", strings.Join(perms64, ","), "18446744073709551616", nil},
		{"more than 64 permissions: the 65th unreachable", "o:f", strings.Join(perms64, ",") + ",p64", "18446744073709551615", all64},
		{"leading zeros", "o:a", "x,y", "002", []string{"org:a:y"}},
		{"spaces trimmed", " o:a , o:b ", " x , y ", " 1 , 2 ", []string{"org:a:x", "org:b:y"}},
		{"1invalid grants nothing", "o:a,o:b", "x", "1invalid,1", []string{"org:b:x"}},
		{"-1 grants nothing", "o:a,o:b", "x", "-1,1", []string{"org:b:x"}},
		{"1.5 grants nothing", "o:a,o:b", "x", "1.5,1", []string{"org:b:x"}},
		{"+1 grants nothing", "o:a", "x", "+1", nil},
		{"hex grants nothing", "o:a", "x", "0x1", nil},
		{"exponent grants nothing", "o:a", "x", "1e0", nil},
		{"empty mask grants nothing", "o:a,o:b", "x", ",1", []string{"org:b:x"}},
		{"inner space grants nothing", "o:a", "x", "1 1", nil},
		{"user feature yields none", "u:export,o:dash", "read", "1,1", []string{"org:dash:read"}},
		{"user feature keeps its index", "u:export,o:dash", "read,write", "1,2", []string{"org:dash:write"}},
		{"scope ou", "ou:a", "x", "1", []string{"org:a:x"}},
		{"scope uo", "uo:a", "x", "1", []string{"org:a:x"}},
		{"scope not letters", "o1:a", "x", "1", nil},
		{"no scope", "a", "x", "1", nil},
		{"empty name", "o:", "x", "1", nil},
		{"empty feature entry keeps its index", "o:a,,o:b", "x", "1,1,1", []string{"org:a:x", "org:b:x"}},
		{"fewer masks than features", "o:a,o:b", "x", "1", []string{"org:a:x"}},
		{"more masks than features", "o:a", "x", "1,1,1", []string{"org:a:x"}},
		{"empty permission entry skipped", "o:a", "x,,z", "7", []string{"org:a:x", "org:a:z"}},
		{"missing per", "o:a", "", "1", nil},
		{"missing fpm", "o:a", "x", "", nil},
		{"missing fea", "", "x", "1", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := orgPermissions(tc.fea, tc.per, tc.fpm)
			if !slices.Equal(got, tc.want) {
				t.Errorf("orgPermissions(%q, %q, %q) = %q, want %q", tc.fea, tc.per, tc.fpm, got, tc.want)
			}
			if ref := referencePermissions(tc.fea, tc.per, tc.fpm); !slices.Equal(got, ref) {
				t.Errorf("reference implementation gives %q", ref)
			}
		})
	}
}

// referencePermissions is a deliberately naive implementation of the rules
// (big integers, strings.Split) that FuzzPermissions compares against.
func referencePermissions(fea, per, fpm string) []string {
	if fea == "" || per == "" || fpm == "" {
		return nil
	}
	feats := strings.Split(fea, ",")
	perms := strings.Split(per, ",")
	masks := strings.Split(fpm, ",")
	limit := new(big.Int).Lsh(big.NewInt(1), 64)
	var out []string
	for i, f := range feats {
		if i >= len(masks) {
			break
		}
		m := strings.TrimSpace(masks[i])
		if m == "" || strings.Trim(m, "0123456789") != "" {
			continue
		}
		mask, _ := new(big.Int).SetString(m, 10)
		if mask.Cmp(limit) >= 0 {
			continue
		}
		scope, name, ok := strings.Cut(strings.TrimSpace(f), ":")
		if !ok || name == "" || scope == "" || strings.Trim(strings.ToLower(scope), "abcdefghijklmnopqrstuvwxyz") != "" ||
			!strings.Contains(scope, "o") {
			continue
		}
		for j, p := range perms {
			p = strings.TrimSpace(p)
			if j < 64 && mask.Bit(j) == 1 && p != "" {
				out = append(out, "org:"+name+":"+p)
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
		c := verify(with(baseClaims(), "fea", "o:dashboard,u:export,ou:both", "pla", "u:free"))
		if !slices.Equal(c.Features, []string{"o:dashboard", "u:export", "ou:both"}) || c.Plan != "u:free" {
			t.Errorf("claims = %+v", c)
		}
		for q, want := range map[string]bool{
			"dashboard": true, "org:dashboard": true, "o:dashboard": true, "user:dashboard": false,
			"export": true, "user:export": true, "org:export": false,
			"both": true, "org:both": true, "user:both": true,
			"missing": false, "team:dashboard": false, "": false,
		} {
			if got := c.HasFeature(q); got != want {
				t.Errorf("HasFeature(%q) = %v", q, got)
			}
		}
		for q, want := range map[string]bool{"free": true, "user:free": true, "org:free": false, "pro": false} {
			if got := c.HasPlan(q); got != want {
				t.Errorf("HasPlan(%q) = %v", q, got)
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
	parts := strings.Split(forged, ".")
	for _, tok := range []string{"", "a.b", "a.b.c.d", "x.!!!.y", "x." + seg("str") + ".y", strings.Repeat("a", MaxTokenSize+1),
		// Header or signature not base64url.
		"!!!." + parts[1] + "." + parts[2], parts[0] + "=." + parts[1] + "." + parts[2],
		parts[0] + "." + parts[1] + ".!!!", parts[0] + "." + parts[1] + "." + parts[2] + "=", "x." + parts[1] + "." + parts[2]} {
		_, err := Decode(tok)
		requireOnly(t, err, ErrTokenMalformed)
	}
}

func TestClaimsFieldsDocumented(t *testing.T) {
	// Every Claims field named in DESIGN.md exists.
	typ := reflect.TypeFor[Claims]()
	for _, name := range []string{"UserID", "SessionID", "Issuer", "AuthorizedParty", "IssuedAt", "ExpiresAt",
		"NotBefore", "Version", "Status", "OrgID", "OrgSlug", "OrgRole", "OrgPermissions", "Features", "Plan",
		"FactorVerificationAge", "Actor", "Raw"} {
		if _, ok := typ.FieldByName(name); !ok {
			t.Errorf("Claims lacks %s", name)
		}
	}
}
