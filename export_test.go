package clerk

import (
	"context"
	"time"
)

// Test hooks: options that only tests need, kept out of the package's API
// and its production files.

// withSleep replaces the wait between retries.
func withSleep(f func(context.Context, time.Duration) error) Option {
	return func(o *options) { o.cfg.Sleep = f }
}

// withClock sets the clock of token checks and of the transport.
func withClock(now func() time.Time) Option {
	return func(o *options) { o.auth.now = now; o.cfg.Now = now }
}
