package internal

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
)

// redacted is what every printed form of a set Secret shows.
const redacted = "[redacted]"

// Secret is a credential that a model carries (ARCHITECTURE.md, "Writing a
// model"): an OAuth access token, a
// session JWT, an API key's secret. Every way a value is commonly printed
// shows "[redacted]" in its place, however deeply the Secret is nested: fmt
// with every verb, log/slog with any handler (LogValue), and encoding/json
// (MarshalJSON, which slog's JSON handler uses for slices, maps and
// structs). An empty Secret prints as "". Reveal returns the value; the
// SDK's own codec decodes it from the API's JSON string.
//
// The value sits behind a pointer, so that even a printer that reaches the
// Secret by reflection without calling its methods (fmt on an unexported
// field) shows an address, never the value. Compare two secrets with
// Reveal, not ==.
type Secret struct{ p *string }

// NewSecret wraps a value as a Secret.
func NewSecret(s string) Secret {
	if s == "" {
		return Secret{}
	}
	return Secret{p: &s}
}

// Reveal returns the secret value: the one explicit way to it.
func (s Secret) Reveal() string {
	if s.p == nil {
		return ""
	}
	return *s.p
}

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.p == nil || *s.p == "" }

// String returns "[redacted]", or "" for an empty secret.
func (s Secret) String() string {
	if s.IsZero() {
		return ""
	}
	return redacted
}

// GoString is String, quoted, for %#v.
func (s Secret) GoString() string { return fmt.Sprintf("%q", s.String()) }

// Format prints String for every verb, flags and widths aside.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, s.GoString())
		return
	}
	_, _ = io.WriteString(f, s.String())
}

// LogValue is String, for log/slog.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON writes String as a JSON string: a model that holds a Secret
// can be marshalled by encoding/json (and logged by slog's JSON handler)
// without giving the value away.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads a JSON string (null leaves the secret empty), so that
// a model marshalled and read back with encoding/json does not fail; what
// comes back is what was written, "[redacted]" for a set secret.
func (s *Secret) UnmarshalJSON(b []byte) error {
	var v *string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if v == nil {
		*s = Secret{}
		return nil
	}
	*s = NewSecret(*v)
	return nil
}
