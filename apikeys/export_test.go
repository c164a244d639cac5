package apikeys

import (
	"time"

	"github.com/go-clerk/clerk/internal"
)

// The services are built by the root package; these build them over a test's
// transport core, with the cache settings clerk.WithMachineTokenCache and
// the root's test clock would give.

// Option sets the verification cache of a service built by New or
// NewM2MTokens.
type Option func(*config)

// WithVerifyCache sizes the cache, as clerk.WithMachineTokenCache does.
func WithVerifyCache(size int, ttl time.Duration) Option {
	return func(c *config) { c.cacheSize, c.cacheTTL = size, ttl }
}

// WithClock sets the clock the cache reads.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

func testConfig(c *internal.Client, opts []Option) config {
	cfg := configOf(c)
	for _, o := range opts {
		o(&cfg)
	}
	return cfg
}

func New(c *internal.Client, opts ...Option) *Service {
	s := internal.NewService(c)
	s.State(func(c *internal.Client) any {
		return newVerifier(testConfig(c, opts), (*APIKey).expiration, (*APIKey).clone)
	})
	return (*Service)(s)
}

func NewM2MTokens(c *internal.Client, opts ...Option) *M2MTokenService {
	s := internal.NewService(c)
	s.State(func(c *internal.Client) any {
		return newVerifier(testConfig(c, opts), (*M2MToken).expiration, (*M2MToken).clone)
	})
	return (*M2MTokenService)(s)
}

func NewMachines(c *internal.Client) *MachineService {
	return (*MachineService)(internal.NewService(c))
}
