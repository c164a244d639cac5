package apikeys

import (
	"time"

	"github.com/go-clerk/clerk/internal"
)

// Defaults of the verification cache (clerk.WithMachineTokenCache changes
// them).
const (
	// DefaultCacheSize is how many verified tokens a service remembers.
	DefaultCacheSize = 4096
	// DefaultCacheTTL is how long a verified token is remembered. It is also
	// the longest a revoked key or token can keep verifying (see doc.go).
	DefaultCacheTTL = 5 * time.Second
)

// config is what a verifier is built with.
type config struct {
	cacheSize int
	cacheTTL  time.Duration
	now       func() time.Time
}

// configOf reads the verification cache's settings from the transport core:
// its MachineTokenCache (the defaults when unset; a size or TTL of zero or
// less turns the cache off) and its clock.
func configOf(c *internal.Client) config {
	cfg := config{cacheSize: DefaultCacheSize, cacheTTL: DefaultCacheTTL, now: c.Clock()}
	if mc := c.MachineTokenCache(); mc != nil {
		cfg.cacheSize, cfg.cacheTTL = mc.Size, mc.TTL
	}
	return cfg
}

// paging is how the All methods walk their lists: pages of the caller's
// Limit, at most max, by offset. With id, the walk survives items that
// leave the list while it runs, such as the keys a loop revokes
// (internal.Paging.ID).
func paging[T any](max int, id func(*T) string) internal.Paging[T] {
	return internal.Paging[T]{Max: max, ID: id}
}
