package jwt

import (
	"context"
	"crypto"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func b64std(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func TestVerifyValid(t *testing.T) {
	v := newPEMVerifier(t)
	c, err := v.Verify(context.Background(), mint(t, baseClaims()))
	if err != nil {
		t.Fatal(err)
	}
	if c.UserID != "user_123" || c.SessionID != "sess_123" || c.Issuer != testIssuer ||
		c.AuthorizedParty != "https://example.com" || c.ID != "jti_1" || c.Version != 2 ||
		!c.ExpiresAt.Equal(testNow.Add(60*time.Second)) || !c.IssuedAt.Equal(testNow.Add(-10*time.Second)) ||
		!c.NotBefore.Equal(testNow.Add(-20*time.Second)) {
		t.Errorf("claims = %+v", c)
	}
	if !strings.Contains(string(c.Raw), `"sub":"user_123"`) {
		t.Errorf("Raw = %s", c.Raw)
	}
}

// TestRejections covers every rejection with the exact sentinel it must match.
func TestRejections(t *testing.T) {
	f, key := loadFixture(t)
	loadFixture(t)
	good := mint(t, baseClaims())
	parts := strings.Split(good, ".")
	bigClaim := strings.Repeat("x", MaxTokenSize)
	hdr := func(kv ...any) map[string]any { return with(rsHeader(), kv...) }
	signed := func(h crypto.Hash, alg string) string {
		input := seg(hdr("alg", alg)) + "." + parts[1]
		return input + "." + signRS(key, h, input)
	}
	altered := func(tok string, i int) string {
		b := []byte(tok)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		return string(b)
	}

	tests := []struct {
		name  string
		token string
		opts  []Option
		want  error
	}{
		// Shape.
		{"empty", "", nil, ErrTokenMalformed},
		{"one segment", parts[0], nil, ErrTokenMalformed},
		{"two segments", parts[0] + "." + parts[1], nil, ErrTokenMalformed},
		{"four segments", good + ".x", nil, ErrTokenMalformed},
		{"JWE shape", parts[0] + ".a.b.c." + parts[2], nil, ErrTokenMalformed},
		{"over the size limit", mint(t, with(baseClaims(), "pad", bigClaim)), nil, ErrTokenMalformed},
		{"padded base64", parts[0] + "=." + parts[1] + "." + parts[2], nil, ErrTokenMalformed},
		{"std base64 alphabet", parts[0] + "." + parts[1][:4] + "+" + parts[1][5:] + "." + parts[2], nil, ErrTokenMalformed},
		{"newline in signature", parts[0] + "." + parts[1] + "." + parts[2][:10] + "\n" + parts[2][10:], nil, ErrTokenMalformed},
		{"CR in header", parts[0][:5] + "\r" + parts[0][5:] + "." + parts[1] + "." + parts[2], nil, ErrTokenMalformed},
		{"non-canonical last signature char", parts[0] + "." + parts[1] + "." + parts[2][:len(parts[2])-1] + nextCanonicalTwin(parts[2][len(parts[2])-1]), nil, ErrTokenMalformed},
		{"empty signature", parts[0] + "." + parts[1] + ".", nil, ErrTokenSignatureInvalid},
		{"header not JSON", base64.RawURLEncoding.EncodeToString([]byte("nope")) + "." + parts[1] + "." + parts[2], nil, ErrTokenMalformed},
		{"header array", seg([]string{"RS256"}) + "." + parts[1] + "." + parts[2], nil, ErrTokenMalformed},
		{"crit header", mintRaw(key, hdr("crit", []string{"b64"}, "b64", false), baseClaims()), nil, ErrTokenMalformed},

		// Other Clerk tokens signed by the same key (header checks, before
		// the signature: a forged one fails the same way).
		{"typ at+jwt (OAuth access token)", mintRaw(key, hdr("typ", "at+jwt"), baseClaims()), nil, ErrInvalidTokenType},
		{"typ application/at+jwt", mintRaw(key, hdr("typ", "application/at+jwt"), baseClaims()), nil, ErrInvalidTokenType},
		{"typ jwt lowercase", mintRaw(key, hdr("typ", "jwt"), baseClaims()), nil, ErrInvalidTokenType},
		{"typ empty", mintRaw(key, hdr("typ", ""), baseClaims()), nil, ErrInvalidTokenType},
		{"typ null", mintRaw(key, hdr("typ", json.RawMessage("null")), baseClaims()), nil, ErrInvalidTokenType},
		{"typ a number", mintRaw(key, hdr("typ", 1), baseClaims()), nil, ErrInvalidTokenType},
		{"typ forged", mintRaw(otherKey, hdr("typ", "at+jwt"), baseClaims()), nil, ErrInvalidTokenType},
		{"cat M2M token", mintRaw(key, hdr("cat", "cl_B7d4PD333AAA"), baseClaims()), nil, ErrInvalidTokenType},
		{"cat JWT template", mintRaw(key, hdr("cat", "cl_B7d4PD222AAA"), baseClaims()), nil, ErrInvalidTokenType},
		{"cat unknown", mintRaw(key, hdr("cat", "cl_X"), baseClaims()), nil, ErrInvalidTokenType},
		{"cat empty", mintRaw(key, hdr("cat", ""), baseClaims()), nil, ErrInvalidTokenType},
		{"cat null", mintRaw(key, hdr("cat", json.RawMessage("null")), baseClaims()), nil, ErrInvalidTokenType},
		{"cat session lowercase", mintRaw(key, hdr("cat", "cl_b7d4pd111aaa"), baseClaims()), nil, ErrInvalidTokenType},
		{"sub a machine (M2M JWT)", mintRaw(key, hdr(), with(baseClaims(), "sub", "mch_1")), nil, ErrInvalidTokenType},
		{"kid a number", mintRaw(key, hdr("kid", 7), baseClaims()), nil, ErrTokenMalformed},

		// Algorithms.
		{"alg none", seg(hdr("alg", "none")) + "." + parts[1] + ".", nil, ErrUnsupportedAlgorithm},
		{"alg None", seg(hdr("alg", "None")) + "." + parts[1] + ".", nil, ErrUnsupportedAlgorithm},
		{"alg missing", seg(hdr("alg", nil)) + "." + parts[1] + "." + parts[2], nil, ErrUnsupportedAlgorithm},
		{"alg rs256 lowercase", seg(hdr("alg", "rs256")) + "." + parts[1] + "." + parts[2], nil, ErrUnsupportedAlgorithm},
		{"HS256 with the public key PEM", mintHS256([]byte(f.PublicKeyPEM), hdr("alg", "HS256"), baseClaims()), nil, ErrUnsupportedAlgorithm},
		{"HS256 with the public key DER", mintHS256(mustDER(t, f.PublicKeyPEM), hdr("alg", "HS256"), baseClaims()), nil, ErrUnsupportedAlgorithm},
		{"RS384", signed(crypto.SHA384, "RS384"), nil, ErrUnsupportedAlgorithm},
		{"RS512", signed(crypto.SHA512, "RS512"), nil, ErrUnsupportedAlgorithm},
		{"PS256", signed(crypto.SHA256, "PS256"), nil, ErrUnsupportedAlgorithm},
		{"ES256", signed(crypto.SHA256, "ES256"), nil, ErrUnsupportedAlgorithm},
		{"alg not a string", seg(hdr("alg", 256)) + "." + parts[1] + "." + parts[2], nil, ErrTokenMalformed},

		// Keys and signatures.
		{"wrong key", mintRaw(otherKey, rsHeader(), baseClaims()), nil, ErrTokenSignatureInvalid},
		{"jku to the attacker's key", mintRaw(otherKey, hdr("jku", "https://evil.example/jwks.json"), baseClaims()), nil, ErrTokenSignatureInvalid},
		{"x5u to the attacker's cert", mintRaw(otherKey, hdr("x5u", "https://evil.example/cert.pem"), baseClaims()), nil, ErrTokenSignatureInvalid},
		{"embedded jwk", mintRaw(otherKey, hdr("jwk", map[string]any{"kty": "RSA", "n": "AQAB", "e": "AQAB"}), baseClaims()), nil, ErrTokenSignatureInvalid},
		{"tampered claims", parts[0] + "." + seg(with(baseClaims(), "sub", "user_admin")) + "." + parts[2], nil, ErrTokenSignatureInvalid},
		{"swapped header", seg(hdr("x", "other")) + "." + parts[1] + "." + parts[2], nil, ErrTokenSignatureInvalid},
		{"truncated signature", parts[0] + "." + parts[1] + "." + parts[2][:len(parts[2])-2], nil, ErrTokenSignatureInvalid},
		{"unknown kid (JWKS)", mintRaw(key, hdr("kid", "other"), baseClaims()), []Option{withoutPEM(), WithJWKS(f.JWKS)}, ErrKeyNotFound},
		{"no kid (JWKS)", mintRaw(key, hdr("kid", nil), baseClaims()), []Option{withoutPEM(), WithJWKS(f.JWKS)}, ErrKeyNotFound},

		// Claims.
		{"claims not JSON", parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte("{")) + "." + parts[2], nil, ErrTokenMalformed},
		{"claims array", mintRaw(key, rsHeader(), []any{1}), nil, ErrTokenMalformed},
		{"claims null", mintRaw(key, rsHeader(), nil), nil, ErrTokenMalformed},
		{"sub missing", mint(t, with(baseClaims(), "sub", nil)), nil, ErrTokenMalformed},
		{"sub empty", mint(t, with(baseClaims(), "sub", "")), nil, ErrTokenMalformed},
		{"sid missing", mint(t, with(baseClaims(), "sid", nil)), nil, ErrTokenMalformed},
		{"exp missing", mint(t, with(baseClaims(), "exp", nil)), nil, ErrTokenMalformed},
		{"sub a number", mint(t, with(baseClaims(), "sub", 5)), nil, ErrTokenMalformed},
		{"exp a string", mint(t, with(baseClaims(), "exp", "1700000060")), nil, ErrTokenMalformed},
		{"exp huge", mint(t, with(baseClaims(), "exp", 1e300)), nil, ErrTokenMalformed},
		{"o not an object", mint(t, with(baseClaims(), "o", "org_1")), nil, ErrTokenMalformed},
		{"fea not a string", mint(t, with(baseClaims(), "fea", []string{"o:a"})), nil, ErrTokenMalformed},

		// Times (default leeway 5 s; clock at testNow).
		{"expired", mint(t, with(baseClaims(), "exp", testNow.Unix()-5)), nil, ErrTokenExpired},
		{"expired long ago", mint(t, with(baseClaims(), "exp", 1)), nil, ErrTokenExpired},
		{"exp zero", mint(t, with(baseClaims(), "exp", 0)), nil, ErrTokenMalformed},
		{"nbf in the future", mint(t, with(baseClaims(), "nbf", testNow.Unix()+6)), nil, ErrTokenNotValidYet},
		{"iat in the future", mint(t, with(baseClaims(), "iat", testNow.Unix()+6)), nil, ErrTokenNotValidYet},
		{"no leeway", mint(t, with(baseClaims(), "exp", testNow.Unix())), []Option{WithLeeway(0)}, ErrTokenExpired},
		// JS's setUTCSeconds drops the fraction: an exp of now+0.9 is now.
		{"fractional exp within the second", mint(t, with(baseClaims(), "exp", float64(testNow.Unix())+0.9)), []Option{WithLeeway(0)}, ErrTokenExpired},

		// Issuer, azp, status.
		{"other issuer", mint(t, with(baseClaims(), "iss", "https://clerk.evil.com")), nil, ErrInvalidIssuer},
		{"issuer with path", mint(t, with(baseClaims(), "iss", testIssuer+"/x")), nil, ErrInvalidIssuer},
		{"issuer missing", mint(t, with(baseClaims(), "iss", nil)), nil, ErrInvalidIssuer},
		{"not a Clerk issuer", mint(t, with(baseClaims(), "iss", "https://evil.com")), []Option{withoutIssuer()}, ErrInvalidIssuer},
		{"issuer other than the publishable key's", mint(t, baseClaims()),
			[]Option{withoutIssuer(), WithPublishableKey("pk_live_" + b64std("clerk.other.com$"))}, ErrInvalidIssuer},
		{"azp not authorized", mint(t, with(baseClaims(), "azp", "https://evil.com")),
			[]Option{WithAuthorizedParties("https://example.com", "https://app.example.com")}, ErrInvalidAuthorizedParty},
		{"azp prefix of authorized", mint(t, with(baseClaims(), "azp", "https://example.co")),
			[]Option{WithAuthorizedParties("https://example.com")}, ErrInvalidAuthorizedParty},
		{"no azp with parties", mint(t, with(baseClaims(), "azp", nil)),
			[]Option{WithAuthorizedParties("https://example.com")}, ErrInvalidAuthorizedParty},
		{"empty azp with parties", mint(t, with(baseClaims(), "azp", "")),
			[]Option{WithAuthorizedParties("https://example.com")}, ErrInvalidAuthorizedParty},
		{"pending session", mint(t, with(baseClaims(), "sts", "pending")), nil, ErrSessionPending},

		// Altered valid tokens.
		{"signature char altered", altered(good, len(good)-10), nil, ErrTokenSignatureInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := newPEMVerifier(t, tc.opts...)
			c, err := v.Verify(context.Background(), tc.token)
			if c != nil {
				t.Errorf("got claims %+v", c)
			}
			requireOnly(t, err, tc.want)
			// A second attempt (cache path) fails the same way.
			_, err2 := v.Verify(context.Background(), tc.token)
			requireOnly(t, err2, tc.want)
			// And so does one that skips decoding a known header.
			if v.rememberHeaderOf(tc.token) {
				_, err3 := v.Verify(context.Background(), tc.token)
				requireOnly(t, err3, tc.want)
			}
		})
	}
}

// nextCanonicalTwin returns a base64url character that differs from c only in
// the low bits that a 2-byte-remainder final character leaves unused.
func nextCanonicalTwin(c byte) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	i := strings.IndexByte(alphabet, c)
	return string(alphabet[i^1])
}

func mustDER(t *testing.T, pemKey string) []byte {
	t.Helper()
	k, err := parsePublicKeyPEM(pemKey)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func pkcs1PEM(t *testing.T, pemKey string) string {
	t.Helper()
	k, err := parsePublicKeyPEM(pemKey)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(k)}))
}

func TestAccepted(t *testing.T) {
	f, key := loadFixture(t)
	hdr := func(kv ...any) map[string]any { return with(rsHeader(), kv...) }
	tests := []struct {
		name  string
		token string
		opts  []Option
	}{
		{"jku, x5u, x5c ignored", mintRaw(key, hdr("jku", "https://evil.example/jwks", "x5u", "https://evil.example/x", "x5c", []string{"AAAA"}), baseClaims()), nil},
		{"unknown header params", mintRaw(key, hdr("oiat", 1, "cty", "x"), baseClaims()), nil},
		{"no typ", mintRaw(key, hdr("typ", nil), baseClaims()), nil},
		{"cat session token", mintRaw(key, hdr("cat", "cl_B7d4PD111AAA"), baseClaims()), nil},
		{"cat ignore", mintRaw(key, hdr("cat", "cl_I7d4PD111III"), baseClaims()), nil},
		{"no cat, typ JWT", mintRaw(key, hdr("cat", nil, "typ", "JWT"), baseClaims()), nil},
		{"no kid (PEM)", mintRaw(key, hdr("kid", nil), baseClaims()), nil},
		{"other kid (PEM)", mintRaw(key, hdr("kid", "anything"), baseClaims()), nil},
		{"kid (JWKS)", mint(t, baseClaims()), []Option{withoutPEM(), WithJWKS(f.JWKS)}},
		{"just under the size limit", mint(t, with(baseClaims(), "pad", strings.Repeat("x", MaxTokenSize*3/4-700))), nil},
		{"azp authorized", mint(t, baseClaims()), []Option{WithAuthorizedParties("https://a.com", "https://example.com/")}},
		{"any azp without parties", mint(t, with(baseClaims(), "azp", "https://whatever.com")), nil},
		{"pending allowed", mint(t, with(baseClaims(), "sts", "pending")), []Option{WithAllowPending()}},
		{"active", mint(t, with(baseClaims(), "sts", "active")), nil},
		{"no nbf, no iat", mint(t, with(baseClaims(), "nbf", nil, "iat", nil)), nil},
		{"fractional exp, the fraction dropped", mint(t, with(baseClaims(), "exp", float64(testNow.Unix())+1.5)), []Option{WithLeeway(0)}},
		{"expired within leeway", mint(t, with(baseClaims(), "exp", testNow.Unix()-4)), nil},
		{"nbf within leeway", mint(t, with(baseClaims(), "nbf", testNow.Unix()+5)), nil},
		{"iat within leeway", mint(t, with(baseClaims(), "iat", testNow.Unix()+5)), nil},
		{"long leeway", mint(t, with(baseClaims(), "exp", testNow.Unix()-50)), []Option{WithLeeway(time.Minute)}},
		{"issuer by shape", mint(t, with(baseClaims(), "iss", "https://happy-hippo-1.clerk.accounts.dev")), []Option{withoutIssuer()}},
		{"issuer from the publishable key", mint(t, with(baseClaims(), "iss", "https://clerk.acme.io")),
			[]Option{withoutIssuer(), WithPublishableKey("pk_live_" + b64std("clerk.acme.io$"))}},
		{"issuer given wins over the publishable key", mint(t, baseClaims()),
			[]Option{WithPublishableKey("pk_live_" + b64std("clerk.acme.io$"))}},
		{"custom claims", mint(t, with(baseClaims(), "metadata", map[string]any{"a": []int{1}}, "role", "x")), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := newPEMVerifier(t, append(tc.opts, WithCacheSize(0))...)
			if _, err := v.Verify(context.Background(), tc.token); err != nil {
				t.Fatal(err)
			}
			if v.knownHeaderCount() != 1 {
				t.Fatal("the verified token's header is not known")
			}
			// Again, skipping the header's decoding.
			if _, err := v.Verify(context.Background(), tc.token); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestEveryAlteration changes each character of a valid token and checks
// that no altered token verifies.
func TestEveryAlteration(t *testing.T) {
	v := newPEMVerifier(t, WithCacheSize(0))
	good := mint(t, baseClaims())
	ctx := context.Background()
	if _, err := v.Verify(ctx, good); err != nil {
		t.Fatal(err)
	}
	// Each altered token is verified twice: with the good token's header
	// known (an altered header is decoded anyway), and with no header known,
	// through golang-jwt's parser alone. Both must fail the same way.
	check := func(tok, what string) {
		t.Helper()
		c, err := v.Verify(ctx, tok)
		if err == nil || c != nil {
			t.Fatalf("token %s verified", what)
		}
		if !matchesOneSentinel(err) {
			t.Fatalf("%s: %v matches not exactly one sentinel", what, err)
		}
		v.forgetHeaders()
		_, coldErr := v.Verify(ctx, tok)
		if coldErr == nil || errorKind(coldErr) != errorKind(err) {
			t.Fatalf("%s: %v with the header known, %v without", what, err, coldErr)
		}
		if !v.rememberHeaderOf(good) {
			t.Fatal("good header not remembered")
		}
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \n"
	for i := 0; i < len(good); i++ {
		// Two replacements per position keep the test fast while covering
		// every position.
		for _, r := range []byte{alphabet[i%len(alphabet)], alphabet[(i*7+3)%len(alphabet)]} {
			if r == good[i] {
				continue
			}
			b := []byte(good)
			b[i] = r
			check(string(b), fmt.Sprintf("altered at %d (%q→%q)", i, good[i], r))
		}
	}
	// Truncations and extensions.
	for _, tok := range []string{good[:len(good)-1], good + "A", good + "AA", " " + good, good + " ", good + ".", "." + good} {
		check(tok, fmt.Sprintf("%q", tok))
	}
}

func TestErrorsWrapCauses(t *testing.T) {
	v := newPEMVerifier(t)
	ctx := context.Background()
	_, err := v.Verify(ctx, mintRaw(otherKey, rsHeader(), baseClaims()))
	if !errors.Is(err, ErrTokenSignatureInvalid) || errors.Unwrap(err) != nil {
		t.Fatalf("err = %v", err)
	}
	var te *tokenError
	if !errors.As(err, &te) || te.cause == nil {
		t.Fatalf("no cause in %v", err)
	}
	if !strings.Contains(err.Error(), "verification error") {
		t.Errorf("cause not in message: %v", err)
	}
}

func TestNewVerifierErrors(t *testing.T) {
	f, _ := loadFixture(t)
	for name, opts := range map[string][]Option{
		"no key source":          nil,
		"empty strings only":     {WithPublicKeyPEM(""), WithSecretKey(""), WithJWKSURL(""), WithPublishableKey("")},
		"bad PEM":                {WithPublicKeyPEM("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")},
		"not base64":             {WithPublicKeyPEM("%%%")},
		"short RSA key":          {WithPublicKeyPEM(shortKeyPEM)},
		"bad JWKS":               {WithJWKS([]byte("{"))},
		"JWKS without RSA":       {WithJWKS([]byte(`{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}`))},
		"JWKS bad RSA key":       {WithJWKS([]byte(`{"keys":[{"kty":"RSA","n":"!!","e":"AQAB"}]}`))},
		"JWKS RS384 only":        {WithJWKS([]byte(strings.ReplaceAll(string(f.JWKS), "RS256", "RS384")))},
		"relative JWKS URL":      {WithJWKSURL("/jwks")},
		"ftp JWKS URL":           {WithJWKSURL("ftp://x.example/jwks")},
		"bad API URL":            {WithSecretKey("sk_test_x"), WithAPIURL("::")},
		"negative leeway":        {WithPublicKeyPEM(f.PublicKeyPEM), WithLeeway(-time.Second)},
		"negative cache size":    {WithPublicKeyPEM(f.PublicKeyPEM), WithCacheSize(-1)},
		"zero refresh interval":  {WithPublicKeyPEM(f.PublicKeyPEM), WithRefreshInterval(0)},
		"bad publishable key":    {WithPublicKeyPEM(f.PublicKeyPEM), WithPublishableKey("pk_test_x")},
		"publishable key prefix": {WithPublishableKey("sk_live_abc")},
	} {
		t.Run(name, func(t *testing.T) {
			v, err := NewVerifier(opts...)
			if err == nil {
				v.Close()
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "sk_test_x") {
				t.Errorf("error leaks the secret key: %v", err)
			}
		})
	}
}

// shortKeyPEM is a 1024-bit RSA public key, below the 2048-bit minimum.
const shortKeyPEM = `-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDIc/YOXzKXdKhuUDqLAqQyMF/A
NkhSEeNoG4mU02OABAwF93R2B7daNsqYCxu38NiYZBgz5XJTLtKvS/WlgUqwGm1m
tUvNnZd/EZ2StZijIMOysmmNrYlgXLZXpiGoPj/ZfmBCbVrLxZcKUQ46lXPe9r/X
/GajFDHg9fmCdIctxwIDAQAB
-----END PUBLIC KEY-----`

func TestPublicKeyPEMForms(t *testing.T) {
	f, _ := loadFixture(t)
	body := strings.Join(strings.Split(f.PublicKeyPEM, "\n")[1:8], "")
	for name, p := range map[string]string{
		"pem":              f.PublicKeyPEM,
		"escaped newlines": strings.ReplaceAll(f.PublicKeyPEM, "\n", `\n`),
		"one line":         strings.ReplaceAll(f.PublicKeyPEM, "\n", ""),
		"body only":        body,
		"spaces":           strings.ReplaceAll(f.PublicKeyPEM, "\n", " "),
		"pkcs1":            pkcs1PEM(t, f.PublicKeyPEM),
	} {
		t.Run(name, func(t *testing.T) {
			v, err := NewVerifier(WithPublicKeyPEM(p), WithClock(fixedClock(time.Unix(f.ValidAtUnix, 0))))
			if err != nil {
				t.Fatal(err)
			}
			defer v.Close()
			if _, err := v.Verify(context.Background(), f.Tokens["valid"]); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestEmptyOptionsIgnored checks what Option documents: an option given an
// empty string (an unset environment variable) is ignored, so it cannot undo
// the same option given earlier, least of all loosen the issuer check to
// Clerk's issuer shapes.
func TestEmptyOptionsIgnored(t *testing.T) {
	f, _ := loadFixture(t)
	ctx := context.Background()
	v := newPEMVerifier(t, WithIssuer(""), WithIssuer("/"))
	_, err := v.Verify(ctx, mint(t, with(baseClaims(), "iss", "https://clerk.other-instance.com")))
	requireOnly(t, err, ErrInvalidIssuer)

	// The PEM key stays the key source: no fetch from the secret key's API.
	srv := newJWKSServer(t, f.JWKS)
	v2, err := NewVerifier(WithPublicKeyPEM(f.PublicKeyPEM), WithPublicKeyPEM(""), WithJWKSURL(""), WithSecretKey("sk_test_x"),
		WithAPIURL(srv.URL), WithClock(fixedClock(time.Unix(f.ValidAtUnix, 0))))
	if err != nil {
		t.Fatal(err)
	}
	defer v2.Close()
	if _, err := v2.Verify(ctx, f.Tokens["valid"]); err != nil {
		t.Fatal(err)
	}
	if n := srv.fetches.Load(); n != 0 {
		t.Errorf("fetches = %d", n)
	}

	// An empty publishable key neither replaces nor clears an earlier one.
	v3, err := NewVerifier(WithPublicKeyPEM(f.PublicKeyPEM), WithPublishableKey("pk_live_"+b64std("clerk.acme.io$")),
		WithPublishableKey(""), WithClock(fixedClock(testNow)))
	if err != nil {
		t.Fatal(err)
	}
	defer v3.Close()
	_, err = v3.Verify(ctx, mint(t, with(baseClaims(), "iss", "https://clerk.other-instance.com")))
	requireOnly(t, err, ErrInvalidIssuer)
}

// TestClaimsReadAsJSONParse: the claims JSON is read as Clerk's JS SDK reads
// it (JSON.parse): a member name matches only exactly (encoding/json would
// let "SUB" stand for sub), and a repeated name's last value wins. Both
// paths are checked: a token whose header is new (golang-jwt's parser) and
// one whose header the verifier knows.
func TestClaimsReadAsJSONParse(t *testing.T) {
	_, key := loadFixture(t)
	claims := func(sub string) json.RawMessage {
		return json.RawMessage(fmt.Sprintf(`{"azp":"https://example.com","exp":%d,"iat":%d,"iss":%q,"sid":"sess_123",%s,"v":2}`,
			testNow.Unix()+60, testNow.Unix()-10, testIssuer, sub))
	}
	for _, known := range []bool{false, true} {
		v := newPEMVerifier(t)
		if known {
			if _, err := v.Verify(context.Background(), mintRaw(key, rsHeader(), baseClaims())); err != nil {
				t.Fatal(err)
			}
		}
		_, err := v.Verify(context.Background(), mintRaw(key, rsHeader(), claims(`"SUB":"user_upper"`)))
		requireOnly(t, err, ErrTokenMalformed)

		c, err := v.Verify(context.Background(), mintRaw(key, rsHeader(), claims(`"sub":"user_first","sub":"user_last"`)))
		if err != nil || c.UserID != "user_last" {
			t.Errorf("known header %v: repeated sub: %+v, %v; want the last value", known, c, err)
		}

		// A repeated object replaces the first whole, as in JSON.parse:
		// nothing of the first "o" or "act" survives.
		c, err = v.Verify(context.Background(), mintRaw(key, rsHeader(), claims(`"sub":"user_1",`+
			`"o":{"id":"org_1","slg":"one","rol":"admin","per":"manage","fpm":"1"},"fea":"o:x","o":{"id":"org_2"},`+
			`"act":{"sub":"user_admin","sid":"sess_admin"},"act":{"sub":"user_support"}`)))
		switch {
		case err != nil:
			t.Errorf("known header %v: repeated o and act: %v", known, err)
		case c.OrgID != "org_2" || c.OrgSlug != "" || c.OrgRole != "" || len(c.OrgPermissions) != 0:
			t.Errorf("known header %v: repeated o: %q %q %q %v; want org_2 alone", known, c.OrgID, c.OrgSlug, c.OrgRole, c.OrgPermissions)
		case c.Actor == nil || *c.Actor != (Actor{Subject: "user_support"}):
			t.Errorf("known header %v: repeated act: %+v; want the last alone", known, c.Actor)
		}
	}
}
