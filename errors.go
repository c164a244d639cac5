package clerk

import (
	"errors"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// APIError is every non-2xx answer of the Backend API. It matches the status
// sentinels below with errors.Is; reach the detail with errors.As:
//
//	var apiErr *clerk.APIError
//	if errors.As(err, &apiErr) && apiErr.HasCode("form_identifier_exists") { ... }
//
// Reach it with errors.As, not a type assertion: the transport builds the
// error in package internal, as a struct of these same fields, and errors.As
// gives a *APIError that is that very value (ARCHITECTURE.md, "Errors").
type APIError struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Errors are the entries of the body's errors array; empty when the body
	// was not Clerk's JSON error shape.
	Errors []ErrorDetail
	// TraceID is Clerk's trace ID, from the body's clerk_trace_id or the
	// Clerk-Trace-Id header. Quote it to Clerk support.
	TraceID string
	// RetryAfter is the wait the answer asked for with Retry-After (on 429 and
	// 503), zero when it gave none. A Retry-After longer than a day reads as
	// a day.
	RetryAfter time.Duration
	// Body is a short cut of a body that was not Clerk's error JSON (an HTML
	// page from a proxy, say), for diagnosis.
	Body string
}

// Error returns one short line: status, first error code and message, trace
// ID, each folded onto one line and cut, whatever the body held. The secret
// key never appears in it.
func (e *APIError) Error() string { return (*internal.APIError)(e).Error() }

// Is reports whether target is the sentinel of e's status: ErrBadRequest,
// ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrUnprocessable
// or ErrRateLimited.
func (e *APIError) Is(target error) bool { return (*internal.APIError)(e).Is(target) }

// HasCode reports whether any entry of Errors has the given Clerk error
// code, such as "form_identifier_exists".
func (e *APIError) HasCode(code string) bool { return (*internal.APIError)(e).HasCode(code) }

// ErrorDetail is one entry of an APIError's Errors: Code (Clerk's
// machine-readable error code, such as "form_identifier_exists"), Message
// (a short description), LongMessage (a longer, human-readable one) and Meta
// (extra detail, such as the parameter at fault under "param_name").
type ErrorDetail = internal.ErrorDetail

// Sentinels that an *APIError matches by its HTTP status.
var (
	// ErrBadRequest matches a 400 answer.
	ErrBadRequest = internal.ErrBadRequest
	// ErrUnauthorized matches a 401 answer (a wrong or revoked secret key).
	ErrUnauthorized = internal.ErrUnauthorized
	// ErrForbidden matches a 403 answer.
	ErrForbidden = internal.ErrForbidden
	// ErrNotFound matches a 404 answer.
	ErrNotFound = internal.ErrNotFound
	// ErrConflict matches a 409 answer.
	ErrConflict = internal.ErrConflict
	// ErrUnprocessable matches a 422 answer (a parameter Clerk refused).
	ErrUnprocessable = internal.ErrUnprocessable
	// ErrRateLimited matches a 429 answer; its APIError.RetryAfter says how
	// long Clerk asked to wait.
	ErrRateLimited = internal.ErrRateLimited
)

// ErrInvalidParams matches errors raised before any request is sent: an
// empty or unsafe path ID, a missing required parameter, a nil context; and
// New's errors for a base URL or token options that cannot work.
var ErrInvalidParams = internal.ErrInvalidParams

// ErrResponseTooLarge matches an answer whose body exceeded the bytes the
// client reads.
var ErrResponseTooLarge = internal.ErrResponseTooLarge

// ErrInvalidResponse matches an answer that cannot be what the call asked
// for: a 2xx with an empty body, JSON null or {} where a resource was
// expected, or JSON that does not fit the model; or a redirect, which is
// never followed with the secret key. The call returns no value with it.
var ErrInvalidResponse = internal.ErrInvalidResponse

// ErrSecretKeyRequired matches the calls a machine-only client (NewMachine)
// cannot make, refused before anything is sent: every service but
// M2MTokens, the verification of API keys and OAuth access tokens, and of
// JWTs when it has no key source.
var ErrSecretKeyRequired = internal.ErrSecretKeyRequired

// ErrInvalidSecretKey is returned by New for an empty or malformed secret
// key. The key itself is never part of the message.
var ErrInvalidSecretKey = errors.New("clerk: invalid secret key")
