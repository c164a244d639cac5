package jwt

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
)

// b64 decodes JWT segments: base64url without padding, strict about the
// unused trailing bits so that no two encodings decode to the same bytes.
var b64 = base64.RawURLEncoding.Strict()

// maxHeaderCache bounds the verified-header cache.
const maxHeaderCache = 16

// tokenBufs holds scratch copies of tokens being verified. Nothing decoded
// from a buffer keeps referring to it.
var tokenBufs = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

// A Verifier verifies Clerk session tokens. It is safe for concurrent use.
// Create one with [NewVerifier] per Clerk instance, share it, and call
// [Verifier.Close] when done with it.
type Verifier struct {
	issuer       string // exact expected iss; empty: Clerk's issuer shapes
	parties      []string
	leeway       time.Duration
	allowPending bool
	now          func() time.Time

	single *rsa.PublicKey // WithPublicKeyPEM
	static keySet         // WithJWKS
	remote *remote        // WithJWKSURL, WithSecretKey, WithPublishableKey

	cache  *lru.Cache[string, *cacheEntry] // nil when off
	keyGen atomic.Uint64                   // bumped when a refresh drops or replaces a key

	// headers maps a header segment already seen on a verified token to its
	// kid, so that repeated headers (all tokens signed by one key share one)
	// skip base64 and JSON decoding. Copy on write, bounded.
	headers   atomic.Pointer[map[string]string]
	headersMu sync.Mutex

	closeOnce sync.Once
}

// cacheEntry is a verified token's claims and validity window.
type cacheEntry struct {
	claims    Claims
	notBefore int64 // Unix ns: max(nbf, iat) - leeway; valid from here, inclusive
	notAfter  int64 // Unix ns: exp + leeway; valid until here, exclusive
}

// NewVerifier returns a Verifier configured by opts. It needs a key source:
// [WithPublicKeyPEM], [WithJWKS], [WithJWKSURL], [WithSecretKey] or
// [WithPublishableKey]. It makes no network call: a remote key set is fetched
// on the first verification that needs it.
func NewVerifier(opts ...Option) (*Verifier, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if len(cfg.errs) > 0 {
		return nil, errors.Join(cfg.errs...)
	}
	v := &Verifier{
		issuer:       cfg.issuer,
		parties:      cfg.parties,
		leeway:       cfg.leeway,
		allowPending: cfg.allowPending,
		now:          cfg.clock,
	}
	var fapiHost string
	if cfg.publishableKey != "" {
		host, err := frontendAPIHost(cfg.publishableKey)
		if err != nil {
			return nil, err
		}
		fapiHost = host
		if v.issuer == "" {
			v.issuer = "https://" + host
		}
	}
	if cfg.cacheSize > 0 {
		c, err := lru.New[string, *cacheEntry](cfg.cacheSize)
		if err != nil {
			return nil, fmt.Errorf("jwt: creating token cache: %w", err)
		}
		v.cache = c
	}
	purge := func() {
		v.keyGen.Add(1)
		if v.cache != nil {
			v.cache.Purge()
		}
	}
	var err error
	switch {
	case cfg.publicKeyPEM != "":
		v.single, err = parsePublicKeyPEM(cfg.publicKeyPEM)
	case len(cfg.jwks) > 0:
		v.static, err = parseJWKS(cfg.jwks)
	case cfg.jwksURL != "":
		v.remote, err = newRemote(cfg.jwksURL, "", &cfg, purge)
	case cfg.secretKey != "":
		v.remote, err = newRemote(strings.TrimSuffix(cfg.apiURL, "/")+"/jwks", cfg.secretKey, &cfg, purge)
	case fapiHost != "":
		v.remote, err = newRemote("https://"+fapiHost+"/.well-known/jwks.json", "", &cfg, purge)
	default:
		err = errors.New("jwt: no key source: use WithPublicKeyPEM, WithJWKS, WithJWKSURL, WithSecretKey or WithPublishableKey")
	}
	if err != nil {
		return nil, err
	}
	return v, nil
}

// Close stops the verifier's key-set fetches, waits for their goroutines to
// end and closes the idle connections of the transport the verifier created.
// Verify keeps working afterwards with the keys already known, but fetches
// nothing. Close is idempotent and always returns nil.
func (v *Verifier) Close() error {
	v.closeOnce.Do(func() {
		if v.remote != nil {
			v.remote.close()
		}
	})
	return nil
}

// Verify verifies a Clerk session token and returns its claims.
//
// It checks, in this order, stopping at the first failure: the size limit
// and the three-segment shape (ErrTokenMalformed); the header: alg must be
// RS256 (ErrUnsupportedAlgorithm), crit is refused (ErrTokenMalformed),
// jku, x5u, x5c and jwk are ignored; the claims JSON, the presence of sub,
// sid and exp, and the signature's encoding (ErrTokenMalformed); the key
// named by kid (ErrKeyNotFound); the signature (ErrTokenSignatureInvalid);
// exp, nbf and iat with the leeway (ErrTokenExpired, ErrTokenNotValidYet);
// iss (ErrInvalidIssuer); azp (ErrInvalidAuthorizedParty); sts
// (ErrSessionPending). So no claim is judged before the signature is known
// good, and a forged expired token reports ErrTokenSignatureInvalid. The
// returned error matches exactly one of these sentinels and wraps its cause.
//
// ctx bounds only the wait for a key-set fetch; verification itself never
// blocks. A token verified before (the exact same string) is answered from
// the cache after its exp and nbf are checked against the clock again.
//
// The returned Claims are the caller's own, except for the bytes of Raw:
// see [Claims].
func (v *Verifier) Verify(ctx context.Context, token string) (*Claims, error) {
	if len(token) > MaxTokenSize {
		return nil, errorf(ErrTokenMalformed, "token is %d bytes, over the %d-byte limit", len(token), MaxTokenSize)
	}
	if v.cache != nil {
		if e, ok := v.cache.Get(token); ok {
			if err := v.checkWindow(e, v.now()); err != nil {
				v.cache.Remove(token)
				return nil, err
			}
			if v.remote != nil {
				// As on a miss: a stale key set is refreshed in the
				// background, and a refresh that drops the token's key
				// purges the cache.
				v.remote.refreshIfStale()
			}
			return e.claims.clone(), nil
		}
	}
	return v.verify(ctx, token)
}

// clone returns a copy of c for a caller: the struct, the Actor and the
// slices are copied, in at most two allocations (the struct with the Actor
// and the fva, then the two string slices). Raw alone is shared, read-only:
// copying up to 12 KiB on every cache hit would cost more than the rest of
// the hit.
func (c *Claims) clone() *Claims {
	b := new(struct {
		claims Claims
		actor  Actor
		fva    [2]int
	})
	out := &b.claims
	*out = *c
	if c.Actor != nil {
		b.actor = *c.Actor
		out.Actor = &b.actor
	}
	if n := len(c.FactorVerificationAge); n <= len(b.fva) {
		copy(b.fva[:], c.FactorVerificationAge)
		out.FactorVerificationAge = nil
		if c.FactorVerificationAge != nil {
			out.FactorVerificationAge = b.fva[:n:n]
		}
	} else {
		out.FactorVerificationAge = slices.Clone(c.FactorVerificationAge)
	}
	// Zero-length slices keep their nil-ness and are shared: no element
	// can be written through them, and append copies.
	np, nf := len(c.OrgPermissions), len(c.Features)
	out.OrgPermissions, out.Features = c.OrgPermissions[:0:0], c.Features[:0:0]
	if np+nf > 0 {
		s := make([]string, np+nf)
		copy(s, c.OrgPermissions)
		copy(s[np:], c.Features)
		if np > 0 {
			out.OrgPermissions = s[:np:np]
		}
		if nf > 0 {
			out.Features = s[np:]
		}
	}
	return out
}

func (v *Verifier) verify(ctx context.Context, token string) (*Claims, error) {
	dot1 := strings.IndexByte(token, '.')
	if dot1 < 0 {
		return nil, errorf(ErrTokenMalformed, "token is not three dot-separated segments")
	}
	dot2 := strings.IndexByte(token[dot1+1:], '.')
	if dot2 < 0 {
		return nil, errorf(ErrTokenMalformed, "token is not three dot-separated segments")
	}
	dot2 += dot1 + 1
	if strings.IndexByte(token[dot2+1:], '.') >= 0 {
		return nil, errorf(ErrTokenMalformed, "token has more than three segments")
	}

	// One byte copy of the token, in a pooled buffer, serves every decoder
	// and the hash.
	bufp := tokenBufs.Get().(*[]byte)
	defer tokenBufs.Put(bufp)
	tok := append((*bufp)[:0], token...)
	*bufp = tok[:0]
	headerSeg, payloadSeg, sigSeg := tok[:dot1], tok[dot1+1:dot2], tok[dot2+1:]

	kid, cachedHeader := v.cachedKid(token[:dot1])
	if !cachedHeader {
		var err error
		if kid, err = parseHeader(headerSeg); err != nil {
			return nil, err
		}
	}

	payload, err := decodeSegment(payloadSeg, nil)
	if err != nil {
		return nil, errorf(ErrTokenMalformed, "claims segment: %w", err)
	}
	e := new(cacheEntry)
	var w wireClaims
	if err := decodeClaims(payload, &w); err != nil {
		return nil, errorf(ErrTokenMalformed, "claims: %w", err)
	}
	if err := w.fill(payload, &e.claims); err != nil {
		return nil, errorf(ErrTokenMalformed, "claims: %w", err)
	}
	c := &e.claims
	switch {
	case c.UserID == "":
		return nil, errorf(ErrTokenMalformed, "claim sub is missing")
	case c.SessionID == "":
		return nil, errorf(ErrTokenMalformed, "claim sid is missing")
	case c.ExpiresAt.IsZero():
		return nil, errorf(ErrTokenMalformed, "claim exp is missing")
	}

	var sigBuf [512]byte
	sig, err := decodeSegment(sigSeg, sigBuf[:])
	if err != nil {
		return nil, errorf(ErrTokenMalformed, "signature segment: %w", err)
	}

	gen := v.keyGen.Load()
	key, err := v.key(ctx, kid)
	if err != nil {
		return nil, err
	}
	// sha256 and rsa.VerifyPKCS1v15 directly rather than golang-jwt's
	// SigningMethodRS256.Verify, which copies the signing input and
	// allocates a hasher and its sum: 3 allocations and 600 bytes more per
	// token for the same checks (see BenchmarkSignature).
	digest := sha256.Sum256(tok[:dot2])
	if err := rsa.VerifyPKCS1v15(key, crypto.SHA256, digest[:], sig); err != nil {
		return nil, newError(ErrTokenSignatureInvalid, err)
	}
	// Only now that the claims are known to be Clerk's: their expansion can
	// cost far more than the token's size.
	w.expand(c)

	e.notBefore, e.notAfter = v.window(c)
	if err := v.checkWindow(e, v.now()); err != nil {
		return nil, err
	}
	if err := v.checkIssuer(c.Issuer); err != nil {
		return nil, err
	}
	if err := v.checkAuthorizedParty(c.AuthorizedParty); err != nil {
		return nil, err
	}
	if c.Status == "pending" && !v.allowPending {
		return nil, errorf(ErrSessionPending, "session %s is pending", quote(c.SessionID))
	}

	if !cachedHeader {
		v.rememberHeader(token[:dot1], kid)
	}
	if v.cache != nil {
		cacheKey := strings.Clone(token)
		v.cache.Add(cacheKey, e)
		if v.keyGen.Load() != gen {
			// A key-set refresh dropped or replaced a key while this token
			// was being verified, and may have purged the cache before the
			// Add: forget the token rather than keep it past the purge.
			v.cache.Remove(cacheKey)
		}
		return c.clone(), nil
	}
	return c, nil
}

// key returns the verification key for kid.
func (v *Verifier) key(ctx context.Context, kid string) (*rsa.PublicKey, error) {
	switch {
	case v.single != nil:
		return v.single, nil
	case v.remote != nil:
		return v.remote.key(ctx, kid)
	}
	if k := v.static[kid]; k != nil {
		return k, nil
	}
	return nil, keyNotFound(kid, nil)
}

// window computes the validity window of verified claims in Unix ns.
func (v *Verifier) window(c *Claims) (notBefore, notAfter int64) {
	lw := int64(v.leeway)
	notAfter = satAdd(c.ExpiresAt.UnixNano(), lw)
	notBefore = math.MinInt64
	if !c.NotBefore.IsZero() {
		notBefore = satAdd(c.NotBefore.UnixNano(), -lw)
	}
	if !c.IssuedAt.IsZero() {
		notBefore = max(notBefore, satAdd(c.IssuedAt.UnixNano(), -lw))
	}
	return notBefore, notAfter
}

func satAdd(a, b int64) int64 {
	s := a + b
	if b > 0 && s < a {
		return math.MaxInt64
	}
	if b < 0 && s > a {
		return math.MinInt64
	}
	return s
}

// checkWindow checks exp, nbf and iat against now.
func (v *Verifier) checkWindow(e *cacheEntry, now time.Time) error {
	n := now.UnixNano()
	if n >= e.notAfter {
		return errorf(ErrTokenExpired, "expired at %s, now %s, leeway %s",
			e.claims.ExpiresAt.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339Nano), v.leeway)
	}
	if n < e.notBefore {
		return errorf(ErrTokenNotValidYet, "valid from %s (nbf %s, iat %s), now %s, leeway %s",
			time.Unix(0, e.notBefore).UTC().Format(time.RFC3339Nano), fmtTime(e.claims.NotBefore),
			fmtTime(e.claims.IssuedAt), now.UTC().Format(time.RFC3339Nano), v.leeway)
	}
	return nil
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "absent"
	}
	return t.UTC().Format(time.RFC3339)
}

func (v *Verifier) checkIssuer(iss string) error {
	if v.issuer != "" {
		if iss != v.issuer {
			return errorf(ErrInvalidIssuer, "iss %s, want %s", quote(iss), quote(v.issuer))
		}
		return nil
	}
	if !isClerkIssuer(iss) {
		return errorf(ErrInvalidIssuer, "iss %s is not a Clerk Frontend API URL", quote(iss))
	}
	return nil
}

func (v *Verifier) checkAuthorizedParty(azp string) error {
	if len(v.parties) == 0 || azp == "" {
		return nil
	}
	for _, p := range v.parties {
		if p == azp {
			return nil
		}
	}
	return errorf(ErrInvalidAuthorizedParty, "azp %s is not an authorized party", quote(azp))
}

func (v *Verifier) cachedKid(headerSeg string) (string, bool) {
	if m := v.headers.Load(); m != nil {
		kid, ok := (*m)[headerSeg]
		return kid, ok
	}
	return "", false
}

// rememberHeader records the kid of a header segment seen on a verified
// token, until the cache is full.
func (v *Verifier) rememberHeader(headerSeg, kid string) {
	v.headersMu.Lock()
	defer v.headersMu.Unlock()
	old := v.headers.Load()
	var n int
	if old != nil {
		n = len(*old)
		if _, ok := (*old)[headerSeg]; ok {
			return
		}
	}
	if n >= maxHeaderCache {
		return
	}
	m := make(map[string]string, n+1)
	if old != nil {
		for k, v := range *old {
			m[k] = v
		}
	}
	m[strings.Clone(headerSeg)] = kid
	v.headers.Store(&m)
}

// wireHeader is the JOSE header, minimally: everything else (typ, jku, x5u,
// x5c, jwk, Clerk's oiat...) is ignored.
type wireHeader struct {
	Alg  string          `json:"alg"`
	Kid  string          `json:"kid"`
	Crit json.RawMessage `json:"crit"`
}

// parseHeader decodes the header segment and returns its kid.
func parseHeader(seg []byte) (string, error) {
	var buf [256]byte
	raw, err := decodeSegment(seg, buf[:])
	if err != nil {
		return "", errorf(ErrTokenMalformed, "header segment: %w", err)
	}
	var h wireHeader
	if err := json.Unmarshal(raw, &h); err != nil {
		return "", errorf(ErrTokenMalformed, "header: %w", err)
	}
	if h.Alg != "RS256" {
		return "", errorf(ErrUnsupportedAlgorithm, "alg %s, want RS256", quote(h.Alg))
	}
	if h.Crit != nil {
		return "", errorf(ErrTokenMalformed, "header lists critical extensions, none of which are supported")
	}
	return h.Kid, nil
}

var errBadEncoding = errors.New("not unpadded base64url")

// decodeSegment decodes a base64url segment strictly, into buf when it fits.
// Go's decoder skips \r and \n; the length check refuses them, so each
// decoded value has exactly one accepted encoding.
func decodeSegment(seg, buf []byte) ([]byte, error) {
	n := b64.DecodedLen(len(seg))
	var dst []byte
	if n <= len(buf) {
		dst = buf[:n]
	} else {
		dst = make([]byte, n)
	}
	m, err := b64.Decode(dst, seg)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errBadEncoding, err)
	}
	if b64.EncodedLen(m) != len(seg) {
		return nil, errBadEncoding
	}
	return dst[:m], nil
}
