package internal

import (
	"context"
	jsonv1 "encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// stamped is a model as the services declare them: plain fields, plain tags.
type stamped struct {
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt *time.Time `json:"expires_at"`
	Meta      Metadata   `json:"meta"`
	Key       Secret     `json:"key"`
}

func TestCodecTimes(t *testing.T) {
	at := time.UnixMilli(1700690400123).UTC()
	for _, tt := range []struct {
		json    string
		created time.Time
		expires *time.Time
	}{
		{`{"created_at":1700690400123,"expires_at":1700690400123}`, at, &at},
		{`{"created_at":1.700690400123e12}`, time.UnixMilli(1700690400123).UTC(), nil},
		{`{"created_at":1700690400123.9}`, at, nil}, // a fraction is cut off
		{`{"created_at":"2023-11-22T22:00:00.123Z","expires_at":"2023-11-22T22:00:00.123Z"}`, at, &at},
		{`{"created_at":null,"expires_at":null}`, time.Time{}, nil},
		{`{"created_at":0,"expires_at":0}`, time.Time{}, &time.Time{}},
		{`{"created_at":-1000}`, time.UnixMilli(-1000).UTC(), nil},
		{`{}`, time.Time{}, nil},
	} {
		var s stamped
		if err := Unmarshal([]byte(tt.json), &s); err != nil {
			t.Errorf("%s: %v", tt.json, err)
			continue
		}
		if !s.CreatedAt.Equal(tt.created) || (s.ExpiresAt == nil) != (tt.expires == nil) || s.ExpiresAt != nil && !s.ExpiresAt.Equal(*tt.expires) {
			t.Errorf("%s: got %v, %v; want %v, %v", tt.json, s.CreatedAt, s.ExpiresAt, tt.created, tt.expires)
		}
		if s.CreatedAt.UnixMilli() == at.UnixMilli() && s.CreatedAt.Location() != time.UTC {
			t.Errorf("%s: a time from milliseconds is not in UTC", tt.json)
		}
	}
	for _, bad := range []string{`{"created_at":"yesterday"}`, `{"created_at":true}`, `{"created_at":[1]}`, `{"created_at":1e300}`, `{"expires_at":{}}`} {
		var s stamped
		if err := Unmarshal([]byte(bad), &s); err == nil {
			t.Errorf("%s decoded", bad)
		}
	}
}

// The semantics of encoding/json/v2 that differ from encoding/json and
// matter for Clerk's answers, each pinned.
func TestCodecSemantics(t *testing.T) {
	type inner struct {
		Inner string `json:"inner"`
	}
	type model struct {
		inner
		ID     string   `json:"id"`
		N      int      `json:"n"`
		OK     bool     `json:"ok"`
		Nested inner    `json:"nested"`
		Meta   Metadata `json:"meta"`
	}
	decode := func(s string) (model, error) {
		var m model
		err := Unmarshal([]byte(s), &m)
		return m, err
	}
	// Names match as Clerk writes them: case-sensitively.
	if m, err := decode(`{"ID":"x","Id":"y"}`); err != nil || m.ID != "" {
		t.Errorf("case: %+v %v, want the ID left empty", m, err)
	}
	// A repeated name is an error, so that no two readers of one answer see
	// two values.
	if _, err := decode(`{"id":"a","id":"b"}`); err == nil {
		t.Error("a duplicate name decoded")
	}
	// Invalid UTF-8 is replaced, as encoding/json does, not refused.
	if m, err := decode("{\"id\":\"a\xffb\"}"); err != nil || m.ID != "a\uFFFDb" {
		t.Errorf("invalid UTF-8: %q %v", m.ID, err)
	}
	// Embedded structs are inlined.
	if m, err := decode(`{"inner":"i"}`); err != nil || m.Inner != "i" {
		t.Errorf("embedded: %+v %v", m, err)
	}
	// null leaves the zero value, in every kind of field.
	m, err := decode(`{"id":null,"n":null,"ok":null,"nested":null,"meta":null,"inner":null}`)
	if err != nil || m.ID != "" || m.N != 0 || m.OK || m.Nested != (inner{}) || m.Meta != nil {
		t.Errorf("nulls: %+v %v", m, err)
	}
	// Unknown members are ignored.
	if m, err := decode(`{"id":"a","new_field":{"x":[1,2]}}`); err != nil || m.ID != "a" {
		t.Errorf("unknown member: %+v %v", m, err)
	}
	// A mistyped value is an error that matches nothing of ours by itself.
	if _, err := decode(`{"n":"3"}`); err == nil {
		t.Error("a string decoded into an int")
	}
	// Metadata holds JSON numbers as float64, as encoding/json's map[string]any does.
	if m, err := decode(`{"meta":{"seats":3}}`); err != nil || m.Meta["seats"] != 3.0 {
		t.Errorf("metadata number: %#v %v", m.Meta, err)
	}

	// UnmarshalCompat, for the user's own types, matches names as
	// encoding/json does and keeps the last of repeated names.
	var c struct{ ID string }
	if err := UnmarshalCompat([]byte(`{"id":"a","ID":"b"}`), &c); err != nil || c.ID != "b" {
		t.Errorf("compat: %+v %v", c, err)
	}
	var ct struct{ At time.Time }
	if err := UnmarshalCompat([]byte(`{"at":1700690400123}`), &ct); err != nil || ct.At.UnixMilli() != 1700690400123 {
		t.Errorf("compat time: %v %v", ct.At, err)
	}
}

// TestCodecRoundTrips: MarshalAPI writes what the API writes (times in Unix
// milliseconds, a zero time as 0, a nil pointer as null, nil lists and
// maps as [] and {}, secrets in clear) and Unmarshal reads it back; a model
// marshalled by the user's own encoding/json reads back with encoding/json
// and with the codec.
func TestCodecRoundTrips(t *testing.T) {
	at := time.UnixMilli(1700690400123).UTC()
	s := stamped{Name: "n", CreatedAt: at, Key: NewSecret("sk_value")}
	b, err := MarshalAPI(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"n","created_at":1700690400123,"expires_at":null,"meta":{},"key":"sk_value"}`
	if string(b) != want {
		t.Fatalf("MarshalAPI:\n got %s\nwant %s", b, want)
	}
	var back stamped
	if err := Unmarshal(b, &back); err != nil || !back.CreatedAt.Equal(at) || back.Key.Reveal() != "sk_value" || back.Meta == nil {
		t.Fatalf("back: %+v %v", back, err)
	}
	var nullKey stamped
	if err := Unmarshal([]byte(`{"key":null}`), &nullKey); err != nil || !nullKey.Key.IsZero() {
		t.Fatalf("a null secret reads as %q, %v", nullKey.Key.Reveal(), err)
	}
	if err := Unmarshal([]byte(`{"key":{"a":1}}`), &nullKey); err == nil {
		t.Fatal("an object decoded as a secret")
	}
	if b, _ := MarshalAPI(stamped{}); !strings.Contains(string(b), `"created_at":0`) {
		t.Fatalf("zero time: %s", b)
	}

	v1, err := jsonv1.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(v1), "sk_value") {
		t.Fatalf("encoding/json shows the secret: %s", v1)
	}
	var viaV1, viaCodec stamped
	if err := jsonv1.Unmarshal(v1, &viaV1); err != nil || !viaV1.CreatedAt.Equal(at) || viaV1.Key.Reveal() != "[redacted]" {
		t.Fatalf("encoding/json round trip: %+v %v", viaV1, err)
	}
	if err := Unmarshal(v1, &viaCodec); err != nil || !viaCodec.CreatedAt.Equal(at) {
		t.Fatalf("encoding/json, then the codec: %+v %v", viaCodec, err)
	}
}

// TestRequestBodiesUseEncodingJSON: request bodies keep encoding/json's
// rules, whose omitempty keeps a pointer to "" (v2's would drop it, and a
// field cleared with clerk.String("") would not be sent) and writes a nil
// slice as null; a Secret in the params goes to the wire in clear, while
// printing the params redacts it.
func TestRequestBodiesUseEncodingJSON(t *testing.T) {
	s, base := serve(t, answer{200, nil, okUser})
	c, _ := newTestClient(t, base, Config{})
	empty := ""
	body := struct {
		FirstName *string   `json:"first_name,omitempty"`
		At        time.Time `json:"at"`
		Scopes    []string  `json:"scopes"`
		Omitted   []string  `json:"omitted,omitempty"`
		Key       Secret    `json:"key"`
		NoKey     Secret    `json:"no_key,omitzero"`
	}{FirstName: &empty, At: time.Date(2024, 5, 28, 8, 0, 0, 0, time.UTC), Key: NewSecret("shh-key")}
	if _, err := Call[map[string]any](context.Background(), c, http.MethodPatch, "/users/{user_id}", &body, "user_1"); err != nil {
		t.Fatal(err)
	}
	if got := s.bodies[0]; got != `{"first_name":"","at":"2024-05-28T08:00:00Z","scopes":null,"key":"shh-key"}` {
		t.Fatalf("body %s", got)
	}
	if printed := fmt.Sprintf("%+v", body); strings.Contains(printed, "shh-key") {
		t.Fatalf("printing the params shows the secret: %s", printed)
	}
}

func TestDecodeErrorsQuoteNothing(t *testing.T) {
	const private = "98765432109876543210987"
	for _, data := range []string{
		`{"name":` + private + `}`,
		`{"created_at":"` + private + `"}`,
		`{"created_at":` + private + `e400}`,
		`{"name":"x"` + private + `}`,
	} {
		var s stamped
		err := Unmarshal([]byte(data), &s)
		if err == nil {
			t.Fatalf("%s decoded", data)
		}
		msg := DescribeDecodeError(err)
		wrapped := (&decodeError{err: err}).Error()
		if strings.Contains(msg, private) || strings.Contains(wrapped, private) || !errors.Is(&decodeError{err: err}, ErrInvalidResponse) {
			t.Errorf("%s: %q / %q", data, msg, wrapped)
		}
	}
}
