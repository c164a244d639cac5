package clerk

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/go-clerk/clerk/jwt"
)

// authConfig is what token verification needs beyond the transport.
type authConfig struct {
	publishableKey    string
	jwtKey            string
	authorizedParties []string
	audiences         []string
	partyFunc         func(azp string) bool
	satelliteDomain   string
	now               func() time.Time
	jwtOptions        []jwt.Option
}

// WithPublishableKey sets the instance's publishable key (pk_test_... or
// pk_live_...). Session-token checks then expect its Frontend API as the
// issuer (see WithSatelliteDomain for a satellite's).
func WithPublishableKey(pk string) Option { return func(o *options) { o.auth.publishableKey = pk } }

// WithJWTKey sets the instance's JWT public key in PEM (the dashboard's "JWKS
// Public Key", CLERK_JWT_KEY). Session tokens are then verified with no
// network call at all, not even the first JWKS fetch.
func WithJWTKey(pem string) Option { return func(o *options) { o.auth.jwtKey = pem } }

// WithAuthorizedParties lists the origins allowed in a session token's azp
// claim, such as "https://example.com" or "http://localhost:3000". Set, a
// token whose azp is not listed, or that has none, is refused (as Clerk's
// JS verifyToken does); unset, azp is not checked. Each origin must be
// scheme://host[:port], as browsers send the Origin header; New normalises
// it (lower-case scheme and host, default port dropped, so
// "HTTPS://Example.com:443" is "https://example.com") and refuses, with
// ErrInvalidParams saying why, one without a scheme ("example.com"), with a
// path, query, fragment or user info. It replaces an earlier
// WithAuthorizedPartyFunc.
func WithAuthorizedParties(origins ...string) Option {
	return func(o *options) {
		o.auth.authorizedParties = append([]string(nil), origins...)
		o.auth.partyFunc = nil
	}
}

// WithAuthorizedPartyFunc decides which session tokens' azp claims are
// allowed, for rules a list cannot say (any subdomain of example.com, say):
// a verified token whose azp is empty, or for which ok returns false, is
// refused with ErrInvalidToken (and jwt.ErrInvalidAuthorizedParty). ok must
// be safe for concurrent use; it sees the claim as the token carries it. It
// replaces an earlier WithAuthorizedParties (so that, with NewFromEnv, it
// overrides CLERK_AUTHORIZED_PARTIES); nil turns the check off.
func WithAuthorizedPartyFunc(ok func(azp string) bool) Option {
	return func(o *options) {
		o.auth.partyFunc = ok
		o.auth.authorizedParties = nil
	}
}

// WithAudience lists the audiences this backend answers to, as the
// audience option of Clerk's JS SDK: an OAuth access token (opaque or JWT)
// must then name one of them in its audience (aud), and an M2M token in JWT
// format whose aud is a string or a list of strings must name one; a
// failure matches ErrInvalidToken and jwt.ErrInvalidAudience. Session
// tokens, which carry azp rather than aud, are not checked against it. Each
// call adds to the list; empty strings are ignored.
func WithAudience(audiences ...string) Option {
	return func(o *options) {
		for _, a := range audiences {
			if a != "" {
				o.auth.audiences = append(o.auth.audiences, a)
			}
		}
	}
}

// WithSatelliteDomain says that this backend serves a satellite domain of a
// multi-domain Clerk instance, such as "satellite.dev" (CLERK_DOMAIN with
// CLERK_IS_SATELLITE=true). A production instance's satellite has its own
// Frontend API, https://clerk.<domain>, which issues its session tokens: with
// a pk_live_ publishable key, that is the issuer expected instead of the
// primary domain's (as @clerk/backend derives it). A development instance's
// satellites share its Frontend API, so a pk_test_ key's issuer stays; so
// does the check of Clerk's issuer shapes without a publishable key, which
// accepts https://clerk.<domain>. The domain is a host name; an https://
// prefix and a trailing slash are dropped; anything else fails New with
// ErrInvalidParams.
func WithSatelliteDomain(domain string) Option {
	return func(o *options) { o.auth.satelliteDomain = domain }
}

// WithJWTOptions passes further options to the session-token verifier the
// client builds (see package jwt), such as jwt.WithLeeway or
// jwt.WithAllowPending. They come after the client's own, so
// jwt.WithIssuer here overrides the issuer the client derives.
func WithJWTOptions(opts ...jwt.Option) Option {
	return func(o *options) { o.auth.jwtOptions = append(o.auth.jwtOptions, opts...) }
}

// check validates and normalises the options for token checks, so that a
// configuration that cannot work fails New rather than every request.
func (a *authConfig) check() error {
	for i, p := range a.authorizedParties {
		origin, err := normalizeOrigin(p)
		if err != nil {
			return fmt.Errorf("%w: authorized party %q: %v", ErrInvalidParams, p, err)
		}
		a.authorizedParties[i] = origin
	}
	if a.satelliteDomain != "" {
		d, err := normalizeDomain(a.satelliteDomain)
		if err != nil {
			return fmt.Errorf("%w: satellite domain %q: %v", ErrInvalidParams, a.satelliteDomain, err)
		}
		a.satelliteDomain = d
	}
	return nil
}

// normalizeOrigin returns an origin as browsers serialise it in the Origin
// header (and Clerk puts it in azp), or says why s is not one.
func normalizeOrigin(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", fmt.Errorf("empty")
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "", fmt.Errorf("not a URL")
	case u.Scheme == "" || u.Opaque != "" || u.Host == "":
		return "", fmt.Errorf("not an origin: it needs a scheme and a host, as in https://example.com")
	case u.User != nil:
		return "", fmt.Errorf("an origin has no user info")
	case u.Path != "" && u.Path != "/", u.RawPath != "":
		return "", fmt.Errorf("an origin has no path")
	case u.RawQuery != "" || u.ForceQuery:
		return "", fmt.Errorf("an origin has no query")
	case u.Fragment != "" || strings.Contains(s, "#"):
		return "", fmt.Errorf("an origin has no fragment")
	}
	scheme := strings.ToLower(u.Scheme)
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if host == "" {
		return "", fmt.Errorf("not an origin: it has no host")
	}
	if scheme == "https" && port == "443" || scheme == "http" && port == "80" {
		port = ""
	}
	if port != "" {
		return scheme + "://" + net.JoinHostPort(host, port), nil
	}
	if strings.Contains(host, ":") { // IPv6
		host = "[" + host + "]"
	}
	return scheme + "://" + host, nil
}

// normalizeDomain returns a satellite domain as a lower-case host name.
func normalizeDomain(s string) (string, error) {
	d := strings.TrimSuffix(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "https://"), "/")
	if d == "" || len(d) > 253 || !strings.Contains(d, ".") || strings.HasPrefix(d, ".") || strings.HasSuffix(d, ".") || strings.Contains(d, "..") {
		return "", fmt.Errorf("not a domain name such as satellite.dev")
	}
	for i := 0; i < len(d); i++ {
		if c := d[i]; !(c == '.' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z') {
			return "", fmt.Errorf("not a domain name such as satellite.dev: no scheme other than https, port or path")
		}
	}
	return d, nil
}

// issuer is the session tokens' issuer that the client derives, "" when it
// leaves it to package jwt (the publishable key's Frontend API, or Clerk's
// issuer shapes): a production satellite's own Frontend API.
func (a *authConfig) issuer() string {
	if a.satelliteDomain != "" && strings.HasPrefix(a.publishableKey, "pk_live_") {
		return "https://clerk." + a.satelliteDomain
	}
	return ""
}

// jwtOptions configures the session-token verifier: keys from the WithJWTKey
// PEM when given (no network), else from the Backend API's JWKS with the
// secret key, fetched on first use and refreshed in the background until
// Close. Options given with WithJWTOptions come last.
func (c *Client) jwtOptions() []jwt.Option {
	a := c.auth
	opts := []jwt.Option{
		jwt.WithPublicKeyPEM(a.jwtKey),
		jwt.WithSecretKey(c.core.SecretKey()),
		jwt.WithAPIURL(c.core.BaseURL()),
		jwt.WithPublishableKey(a.publishableKey),
		jwt.WithIssuer(a.issuer()),
		jwt.WithAuthorizedParties(a.authorizedParties...),
		jwt.WithAudience(a.audiences...),
		jwt.WithHTTPClient(c.core.HTTPClient()),
	}
	if a.now != nil {
		opts = append(opts, jwt.WithClock(a.now))
	}
	return append(opts, a.jwtOptions...)
}
