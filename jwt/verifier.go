package jwt

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/MicahParks/keyfunc/v3"
	gojwt "github.com/golang-jwt/jwt/v5"
	lru "github.com/hashicorp/golang-lru/v2"
)

// Header values of Clerk's tokens: the session token's category, and the
// category that instances with category tags turned off stamp on every
// token. Any other cat belongs to another kind of token (M2M tokens, JWT
// templates...).
const (
	sessionCategory = "cl_B7d4PD111AAA"
	ignoredCategory = "cl_I7d4PD111III"
)

// A Verifier verifies Clerk session tokens. It is safe for concurrent use.
// Create one with [NewVerifier] per Clerk instance, share it, and call
// [Verifier.Close] when done with it.
type Verifier struct {
	issuer       string // exact expected iss; empty: Clerk's issuer shapes
	parties      []string
	audiences    []string // machine JWTs only
	leeway       time.Duration
	allowPending bool
	now          func() time.Time

	parser    *gojwt.Parser    // RS256 only, with the leeway and the clock
	segments  *base64.Encoding // strict base64url, as the parser decodes segments
	validator *gojwt.Validator // the parser's claims validation, for known headers
	headers   knownHeaders     // of verified tokens, so as not to decode them again
	keys      *keyStore        // what keyfunc reads keys from
	keyfunc   keyfunc.Keyfunc  // over keys

	cache  *lru.Cache[string, *cacheEntry] // nil when off
	keyGen atomic.Uint64                   // bumped when a refresh drops or replaces a key

	closeOnce sync.Once
}

// cacheEntry is a verified token's claims and validity window.
type cacheEntry struct {
	claims    Claims
	ages      [2]int // what claims.FactorVerificationAge refers to
	notBefore int64  // Unix ns: max(nbf, iat) - leeway; valid from here, inclusive
	notAfter  int64  // Unix ns: exp + leeway; valid until here, exclusive
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
	// The claims checks of golang-jwt's validator, for the parser and for
	// tokens whose header is known: the same in both.
	validation := []gojwt.ParserOption{
		gojwt.WithLeeway(cfg.leeway),
		gojwt.WithTimeFunc(cfg.clock),
		gojwt.WithExpirationRequired(),
		gojwt.WithIssuedAt(),
	}
	v := &Verifier{
		issuer:       cfg.issuer,
		parties:      cfg.parties,
		audiences:    cfg.audiences,
		leeway:       cfg.leeway,
		allowPending: cfg.allowPending,
		now:          cfg.clock,
		parser: gojwt.NewParser(append([]gojwt.ParserOption{
			gojwt.WithValidMethods([]string{gojwt.SigningMethodRS256.Alg()}),
			gojwt.WithStrictDecoding(),
		}, validation...)...),
		validator: gojwt.NewValidator(validation...),
		// The parser's DecodeSegment builds its strict encoding on every
		// call, an allocation of some 300 bytes: this one is built once.
		segments: base64.RawURLEncoding.Strict(),
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
	keys, err := newKeyStore(&cfg, fapiHost, v.forgetVerified)
	if err != nil {
		return nil, err
	}
	v.keys = keys
	if v.keyfunc, err = keyfunc.New(keyfunc.Options{Storage: keys}); err != nil {
		v.Close()
		return nil, fmt.Errorf("jwt: %w", err)
	}
	return v, nil
}

// newKeyStore returns the store of the key source cfg names, the first
// given in the order the package documentation lists. onRotate is called
// when a refresh of a remote key set drops or replaces a key.
func newKeyStore(cfg *config, fapiHost string, onRotate func()) (*keyStore, error) {
	switch {
	case cfg.publicKeyPEM != "":
		pub, err := parsePublicKeyPEM(cfg.publicKeyPEM)
		if err != nil {
			return nil, err
		}
		jwk, err := pemKey(pub)
		if err != nil {
			return nil, err
		}
		return newStaticStore([]jwkset.JWK{jwk}, true), nil
	case len(cfg.jwks) > 0:
		keys, err := parseJWKS(cfg.jwks)
		if err != nil {
			return nil, err
		}
		return newStaticStore(keys, false), nil
	}
	var url, bearer string
	switch {
	case cfg.jwksURL != "":
		url = cfg.jwksURL
	case cfg.secretKey != "":
		url, bearer = strings.TrimSuffix(cfg.apiURL, "/")+"/jwks", cfg.secretKey
	case fapiHost != "":
		url = "https://" + fapiHost + "/.well-known/jwks.json"
	default:
		return nil, errors.New("jwt: no key source: use WithPublicKeyPEM, WithJWKS, WithJWKSURL, WithSecretKey or WithPublishableKey")
	}
	s := &keyStore{MemoryJWKSet: jwkset.NewMemoryStorage()}
	r, err := newRemote(url, bearer, cfg, s.MemoryJWKSet, onRotate)
	if err != nil {
		return nil, err
	}
	s.remote = r
	return s, nil
}

// forgetVerified empties the token cache after a key-set refresh dropped or
// replaced a key; keyGen tells verifications in flight.
func (v *Verifier) forgetVerified() {
	v.keyGen.Add(1)
	if v.cache != nil {
		v.cache.Purge()
	}
}

// Close stops the verifier's key-set fetches, waits for their goroutines to
// end and closes the idle connections of the transport the verifier created.
// Verify keeps working afterwards with the keys already known, but fetches
// nothing. Close is idempotent and always returns nil.
func (v *Verifier) Close() error {
	v.closeOnce.Do(func() {
		if v.keys.remote != nil {
			v.keys.remote.close()
		}
	})
	return nil
}

// Verify verifies a Clerk session token and returns its claims.
//
// It checks, in this order, stopping at the first failure: the size limit,
// the three-segment shape and the base64url encoding (ErrTokenMalformed);
// header and claims that are JSON objects of the expected types
// (ErrTokenMalformed); the header's alg, which must be RS256
// (ErrUnsupportedAlgorithm); the rest of the header: crit is refused and a
// kid must be a string (ErrTokenMalformed), typ and cat must be a session
// token's (ErrInvalidTokenType); the key named by kid (ErrKeyNotFound);
// the signature (ErrTokenSignatureInvalid); the presence of sub, sid and
// exp and the range of the dates (ErrTokenMalformed); exp, nbf and iat with
// the leeway (ErrTokenExpired, ErrTokenNotValidYet); iss
// (ErrInvalidIssuer); azp (ErrInvalidAuthorizedParty); sts
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
			if v.keys.remote != nil {
				// As on a miss: a stale key set is refreshed in the
				// background, and a refresh that drops the token's key
				// purges the cache.
				v.keys.remote.refreshIfStale()
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
	if err := checkLineBreaks(token); err != nil {
		return nil, err
	}
	gen := v.keyGen.Load() // before the key lookup: see the cache insertion
	w := new(sessionClaims)
	raw, header, err := v.parse(ctx, token, w)
	if err != nil {
		return nil, err
	}
	e := new(cacheEntry)
	c := &e.claims
	if err := w.fill(raw, c, &e.ages); err != nil {
		return nil, err
	}
	// Only now that the claims are known to be Clerk's: their expansion can
	// cost far more than the token's size.
	w.expand(c)

	if err := v.checkIssuer(c.Issuer); err != nil {
		return nil, err
	}
	if err := v.checkAuthorizedParty(c.AuthorizedParty); err != nil {
		return nil, err
	}
	if c.Status == "pending" && !v.allowPending {
		return nil, errorf(ErrSessionPending, "session %s is pending", quote(c.SessionID))
	}
	e.notBefore, e.notAfter = v.window(c)
	if header != nil {
		v.headers.remember(token[:strings.IndexByte(token, '.')], header)
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

// window computes the validity window of verified claims in Unix ns, as
// golang-jwt's validator judges it: from max(nbf, iat) - leeway, inclusive,
// to exp + leeway, exclusive.
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

// checkWindow checks a cached token's exp, nbf and iat against now.
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

// checkAuthorizedParty requires, when authorized parties are configured,
// an azp that is one of them: as in Clerk's SDKs, a token without azp does
// not pass.
func (v *Verifier) checkAuthorizedParty(azp string) error {
	if len(v.parties) == 0 {
		return nil
	}
	if azp == "" {
		return errorf(ErrInvalidAuthorizedParty, "azp is missing")
	}
	for _, p := range v.parties {
		if p == azp {
			return nil
		}
	}
	return errorf(ErrInvalidAuthorizedParty, "azp %s is not an authorized party", quote(azp))
}
