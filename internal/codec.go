package internal

import (
	"bytes"
	jsonv1 "encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1json "github.com/go-json-experiment/json/v1"
)

// The codec: how every answer of the Backend API, and every webhook payload,
// becomes a model (ARCHITECTURE.md, "Writing a model"). Models are plain structs with
// plain json tags; the few shapes Clerk writes its own way are handled here,
// once, by type:
//
//   - time.Time (and so *time.Time): a JSON number is Unix milliseconds (a
//     fraction is cut off), a string is RFC 3339, null is the zero time (a
//     nil pointer);
//   - Secret: a JSON string, kept whole (the model's fmt, slog and JSON forms
//     redact it).
//
// Answers are decoded with github.com/go-json-experiment/json (the future
// encoding/json/v2) and these options; its semantics are pinned by
// codec_test.go: member names match case-sensitively, a duplicate member
// name is an error (two readers of one payload never see two values),
// invalid UTF-8 becomes U+FFFD (as encoding/json does), unknown members are
// ignored, null leaves the zero value, and embedded structs are inlined as
// encoding/json inlines them.
//
// The options are built once and never change; the type cache they hold is
// the library's, as encoding/json keeps its own.
var decodeOptions = json.JoinOptions(
	json.WithUnmarshalers(json.JoinUnmarshalers(
		json.UnmarshalFromFunc(unmarshalTime),
		json.UnmarshalFromFunc(unmarshalSecret),
	)),
	jsontext.AllowInvalidUTF8(true),
)

// compatOptions add encoding/json's name matching to decodeOptions, for
// values of the user's own types (webhooks' Event.Decode): a member
// matches a field whatever its case, and a repeated name keeps the last
// value, as encoding/json does.
var compatOptions = json.JoinOptions(
	decodeOptions,
	json.MatchCaseInsensitiveNames(true),
	jsontext.AllowDuplicateNames(true),
)

// encodeOptions write a model as the Backend API does, for the SDK's own
// fakes and test servers: times as Unix milliseconds (a zero time as 0),
// secrets in clear, nil slices and maps as [] and {}.
var encodeOptions = json.JoinOptions(
	json.WithMarshalers(json.JoinMarshalers(
		json.MarshalToFunc(marshalTime),
		json.MarshalToFunc(marshalSecret),
	)),
	jsontext.AllowInvalidUTF8(true),
)

// bodyOptions write a request body with encoding/json's rules (its
// omitempty keeps a *string that points to "", nil slices are null, times
// are RFC 3339), except that a Secret is written in clear: a params struct
// carries a credential to Clerk (an OIDC client secret, a signing key) as a
// Secret, so that printing or logging the params redacts it, and the wire
// alone sees it. Request bodies are never logged.
var bodyOptions = json.JoinOptions(
	jsonv1json.DefaultOptionsV1(),
	json.WithMarshalers(json.MarshalToFunc(marshalSecret)),
)

// MarshalBody encodes a request body (see bodyOptions).
func MarshalBody(v any) ([]byte, error) { return json.Marshal(v, bodyOptions) }

// Unmarshal decodes JSON into v, a non-nil pointer, as the SDK reads Clerk's
// answers (see the codec above).
func Unmarshal(data []byte, v any) error { return json.Unmarshal(data, v, decodeOptions) }

// UnmarshalCompat is Unmarshal with encoding/json's rules for names, for a
// type of the user's: a member matches a field whatever its case, and a
// repeated name keeps the last value.
func UnmarshalCompat(data []byte, v any) error { return json.Unmarshal(data, v, compatOptions) }

// MarshalAPI encodes v as the Backend API writes it: Unix-millisecond times,
// secrets in clear. It is for the SDK's fakes and tests (a body a spec
// validator accepts), never for logs.
func MarshalAPI(v any) ([]byte, error) { return json.Marshal(v, encodeOptions) }

// ErrInvalidResponse is matched by an answer that cannot be what the call
// asked for: a 2xx whose body is empty, JSON null, {}, or not the JSON of
// the expected resource; or a redirect, which is never followed.
var ErrInvalidResponse = errors.New("clerk: invalid response")

// decodeResource decodes an answer that must hold one resource. Empty,
// white space, JSON null or an object without members ({}) is
// ErrInvalidResponse, never a zero value with a nil error.
func decodeResource[T any](data []byte) (*T, error) {
	if emptyObject(data) {
		return nil, fmt.Errorf("%w: {} where a resource was expected", ErrInvalidResponse)
	}
	var out *T
	if err := json.Unmarshal(data, &out, decodeOptions); err != nil {
		if len(bytes.TrimSpace(data)) == 0 {
			return nil, fmt.Errorf("%w: empty body", ErrInvalidResponse)
		}
		return nil, &decodeError{err: err}
	}
	if out == nil {
		return nil, fmt.Errorf("%w: JSON null where a resource was expected", ErrInvalidResponse)
	}
	return out, nil
}

// emptyObject reports whether data is {} (white space allowed).
func emptyObject(data []byte) bool {
	data = bytes.TrimSpace(data)
	return len(data) >= 2 && data[0] == '{' && data[len(data)-1] == '}' && len(bytes.TrimSpace(data[1:len(data)-1])) == 0
}

// decodePage decodes either list shape into a Page: a bare array, or an
// object with the items under key ("data"; "m2m_tokens" for the M2M token
// list) and total_count. An object without key is ErrInvalidResponse.
func decodePage[T any](data []byte, key string) (*Page[T], error) {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return nil, fmt.Errorf("%w: empty body", ErrInvalidResponse)
	}
	p := new(Page[T])
	var err error
	switch data[0] {
	case '[':
		err = json.Unmarshal(data, &p.Data, decodeOptions)
	case '{':
		if key == "" || key == "data" {
			// In one pass, straight into the page (a page of users is
			// megabytes: no copy of it on the way). An empty list decodes
			// to an empty, non-nil slice; Data stays nil only when "data"
			// is missing or null.
			key = "data"
			if err = json.Unmarshal(data, p, decodeOptions); err == nil && p.Data == nil {
				return nil, fmt.Errorf("%w: a list answer has no %q array", ErrInvalidResponse, key)
			}
			break
		}
		var obj map[string]jsontext.Value
		if err = json.Unmarshal(data, &obj, decodeOptions); err != nil {
			break
		}
		v, ok := obj[key]
		if !ok {
			// An object without the list ({}, {"unexpected":true}, the
			// items under another key) is not a page of no items.
			return nil, fmt.Errorf("%w: a list answer has no %q member", ErrInvalidResponse, key)
		}
		err = json.Unmarshal(v, &p.Data, decodeOptions)
		if v, ok := obj["total_count"]; ok && err == nil {
			err = json.Unmarshal(v, &p.TotalCount, decodeOptions)
		}
	default:
		return nil, fmt.Errorf("%w: a list answer is neither an array nor an object", ErrInvalidResponse)
	}
	if err != nil {
		return nil, &decodeError{err: err}
	}
	for _, it := range p.Data {
		if it == nil {
			return nil, fmt.Errorf("%w: null item in a list", ErrInvalidResponse)
		}
	}
	return p, nil
}

// decodeError is an answer whose JSON does not fit the model. It matches
// ErrInvalidResponse and unwraps to the decoder's error, but its message
// quotes nothing of the answer (see DescribeDecodeError).
type decodeError struct{ err error }

func (e *decodeError) Error() string {
	return ErrInvalidResponse.Error() + ": " + DescribeDecodeError(e.err)
}

func (e *decodeError) Unwrap() []error { return []error{ErrInvalidResponse, e.err} }

// DescribeDecodeError says what kind of value failed to decode into what
// kind of Go value, or where the JSON is malformed, and nothing more: the
// decoders' own messages quote values of the input (a number, a short
// string), and error messages end up in logs.
func DescribeDecodeError(err error) string {
	var sem *json.SemanticError
	var syn *jsontext.SyntacticError
	var typeErr *jsonv1.UnmarshalTypeError
	var synV1 *jsonv1.SyntaxError
	switch {
	case errors.As(err, &sem):
		msg := "a value does not decode"
		if k := kindName(sem.JSONKind); k != "" {
			msg = "a JSON " + k + " does not decode"
		}
		if sem.GoType != nil {
			msg += " into a Go " + sem.GoType.Kind().String()
		}
		return msg
	case errors.As(err, &syn):
		return fmt.Sprintf("not valid JSON (offset %d)", syn.ByteOffset)
	case errors.As(err, &typeErr):
		kind, _, _ := strings.Cut(typeErr.Value, " ") // "number 1e999" -> "number"
		msg := "a JSON " + kind + " does not decode"
		if typeErr.Type != nil {
			msg += " into a Go " + typeErr.Type.Kind().String()
		}
		return msg
	case errors.As(err, &synV1):
		return fmt.Sprintf("not valid JSON (offset %d)", synV1.Offset)
	}
	return "a value does not decode"
}

func kindName(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case 't', 'f':
		return "boolean"
	case '"':
		return "string"
	case '0':
		return "number"
	case '{', '}':
		return "object"
	case '[', ']':
		return "array"
	}
	return ""
}

// unmarshalTime reads Clerk's timestamps: Unix milliseconds, or RFC 3339 (as
// encoding/json writes a time.Time, so that a model marshalled by a user's
// own encoding/json reads back), or null.
func unmarshalTime(dec *jsontext.Decoder, t *time.Time) error {
	switch dec.PeekKind() {
	case 'n':
		_, err := dec.ReadToken()
		*t = time.Time{}
		return err
	case '0':
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		ms, ok := parseMillis(v)
		if !ok {
			return fmt.Errorf("timestamp %.40s is not a number of Unix milliseconds", v)
		}
		if ms == 0 {
			*t = time.Time{} // 0 is what a zero time is written as
			return nil
		}
		*t = time.UnixMilli(ms).UTC()
		return nil
	case '"':
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		p, err := time.Parse(time.RFC3339Nano, tok.String())
		if err != nil {
			return errors.New("timestamp string is not RFC 3339")
		}
		*t = p
		return nil
	}
	return errors.ErrUnsupported // the default time.Time decoder reports the kind
}

// parseMillis reads an integer, or a number with a fraction or exponent
// (cut towards zero), within ±2^62 milliseconds.
func parseMillis(v []byte) (int64, bool) {
	var n int64
	neg := false
	i := 0
	if len(v) > 0 && v[0] == '-' {
		neg, i = true, 1
	}
	if i == len(v) || len(v)-i > 18 {
		return parseMillisFloat(v)
	}
	for ; i < len(v); i++ {
		c := v[i]
		if c < '0' || c > '9' {
			return parseMillisFloat(v)
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

func parseMillisFloat(v []byte) (int64, bool) {
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil || math.IsNaN(f) || math.Abs(f) > 1<<62 {
		return 0, false
	}
	return int64(f), true
}

func marshalTime(enc *jsontext.Encoder, t time.Time) error {
	if t.IsZero() {
		return enc.WriteToken(jsontext.Int(0))
	}
	return enc.WriteToken(jsontext.Int(t.UnixMilli()))
}

func unmarshalSecret(dec *jsontext.Decoder, s *Secret) error {
	if k := dec.PeekKind(); k != 'n' && k != '"' {
		return errors.New("a secret is not a JSON string")
	}
	tok, err := dec.ReadToken()
	switch {
	case err != nil:
		return err
	case tok.Kind() == 'n':
		*s = Secret{}
	default:
		*s = NewSecret(tok.String())
	}
	return nil
}

func marshalSecret(enc *jsontext.Encoder, s Secret) error {
	return enc.WriteToken(jsontext.String(s.Reveal()))
}
