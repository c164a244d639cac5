package instance

import "encoding/json"

// Nullable is a request field that is left out, set to a value, or sent as
// JSON null. It serves the two fields where Clerk reads null as an
// instruction rather than as "leave it": UpdateDomainParams.ProxyURL (null
// switches the domain from a proxy back to DNS) and
// UpdateOAuthApplicationSettingsParams.DefaultScopes (null resets the
// scopes to Clerk's defaults). Every other optional field of this package
// is a pointer, left out when nil.
//
// The zero Nullable is left out of the request; NewNullable(v) sends v;
// Null[T]() sends null:
//
//	&instance.UpdateDomainParams{ProxyURL: instance.NewNullable("https://example.com/__clerk")}
//	&instance.UpdateDomainParams{ProxyURL: instance.Null[string]()} // back to DNS
type Nullable[T any] struct {
	value T
	state uint8 // 0 left out, 1 value, 2 null
}

// NewNullable returns a Nullable that sends v.
func NewNullable[T any](v T) Nullable[T] { return Nullable[T]{value: v, state: 1} }

// Null returns a Nullable that sends JSON null.
func Null[T any]() Nullable[T] { return Nullable[T]{state: 2} }

// Get returns the value and true when n sends a value; the zero T and
// false when it sends null or is left out.
func (n Nullable[T]) Get() (T, bool) { return n.value, n.state == 1 }

// IsNull reports whether n sends JSON null.
func (n Nullable[T]) IsNull() bool { return n.state == 2 }

// IsZero reports whether n is left out of the request: a field tagged
// omitzero is then not sent.
func (n Nullable[T]) IsZero() bool { return n.state == 0 }

// MarshalJSON writes the value, or null for Null (and for a Nullable left
// out, in a field not tagged omitzero).
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.state != 1 {
		return []byte("null"), nil
	}
	return json.Marshal(n.value)
}
