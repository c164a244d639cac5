package webhooks

import "errors"

// Sentinel errors. Every error that Verify returns matches exactly one of
// them with errors.Is; the message around it says what was wrong, and never
// contains the signing secret.
var (
	// ErrInvalidSecret: the signing secret given to NewVerifier is empty or
	// is not base64 (after the optional "whsec_" prefix).
	ErrInvalidSecret = errors.New("webhooks: invalid signing secret")

	// ErrMissingHeader: the delivery lacks one of the svix-id,
	// svix-timestamp and svix-signature headers (or of their Standard
	// Webhooks twins webhook-id, webhook-timestamp, webhook-signature).
	ErrMissingHeader = errors.New("webhooks: missing signature header")

	// ErrInvalidSignature: no signature in the signature header matches the
	// payload, or the signature or timestamp header is malformed, or the id
	// or signature header is too long to be Svix's.
	ErrInvalidSignature = errors.New("webhooks: invalid signature")

	// ErrTimestampOutOfRange: the signature is genuine, but the signed
	// timestamp is further from the verifier's clock than the tolerance,
	// in the past (a replay, or a delivery held too long) or in the future.
	ErrTimestampOutOfRange = errors.New("webhooks: timestamp out of tolerance")

	// ErrPayloadTooLarge: the payload is larger than the verifier accepts
	// (1 MiB unless WithMaxPayloadSize says otherwise).
	ErrPayloadTooLarge = errors.New("webhooks: payload too large")

	// ErrInvalidPayload: the payload is genuine but is not a Clerk event: not
	// a JSON object, no event type, or data that does not decode into the
	// type an accessor asks for.
	ErrInvalidPayload = errors.New("webhooks: invalid event payload")

	// ErrWrongEventType: a typed accessor was called on an event of another
	// type, e.g. User on a session.created event. The message names the
	// event's actual type.
	ErrWrongEventType = errors.New("webhooks: wrong event type")
)
