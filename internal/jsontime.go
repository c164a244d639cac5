package internal

import (
	"bytes"
	"fmt"
	"strconv"
	"time"
)

// Millis and MillisPtr are the old, per-model way to Clerk's timestamps,
// kept only until the organizations and apikeys models are on the codec
// (codec.go); delete this file then.
//
// Millis adapts a time.Time field to Clerk's JSON timestamps, which are Unix
// milliseconds. Models embed it in their UnmarshalJSON/MarshalJSON methods by
// shadowing the time field with a Millis that points at it:
//
//	func (u *User) UnmarshalJSON(b []byte) error {
//		type plain User
//		return json.Unmarshal(b, &struct {
//			*plain
//			CreatedAt internal.Millis `json:"created_at"`
//		}{(*plain)(u), internal.Millis{T: &u.CreatedAt}})
//	}
//
// JSON null and an absent field leave the zero time. A zero time marshals as
// 0, and 0 reads back as the zero time.
type Millis struct {
	// T is the time field the JSON number is read into or written from.
	T *time.Time
}

// UnmarshalJSON implements json.Unmarshaler.
func (m Millis) UnmarshalJSON(b []byte) error {
	t, ok, err := parseMillisJSON(b)
	if err != nil || !ok {
		return err
	}
	*m.T = t
	return nil
}

// MarshalJSON implements json.Marshaler.
func (m Millis) MarshalJSON() ([]byte, error) {
	if m.T == nil || m.T.IsZero() {
		return []byte("0"), nil
	}
	return strconv.AppendInt(nil, m.T.UnixMilli(), 10), nil
}

// MillisPtr is Millis for an optional time (a *time.Time field): JSON null or
// an absent field leaves it nil, and nil marshals as null.
type MillisPtr struct {
	// T is the optional time field the JSON number is read into or written
	// from.
	T **time.Time
}

// UnmarshalJSON implements json.Unmarshaler.
func (m MillisPtr) UnmarshalJSON(b []byte) error {
	t, ok, err := parseMillisJSON(b)
	if err != nil {
		return err
	}
	if !ok {
		*m.T = nil
		return nil
	}
	*m.T = &t
	return nil
}

// MarshalJSON implements json.Marshaler.
func (m MillisPtr) MarshalJSON() ([]byte, error) {
	if m.T == nil || *m.T == nil {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, (*m.T).UnixMilli(), 10), nil
}

// parseMillisJSON reads a JSON number of Unix milliseconds. ok is false for
// null.
func parseMillisJSON(b []byte) (t time.Time, ok bool, err error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return time.Time{}, false, nil
	}
	n, valid := parseMillis(b)
	if !valid {
		return time.Time{}, false, fmt.Errorf("clerk: timestamp %.40q is not a number of Unix milliseconds", b)
	}
	if n == 0 {
		// 0 is what a zero time marshals to: read it back as zero.
		return time.Time{}, true, nil
	}
	return time.UnixMilli(n).UTC(), true, nil
}
