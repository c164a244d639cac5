package webhooks

import (
	"encoding/base64"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	svix "github.com/svix/svix-webhooks/go"
)

const (
	// DefaultTolerance is how far a delivery's signed timestamp may be from
	// the verifier's clock, in either direction, unless WithTolerance says
	// otherwise. It is the tolerance of Svix's own libraries.
	DefaultTolerance = 5 * time.Minute

	// DefaultMaxPayloadSize is the largest payload, in bytes, that a
	// verifier accepts unless WithMaxPayloadSize says otherwise (1 MiB).
	DefaultMaxPayloadSize = 1 << 20
)

// The longest id and signature headers Verify reads. Svix's message IDs
// are some 31 bytes and a v1 signature 47; the caps leave ample room (for
// custom IDs, and some 170 signatures during a rotation) while keeping what
// an unsigned request can make Verify hash and compare far below the cost
// of the largest payload.
const (
	maxIDHeader        = 1 << 10
	maxSignatureHeader = 8 << 10
)

// secretPrefix is the prefix of the signing secrets that the Clerk Dashboard
// shows. As in the svix package, it is optional.
const secretPrefix = "whsec_"

// The signature headers, in canonical MIME form so that a map lookup finds
// them in a header that net/http built. Clerk sends the svix-* names; the
// Standard Webhooks names webhook-* are accepted too.
var (
	svixHeaders     = headerNames{id: "Svix-Id", timestamp: "Svix-Timestamp", signature: "Svix-Signature"}
	standardHeaders = headerNames{id: "Webhook-Id", timestamp: "Webhook-Timestamp", signature: "Webhook-Signature"}
)

type headerNames struct{ id, timestamp, signature string }

// Verifier checks that webhook deliveries come from Clerk (through Svix) and
// decodes them into Events. It is safe for concurrent use.
type Verifier struct {
	wh         *svix.Webhook
	tolerance  time.Duration
	now        func() time.Time
	maxPayload int64
}

// Option configures a Verifier.
type Option func(*Verifier)

// WithTolerance sets how far a delivery's signed timestamp may be from the
// verifier's clock, in the past or in the future (default DefaultTolerance).
// A negative tolerance makes NewVerifier fail.
func WithTolerance(d time.Duration) Option {
	return func(v *Verifier) { v.tolerance = d }
}

// WithClock sets the clock that timestamps are checked against (default
// time.Now). Tests pin it; nil restores time.Now.
func WithClock(now func() time.Time) Option {
	return func(v *Verifier) { v.now = now }
}

// WithMaxPayloadSize sets the largest payload, in bytes, that Verify accepts
// and that Handler reads (default DefaultMaxPayloadSize). A size below 1
// makes NewVerifier fail.
func WithMaxPayloadSize(n int64) Option {
	return func(v *Verifier) { v.maxPayload = n }
}

// NewVerifier returns a Verifier for the endpoint's signing secret, as the
// Clerk Dashboard shows it ("whsec_" followed by base64; the prefix is
// optional, as in the svix package). An empty or undecodable secret fails
// here with ErrInvalidSecret rather than at the first delivery.
func NewVerifier(secret string, opts ...Option) (*Verifier, error) {
	v := &Verifier{tolerance: DefaultTolerance, now: time.Now, maxPayload: DefaultMaxPayloadSize}
	for _, opt := range opts {
		if opt != nil {
			opt(v)
		}
	}
	if v.now == nil {
		v.now = time.Now
	}
	if v.tolerance < 0 {
		return nil, fmt.Errorf("webhooks: negative tolerance %s", v.tolerance)
	}
	if v.maxPayload < 1 {
		return nil, fmt.Errorf("webhooks: maximum payload size %d is not positive", v.maxPayload)
	}

	// Decoded here rather than by svix.NewWebhook so that an empty key,
	// which svix accepts and which would make every signature forgeable
	// by anyone, is refused. The messages name neither the secret nor
	// the position of a bad byte in it.
	encoded := strings.TrimPrefix(strings.TrimSpace(secret), secretPrefix)
	if encoded == "" {
		return nil, fmt.Errorf("%w: empty", ErrInvalidSecret)
	}
	key, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return nil, fmt.Errorf("%w: not base64 after the %q prefix", ErrInvalidSecret, secretPrefix)
	}
	if len(key) == 0 {
		return nil, fmt.Errorf("%w: empty", ErrInvalidSecret)
	}
	if v.wh, err = svix.NewWebhookRaw(key); err != nil {
		return nil, fmt.Errorf("%w: rejected by svix", ErrInvalidSecret)
	}
	return v, nil
}

// Verify checks a delivery and decodes it. payload must be the request body
// exactly as received (not re-encoded JSON); header holds the request's
// headers, whose names are matched case-insensitively.
//
// The checks, in order: the payload size (ErrPayloadTooLarge); the
// svix-id, svix-timestamp and svix-signature headers, or, when any of those
// is missing, all three webhook-* ones (ErrMissingHeader); their lengths (an
// id over 1 KiB or a signature header over 8 KiB is ErrInvalidSignature);
// the signature, accepting the delivery when any of the space-separated
// "v1,<base64>" signatures matches, compared in constant time
// (ErrInvalidSignature); the signed timestamp against the clock and
// tolerance (ErrTimestampOutOfRange); the JSON envelope (ErrInvalidPayload).
func (v *Verifier) Verify(payload []byte, header http.Header) (*Event, error) {
	if int64(len(payload)) > v.maxPayload {
		return nil, fmt.Errorf("%w: %d bytes, at most %d accepted", ErrPayloadTooLarge, len(payload), v.maxPayload)
	}
	id, ts, sig, err := signatureHeaders(header)
	if err != nil {
		return nil, err
	}
	if len(id) > maxIDHeader || len(sig) > maxSignatureHeader {
		return nil, fmt.Errorf("%w: id or signature header longer than %d or %d bytes", ErrInvalidSignature, maxIDHeader, maxSignatureHeader)
	}
	signedAt, err := parseTimestamp(ts)
	if err != nil {
		return nil, err
	}
	// svix verifies exactly the values checked here, under its own header
	// names whichever names the delivery used. Its timestamp check is
	// skipped: it reads time.Now itself and fixes the tolerance at 5
	// minutes, so the timestamp is checked below with the verifier's clock.
	// The signature is checked first, so ErrTimestampOutOfRange always
	// means a genuine but stale (or early) delivery.
	err = v.wh.VerifyIgnoringTimestamp(payload, http.Header{
		svixHeaders.id:        {id},
		svixHeaders.timestamp: {ts},
		svixHeaders.signature: {sig},
	})
	if err != nil {
		return nil, fmt.Errorf("%w: no matching v1 signature", ErrInvalidSignature)
	}
	if err := v.checkTimestamp(signedAt); err != nil {
		return nil, err
	}
	ev, err := decodeEnvelope(payload)
	if err != nil {
		return nil, err
	}
	ev.ID = id
	return ev, nil
}

// maxUnix is the largest Unix second that time.Unix represents; above it,
// time.Unix wraps around into the distant past.
const maxUnix = math.MaxInt64 - 62135596800 // seconds from year 1 to 1970

func (v *Verifier) checkTimestamp(signedAt int64) error {
	// time.Time.Sub saturates instead of overflowing; a timestamp beyond
	// what a time.Time holds is ahead of any clock (signedAt is never
	// negative: parseTimestamp refuses signs).
	age := time.Duration(math.MinInt64)
	if signedAt <= maxUnix {
		age = v.now().Sub(time.Unix(signedAt, 0))
	}
	switch {
	case age > v.tolerance:
		return fmt.Errorf("%w: signed %s ago, tolerance %s", ErrTimestampOutOfRange, age, v.tolerance)
	case age < -v.tolerance:
		return fmt.Errorf("%w: signed %s ahead of the clock, tolerance %s", ErrTimestampOutOfRange, age.Abs(), v.tolerance)
	}
	return nil
}

// signatureHeaders returns the delivery's id, timestamp and signature
// headers: the svix-* set when all three are present, else the webhook-* set
// when all three of those are, the rule the svix package follows.
func signatureHeaders(h http.Header) (id, ts, sig string, err error) {
	s := lookupHeaders(h, svixHeaders)
	if s.complete() {
		return s.id, s.timestamp, s.signature, nil
	}
	w := lookupHeaders(h, standardHeaders)
	if w.complete() {
		return w.id, w.timestamp, w.signature, nil
	}
	// Name the first missing header of the set the delivery seems to use.
	if s == (headerValues{}) && w != (headerValues{}) {
		return "", "", "", w.missing(standardHeaders)
	}
	return "", "", "", s.missing(svixHeaders)
}

// headerValues holds the values of one set of signature headers.
type headerValues headerNames

func lookupHeaders(h http.Header, names headerNames) headerValues {
	return headerValues{
		id:        headerValue(h, names.id),
		timestamp: headerValue(h, names.timestamp),
		signature: headerValue(h, names.signature),
	}
}

func (v headerValues) complete() bool {
	return v.id != "" && v.timestamp != "" && v.signature != ""
}

func (v headerValues) missing(names headerNames) error {
	name := names.signature
	switch {
	case v.id == "":
		name = names.id
	case v.timestamp == "":
		name = names.timestamp
	}
	return fmt.Errorf("%w: %s", ErrMissingHeader, strings.ToLower(name))
}

// headerValue returns the first value of the header named by the canonical
// name key. A header built by hand with other casing ("svix-id" as a map
// key) is found too, at the cost of a scan.
func headerValue(h http.Header, key string) string {
	if vs := h[key]; len(vs) > 0 {
		return vs[0]
	}
	for k, vs := range h {
		if len(vs) > 0 && strings.EqualFold(k, key) {
			return vs[0]
		}
	}
	return ""
}

// parseTimestamp reads the signed timestamp header: Unix seconds as plain
// decimal digits. Signs and leading zeros are refused: svix would parse
// "+1614265330" or "01614265330" and check the signature of
// "1614265330", which is not the content the sender signed.
func parseTimestamp(ts string) (int64, error) {
	ok := ts != "" && (ts[0] != '0' || len(ts) == 1)
	for i := 0; ok && i < len(ts); i++ {
		ok = '0' <= ts[i] && ts[i] <= '9'
	}
	if ok {
		if n, err := strconv.ParseInt(ts, 10, 64); err == nil {
			return n, nil
		}
	}
	return 0, fmt.Errorf("%w: malformed timestamp header", ErrInvalidSignature)
}
