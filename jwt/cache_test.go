package jwt

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestCacheHitRechecksTimes(t *testing.T) {
	clock := newFakeClock(testNow)
	v := newPEMVerifier(t, WithClock(clock.Now))
	ctx := context.Background()
	tok := mint(t, with(baseClaims(), "nbf", testNow.Unix()-1, "iat", testNow.Unix()-1))
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if !v.isCached(tok) {
		t.Fatal("verified token not cached")
	}

	// Just before exp + leeway: still a hit.
	clock.Set(testNow.Add(65*time.Second - time.Nanosecond))
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatal(err)
	}
	// Before nbf - leeway: not valid yet, from the cache.
	clock.Set(testNow.Add(-6*time.Second - time.Nanosecond))
	_, err := v.Verify(ctx, tok)
	requireOnly(t, err, ErrTokenNotValidYet)
	// Re-verify and then at exp + leeway: expired, and forgotten.
	clock.Set(testNow)
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatal(err)
	}
	clock.Set(testNow.Add(65 * time.Second))
	_, err = v.Verify(ctx, tok)
	requireOnly(t, err, ErrTokenExpired)
	if v.isCached(tok) {
		t.Error("expired token still cached")
	}
	_, err = v.Verify(ctx, tok)
	requireOnly(t, err, ErrTokenExpired)
}

func TestCacheExactToken(t *testing.T) {
	v := newPEMVerifier(t)
	ctx := context.Background()
	tok := mint(t, baseClaims())
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatal(err)
	}
	// One byte different in the signature: a miss, and a failure.
	b := []byte(tok)
	b[len(b)-20] ^= 'A' ^ 'B'
	if b[len(b)-20] == tok[len(tok)-20] {
		t.Fatal("test token unchanged")
	}
	_, err := v.Verify(ctx, string(b))
	if err == nil {
		t.Fatal("altered token verified")
	}
	if v.cachedTokens() != 1 {
		t.Errorf("cache holds %d tokens", v.cachedTokens())
	}
	// A failing token is never cached.
	_, err = v.Verify(ctx, mint(t, with(baseClaims(), "sts", "pending")))
	requireOnly(t, err, ErrSessionPending)
	if v.cachedTokens() != 1 {
		t.Errorf("cache holds %d tokens", v.cachedTokens())
	}
}

func TestCacheClaimsNotShared(t *testing.T) {
	v := newPEMVerifier(t)
	ctx := context.Background()
	tok := mint(t, with(baseClaims(), "fea", "o:a", "o", map[string]any{"id": "org_1", "rol": "admin", "per": "x,y", "fpm": "3"},
		"act", map[string]any{"sub": "user_admin"}))
	c1, err := v.Verify(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	c1.UserID = "user_evil"
	c1.OrgRole = "org:owner"
	c1.OrgPermissions = append(c1.OrgPermissions, "org:a:z")
	c1.Features = append(c1.Features, "o:b")
	c1.Actor.Subject = "user_evil"
	c2, err := v.Verify(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	if c2 == c1 || c2.UserID != "user_123" || c2.OrgRole != "org:admin" ||
		!slices.Equal(c2.OrgPermissions, []string{"org:a:x", "org:a:y"}) || !slices.Equal(c2.Features, []string{"o:a"}) ||
		c2.Actor.Subject != "user_admin" {
		t.Errorf("cached claims changed: %+v", c2)
	}
}

func TestCacheOff(t *testing.T) {
	v := newPEMVerifier(t, WithCacheSize(0))
	if v.cache != nil {
		t.Fatal("cache on")
	}
	tok := mint(t, baseClaims())
	for range 2 {
		if _, err := v.Verify(context.Background(), tok); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCacheBounded(t *testing.T) {
	v := newPEMVerifier(t, WithCacheSize(2))
	ctx := context.Background()
	for i := range 3 {
		if _, err := v.Verify(ctx, mint(t, with(baseClaims(), "jti", fmt.Sprint(i)))); err != nil {
			t.Fatal(err)
		}
	}
	if v.cachedTokens() != 2 {
		t.Errorf("cache holds %d tokens", v.cachedTokens())
	}
}

func TestCacheHitAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts differ under the race detector")
	}
	v := newPEMVerifier(t)
	ctx := context.Background()
	tok := mint(t, with(baseClaims(), "fea", "o:a", "o", map[string]any{"id": "org_1", "rol": "admin", "per": "x", "fpm": "1"},
		"act", map[string]any{"sub": "user_admin"}))
	if _, err := v.Verify(ctx, tok); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := v.Verify(ctx, tok); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 3 {
		t.Errorf("cache hit allocates %v times, want at most 3", allocs)
	}
}

// TestCacheClaimsSlicesNotShared checks that a caller writing into the
// slices of its Claims (sorting its permissions, normalizing them in place)
// changes nothing for the next caller of the same token. (Raw alone is
// shared, documented read-only.)
func TestCacheClaimsSlicesNotShared(t *testing.T) {
	v := newPEMVerifier(t)
	ctx := context.Background()
	for name, claims := range map[string]map[string]any{
		"v2": with(baseClaims(), "fea", "o:b,o:a", "o", map[string]any{"id": "org_1", "rol": "admin", "per": "y,x", "fpm": "3,3"},
			"fva", []int{7, -1}),
		"v1": with(baseClaims(), "v", nil, "org_id", "org_1", "org_role", "org:admin",
			"org_permissions", []string{"org:b:y", "org:a:x"}, "fea", "o:b,o:a"),
	} {
		t.Run(name, func(t *testing.T) {
			tok := mint(t, claims)
			c1, err := v.Verify(ctx, tok) // a miss that fills the cache
			if err != nil {
				t.Fatal(err)
			}
			want := *c1
			want.OrgPermissions = slices.Clone(c1.OrgPermissions)
			want.Features = slices.Clone(c1.Features)
			want.FactorVerificationAge = slices.Clone(c1.FactorVerificationAge)
			for i := range 2 {
				c, err := v.Verify(ctx, tok) // hits
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(c.OrgPermissions, want.OrgPermissions) || !slices.Equal(c.Features, want.Features) ||
					!slices.Equal(c.FactorVerificationAge, want.FactorVerificationAge) {
					t.Fatalf("hit %d: claims changed by an earlier caller: permissions %q, features %q, fva %v",
						i, c.OrgPermissions, c.Features, c.FactorVerificationAge)
				}
				c.OrgPermissions[0] = "org:everything:manage"
				slices.Sort(c.Features)
				if c.FactorVerificationAge != nil {
					c.FactorVerificationAge[0] = 0
				}
			}
			// The first caller's claims, too, are its own.
			c1.OrgPermissions[1] = "org:everything:manage"
			c, err := v.Verify(ctx, tok)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(c.OrgPermissions, want.OrgPermissions) {
				t.Fatalf("claims changed by the first caller: %q", c.OrgPermissions)
			}
		})
	}
}

// TestKnownHeaders checks the verifier's memory of verified tokens' headers:
// only headers of verified tokens, bounded, and a token with a known header
// still has everything but its header's decoding checked.
func TestKnownHeaders(t *testing.T) {
	_, key := loadFixture(t)
	v := newPEMVerifier(t, WithCacheSize(0))
	ctx := context.Background()
	if _, err := v.Verify(ctx, mint(t, baseClaims())); err != nil {
		t.Fatal(err)
	}
	if n := v.knownHeaderCount(); n != 1 {
		t.Fatalf("%d known headers", n)
	}
	_, err := v.Verify(ctx, mintRaw(otherKey, rsHeader(), baseClaims()))
	requireOnly(t, err, ErrTokenSignatureInvalid)
	_, err = v.Verify(ctx, mint(t, with(baseClaims(), "exp", 1)))
	requireOnly(t, err, ErrTokenExpired)
	_, err = v.Verify(ctx, mint(t, with(baseClaims(), "sub", nil)))
	requireOnly(t, err, ErrTokenMalformed)

	// Headers of tokens that fail are not remembered.
	_, err = v.Verify(ctx, mintRaw(key, with(rsHeader(), "typ", "at+jwt"), baseClaims()))
	requireOnly(t, err, ErrInvalidTokenType)
	_, err = v.Verify(ctx, mintRaw(otherKey, with(rsHeader(), "n", -1), baseClaims()))
	requireOnly(t, err, ErrTokenSignatureInvalid)
	_, err = v.Verify(ctx, mintRaw(key, with(rsHeader(), "n", -2), with(baseClaims(), "exp", 1)))
	requireOnly(t, err, ErrTokenExpired)
	if n := v.knownHeaderCount(); n != 1 {
		t.Fatalf("%d known headers after failures", n)
	}

	// The memory is bounded.
	for i := range maxKnownHeaders + 5 {
		tok := mintRaw(key, with(rsHeader(), "n", i), baseClaims())
		for range 2 { // the second time with the header known, while there is room
			if _, err := v.Verify(ctx, tok); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := v.knownHeaderCount(); n != maxKnownHeaders {
		t.Errorf("%d known headers, want %d", n, maxKnownHeaders)
	}
}
