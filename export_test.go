package clerk

import (
	"context"
	"testing"
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

// For the external tests (package clerk_test): a session token signed with
// the test key, and that key's PEM.

// MintSessionToken signs v2 session claims at, issued by
// https://clerk.example.com for https://app.example.com; extra overrides or
// adds claims (nil deletes one).
func MintSessionToken(t *testing.T, at time.Time, extra map[string]any) string {
	return mint(t, at, extra)
}

// PublicKeyPEM is the PEM of the key MintSessionToken signs with.
func PublicKeyPEM() string { return testKeys().pem }
