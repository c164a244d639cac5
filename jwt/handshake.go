package jwt

import (
	"context"
	"encoding/json"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	gojwt "github.com/golang-jwt/jwt/v5"
)

// handshakeClaims are the claims of a handshake token: the Set-Cookie
// directives it carries. Nothing else is read, and no date is checked, as
// Clerk's JS SDK checks none on a handshake token.
type handshakeClaims struct {
	Handshake jsontext.Value `json:"handshake"`
}

// UnmarshalJSON decodes the claims JSON as JSON.parse reads it in Clerk's
// JS SDK (claimsOptions): only "handshake" is the handshake claim, and the
// last of a repeated one wins.
func (w *handshakeClaims) UnmarshalJSON(b []byte) error {
	type plain handshakeClaims // without UnmarshalJSON
	return jsonv2.Unmarshal(b, (*plain)(w), claimsOptions)
}

// GetExpirationTime, GetNotBefore, GetIssuedAt, GetIssuer, GetSubject and
// GetAudience satisfy golang-jwt's Claims; the parser is told not to
// validate them.
func (handshakeClaims) GetExpirationTime() (*gojwt.NumericDate, error) { return nil, nil }
func (handshakeClaims) GetNotBefore() (*gojwt.NumericDate, error)      { return nil, nil }
func (handshakeClaims) GetIssuedAt() (*gojwt.NumericDate, error)       { return nil, nil }
func (handshakeClaims) GetIssuer() (string, error)                     { return "", nil }
func (handshakeClaims) GetSubject() (string, error)                    { return "", nil }
func (handshakeClaims) GetAudience() (gojwt.ClaimStrings, error)       { return nil, nil }

// dates are none: the parser's errors never concern them.
func (handshakeClaims) dates() (exp, nbf, iat float64) { return 0, 0, 0 }

// VerifyHandshake verifies a handshake token, the __clerk_handshake JWT
// that Clerk's Frontend API hands a browser on its way back from the
// handshake, against the same keys as [Verifier.Verify], and returns the
// Set-Cookie directives of its handshake claim (nil when the claim is not a
// list; members that are not strings are skipped).
//
// It checks what Clerk's JS SDK checks of one: RS256 only
// ([ErrUnsupportedAlgorithm]); a typ, when present, of "JWT" and a cat,
// when present, of the session token's category, which handshake tokens are
// minted with ([ErrInvalidTokenType]: a JWT template, whose author chooses
// its claims, could otherwise carry a handshake claim); no crit, a kid that
// is a string ([ErrTokenMalformed]); the key ([ErrKeyNotFound]) and the
// signature ([ErrTokenSignatureInvalid]). The token's dates and issuer are
// not checked, nor is it cached. ctx bounds only the wait for a key-set
// fetch.
func (v *Verifier) VerifyHandshake(ctx context.Context, token string) ([]string, error) {
	if len(token) > MaxTokenSize {
		return nil, errorf(ErrTokenMalformed, "token is %d bytes, over the %d-byte limit", len(token), MaxTokenSize)
	}
	if err := checkLineBreaks(token); err != nil {
		return nil, err
	}
	parser := gojwt.NewParser(
		gojwt.WithValidMethods([]string{gojwt.SigningMethodRS256.Alg()}),
		gojwt.WithStrictDecoding(),
		gojwt.WithoutClaimsValidation(),
	)
	var w handshakeClaims
	tok, err := parser.ParseWithClaims(token, &w, func(t *gojwt.Token) (any, error) {
		if err := checkHeader(t.Header); err != nil {
			return nil, err
		}
		return v.lookupKey(ctx, t)
	})
	if err != nil {
		return nil, v.parseError(tok, w, err)
	}
	var list []json.RawMessage
	if json.Unmarshal(w.Handshake, &list) != nil {
		return nil, nil
	}
	out := make([]string, 0, len(list))
	for _, m := range list {
		var s string
		if json.Unmarshal(m, &s) == nil {
			out = append(out, s)
		}
	}
	return out, nil
}
