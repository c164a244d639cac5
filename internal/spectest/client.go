package spectest

import (
	"context"
	"testing"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// SecretKey is the secret key of the clients NewClient makes. A test that
// checks the bearer a request carries, or that the key never shows in logs
// and errors, compares with it.
const SecretKey = "sk_test_spectest"

// WithClientConfig lets a test adjust the internal.Config that NewClient
// builds its client from (a Logger, MaxRetries, ...). f runs after NewClient
// has set SecretKey, BaseURL and Sleep, so it may change those too.
// NewServer ignores it.
func WithClientConfig(f func(*internal.Config)) Option {
	return func(s *Server) { s.clientConfig = append(s.clientConfig, f) }
}

// NewClient starts a spec-checking server, as NewServer does, and returns an
// internal.Client wired to it: BaseURL is the server's URL, the secret key is
// SecretKey, MaxRetries is DefaultMaxRetries (as the root's clients), and
// Sleep never waits between retries (it returns ctx.Err(), so a cancelled
// context still ends them). The client's idle connections
// are closed by t.Cleanup, before the server is.
func NewClient(t testing.TB, opts ...Option) (*internal.Client, *Server) {
	t.Helper()
	srv := NewServer(t, opts...)
	cfg := internal.Config{
		SecretKey:  SecretKey,
		BaseURL:    srv.URL,
		MaxRetries: internal.DefaultMaxRetries, // as the root package's clients
		Sleep:      func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	}
	for _, f := range srv.clientConfig {
		f(&cfg)
	}
	c, err := internal.New(cfg)
	if err != nil {
		t.Fatalf("spectest: creating the client: %v", err)
	}
	t.Cleanup(c.Close)
	return c, srv
}
