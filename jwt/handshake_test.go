package jwt

import (
	"context"
	"crypto"
	"encoding/json"
	"slices"
	"testing"
)

// TestVerifyHandshake pins what Clerk's JS SDK (tokens/handshake.ts,
// verifyHandshakeJwt) checks of a handshake token: its header's typ, alg
// and cat, its key and signature; no date, no issuer.
func TestVerifyHandshake(t *testing.T) {
	_, key := loadFixture(t)
	v := newPEMVerifier(t)
	directives := []string{"__session=tok; Path=/", "__client_uat=1700000000; Path=/"}
	claims := map[string]any{"handshake": directives, "exp": testNow.Unix() - 3600}
	header := func(kv ...any) map[string]any { return with(rsHeader(), kv...) }

	got, err := v.VerifyHandshake(context.Background(), mintRaw(key, header("cat", sessionCategory), claims))
	if err != nil || !slices.Equal(got, directives) {
		t.Fatalf("a valid handshake token, expired an hour ago: %q, %v", got, err)
	}

	// Only "handshake" is the claim, and its last occurrence, as JSON.parse
	// reads it (encoding/json, used before, took "Handshake" for it).
	got, err = v.VerifyHandshake(context.Background(), mintRaw(key, header("cat", sessionCategory),
		json.RawMessage(`{"Handshake":["__session=evil; Path=/"]}`)))
	if err != nil || got != nil {
		t.Errorf("a Handshake claim: %q, %v; want no directives", got, err)
	}
	got, err = v.VerifyHandshake(context.Background(), mintRaw(key, header("cat", sessionCategory),
		json.RawMessage(`{"handshake":["__session=first; Path=/"],"handshake":["__session=last; Path=/"]}`)))
	if err != nil || !slices.Equal(got, []string{"__session=last; Path=/"}) {
		t.Errorf("a repeated handshake claim: %q, %v; want the last", got, err)
	}
	for _, tt := range []struct {
		name  string
		token string
		want  error
	}{
		{"a JWT template's category", mintRaw(key, header("cat", "cl_B7d4PD222AAA"), claims), ErrInvalidTokenType},
		{"an M2M token's category", mintRaw(key, header("cat", m2mCategory), claims), ErrInvalidTokenType},
		{"typ at+jwt", mintRaw(key, header("typ", "at+jwt"), claims), ErrInvalidTokenType},
		{"another key", mintRaw(otherKey, header(), claims), ErrTokenSignatureInvalid},
		{"RS512", func() string {
			in := seg(header("alg", "RS512")) + "." + seg(claims)
			return in + "." + signRS(key, crypto.SHA512, in)
		}(), ErrUnsupportedAlgorithm},
		{"HS256", mintHS256([]byte("secret"), header("alg", "HS256"), claims), ErrUnsupportedAlgorithm},
		{"crit", mintRaw(key, header("crit", []string{"x"}), claims), ErrTokenMalformed},
		{"two segments", "a.b", ErrTokenMalformed},
	} {
		if _, err := v.VerifyHandshake(context.Background(), tt.token); errorKind(err) != tt.want || !matchesOneSentinel(err) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}

	// The ignored category, typ absent, and a claim that is no list of
	// strings.
	got, err = v.VerifyHandshake(context.Background(), mintRaw(key, header("cat", ignoredCategory, "typ", nil),
		map[string]any{"handshake": []any{"a=1", 2, "b=2"}}))
	if err != nil || !slices.Equal(got, []string{"a=1", "b=2"}) {
		t.Errorf("mixed list: %q, %v", got, err)
	}
	got, err = v.VerifyHandshake(context.Background(), mintRaw(key, header(), map[string]any{"handshake": "a=1"}))
	if err != nil || got != nil {
		t.Errorf("a string claim: %q, %v", got, err)
	}
}
