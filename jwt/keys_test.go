package jwt

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/MicahParks/keyfunc/v3"
	gojwt "github.com/golang-jwt/jwt/v5"
)

// jwkJSON returns the JWK of an RSA public key with kid, alg RS256 and use
// sig, with the members of extra added or (for a nil value) removed.
func jwkJSON(kid string, k *rsa.PublicKey, extra map[string]any) string {
	m := map[string]any{
		"kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid,
		"n": base64.RawURLEncoding.EncodeToString(k.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes()),
	}
	for name, v := range extra {
		if v == nil {
			delete(m, name)
		} else {
			m[name] = v
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// certificate returns a self-signed certificate for priv's public key, as a
// base64 (standard, padded) DER for x5c, and its SHA-1 thumbprint for x5t.
func certificate(t testing.TB, priv *rsa.PrivateKey) (x5c, x5t string) {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: testNow, NotAfter: testNow.Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha1.Sum(der)
	return base64.StdEncoding.EncodeToString(der), base64.RawURLEncoding.EncodeToString(sum[:])
}

// unusableKeys are JWKs that the verifier must skip, each beside usable
// keys, by name.
func unusableKeys(t testing.TB) map[string]string {
	_, key := loadFixture(t)
	pub := &key.PublicKey
	even := new(big.Int).SetBit(new(big.Int).Set(pub.N), 0, 0)
	short, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	goodX5C, goodX5T := certificate(t, key)
	otherX5C, _ := certificate(t, otherKey)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecJWK, err := jwkset.NewJWKFromKey(&ec.PublicKey, jwkset.JWKOptions{Metadata: jwkset.JWKMetadataOptions{KID: "bad"}})
	if err != nil {
		t.Fatal(err)
	}
	ecJSON, err := json.Marshal(ecJWK.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	return map[string]string{
		"modulus not base64":    jwkJSON("bad", pub, map[string]any{"n": "!!"}),
		"modulus even":          jwkJSON("bad", pub, map[string]any{"n": b64(even.Bytes())}),
		"modulus of 1024 bit":   jwkJSON("bad", &short.PublicKey, nil),
		"no modulus":            jwkJSON("bad", pub, map[string]any{"n": nil}),
		"exponent 1":            jwkJSON("bad", pub, map[string]any{"e": "AQ"}),
		"exponent even":         jwkJSON("bad", pub, map[string]any{"e": "AQAA"}),
		"exponent over 64 bits": jwkJSON("bad", pub, map[string]any{"e": b64(new(big.Int).Lsh(big.NewInt(1), 70).Bytes())}),
		"modulus a number":      jwkJSON("bad", pub, map[string]any{"n": 7}),
		"kid a number":          jwkJSON("bad", pub, map[string]any{"kid": 7}),
		"x5c not base64":        jwkJSON("bad", pub, map[string]any{"x5c": []string{"!!!"}}),
		"x5c not a certificate": jwkJSON("bad", pub, map[string]any{"x5c": []string{"AAAA"}}),
		"x5c of another key":    jwkJSON("bad", pub, map[string]any{"x5c": []string{otherX5C}}),
		"x5t not the x5c's":     jwkJSON("bad", pub, map[string]any{"x5c": []string{goodX5C}, "x5t": b64(make([]byte, 20))}),
		"x5t not base64":        jwkJSON("bad", pub, map[string]any{"x5c": []string{goodX5C}, "x5t": goodX5T + "!"}),
		"key_ops unknown":       jwkJSON("bad", pub, map[string]any{"key_ops": []string{"bogus"}}),
		"use unknown":           jwkJSON("bad", pub, map[string]any{"use": "bogus"}),
		"use enc":               jwkJSON("bad", pub, map[string]any{"use": "enc"}),
		"alg RS384":             jwkJSON("bad", pub, map[string]any{"alg": "RS384"}),
		"EC key":                string(ecJSON),
		"EC point off curve":    `{"kty":"EC","kid":"bad","crv":"P-256","x":"AQ","y":"AQ"}`,
		"symmetric key":         `{"kty":"oct","kid":"bad","k":"AAAA"}`,
		"Ed448 key":             `{"kty":"OKP","kid":"bad","crv":"Ed448","x":"AAAA"}`,
		"unknown kty":           `{"kty":"XYZ","kid":"bad"}`,
		"not an object":         `7`,
		"null":                  `null`,
	}
}

// TestJWKSSkipsUnusableKeys checks that one unusable key in a static key set
// costs only itself: the set's other keys verify, before and after it, and
// the unusable key's kid is unknown.
func TestJWKSSkipsUnusableKeys(t *testing.T) {
	_, key := loadFixture(t)
	good := jwkJSON(fixtureKID, &key.PublicKey, nil)
	x5c, x5t := certificate(t, key)
	withCert := jwkJSON("ins_cert", &key.PublicKey, map[string]any{"x5c": []string{x5c}, "x5t": x5t})
	withPrivate := jwkJSON("ins_private", &key.PublicKey, map[string]any{"d": "AQAB", "p": "AQAB"})
	for name, bad := range unusableKeys(t) {
		t.Run(name, func(t *testing.T) {
			set := `{"keys":[` + bad + `,` + good + `,` + withCert + `,` + withPrivate + `,` + bad + `]}`
			v := newPEMVerifier(t, withoutPEM(), WithJWKS([]byte(set)))
			ctx := context.Background()
			for _, kid := range []string{fixtureKID, "ins_cert", "ins_private"} {
				if _, err := v.Verify(ctx, mintKID(key, kid, baseClaims())); err != nil {
					t.Errorf("kid %s: %v", kid, err)
				}
			}
			_, err := v.Verify(ctx, mintKID(key, "bad", baseClaims()))
			requireOnly(t, err, ErrKeyNotFound)

			// Alone, it leaves no usable key: an error that says why.
			_, err = NewVerifier(WithJWKS([]byte(`{"keys":[` + bad + `]}`)))
			if err == nil || !strings.Contains(err.Error(), "no usable RS256 key") {
				t.Errorf("a set of only this key: %v", err)
			}
		})
	}
}

// TestRemoteSkipsUnusableKeys checks the same for a fetched key set, on the
// first fetch and on the refresh that brings a rotation.
func TestRemoteSkipsUnusableKeys(t *testing.T) {
	_, key := loadFixture(t)
	for name, bad := range unusableKeys(t) {
		t.Run(name, func(t *testing.T) {
			srv := newJWKSServer(t, []byte(`{"keys":[`+bad+`,`+jwkJSON(fixtureKID, &key.PublicKey, nil)+`]}`))
			sched := newFakeClock(testNow)
			v := newRemoteVerifier(t, srv.URL, sched)
			ctx := context.Background()
			if _, err := v.Verify(ctx, mint(t, baseClaims())); err != nil {
				t.Fatalf("first fetch: %v", err)
			}
			// Clerk rotates to a new key; the set still holds the bad one.
			srv.set(http.StatusOK, []byte(`{"keys":[`+jwkJSON("ins_new", &otherKey.PublicKey, nil)+`,`+bad+`]}`))
			sched.Advance(defaultMinRefreshGap)
			if _, err := v.Verify(ctx, mintKID(otherKey, "ins_new", baseClaims())); err != nil {
				t.Fatalf("after the rotation: %v", err)
			}
			_, err := v.Verify(ctx, mint(t, with(baseClaims(), "jti", "2")))
			requireOnly(t, err, ErrKeyNotFound) // the old key is gone
		})
	}
}

// TestJWKSetTraps pins the jwkset behaviour the verifier relies on or works
// around, so that a jwkset upgrade that changes it fails here.
func TestJWKSetTraps(t *testing.T) {
	_, key := loadFixture(t)
	parse := func(j string) (jwkset.JWK, error) {
		return jwkset.NewJWKFromRawJSON(json.RawMessage(j), jwkset.JWKMarshalOptions{}, jwkset.JWKValidateOptions{})
	}

	// Without the Private marshal option, private parameters are ignored:
	// the key is the public key alone.
	jwk, err := parse(jwkJSON("k", &key.PublicKey, map[string]any{"d": "AQAB"}))
	if err != nil {
		t.Fatal(err)
	}
	if pub, ok := jwk.Key().(*rsa.PublicKey); !ok || !pub.Equal(&key.PublicKey) {
		t.Errorf("key is a %T", jwk.Key())
	}
	// x5c is parsed and must hold the key; x5t must be its thumbprint.
	x5c, x5t := certificate(t, key)
	if _, err := parse(jwkJSON("k", &key.PublicKey, map[string]any{"x5c": []string{x5c}, "x5t": x5t})); err != nil {
		t.Errorf("matching x5c and x5t refused: %v", err)
	}
	otherX5C, _ := certificate(t, otherKey)
	if _, err := parse(jwkJSON("k", &key.PublicKey, map[string]any{"x5c": []string{otherX5C}})); !errors.Is(err, jwkset.ErrX509Mismatch) {
		t.Errorf("x5c of another key: %v", err)
	}
	// A symmetric key needs the Private option: refused without it.
	if _, err := parse(`{"kty":"oct","k":"AAAA"}`); !errors.Is(err, jwkset.ErrOptions) {
		t.Errorf("symmetric key: %v", err)
	}
	// The modulus size is not checked: a 1024-bit key parses (checkRSAKey
	// refuses it).
	short, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parse(jwkJSON("k", &short.PublicKey, nil)); err != nil {
		t.Errorf("1024-bit key: %v", err)
	}

	// The trap the verifier fetches around: jwkset's HTTP storage refuses a
	// whole set for one malformed key.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"keys":[` + jwkJSON("good", &key.PublicKey, nil) + `,` + jwkJSON("bad", &key.PublicKey, map[string]any{"n": "!!"}) + `]}`))
	}))
	defer srv.Close()
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	if _, err := jwkset.NewStorageFromHTTP(srv.URL, jwkset.HTTPClientStorageOptions{}); err == nil {
		t.Error("jwkset's HTTP storage took a set with a malformed key: the verifier could use it again")
	}
}

// TestKeyfuncTraps pins keyfunc's behaviour that the verifier relies on or
// works around.
func TestKeyfuncTraps(t *testing.T) {
	_, key := loadFixture(t)
	a, err := jwkset.NewJWKFromKey(&key.PublicKey, jwkset.JWKOptions{Metadata: jwkset.JWKMetadataOptions{KID: "a", ALG: jwkset.AlgRS256}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := jwkset.NewJWKFromKey(&otherKey.PublicKey, jwkset.JWKOptions{Metadata: jwkset.JWKMetadataOptions{KID: "b"}})
	if err != nil {
		t.Fatal(err)
	}
	store := &ctxStore{MemoryJWKSet: jwkset.NewMemoryStorage()}
	store.KeyReplaceAll(context.Background(), []jwkset.JWK{a, b})
	kf, err := keyfunc.New(keyfunc.Options{Storage: store})
	if err != nil {
		t.Fatal(err)
	}

	// A token without kid is answered with every key of the storage, which
	// the parser then tries one by one: the verifier refuses such a token
	// for a key set before asking keyfunc.
	got, err := kf.Keyfunc(&gojwt.Token{Header: map[string]any{"alg": "RS256"}})
	if set, ok := got.(gojwt.VerificationKeySet); err != nil || !ok || len(set.Keys) != 2 {
		t.Errorf("no kid: %T %v, %v", got, got, err)
	}
	// KeyfuncCtx hands its context to the storage: the verifier's storage
	// waits for a fetch with the caller's context.
	type ctxKey struct{}
	ctx := context.WithValue(context.Background(), ctxKey{}, "caller")
	if _, err := kf.KeyfuncCtx(ctx)(&gojwt.Token{Header: map[string]any{"alg": "RS256", "kid": "a"}}); err != nil {
		t.Fatal(err)
	}
	if store.ctx.Value(ctxKey{}) != "caller" {
		t.Error("KeyfuncCtx did not pass its context to the storage")
	}
	// A key whose alg differs from the token's is refused.
	if _, err := kf.Keyfunc(&gojwt.Token{Header: map[string]any{"alg": "RS384", "kid": "a"}}); err == nil {
		t.Error("key of alg RS256 given for an RS384 token")
	}
	// A storage error is wrapped, so the verifier's sentinel errors survive.
	_, err = kf.Keyfunc(&gojwt.Token{Header: map[string]any{"alg": "RS256", "kid": "missing"}})
	if !errors.Is(err, jwkset.ErrKeyNotFound) {
		t.Errorf("storage error not wrapped: %v", err)
	}
}

// ctxStore records the context of the last KeyRead.
type ctxStore struct {
	*jwkset.MemoryJWKSet
	ctx context.Context
}

func (s *ctxStore) KeyRead(ctx context.Context, kid string) (jwkset.JWK, error) {
	s.ctx = ctx
	return s.MemoryJWKSet.KeyRead(ctx, kid)
}
