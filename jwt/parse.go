package jwt

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	gojwt "github.com/golang-jwt/jwt/v5"
)

// parse checks a token with golang-jwt: its shape and encoding, its header,
// its key and signature, then its claims with golang-jwt's validator,
// decoding them into w. It returns the claims JSON and, when it decoded the
// header, the header for v.headers.
//
// A token whose header segment is that of a token verified before takes
// the same steps but skips decoding the header again: golang-jwt's parser
// decodes every header into a map, whose cost the UnknownHeader rows of
// BenchmarkVerifyRatio show. See parseKnownHeader.
func (v *Verifier) parse(ctx context.Context, token string, w *sessionClaims) (raw []byte, header map[string]any, err error) {
	headerSeg, rest, _ := strings.Cut(token, ".")
	if known, ok := v.headers.lookup(headerSeg); ok {
		raw, err := v.parseKnownHeader(ctx, token, known, w)
		return raw, nil, err
	}
	tok, err := v.parser.ParseWithClaims(token, w, func(t *gojwt.Token) (any, error) {
		return v.key(ctx, t)
	})
	if err != nil {
		return nil, nil, v.parseError(tok, w, err)
	}
	// The parser decoded the payload but does not keep it.
	payloadSeg, _, _ := strings.Cut(rest, ".")
	if raw, err = v.segments.DecodeString(payloadSeg); err != nil {
		return nil, nil, errorf(ErrTokenMalformed, "claims segment: %w", err)
	}
	return raw, tok.Header, nil
}

// parseKnownHeader takes the steps of golang-jwt's ParseWithClaims, in its
// order, for a token whose header is known: it was decoded and checked
// (alg RS256, typ, cat, crit, kid's type) on a token verified before, and
// known holds it as the token that the keyfunc reads its header from. The
// claims are decoded as the parser decodes them, the key comes from the same
// keyfunc, the signature is checked by golang-jwt's RS256 method and the
// claims by a validator with the parser's options.
func (v *Verifier) parseKnownHeader(ctx context.Context, token string, known *gojwt.Token, w *sessionClaims) ([]byte, error) {
	headerSeg, rest, _ := strings.Cut(token, ".")
	payloadSeg, sigSeg, ok := strings.Cut(rest, ".")
	if !ok || strings.IndexByte(sigSeg, '.') >= 0 {
		return nil, errorf(ErrTokenMalformed, "token is not three dot-separated segments")
	}
	raw, err := v.segments.DecodeString(payloadSeg)
	if err != nil {
		return nil, errorf(ErrTokenMalformed, "claims segment: %w", err)
	}
	if err := decodeClaims(raw, w); err != nil {
		return nil, errorf(ErrTokenMalformed, "claims: %w", err)
	}
	sig, err := v.segments.DecodeString(sigSeg)
	if err != nil {
		return nil, errorf(ErrTokenMalformed, "signature segment: %w", err)
	}
	key, err := v.key(ctx, known)
	if err != nil {
		return nil, err
	}
	if err := verifySignature(token[:len(headerSeg)+1+len(payloadSeg)], sig, key); err != nil {
		return nil, newError(ErrTokenSignatureInvalid, err)
	}
	if err := v.validator.Validate(w); err != nil {
		return nil, v.claimsError(w, err)
	}
	return raw, nil
}

// verifySignature checks an RS256 signature with golang-jwt against key, or
// against each key of a set, as the parser does: keyfunc answers a token
// without kid with the set of all keys (only a PEM key reaches this, see
// key).
func verifySignature(signingInput string, sig []byte, key any) error {
	set, ok := key.(gojwt.VerificationKeySet)
	if !ok {
		return gojwt.SigningMethodRS256.Verify(signingInput, sig, key)
	}
	err := errors.New("empty key set")
	for _, k := range set.Keys {
		if err = gojwt.SigningMethodRS256.Verify(signingInput, sig, k); err == nil {
			return nil
		}
	}
	return err
}

// knownHeaders maps header segments seen on verified tokens (all the tokens
// one key signs share one) to tokens holding just their parameters as
// golang-jwt decoded them, all that a keyfunc reads. Copy on write, bounded;
// the tokens are read-only once stored.
type knownHeaders struct {
	m  atomic.Pointer[map[string]*gojwt.Token]
	mu sync.Mutex
}

// maxKnownHeaders bounds knownHeaders.
const maxKnownHeaders = 16

func (k *knownHeaders) lookup(seg string) (*gojwt.Token, bool) {
	if m := k.m.Load(); m != nil {
		h, ok := (*m)[seg]
		return h, ok
	}
	return nil, false
}

// remember records the header of a verified token, until the map is full.
func (k *knownHeaders) remember(seg string, header map[string]any) {
	k.mu.Lock()
	defer k.mu.Unlock()
	old := k.m.Load()
	var n int
	if old != nil {
		if _, ok := (*old)[seg]; ok {
			return
		}
		n = len(*old)
	}
	if n >= maxKnownHeaders {
		return
	}
	m := make(map[string]*gojwt.Token, n+1)
	if old != nil {
		for s, h := range *old {
			m[s] = h
		}
	}
	m[strings.Clone(seg)] = &gojwt.Token{Header: header}
	k.m.Store(&m)
}

// checkLineBreaks refuses a token with a line break, which no base64url
// segment holds but Go's base64 decoders (golang-jwt's included) skip:
// without this check one token would have many accepted spellings.
func checkLineBreaks(token string) error {
	if strings.IndexByte(token, '\n') >= 0 || strings.IndexByte(token, '\r') >= 0 {
		return errorf(ErrTokenMalformed, "token contains a line break")
	}
	return nil
}

// key is the parser's keyfunc: it checks the rest of the header (golang-jwt
// has checked alg), then asks keyfunc for the key named by kid. Errors are
// this package's, so that parseError finds them.
func (v *Verifier) key(ctx context.Context, t *gojwt.Token) (any, error) {
	if err := checkHeader(t.Header); err != nil {
		return nil, err
	}
	return v.lookupKey(ctx, t)
}

// lookupKey asks keyfunc for the key named by the token's kid: the key
// lookup of session tokens and machine JWTs alike.
func (v *Verifier) lookupKey(ctx context.Context, t *gojwt.Token) (any, error) {
	if _, ok := t.Header["kid"]; !ok && !v.keys.anyKID {
		// keyfunc would try every key of the set; Clerk's SDKs, like this
		// package, select a key set's key by kid only.
		return nil, errorf(ErrKeyNotFound, "token names no kid")
	}
	key, err := v.keyfunc.KeyfuncCtx(ctx)(t)
	if err != nil {
		var own *tokenError
		if errors.As(err, &own) {
			return nil, own
		}
		return nil, newError(ErrKeyNotFound, err)
	}
	if set, ok := key.(gojwt.VerificationKeySet); ok && len(set.Keys) == 0 {
		return nil, errorf(ErrKeyNotFound, "token names no kid, and there is no key")
	}
	return key, nil
}

// checkHeader checks the header parameters golang-jwt does not: crit and
// kid (checkParams), and typ and cat, which must be absent or a session
// token's, as Clerk's SDKs require.
func checkHeader(h map[string]any) error {
	if err := checkParams(h); err != nil {
		return err
	}
	if typ, ok := h["typ"]; ok && typ != "JWT" {
		return errorf(ErrInvalidTokenType, "header typ %s, want JWT", describe(typ))
	}
	if cat, ok := h["cat"]; ok && cat != sessionCategory && cat != ignoredCategory {
		return errorf(ErrInvalidTokenType, "header cat %s is not the session token's", describe(cat))
	}
	return nil
}

// checkParams refuses a crit header (no extension is supported) and a kid
// that is not a string.
func checkParams(h map[string]any) error {
	if _, ok := h["crit"]; ok {
		return errorf(ErrTokenMalformed, "header lists critical extensions, none of which are supported")
	}
	if kid, ok := h["kid"]; ok {
		if _, ok := kid.(string); !ok {
			return errorf(ErrTokenMalformed, "header kid is not a string")
		}
	}
	return nil
}

// describe quotes a header value for an error message.
func describe(v any) string {
	if s, ok := v.(string); ok {
		return quote(s)
	}
	return fmt.Sprintf("of type %T", v)
}

// datedClaims are claims that golang-jwt decoded, with their dates for
// error messages: sessionClaims and machineClaims.
type datedClaims interface {
	dates() (exp, nbf, iat float64)
}

// parseError turns an error of golang-jwt's parser into this package's:
// exactly one sentinel, wrapping the parser's error. w holds the claims the
// parser decoded, for the messages.
func (v *Verifier) parseError(tok *gojwt.Token, w datedClaims, err error) error {
	var own *tokenError
	switch {
	case errors.Is(err, gojwt.ErrTokenInvalidClaims):
		return v.claimsError(w, err)
	case errors.As(err, &own):
		return own // from key: the header or the key lookup
	case errors.Is(err, gojwt.ErrTokenSignatureInvalid):
		if tok != nil && tok.Method != gojwt.SigningMethodRS256 {
			return errorf(ErrUnsupportedAlgorithm, "alg %s, want RS256 (%w)", quote(tok.Method.Alg()), err)
		}
		return newError(ErrTokenSignatureInvalid, err)
	case errors.Is(err, gojwt.ErrTokenUnverifiable) && tok != nil:
		// Raised before the keyfunc runs: alg is missing or names no
		// algorithm golang-jwt knows.
		if alg, ok := tok.Header["alg"]; ok {
			if _, ok := alg.(string); !ok {
				return errorf(ErrTokenMalformed, "header alg is not a string (%w)", err)
			}
		}
		return errorf(ErrUnsupportedAlgorithm, "alg %s, want RS256 (%w)", describe(tok.Header["alg"]), err)
	}
	return newError(ErrTokenMalformed, err)
}

// claimsError turns the error of golang-jwt's validator, which joins every
// failed check of claims w, into one sentinel: malformed claims first, then
// exp, then nbf and iat.
func (v *Verifier) claimsError(w datedClaims, err error) error {
	var own *tokenError
	switch {
	case errors.As(err, &own):
		return own
	case errors.Is(err, gojwt.ErrTokenRequiredClaimMissing):
		return errorf(ErrTokenMalformed, "claim exp is missing (%w)", err)
	}
	exp, nbf, iat := w.dates()
	if errors.Is(err, gojwt.ErrTokenExpired) {
		return errorf(ErrTokenExpired, "exp %s, leeway %s (%w)", fmtDate(exp), v.leeway, err)
	}
	return errorf(ErrTokenNotValidYet, "nbf %s, iat %s, leeway %s (%w)", fmtDate(nbf), fmtDate(iat), v.leeway, err)
}

// fmtDate formats a NumericDate claim for an error message.
func fmtDate(seconds float64) string {
	t, err := unixTime("", seconds)
	if err != nil {
		return fmt.Sprint(seconds)
	}
	return fmtTime(t)
}
