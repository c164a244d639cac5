package jwt

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by [Verifier.Verify] and
// [Verifier.VerifyMachine] matches exactly one of them with [errors.Is], and wraps the underlying cause (for example a
// [json.SyntaxError], [rsa.ErrVerification] or [context.DeadlineExceeded]) so
// that errors.Is and errors.As reach it too.
var (
	// ErrTokenMalformed reports a token that is not a well-formed Clerk
	// session token: not three base64url segments, larger than the size
	// limit, header or claims that are not JSON objects of the expected
	// types, a critical header, a kid that is not a string, or a missing sub,
	// sid or exp claim.
	ErrTokenMalformed = errors.New("jwt: token is malformed")

	// ErrInvalidTokenType reports a token signed by the instance's keys that
	// is not a session token: its header's typ is present and not "JWT"
	// (OAuth access tokens say "at+jwt"), or its header's cat names a token
	// category other than the session token's (M2M tokens and JWT
	// templates carry their own), or its subject is a machine ID (mch_...),
	// as an M2M token's is. From [Verifier.VerifyMachine], a token that is
	// no machine JWT, or whose typ or cat does not fit its kind.
	ErrInvalidTokenType = errors.New("jwt: not a session token")

	// ErrUnsupportedAlgorithm reports a header alg other than RS256
	// (including none, HS*, PS*, ES* and other RS* algorithms).
	ErrUnsupportedAlgorithm = errors.New("jwt: unsupported signing algorithm")

	// ErrKeyNotFound reports that no public key matches the token's kid,
	// including when the key set could not be fetched in time.
	ErrKeyNotFound = errors.New("jwt: signing key not found")

	// ErrTokenSignatureInvalid reports a signature that does not verify
	// against the key named by the token's kid.
	ErrTokenSignatureInvalid = errors.New("jwt: token signature is invalid")

	// ErrTokenExpired reports a token whose exp, plus the leeway, is not
	// after the current time.
	ErrTokenExpired = errors.New("jwt: token is expired")

	// ErrTokenNotValidYet reports a token whose nbf or iat, minus the leeway,
	// is after the current time.
	ErrTokenNotValidYet = errors.New("jwt: token is not valid yet")

	// ErrInvalidIssuer reports an iss claim that is not the expected issuer.
	ErrInvalidIssuer = errors.New("jwt: invalid issuer")

	// ErrInvalidAuthorizedParty reports, when [WithAuthorizedParties] lists
	// origins, an azp claim that is missing or not one of them.
	ErrInvalidAuthorizedParty = errors.New("jwt: invalid authorized party")

	// ErrInvalidAudience reports, when [WithAudience] lists audiences, a
	// machine JWT whose aud does not name one of them (see
	// [Verifier.VerifyMachine]).
	ErrInvalidAudience = errors.New("jwt: invalid audience")

	// ErrSessionPending reports a valid token of a pending session
	// (sts=pending), which is treated as signed out unless
	// [WithAllowPending] is given.
	ErrSessionPending = errors.New("jwt: session is pending")
)

// tokenError pairs a sentinel with the cause of a failure. Unwrap exposes
// both, so errors.Is matches the sentinel and errors.Is/As reach the cause.
type tokenError struct {
	kind  error
	cause error
}

func (e *tokenError) Error() string {
	if e.cause == nil {
		return e.kind.Error()
	}
	return e.kind.Error() + ": " + e.cause.Error()
}

func (e *tokenError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.cause}
}

// newError returns an error matching kind and wrapping cause (which may be nil).
func newError(kind, cause error) error {
	return &tokenError{kind: kind, cause: cause}
}

// errorf returns an error matching kind whose cause is built by fmt.Errorf,
// so a %w verb in format wraps a further cause.
func errorf(kind error, format string, args ...any) error {
	return &tokenError{kind: kind, cause: fmt.Errorf(format, args...)}
}

// quote returns s quoted for an error message, cut to a length that keeps
// attacker-controlled values from flooding logs.
func quote(s string) string {
	const maxLen = 64
	if len(s) > maxLen {
		return fmt.Sprintf("%q...", s[:maxLen])
	}
	return fmt.Sprintf("%q", s)
}
