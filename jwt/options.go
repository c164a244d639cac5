package jwt

import (
	"errors"
	"net/http"
	"strings"
	"time"
)

// Defaults of a [Verifier].
const (
	// DefaultLeeway is the clock skew allowed on exp, nbf and iat.
	DefaultLeeway = 5 * time.Second
	// DefaultCacheSize is how many verified tokens the verifier remembers.
	DefaultCacheSize = 1024
	// DefaultAPIURL is the Backend API root; the key set is at /jwks below it.
	DefaultAPIURL = "https://api.clerk.com/v1"
	// DefaultRefreshInterval is how old a fetched key set may grow before the
	// next verification refreshes it in the background: 5 minutes, as long as
	// Clerk's JavaScript SDK keeps keys, so a key Clerk removed stops
	// verifying within about that time.
	DefaultRefreshInterval = 5 * time.Minute
	// MaxTokenSize is the largest token Verify and Decode accept, in bytes.
	MaxTokenSize = 16 << 10
)

// Unexported defaults of the key fetching; see the package documentation.
const (
	// defaultMinRefreshGap spaces fetches caused by unknown kids or by a
	// stale key set: at most one per gap, shared by all callers.
	defaultMinRefreshGap = 10 * time.Second
	// defaultRetryGap spaces fetches while no key set was ever fetched.
	defaultRetryGap = time.Second
	// defaultFetchTimeout bounds one key-set fetch.
	defaultFetchTimeout = 10 * time.Second
	// maxJWKSBytes bounds a fetched key set's body.
	maxJWKSBytes = 1 << 20
)

// An Option configures a [Verifier]. Options whose string argument is empty
// are ignored, so values read from unset environment variables can be passed
// as they are.
type Option func(*config)

type config struct {
	publicKeyPEM    string
	jwks            []byte
	jwksURL         string
	secretKey       string
	apiURL          string
	publishableKey  string
	issuer          string
	parties         []string
	audiences       []string
	leeway          time.Duration
	allowPending    bool
	clock           func() time.Time
	httpClient      *http.Client
	cacheSize       int
	refreshInterval time.Duration

	// Fetch pacing: see the constants above. Tests change them.
	fetchClock    func() time.Time
	minRefreshGap time.Duration
	retryGap      time.Duration
	fetchTimeout  time.Duration

	errs []error
}

func defaultConfig() config {
	return config{
		leeway:          DefaultLeeway,
		clock:           time.Now,
		cacheSize:       DefaultCacheSize,
		apiURL:          DefaultAPIURL,
		refreshInterval: DefaultRefreshInterval,
		fetchClock:      time.Now,
		minRefreshGap:   defaultMinRefreshGap,
		retryGap:        defaultRetryGap,
		fetchTimeout:    defaultFetchTimeout,
	}
}

// WithPublicKeyPEM verifies tokens with one RSA public key, the "JWKS Public
// Key" PEM of the Clerk Dashboard (CLERK_JWT_KEY). No network is ever used
// and the token's kid is not consulted. The PEM may be a PKIX "PUBLIC KEY" or
// a PKCS #1 "RSA PUBLIC KEY" block; literal \n sequences and a body without
// line breaks, as environment variables often carry it, are accepted.
//
// Key sources are used in this order, the first one given winning:
// WithPublicKeyPEM, [WithJWKS], [WithJWKSURL], [WithSecretKey],
// [WithPublishableKey].
func WithPublicKeyPEM(pem string) Option {
	return func(c *config) {
		if pem != "" {
			c.publicKeyPEM = pem
		}
	}
}

// WithJWKS verifies tokens with a fixed JSON Web Key Set (the body of
// GET /v1/jwks or of /.well-known/jwks.json). No network is used; the token's
// kid selects the key.
func WithJWKS(jwks []byte) Option {
	return func(c *config) {
		if len(jwks) > 0 {
			c.jwks = append([]byte(nil), jwks...)
		}
	}
}

// WithJWKSURL fetches the key set from url, lazily on the first
// verification, and refreshes it as the package documentation describes.
// The URL must be absolute http or https; use https outside tests.
func WithJWKSURL(url string) Option {
	return func(c *config) {
		if url != "" {
			c.jwksURL = url
		}
	}
}

// WithSecretKey fetches the key set from the Backend API's GET /jwks (below
// [WithAPIURL]), sending secretKey as the bearer token. The key is sent only
// to the API URL's host, never to a redirect target elsewhere, and never
// appears in errors.
func WithSecretKey(secretKey string) Option {
	return func(c *config) {
		if secretKey != "" {
			c.secretKey = secretKey
		}
	}
}

// WithAPIURL sets the Backend API root used with [WithSecretKey]; the default
// is [DefaultAPIURL].
func WithAPIURL(url string) Option {
	return func(c *config) {
		if url != "" {
			c.apiURL = url
		}
	}
}

// WithPublishableKey derives the instance's Frontend API host from a
// publishable key ("pk_test_" or "pk_live_" followed by the base64 of the
// host and "$"). The expected issuer becomes https://<host> (unless
// [WithIssuer] is given) and, when no other key source is given, the key set
// is fetched from https://<host>/.well-known/jwks.json.
func WithPublishableKey(publishableKey string) Option {
	return func(c *config) {
		if publishableKey != "" {
			c.publishableKey = publishableKey
		}
	}
}

// WithIssuer sets the exact expected iss claim (a trailing slash is
// ignored). It takes precedence over the issuer derived from
// [WithPublishableKey]. Without either, the issuer must have one of Clerk's
// shapes, as the package documentation describes.
func WithIssuer(issuer string) Option {
	return func(c *config) {
		if issuer = strings.TrimSuffix(issuer, "/"); issuer != "" {
			c.issuer = issuer
		}
	}
}

// WithAuthorizedParties lists the origins allowed in the azp claim, e.g.
// "https://example.com". A token whose azp is missing or not listed fails
// with [ErrInvalidAuthorizedParty], as in Clerk's own SDKs. Empty strings are
// ignored; without any party azp is not checked. Repeated use adds to the
// list.
func WithAuthorizedParties(parties ...string) Option {
	return func(c *config) {
		for _, p := range parties {
			if p = strings.TrimSuffix(strings.TrimSpace(p), "/"); p != "" {
				c.parties = append(c.parties, p)
			}
		}
	}
}

// WithAudience lists the audiences machine JWTs are checked against
// ([Verifier.VerifyMachine]), as Clerk's JS SDK checks its audience option:
// an OAuth access token's aud must name one of them (a token without aud
// fails), an M2M token's aud must when it has one. Empty strings are
// ignored; without any audience aud is not checked. Repeated use adds to the
// list. Session tokens, which carry azp rather than aud, are not checked
// against it.
func WithAudience(audiences ...string) Option {
	return func(c *config) {
		for _, a := range audiences {
			if a != "" {
				c.audiences = append(c.audiences, a)
			}
		}
	}
}

// WithLeeway sets the clock skew allowed on exp, nbf and iat; the default is
// [DefaultLeeway]. A token is valid from max(nbf, iat) - leeway (inclusive)
// until exp + leeway (exclusive).
func WithLeeway(d time.Duration) Option {
	return func(c *config) {
		if d < 0 {
			c.errs = append(c.errs, errors.New("jwt: negative leeway"))
			return
		}
		c.leeway = d
	}
}

// WithAllowPending accepts tokens of pending sessions (sts=pending), which
// are otherwise rejected with [ErrSessionPending] as Clerk's own SDKs treat
// a pending session as signed out.
func WithAllowPending() Option {
	return func(c *config) { c.allowPending = true }
}

// WithClock sets the clock that exp, nbf and iat are checked against,
// including on cache hits; the default is time.Now. A nil clock is ignored.
// Key-set fetches are paced by the real clock, not by this one.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.clock = now
		}
	}
}

// WithHTTPClient sets the client that fetches key sets. The verifier adds
// the secret key (for [WithSecretKey]) and a body-size limit through a
// wrapping transport and never modifies the client itself; closing its idle
// connections is left to its owner. The default is a client with its own
// transport, whose connections [Verifier.Close] closes.
func WithHTTPClient(client *http.Client) Option {
	return func(c *config) { c.httpClient = client }
}

// WithCacheSize sets how many verified tokens are remembered (default
// [DefaultCacheSize]); 0 turns the cache off. A remembered token skips
// parsing and the signature check but still has exp and nbf checked against
// the clock; only the exact same token string hits.
func WithCacheSize(n int) Option {
	return func(c *config) {
		if n < 0 {
			c.errs = append(c.errs, errors.New("jwt: negative cache size"))
			return
		}
		c.cacheSize = n
	}
}

// WithRefreshInterval sets how old a fetched key set may grow before the next
// verification refreshes it in the background (default
// [DefaultRefreshInterval]). It has no effect on static key sources.
func WithRefreshInterval(d time.Duration) Option {
	return func(c *config) {
		if d <= 0 {
			c.errs = append(c.errs, errors.New("jwt: refresh interval must be positive"))
			return
		}
		c.refreshInterval = d
	}
}
