package apikeys

import (
	"errors"

	"github.com/go-clerk/clerk/internal"
)

// ErrInvalidToken is matched (errors.Is) by every Verify failure caused by the
// token itself: Clerk does not know it (404, which also matches
// clerk.ErrNotFound), refuses it as malformed (400), or reports it revoked or
// expired; and an empty or oversized token, refused before any request (also
// matching internal.ErrInvalidParams). Failures that are not the token's
// fault (401 for a bad secret key, 429, 5xx, network) do not match it.
var ErrInvalidToken = errors.New("apikeys: invalid token")

// maxTokenLen caps what Verify forwards to Clerk: a bearer larger than this
// is no Clerk token.
const maxTokenLen = 4096

// tokenError is a Verify failure caused by the token. It matches
// ErrInvalidToken and whatever caused it (an *APIError and its sentinel).
type tokenError struct {
	kind   string // "API key", "M2M token"
	reason string
	cause  error
}

// Error names the token kind and the reason, never the token.
func (e *tokenError) Error() string {
	s := "apikeys: " + e.kind + " rejected"
	if e.reason != "" {
		s += ": " + e.reason
	}
	if e.cause != nil {
		s += ": " + e.cause.Error()
	}
	return s
}

// Unwrap gives ErrInvalidToken and the cause, for errors.Is and errors.As.
func (e *tokenError) Unwrap() []error {
	if e.cause == nil {
		return []error{ErrInvalidToken}
	}
	return []error{ErrInvalidToken, e.cause}
}

// checkToken refuses, before any request, what cannot be a token.
func checkToken(kind, token string) error {
	switch {
	case token == "":
		return &tokenError{kind: kind, reason: "empty", cause: internal.ErrInvalidParams}
	case len(token) > maxTokenLen:
		return &tokenError{kind: kind, reason: "too long", cause: internal.ErrInvalidParams}
	}
	return nil
}

// verifyError classifies a failed verify call: 400 and 404 are the token's
// fault (the request is otherwise fixed), anything else is not.
func verifyError(kind string, err error) error {
	var ae *internal.APIError
	if errors.As(err, &ae) && (ae.StatusCode == 400 || ae.StatusCode == 404) {
		return &tokenError{kind: kind, cause: err}
	}
	return err
}
