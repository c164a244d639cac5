package clerk

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/go-clerk/clerk/jwt"
)

// TestAuthorizedPartiesAreOrigins: New refuses what is not an origin, with
// ErrInvalidParams saying why (never a panic), and normalises the rest as
// browsers send the Origin header, so that a token from that origin passes.
func TestAuthorizedPartiesAreOrigins(t *testing.T) {
	for in, why := range map[string]string{
		"accounts.example.com":         "scheme",
		"localhost:3000":               "scheme",
		"https://example.com/app":      "path",
		"https://example.com/%2F":      "path",
		"https://example.com?x=1":      "query",
		"https://example.com?":         "query",
		"https://user:pw@example.com":  "user info",
		"https://example.com#frag":     "fragment",
		"":                             "empty",
		"https://":                     "host",
		"https://exa mple.com":         "URL",
		"%zz":                          "URL",
		"https://example.com:notaport": "URL",
	} {
		c, err := New(testKey, WithAuthorizedParties("https://ok.example", in))
		if !errors.Is(err, ErrInvalidParams) || c != nil || !strings.Contains(err.Error(), why) {
			t.Errorf("WithAuthorizedParties(%q): %v; want ErrInvalidParams about the %s", in, err, why)
		}
	}
	for in, want := range map[string]string{
		"HTTPS://Example.com:443":  "https://example.com",
		"http://LOCALHOST:3000/":   "http://localhost:3000",
		"http://example.com:80":    "http://example.com",
		"https://example.com:80":   "https://example.com:80",
		" https://a.example.com ":  "https://a.example.com",
		"https://[::1]:8443":       "https://[::1]:8443",
		"http://[::1]":             "http://[::1]",
		"chrome-extension://abcde": "chrome-extension://abcde",
	} {
		if got, err := normalizeOrigin(in); err != nil || got != want {
			t.Errorf("normalizeOrigin(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	c, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock), WithAuthorizedParties("HTTPS://App.Example.com:443"))
	if _, err := c.VerifyToken(context.Background(), mint(t, now, nil)); err != nil { // azp https://app.example.com
		t.Errorf("a token from the normalised origin: %v", err)
	}
	if _, err := c.VerifyToken(context.Background(), mint(t, now, map[string]any{"azp": "https://evil.example"})); !errors.Is(err, jwt.ErrInvalidAuthorizedParty) {
		t.Errorf("a token from another origin: %v", err)
	}
}

// TestAuthorizedPartyFunc: the function decides on a verified token's azp;
// a token without azp is refused, as with a list; the later of the two
// options wins.
func TestAuthorizedPartyFunc(t *testing.T) {
	var seen []string
	sub := func(azp string) bool {
		seen = append(seen, azp)
		return strings.HasSuffix(azp, ".example.com") && strings.HasPrefix(azp, "https://")
	}
	c, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock), WithAuthorizedParties("https://other.example"), WithAuthorizedPartyFunc(sub))
	ctx := context.Background()
	if _, err := c.VerifyToken(ctx, mint(t, now, nil)); err != nil {
		t.Fatalf("allowed azp: %v", err)
	}
	for _, azp := range []any{"https://evil.com", "http://app.example.com", nil, ""} {
		_, err := c.VerifyToken(ctx, mint(t, now, map[string]any{"azp": azp}))
		if !errors.Is(err, ErrInvalidToken) || !errors.Is(err, jwt.ErrInvalidAuthorizedParty) {
			t.Errorf("azp %v: %v, want ErrInvalidToken and jwt.ErrInvalidAuthorizedParty", azp, err)
		}
	}
	if len(seen) != 3 { // the allowed one and two others; never called without azp
		t.Errorf("the function saw %q", seen)
	}
	// The list given after the function replaces it.
	c2, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock), WithAuthorizedPartyFunc(sub), WithAuthorizedParties("https://evil.com"))
	if _, err := c2.VerifyToken(ctx, mint(t, now, map[string]any{"azp": "https://evil.com"})); err != nil {
		t.Errorf("the later list did not replace the function: %v", err)
	}
}

// TestNewFromEnvAPIURL: CLERK_API_URL follows Clerk's convention (the
// origin, without the version), and a URL that already ends in /v1 is taken
// as it is.
func TestNewFromEnvAPIURL(t *testing.T) {
	t.Setenv("CLERK_SECRET_KEY", testKey)
	for in, want := range map[string]string{
		"https://api.clerk.com":                "https://api.clerk.com/v1",
		"https://api.clerk.com/":               "https://api.clerk.com/v1",
		"https://api.clerk.com/v1":             "https://api.clerk.com/v1",
		"https://api.clerk.com/v1/":            "https://api.clerk.com/v1",
		"https://proxy.example.com/clerk":      "https://proxy.example.com/clerk/v1",
		"https://proxy.example.com/clerk/v1//": "https://proxy.example.com/clerk/v1",
		"http://127.0.0.1:8080":                "http://127.0.0.1:8080/v1",
	} {
		t.Setenv("CLERK_API_URL", in)
		c, err := NewFromEnv()
		if err != nil {
			t.Errorf("CLERK_API_URL=%s: %v", in, err)
			continue
		}
		if got := c.BaseURL(); got != want {
			t.Errorf("CLERK_API_URL=%s: BaseURL %s, want %s", in, got, want)
		}
		c.Close()
	}
	for _, in := range []string{"https://api.clerk.com/v2", "api.clerk.com", "https://user:s3cret@api.clerk.com/v9"} {
		t.Setenv("CLERK_API_URL", in)
		_, err := NewFromEnv()
		if !errors.Is(err, ErrInvalidParams) || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("CLERK_API_URL=%s: %v, want ErrInvalidParams without the URL", in, err)
		}
	}
}

// pk builds a publishable key for a Frontend API host.
func pk(prefix, host string) string {
	return prefix + base64.RawStdEncoding.EncodeToString([]byte(host+"$"))
}

// TestSatelliteIssuer: a production satellite's session tokens come from its
// own Frontend API, https://clerk.<domain>, which is then the issuer
// expected instead of the publishable key's; a development instance's
// satellites keep the key's.
func TestSatelliteIssuer(t *testing.T) {
	ctx := context.Background()
	satellite := mint(t, now, map[string]any{"iss": "https://clerk.satellite.dev"})
	primary := mint(t, now, map[string]any{"iss": "https://clerk.primary.com"})
	c, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock), WithPublishableKey(pk("pk_live_", "clerk.primary.com")),
		WithSatelliteDomain("HTTPS://Satellite.dev/"))
	if _, err := c.VerifyToken(ctx, satellite); err != nil {
		t.Errorf("production satellite, its own issuer: %v", err)
	}
	if _, err := c.VerifyToken(ctx, primary); !errors.Is(err, jwt.ErrInvalidIssuer) {
		t.Errorf("production satellite, the primary's issuer: %v, want ErrInvalidIssuer", err)
	}
	dev, _ := setup(t, WithJWTKey(testKeys().pem), withClock(clock), WithPublishableKey(pk("pk_test_", "happy-hippo-1.clerk.accounts.dev")),
		WithSatelliteDomain("satellite.dev"))
	if _, err := dev.VerifyToken(ctx, mint(t, now, map[string]any{"iss": "https://happy-hippo-1.clerk.accounts.dev"})); err != nil {
		t.Errorf("development satellite: %v", err)
	}
	for _, d := range []string{"satellite", "http://satellite.dev", "satellite.dev:443", "satellite.dev/app", "a..b"} {
		if _, err := New(testKey, WithSatelliteDomain(d)); !errors.Is(err, ErrInvalidParams) {
			t.Errorf("WithSatelliteDomain(%q): %v, want ErrInvalidParams", d, err)
		}
	}

	t.Setenv("CLERK_SECRET_KEY", testKey)
	t.Setenv("CLERK_PUBLISHABLE_KEY", pk("pk_live_", "clerk.primary.com"))
	t.Setenv("CLERK_JWT_KEY", testKeys().pem)
	t.Setenv("CLERK_DOMAIN", "satellite.dev")
	for _, tt := range []struct{ satellite, token string }{
		{"true", satellite},
		{"false", primary}, // CLERK_DOMAIN alone changes nothing
	} {
		t.Setenv("CLERK_IS_SATELLITE", tt.satellite)
		envc, err := NewFromEnv(withClock(clock))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := envc.VerifyToken(ctx, tt.token); err != nil {
			t.Errorf("CLERK_IS_SATELLITE=%s: %v", tt.satellite, err)
		}
		envc.Close()
	}
	for _, bad := range [][2]string{{"yes please", "satellite.dev"}, {"true", ""}} {
		t.Setenv("CLERK_IS_SATELLITE", bad[0])
		t.Setenv("CLERK_DOMAIN", bad[1])
		if _, err := NewFromEnv(); !errors.Is(err, ErrInvalidParams) {
			t.Errorf("CLERK_IS_SATELLITE=%q CLERK_DOMAIN=%q: %v, want ErrInvalidParams", bad[0], bad[1], err)
		}
	}
}
