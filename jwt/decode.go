package jwt

import (
	"errors"

	gojwt "github.com/golang-jwt/jwt/v5"
)

// Decode returns a token's claims WITHOUT VERIFYING ANYTHING: not the
// signature, not exp or nbf, not the issuer. Anyone can forge a token that
// Decode accepts, so its result must never be used for authentication or
// authorization; it is meant for logging, debugging and routing decisions
// that grant nothing. Use [Verifier.Verify] for everything else.
//
// Decode fails with [ErrTokenMalformed] when the token is larger than
// [MaxTokenSize], is not three base64url segments, or its header or claims
// are not JSON objects (the claims of the expected types). Claims are
// decoded exactly as Verify decodes them; claims that Verify requires may be
// missing, and the header's alg is not judged.
func Decode(token string) (*Claims, error) {
	if len(token) > MaxTokenSize {
		return nil, errorf(ErrTokenMalformed, "token is %d bytes, over the %d-byte limit", len(token), MaxTokenSize)
	}
	if err := checkLineBreaks(token); err != nil {
		return nil, err
	}
	p := gojwt.NewParser(gojwt.WithStrictDecoding())
	var w sessionClaims
	_, parts, err := p.ParseUnverified(token, &w)
	if errors.Is(err, gojwt.ErrTokenUnverifiable) {
		// golang-jwt knows no algorithm by the header's alg, which it
		// looks up after decoding the claims and before decoding the
		// signature. Decode does not judge alg, but the signature
		// segment must still be base64url.
		_, err = p.DecodeSegment(parts[2])
	}
	if err != nil {
		return nil, newError(ErrTokenMalformed, err)
	}
	raw, err := p.DecodeSegment(parts[1])
	if err != nil {
		return nil, errorf(ErrTokenMalformed, "claims segment: %w", err)
	}
	out := new(struct {
		claims Claims
		ages   [2]int
	})
	c := &out.claims
	if err := w.fill(raw, c, &out.ages); err != nil {
		return nil, err
	}
	w.expand(c)
	return c, nil
}
