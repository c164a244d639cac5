package webhooks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// Event is a verified webhook delivery: Clerk's event envelope, with the
// event's own data left raw for the typed accessors (User, Session, ...) or
// Decode.
type Event struct {
	// ID is the delivery's message ID (the svix-id header). Svix sends the
	// same ID again when it retries, so it is the key to de-duplicate on.
	ID string
	// Type is the event type, such as UserCreated ("user.created").
	Type EventType
	// Object is the envelope's object type, "event".
	Object string
	// InstanceID is the Clerk instance the event happened in.
	InstanceID string
	// Timestamp is when the event happened, from the envelope. Clerk sends
	// Unix milliseconds, the webhook spec's examples Unix seconds: a value
	// below 10^12 is read as seconds, any other as milliseconds. Zero when
	// the envelope has none.
	Timestamp time.Time
	// Data is the event's data exactly as Clerk sent it.
	Data json.RawMessage
	// Attributes describes the request that caused the event, when Clerk
	// sends it.
	Attributes EventAttributes
}

// EventAttributes is the envelope's event_attributes.
type EventAttributes struct {
	// HTTPRequest describes the HTTP request that caused the event.
	HTTPRequest HTTPRequest `json:"http_request"`
}

// HTTPRequest is the envelope's event_attributes.http_request.
type HTTPRequest struct {
	// ClientIP is the IP address the request came from.
	ClientIP string `json:"client_ip"`
	// UserAgent is the request's User-Agent.
	UserAgent string `json:"user_agent"`
}

// envelope is the JSON shape of an event (WebhookEventPayload in the spec).
type envelope struct {
	Type            EventType       `json:"type"`
	Object          string          `json:"object"`
	InstanceID      string          `json:"instance_id"`
	Timestamp       int64           `json:"timestamp"`
	Data            json.RawMessage `json:"data"`
	EventAttributes EventAttributes `json:"event_attributes"`
}

// secondsBelow is where envelope timestamps switch from seconds to
// milliseconds: 10^12 seconds is 33658 AD, 10^12 milliseconds is 2001.
const secondsBelow = 1_000_000_000_000

func decodeEnvelope(payload []byte) (*Event, error) {
	var env envelope
	if err := json.Unmarshal(payload, &env); err != nil {
		return nil, &payloadError{what: "envelope", cause: err}
	}
	if env.Type == "" {
		return nil, fmt.Errorf("%w: no event type", ErrInvalidPayload)
	}
	ev := &Event{
		Type:       env.Type,
		Object:     env.Object,
		InstanceID: env.InstanceID,
		Data:       env.Data,
		Attributes: env.EventAttributes,
	}
	switch ts := env.Timestamp; {
	case ts == 0:
	case ts < secondsBelow:
		ev.Timestamp = time.Unix(ts, 0).UTC()
	default:
		ev.Timestamp = time.UnixMilli(ts).UTC()
	}
	return ev, nil
}

// Decode decodes the event's data into v, a pointer, as encoding/json would
// (names match whatever their case), but with the SDK's codec for the
// shapes Clerk writes its own way: a time.Time field reads Unix milliseconds
// (see ARCHITECTURE.md, "Writing a model"). It is the way to the data of an event
// type that no accessor covers. It fails with ErrInvalidPayload when the
// event has no data or the data does not fit v.
func (e *Event) Decode(v any) error { return e.decode(v, internal.UnmarshalCompat) }

// decode is Decode with the unmarshal function of the caller's choice: the
// accessors decode the SDK's models with the codec's own, stricter rules.
func (e *Event) decode(v any, unmarshal func([]byte, any) error) error {
	if len(e.Data) == 0 || bytes.Equal(e.Data, []byte("null")) {
		return fmt.Errorf("%w: %s event has no data", ErrInvalidPayload, e.Type)
	}
	if err := unmarshal(e.Data, v); err != nil {
		return &payloadError{what: string(e.Type) + " event data", cause: err}
	}
	return nil
}

// payloadError is a genuine payload that does not decode. It matches
// ErrInvalidPayload, and its cause is reached with errors.As, but its
// message quotes nothing of the payload: the decoders quote values that do
// not fit, and error messages end up in logs.
type payloadError struct {
	what  string // "envelope", "user.created event data"
	cause error
}

// Error says where decoding failed and what kind of value did not fit.
func (e *payloadError) Error() string {
	return ErrInvalidPayload.Error() + ": " + e.what + ": " + internal.DescribeDecodeError(e.cause)
}

// Unwrap gives ErrInvalidPayload and the cause, for errors.Is and errors.As.
func (e *payloadError) Unwrap() []error { return []error{ErrInvalidPayload, e.cause} }
