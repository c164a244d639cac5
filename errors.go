package clerk

import (
	"errors"

	"github.com/go-clerk/clerk/internal"
)

// APIError is every non-2xx answer of the Backend API: StatusCode, the
// Errors Clerk listed (Code, Message, LongMessage, Meta), TraceID and
// RetryAfter. It matches the status sentinels below with errors.Is; reach
// the detail with errors.As:
//
//	var apiErr *clerk.APIError
//	if errors.As(err, &apiErr) && apiErr.HasCode("form_identifier_exists") { ... }
type APIError = internal.APIError

// ErrorDetail is one entry of an APIError's Errors.
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

// ErrInvalidResponse matches a 2xx answer that cannot be what the call asked
// for: an empty body, JSON null or {} where a resource was expected, or
// JSON that does not fit the model. The call returns no value with it.
var ErrInvalidResponse = internal.ErrInvalidResponse

// ErrInvalidSecretKey is returned by New for an empty or malformed secret
// key. The key itself is never part of the message.
var ErrInvalidSecretKey = errors.New("clerk: invalid secret key")
