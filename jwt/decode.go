package jwt

import "strings"

// Decode returns a token's claims WITHOUT VERIFYING ANYTHING: not the
// signature, not exp or nbf, not the issuer. Anyone can forge a token that
// Decode accepts, so its result must never be used for authentication or
// authorization; it is meant for logging, debugging and routing decisions
// that grant nothing. Use [Verifier.Verify] for everything else.
//
// Decode fails with [ErrTokenMalformed] when the token is larger than
// [MaxTokenSize], is not three base64url segments, or its claims are not a
// JSON object of the expected types. Claims are decoded exactly as Verify
// decodes them; claims that Verify requires may be missing.
func Decode(token string) (*Claims, error) {
	if len(token) > MaxTokenSize {
		return nil, errorf(ErrTokenMalformed, "token is %d bytes, over the %d-byte limit", len(token), MaxTokenSize)
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errorf(ErrTokenMalformed, "token is not three dot-separated segments")
	}
	if _, err := decodeSegment([]byte(parts[0]), nil); err != nil {
		return nil, errorf(ErrTokenMalformed, "header segment: %w", err)
	}
	if _, err := decodeSegment([]byte(parts[2]), nil); err != nil {
		return nil, errorf(ErrTokenMalformed, "signature segment: %w", err)
	}
	payload, err := decodeSegment([]byte(parts[1]), nil)
	if err != nil {
		return nil, errorf(ErrTokenMalformed, "claims segment: %w", err)
	}
	c := new(Claims)
	if err := parseClaims(payload, c); err != nil {
		return nil, errorf(ErrTokenMalformed, "claims: %w", err)
	}
	return c, nil
}
