package webhooks_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-clerk/clerk/webhooks"
)

func TestEventEnvelope(t *testing.T) {
	ev, err := newVerifier(t).Verify(userCreated, delivery(t, testSecret, "msg_1", testNow, userCreated))
	if err != nil {
		t.Fatal(err)
	}
	want := webhooks.Event{
		ID:         "msg_1",
		Type:       webhooks.UserCreated,
		Object:     "event",
		InstanceID: "ins_123",
		Timestamp:  time.UnixMilli(1654012591835).UTC(),
		Attributes: webhooks.EventAttributes{HTTPRequest: webhooks.HTTPRequest{ClientIP: "192.0.2.1", UserAgent: "curl/8"}},
	}
	got := *ev
	got.Data = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if wantData := []byte(`{"id":"user_29w83sxmDNGwOuEthce5gg56FcC","object":"user"}`); !bytes.Equal(ev.Data, wantData) {
		t.Errorf("Data = %s, want the raw %s", ev.Data, wantData)
	}
	var data struct{ ID string }
	if err := ev.Decode(&data); err != nil || data.ID != "user_29w83sxmDNGwOuEthce5gg56FcC" {
		t.Errorf("Decode: %+v, %v", data, err)
	}
}

// The envelope's timestamp is seconds below 10^12, milliseconds from there.
func TestEventTimestamp(t *testing.T) {
	tests := []struct {
		raw  string
		want time.Time
	}{
		{"1716883200", time.Date(2024, 5, 28, 8, 0, 0, 0, time.UTC)},
		{"1654012591835", time.UnixMilli(1654012591835).UTC()},
		{"999999999999", time.Unix(999999999999, 0).UTC()},
		{"1000000000000", time.UnixMilli(1000000000000).UTC()},
		{"0", time.Time{}},
		{"null", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			payload := []byte(`{"type":"user.created","timestamp":` + tt.raw + `}`)
			ev, err := newVerifier(t).Verify(payload, delivery(t, testSecret, "msg_1", testNow, payload))
			if err != nil {
				t.Fatal(err)
			}
			if !ev.Timestamp.Equal(tt.want) || ev.Timestamp.Location() != time.UTC {
				t.Errorf("Timestamp = %v, want %v", ev.Timestamp, tt.want)
			}
		})
	}
}

func TestEventDecodeFailures(t *testing.T) {
	for _, data := range []string{``, `null`} {
		ev := &webhooks.Event{Type: webhooks.UserCreated}
		if data != "" {
			ev.Data = []byte(data)
		}
		var v map[string]any
		if err := ev.Decode(&v); !errors.Is(err, webhooks.ErrInvalidPayload) {
			t.Errorf("data %q: got %v, want ErrInvalidPayload", data, err)
		}
	}
	ev := &webhooks.Event{Type: webhooks.UserCreated, Data: []byte(`{"id":1}`)}
	var v struct{ ID string }
	if err := ev.Decode(&v); !errors.Is(err, webhooks.ErrInvalidPayload) {
		t.Errorf("mistyped data: got %v, want ErrInvalidPayload", err)
	}
}

// A payload that does not decode fails with ErrInvalidPayload and a message
// that quotes nothing of it (encoding/json quotes a number that does not
// fit, the models' time decoders the offending value); the cause stays
// reachable with errors.As.
func TestPayloadErrorsQuoteNoPayload(t *testing.T) {
	const private = "98765432109876543210987"
	envelope := []byte(`{"type":"user.created","timestamp":` + private + `}`)
	_, err := newVerifier(t).Verify(envelope, delivery(t, testSecret, "msg_1", testNow, envelope))
	if !errors.Is(err, webhooks.ErrInvalidPayload) || strings.Contains(err.Error(), private) {
		t.Errorf("envelope: got %v, want ErrInvalidPayload without the number", err)
	}
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		t.Errorf("envelope: the cause %T is not reachable", err)
	}
	for name, data := range map[string]string{
		"number":      `{"id":"user_1","created_at":` + private + `}`,
		"time string": `{"id":"user_1","created_at":"` + private + `"}`,
		"syntax":      `{"id":"user_1","first_name":"x"` + private + `}`,
	} {
		ev := &webhooks.Event{Type: webhooks.UserCreated, Data: json.RawMessage(data)}
		_, err := ev.User()
		if !errors.Is(err, webhooks.ErrInvalidPayload) || strings.Contains(err.Error(), private) {
			t.Errorf("%s: got %v, want ErrInvalidPayload without the value", name, err)
		}
		var v struct {
			CreatedAt int8 `json:"created_at"`
		}
		if err := ev.Decode(&v); name == "number" && (!errors.Is(err, webhooks.ErrInvalidPayload) || strings.Contains(err.Error(), private)) {
			t.Errorf("%s: Decode: got %v, want ErrInvalidPayload without the value", name, err)
		}
	}
}
