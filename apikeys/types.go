package apikeys

import (
	"bytes"
	"encoding/json"
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

// Secret is a credential a model carries: APIKey.Secret, M2MToken.Token,
// Machine.SecretKey, MachineSecretKey.Secret and
// CreateM2MTokenParams.MachineSecretKey. fmt (every verb), log/slog (any
// handler) and encoding/json show it as "[redacted]" (an empty one as ""),
// however deeply it is nested; Reveal returns the value. The same type as
// clerk.Secret.
type Secret = internal.Secret

// NewSecret wraps a credential, such as a machine secret key read from the
// environment, for CreateM2MTokenParams.MachineSecretKey.
func NewSecret(s string) Secret { return internal.NewSecret(s) }

// Claims are the custom claims of an API key or an M2M token: any JSON value
// (usually an object), kept as the raw JSON the API sent. Empty when the API
// sent null. Read them with Decode or Map.
//
// Claims has JSON methods of its own, the package's only ones: a shape no
// tag can say. Raw JSON passes through both ways (encoding/json and the
// SDK's codec would otherwise write a []byte type as base64), and null
// reads as empty claims.
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
