package apikeys

import "time"

// Defaults of the verification cache (see WithVerifyCache).
const (
	// DefaultCacheSize is how many verified tokens a service remembers.
	DefaultCacheSize = 4096
	// DefaultCacheTTL is how long a verified token is remembered. It is also
	// the longest a revoked key or token can keep verifying (see doc.go).
	DefaultCacheTTL = 5 * time.Second
)

// Option configures the verification behaviour of a Service or an
// M2MTokenService (New, NewM2MTokens).
type Option func(*config)

type config struct {
	cacheSize int
	cacheTTL  time.Duration
	now       func() time.Time
}

func newConfig(opts []Option) config {
	cfg := config{cacheSize: DefaultCacheSize, cacheTTL: DefaultCacheTTL, now: time.Now}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	return cfg
}

// WithVerifyCache sets the bound and lifetime of the cache of successful
// verifications: at most size entries (least recently used first out), each
// kept for at most ttl and never past its token's own expiration. A size or
// ttl of zero (or less) turns the cache off, so that every Verify asks Clerk.
// The default is DefaultCacheSize entries for DefaultCacheTTL.
func WithVerifyCache(size int, ttl time.Duration) Option {
	return func(c *config) {
		c.cacheSize = size
		c.cacheTTL = ttl
	}
}

// WithClock sets the clock the cache reads to expire entries; tests inject a
// fake one. Nil keeps time.Now.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}
