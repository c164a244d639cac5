package jwt

import (
	"context"
	"testing"
	"time"
)

// TestClerkFixtures checks Clerk's own public fixtures with every static key
// source and issuer configuration: the valid token verifies at valid_at_unix,
// the expired, tampered and malformed ones fail.
func TestClerkFixtures(t *testing.T) {
	f, _ := loadFixture(t)
	at := time.Unix(f.ValidAtUnix, 0)
	sources := map[string]Option{
		"pem":  WithPublicKeyPEM(f.PublicKeyPEM),
		"jwks": WithJWKS(f.JWKS),
	}
	issuers := map[string][]Option{
		"clerk-shapes":     nil,
		"issuer":           {WithIssuer(f.Issuer)},
		"publishable-test": {WithPublishableKey(f.PublishableTest)},
		"publishable-live": {WithPublishableKey(f.PublishableLive)},
	}
	for sname, source := range sources {
		for iname, iopts := range issuers {
			t.Run(sname+"/"+iname, func(t *testing.T) {
				opts := append([]Option{source, WithClock(fixedClock(at)), WithAuthorizedParties(f.AuthorizedParty)}, iopts...)
				v, err := NewVerifier(opts...)
				if err != nil {
					t.Fatal(err)
				}
				defer v.Close()
				ctx := context.Background()

				c, err := v.Verify(ctx, f.Tokens["valid"])
				if err != nil {
					t.Fatalf("valid token: %v", err)
				}
				want := f.ValidTokenClaims
				if c.UserID != want["sub"] || c.SessionID != want["sid"] || c.Issuer != want["iss"] ||
					c.AuthorizedParty != want["azp"] {
					t.Errorf("claims = %+v, want %v", c, want)
				}
				if c.ExpiresAt.Unix() != int64(want["exp"].(float64)) || c.IssuedAt.Unix() != int64(want["iat"].(float64)) ||
					c.NotBefore.Unix() != int64(want["nbf"].(float64)) {
					t.Errorf("times = %v %v %v", c.ExpiresAt, c.IssuedAt, c.NotBefore)
				}
				if c.Version != 1 || c.OrgID != "" || c.OrgPermissions != nil || c.FactorVerificationAge != nil || c.Actor != nil {
					t.Errorf("unexpected v1 claims %+v", c)
				}

				_, err = v.Verify(ctx, f.Tokens["expired"])
				requireOnly(t, err, ErrTokenExpired)
				_, err = v.Verify(ctx, f.Tokens["invalid_signature"])
				requireOnly(t, err, ErrTokenSignatureInvalid)
				// Claims without sub or exp, under a signature of other
				// claims: as in Clerk's SDK, claims are judged only once the
				// signature is good.
				_, err = v.Verify(ctx, f.Tokens["malformed_claims"])
				requireOnly(t, err, ErrTokenSignatureInvalid)
			})
		}
	}
}

func TestClerkFixtureTimes(t *testing.T) {
	f, _ := loadFixture(t)
	exp := time.Unix(int64(f.ValidTokenClaims["exp"].(float64)), 0)
	// iat is after nbf, so the token is valid from iat - leeway.
	iat := time.Unix(int64(f.ValidTokenClaims["iat"].(float64)), 0)
	clock := newFakeClock(exp)
	v, err := NewVerifier(WithPublicKeyPEM(f.PublicKeyPEM), WithClock(clock.Now), WithCacheSize(0))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	ctx := context.Background()
	for _, tc := range []struct {
		at   time.Time
		want error
	}{
		{exp.Add(DefaultLeeway - time.Nanosecond), nil},
		{exp.Add(DefaultLeeway), ErrTokenExpired},
		{iat.Add(-DefaultLeeway), nil},
		{iat.Add(-DefaultLeeway - time.Nanosecond), ErrTokenNotValidYet},
	} {
		clock.Set(tc.at)
		_, err := v.Verify(ctx, f.Tokens["valid"])
		if tc.want == nil {
			if err != nil {
				t.Errorf("at %v: %v", tc.at, err)
			}
			continue
		}
		requireOnly(t, err, tc.want)
	}
}

func TestPublishableKeyHost(t *testing.T) {
	f, _ := loadFixture(t)
	for _, pk := range []string{f.PublishableTest, f.PublishableLive, f.PublishableTest + "=="} {
		host, err := frontendAPIHost(pk)
		if err != nil || host != "clerk.inspired.puma-74.lcl.dev" {
			t.Errorf("frontendAPIHost(%q) = %q, %v", pk, host, err)
		}
	}
	for _, pk := range []string{
		"", "pk_", "sk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA",
		"pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2", // no "$"
		"pk_test_!!!",
		"pk_test_" + b64std("evil.com/path$"),
		"pk_test_" + b64std("evil.com:8443$"),
		"pk_test_" + b64std("localhost$"),
		"pk_test_" + b64std("$"),
	} {
		if host, err := frontendAPIHost(pk); err == nil {
			t.Errorf("frontendAPIHost(%q) = %q, want error", pk, host)
		}
		if _, err := NewVerifier(WithPublishableKey(pk), WithJWKSURL("https://x.example/jwks")); pk != "" && err == nil {
			t.Errorf("NewVerifier accepted publishable key %q", pk)
		}
	}
}

func TestClerkIssuerShapes(t *testing.T) {
	for iss, want := range map[string]bool{
		"https://clerk.example.com":                true,
		"https://clerk.inspired.puma-74.lcl.dev":   true,
		"https://happy-hippo-1.clerk.accounts.dev": true,
		"https://Clerk.Example.com":                true,
		"https://clerk.com":                        false,
		"http://clerk.example.com":                 false,
		"https://clerk.example.com/":               false,
		"https://clerk.example.com:443":            false,
		"https://clerk.example.com/path":           false,
		"https://user@clerk.example.com":           false,
		"https://evil.com/.clerk.accounts.dev":     false,
		"https://evil.com?clerk.example.com":       false,
		"https://example.com":                      false,
		"https://clerk.accounts.dev":               true, // the "clerk." rule
		"https://x.clerk.accounts.":                false,
		"https://.clerk.accounts.dev":              false,
		"https://notclerk.example.com":             false,
		"":                                         false,
	} {
		if got := isClerkIssuer(iss); got != want {
			t.Errorf("isClerkIssuer(%q) = %v, want %v", iss, got, want)
		}
	}
}
