package internal

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Sentinels matched by (*APIError).Is, by HTTP status.
var (
	ErrBadRequest    = errors.New("clerk: bad request")          // 400
	ErrUnauthorized  = errors.New("clerk: unauthorized")         // 401
	ErrForbidden     = errors.New("clerk: forbidden")            // 403
	ErrNotFound      = errors.New("clerk: not found")            // 404
	ErrConflict      = errors.New("clerk: conflict")             // 409
	ErrUnprocessable = errors.New("clerk: unprocessable entity") // 422
	ErrRateLimited   = errors.New("clerk: rate limited")         // 429
)

// ErrInvalidParams is matched by errors that the SDK raises before sending a
// request: an empty or unsafe path ID, a missing required parameter, a nil
// context, a base URL New refuses.
var ErrInvalidParams = errors.New("clerk: invalid parameters")

// ErrSecretKeyRequired is matched by a call that a client without an
// instance secret key (one built with a machine's secret key alone) cannot
// make: it fails before anything is sent, never with a 401 from Clerk.
var ErrSecretKeyRequired = errors.New("clerk: the call needs the instance's secret key, and the client has a machine secret key only")

// ErrResponseTooLarge is matched when an answer's body exceeds the cap the
// client reads.
var ErrResponseTooLarge = errors.New("clerk: response body too large")

// ErrorDetail is one entry of the errors array of Clerk's error body.
type ErrorDetail struct {
	// Code is Clerk's machine-readable error code, such as
	// "form_identifier_exists".
	Code string `json:"code"`
	// Message is a short description of the error.
	Message string `json:"message"`
	// LongMessage is a longer, human-readable description.
	LongMessage string `json:"long_message"`
	// Meta is extra detail, such as the parameter at fault (param_name).
	Meta map[string]any `json:"meta,omitempty"`
}

// APIError is every non-2xx answer of the Backend API, as the transport
// builds it. Users reach it as a *clerk.APIError, a struct of the same
// fields declared in the root package (so that go doc shows them): As lets
// errors.As fill one, pointing at this same error. The fields and methods
// are documented there.
type APIError struct {
	StatusCode int           // the HTTP status
	Errors     []ErrorDetail // the body's errors array
	TraceID    string        // Clerk's trace ID
	RetryAfter time.Duration // the answer's Retry-After
	Body       string        // a cut of a body that was not Clerk's error JSON
}

// Error returns one short line: status, first error code and message, trace
// ID, each folded onto one line and cut, whatever the body held.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("clerk: ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteByte(' ')
		b.WriteString(t)
	}
	if len(e.Errors) > 0 {
		d := e.Errors[0]
		if d.Code != "" {
			b.WriteString(": ")
			b.WriteString(oneLine(d.Code, 64))
		}
		msg := d.LongMessage
		if msg == "" {
			msg = d.Message
		}
		if msg != "" {
			b.WriteString(": ")
			b.WriteString(oneLine(msg, 200))
		}
		if n := len(e.Errors) - 1; n > 0 {
			b.WriteString(" (+")
			b.WriteString(strconv.Itoa(n))
			b.WriteString(" more)")
		}
	} else if e.Body != "" {
		b.WriteString(": ")
		b.WriteString(oneLine(e.Body, 80))
	}
	if e.RetryAfter > 0 {
		b.WriteString(" (retry after ")
		b.WriteString(e.RetryAfter.String())
		b.WriteByte(')')
	}
	if e.TraceID != "" {
		b.WriteString(" [trace ")
		b.WriteString(oneLine(e.TraceID, 64))
		b.WriteByte(']')
	}
	return b.String()
}

// Is reports whether target is the sentinel of e's status.
func (e *APIError) Is(target error) bool {
	for _, s := range [...]struct {
		err    error
		status int
	}{
		{ErrBadRequest, http.StatusBadRequest}, {ErrUnauthorized, http.StatusUnauthorized},
		{ErrForbidden, http.StatusForbidden}, {ErrNotFound, http.StatusNotFound},
		{ErrConflict, http.StatusConflict}, {ErrUnprocessable, http.StatusUnprocessableEntity},
		{ErrRateLimited, http.StatusTooManyRequests},
	} {
		if target == s.err {
			return e.StatusCode == s.status
		}
	}
	return false
}

// As lets errors.As reach the error through a pointer to clerk.APIError,
// the root package's struct of the same fields: the target is set to this
// very error, converted, so both views share one value. It matches no other
// type.
func (e *APIError) As(target any) bool {
	v := reflect.ValueOf(target)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return false
	}
	want := v.Type().Elem() // *clerk.APIError
	if want.Kind() != reflect.Pointer || want.Elem().Name() != "APIError" || want.Elem().PkgPath() != rootPackage ||
		!reflect.TypeOf(e).ConvertibleTo(want) {
		return false
	}
	v.Elem().Set(reflect.ValueOf(e).Convert(want))
	return true
}

// rootPackage is the import path of the package that declares clerk.APIError.
const rootPackage = "github.com/go-clerk/clerk"

// HasCode reports whether any entry of the error has the given Clerk error
// code, such as "form_identifier_exists".
func (e *APIError) HasCode(code string) bool {
	for _, d := range e.Errors {
		if d.Code == code {
			return true
		}
	}
	return false
}

// maxBodyCut is how much of a non-JSON error body an APIError keeps.
const maxBodyCut = 512

// NewAPIError builds the APIError of an answer from its status, headers and
// (capped) body. It never fails: a body that is not Clerk's error JSON is kept
// as a short cut in Body. Any occurrence of redact (the secret key) in a string
// the APIError keeps (trace ID, codes, messages, the body cut) is replaced
// before it is stored; metadata that holds it is dropped.
func NewAPIError(status int, h http.Header, body []byte, retryAfter time.Duration, redact string) *APIError {
	redactKey := func(s string) string {
		if redact == "" {
			return s
		}
		return strings.ReplaceAll(s, redact, "[redacted]")
	}
	e := &APIError{StatusCode: status, RetryAfter: retryAfter}
	if h != nil {
		e.TraceID = redactKey(h.Get("Clerk-Trace-Id"))
	}
	var wire struct {
		Errors       []ErrorDetail `json:"errors"`
		ClerkTraceID string        `json:"clerk_trace_id"`
	}
	if err := json.Unmarshal(body, &wire); err == nil && len(wire.Errors) > 0 {
		e.Errors = wire.Errors
		if wire.ClerkTraceID != "" {
			e.TraceID = redactKey(wire.ClerkTraceID)
		}
		for i := range e.Errors {
			d := &e.Errors[i]
			d.Code = redactKey(d.Code)
			d.Message = redactKey(d.Message)
			d.LongMessage = redactKey(d.LongMessage)
			if redact != "" && containsSecret(d.Meta, redact) {
				d.Meta = nil
			}
		}
		return e
	}
	e.Body = cut(strings.TrimSpace(redactKey(string(body))), maxBodyCut)
	return e
}

// containsSecret reports whether any key or string value in v, however
// deeply nested, holds the secret.
func containsSecret(v any, secret string) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(v, secret)
	case map[string]any:
		for k, x := range v {
			if strings.Contains(k, secret) || containsSecret(x, secret) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if containsSecret(x, secret) {
				return true
			}
		}
	}
	return false
}

// oneLine folds white space so that an error stays on one line, and cuts it.
func oneLine(s string, n int) string {
	return cut(strings.Join(strings.Fields(s), " "), n)
}

// cut shortens s to at most n bytes without splitting a rune.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
