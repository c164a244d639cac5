package webhooks

import (
	"fmt"
	"os"
)

// NewVerifierFromEnv is NewVerifier with the endpoint's signing secret read
// from the environment: CLERK_WEBHOOK_SIGNING_SECRET, the name Clerk's SDKs
// read, or, when it is unset or empty, CLERK_WEBHOOK_SECRET, the name of
// Clerk's webhook guides. When both are set, CLERK_WEBHOOK_SIGNING_SECRET
// wins. Neither set fails with ErrInvalidSecret, as a bad secret does; the
// error names the variable, never its value.
func NewVerifierFromEnv(opts ...Option) (*Verifier, error) {
	name := "CLERK_WEBHOOK_SIGNING_SECRET"
	secret := os.Getenv(name)
	if secret == "" {
		name = "CLERK_WEBHOOK_SECRET"
		secret = os.Getenv(name)
	}
	if secret == "" {
		return nil, fmt.Errorf("%w: neither CLERK_WEBHOOK_SIGNING_SECRET nor CLERK_WEBHOOK_SECRET is set", ErrInvalidSecret)
	}
	v, err := NewVerifier(secret, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return v, nil
}
