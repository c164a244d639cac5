package apikeys

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/go-clerk/clerk/internal"
)

// Page is one page of a list endpoint: Data and the TotalCount the API
// reports. The M2M token list, which Clerk answers under "m2m_tokens" rather
// than "data", is converted to the same shape.
type Page[T any] = internal.Page[T]

// Metadata is a free-form JSON object with a Decode helper for typed access.
type Metadata = internal.Metadata

// Claims are the custom claims of an API key or an M2M token: any JSON value
// (usually an object), kept as the raw JSON the API sent. Empty when the API
// sent null. Read them with Decode or Map.
type Claims json.RawMessage

// Decode unmarshals the claims into a typed value, such as a pointer to a
// struct with json tags. Empty claims leave it untouched.
func (c Claims) Decode(into any) error {
	if c.IsZero() {
		return nil
	}
	return json.Unmarshal(c, into)
}

// Map decodes claims that are a JSON object. Empty claims give a nil map.
func (c Claims) Map() (Metadata, error) {
	var m Metadata
	err := c.Decode(&m)
	return m, err
}

// IsZero reports whether there are no claims (absent or JSON null).
func (c Claims) IsZero() bool {
	b := bytes.TrimSpace(c)
	return len(b) == 0 || string(b) == "null"
}

// String returns the claims' JSON text.
func (c Claims) String() string { return string(c) }

// GoString shows the claims' JSON text in %#v.
func (c Claims) GoString() string { return "apikeys.Claims(" + strconv.Quote(string(c)) + ")" }

// MarshalJSON implements json.Marshaler: empty claims marshal as null.
func (c Claims) MarshalJSON() ([]byte, error) {
	if c.IsZero() {
		return []byte("null"), nil
	}
	return bytes.Clone(c), nil
}

// UnmarshalJSON implements json.Unmarshaler: null gives empty claims.
func (c *Claims) UnmarshalJSON(b []byte) error {
	if t := bytes.TrimSpace(b); len(t) == 0 || string(t) == "null" {
		*c = nil
		return nil
	}
	*c = append((*c)[:0], b...)
	return nil
}

// SubjectKind is what owns an API key or an M2M token, read from the prefix
// of its subject ID.
type SubjectKind string

// Subject kinds.
const (
	SubjectUser         SubjectKind = "user" // user_…
	SubjectOrganization SubjectKind = "org"  // org_…
	SubjectMachine      SubjectKind = "mch"  // mch_…
	SubjectSCIM         SubjectKind = "scim" // scim_… (accepted on create by the spec)
	SubjectUnknown      SubjectKind = ""
)

// KindOf returns the kind of a subject ID from its prefix.
func KindOf(subject string) SubjectKind {
	prefix, _, ok := strings.Cut(subject, "_")
	if !ok {
		return SubjectUnknown
	}
	switch k := SubjectKind(prefix); k {
	case SubjectUser, SubjectOrganization, SubjectMachine, SubjectSCIM:
		return k
	}
	return SubjectUnknown
}

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

const redacted = "[redacted]"

// redactErr removes secrets (a token being verified, a machine secret key)
// from an error, in case the server echoed them. The transport already
// removes the client's own secret key.
func redactErr(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	ae, isAPI := err.(*internal.APIError)
	var live []string
	for _, s := range secrets {
		if s != "" && (strings.Contains(errText(err), s) || isAPI && cutSecret(ae.Body, s) > 0) {
			live = append(live, s)
		}
	}
	if len(live) == 0 {
		return err
	}
	if isAPI {
		cp := *ae
		cp.Errors = make([]internal.ErrorDetail, len(ae.Errors))
		for i, d := range ae.Errors {
			for _, s := range live {
				d.Code = strings.ReplaceAll(d.Code, s, redacted)
				d.Message = strings.ReplaceAll(d.Message, s, redacted)
				d.LongMessage = strings.ReplaceAll(d.LongMessage, s, redacted)
				if d.Meta != nil {
					if b, _ := json.Marshal(d.Meta); strings.Contains(string(b), s) {
						d.Meta = nil
					}
				}
			}
			cp.Errors[i] = d
		}
		for _, s := range live {
			cp.Body = strings.ReplaceAll(cp.Body, s, redacted)
			if n := cutSecret(cp.Body, s); n > 0 {
				body := strings.TrimSuffix(cp.Body, cutMark)
				cp.Body = body[:len(body)-n] + redacted + cutMark
			}
			cp.TraceID = strings.ReplaceAll(cp.TraceID, s, redacted)
		}
		return &cp
	}
	msg := err.Error()
	for _, s := range live {
		msg = strings.ReplaceAll(msg, s, redacted)
	}
	return &redactedError{msg: msg, err: err}
}

// cutMark ends an APIError.Body that the transport cut short.
const cutMark = "…"

// minCutSecret is the shortest beginning of a secret that cutSecret
// reports: "ak_" or "mt_" alone tells nothing.
const minCutSecret = 4

// cutSecret returns the length of the beginning of secret that ends body,
// when body was cut short in the middle of the secret (0 when not): the
// transport keeps only the first bytes of an error body that is not JSON,
// so an echoed secret may be left there in part.
func cutSecret(body, secret string) int {
	body, ok := strings.CutSuffix(body, cutMark)
	if !ok {
		return 0
	}
	for n := min(len(secret)-1, len(body)); n >= minCutSecret; n-- {
		if strings.HasSuffix(body, secret[:n]) {
			return n
		}
	}
	return 0
}

// errText is everything of an error that could be shown: its message and,
// for an APIError, the parts Error() leaves out.
func errText(err error) string {
	s := err.Error()
	var ae *internal.APIError
	if errors.As(err, &ae) {
		var b strings.Builder
		b.WriteString(s)
		b.WriteString(ae.Body)
		for _, d := range ae.Errors {
			b.WriteString(d.Code + d.Message + d.LongMessage)
			if d.Meta != nil {
				m, _ := json.Marshal(d.Meta)
				b.Write(m)
			}
		}
		s = b.String()
	}
	return s
}

// redactedError carries an error whose message held a secret: it shows the
// redacted message and still matches the original's sentinels.
type redactedError struct {
	msg string
	err error
}

// Error is the redacted message.
func (e *redactedError) Error() string { return e.msg }

// Unwrap gives the original error, for errors.Is.
func (e *redactedError) Unwrap() error { return e.err }
