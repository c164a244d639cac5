package jwt

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// expansionClaims returns claims that fit a token under MaxTokenSize but
// expand to tens of thousands of permissions: 64 long permission names and
// hundreds of features whose masks grant all 64.
func expansionClaims() map[string]any {
	perms := make([]string, 64)
	for i := range perms {
		perms[i] = strings.Repeat(string(rune('a'+i%26)), 80)
	}
	per := strings.Join(perms, ",")
	var fea, fpm []string
	for len(per)+4*len(fea)+21*len(fpm) < 10_500 {
		fea = append(fea, "o:x")
		fpm = append(fpm, "18446744073709551615")
	}
	return with(baseClaims(), "fea", strings.Join(fea, ","),
		"o", map[string]any{"id": "org_1", "per": per, "fpm": strings.Join(fpm, ",")})
}

// allocatedBytes returns the bytes f allocates on average over n runs.
func allocatedBytes(n int, f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range n {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(n)
}

// TestForgedTokenCostsLittle checks that a token whose signature does not
// verify costs no more than decoding it: the permissions a v2 token's masks
// expand to are built only once the signature is known good, so a forged
// 16 KiB token cannot make the verifier build megabytes of permission
// strings.
func TestForgedTokenCostsLittle(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation figures differ under the race detector")
	}
	loadFixture(t)
	claims := expansionClaims()
	forged := mintRaw(otherKey, rsHeader(), claims)
	if len(forged) > MaxTokenSize {
		t.Fatalf("test token is %d bytes", len(forged))
	}
	v := newPEMVerifier(t, WithCacheSize(0))
	ctx := context.Background()
	got := allocatedBytes(20, func() {
		_, err := v.Verify(ctx, forged)
		requireOnly(t, err, ErrTokenSignatureInvalid)
	})
	if limit := uint64(16 * MaxTokenSize); got > limit {
		t.Errorf("verifying a forged %d-byte token allocates %d bytes, want at most %d", len(forged), got, limit)
	}

	// The same claims, signed with the right key, still expand in full.
	c, err := v.Verify(ctx, mint(t, claims))
	if err != nil {
		t.Fatal(err)
	}
	nFeatures := strings.Count(claims["fea"].(string), ",") + 1
	if len(c.OrgPermissions) != 64*nFeatures || len(c.Features) != nFeatures {
		t.Errorf("%d permissions and %d features, want %d and %d", len(c.OrgPermissions), len(c.Features), 64*nFeatures, nFeatures)
	}
	if want := referencePermissions(claims["fea"].(string), claims["o"].(map[string]any)["per"].(string),
		claims["o"].(map[string]any)["fpm"].(string)); !slices.Equal(c.OrgPermissions, want) {
		t.Error("permissions differ from the reference")
	}
}
