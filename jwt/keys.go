package jwt

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"

	"github.com/MicahParks/jwkset"
)

// minRSABits is the smallest RSA modulus accepted for a verification key.
const minRSABits = 2048

// parsePublicKeyPEM parses an RSA public key from a PEM block, tolerating the
// ways environment variables mangle PEM: literal "\n" sequences, and the
// body run together on one line.
func parsePublicKeyPEM(s string) (*rsa.PublicKey, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, `\n`, "\n"))
	var der []byte
	if block, _ := pem.Decode([]byte(s)); block != nil {
		der = block.Bytes
	} else {
		body := s
		if i := strings.Index(body, "-----BEGIN "); i >= 0 {
			if j := strings.Index(body[i+len("-----BEGIN "):], "-----"); j >= 0 {
				body = body[i+len("-----BEGIN ")+j+len("-----"):]
			}
		}
		if i := strings.Index(body, "-----END "); i >= 0 {
			body = body[:i]
		}
		body = strings.Join(strings.Fields(body), "")
		var err error
		if der, err = base64.StdEncoding.DecodeString(body); err != nil {
			return nil, fmt.Errorf("jwt: public key is neither PEM nor base64 DER: %w", err)
		}
	}
	var key any
	key, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		var err1 error
		if key, err1 = x509.ParsePKCS1PublicKey(der); err1 != nil {
			return nil, fmt.Errorf("jwt: parsing public key: %w", err)
		}
	}
	rsaKey, ok := key.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("jwt: public key is a %T, want an RSA key", key)
	}
	if err := checkRSAKey(rsaKey); err != nil {
		return nil, err
	}
	return rsaKey, nil
}

// checkRSAKey refuses an RSA key that cannot verify a signature, or not
// safely: a modulus under minRSABits or even, an exponent that crypto/rsa
// refuses (below 3, even, or over 2^31-1).
func checkRSAKey(k *rsa.PublicKey) error {
	switch {
	case k.N == nil || k.N.BitLen() < minRSABits:
		return fmt.Errorf("jwt: RSA key has fewer than %d bits", minRSABits)
	case k.N.Bit(0) == 0:
		return errors.New("jwt: RSA key has an even modulus")
	case k.E < 3 || k.E&1 == 0 || k.E > 1<<31-1:
		return errors.New("jwt: RSA key has an unusable exponent")
	}
	return nil
}

// pemKey is the JWK of a key given as PEM: no kid, no alg, no use.
func pemKey(pub *rsa.PublicKey) (jwkset.JWK, error) {
	jwk, err := jwkset.NewJWKFromKey(pub, jwkset.JWKOptions{})
	if err != nil {
		return jwkset.JWK{}, fmt.Errorf("jwt: public key: %w", err)
	}
	return jwk, nil
}

// parseJWKS parses a JSON Web Key Set and returns its usable keys, in order,
// the first of each kid. Each key is parsed on its own with jwkset, which
// validates it (x5c, x5t, EC points...): a key that jwkset refuses, or that
// is not usable here (see usableKey), is skipped and the rest are kept. A
// set with no usable key at all is an error, so that a refresh returning
// one never replaces the last good keys.
func parseJWKS(data []byte) ([]jwkset.JWK, error) {
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("jwt: parsing JWKS: %w", err)
	}
	var keys []jwkset.JWK
	var skipped []error
	kids := make(map[string]bool, len(set.Keys))
	for i, raw := range set.Keys {
		jwk, err := usableKey(raw)
		if err != nil {
			skipped = append(skipped, fmt.Errorf("key %d: %w", i, err))
			continue
		}
		if kid := jwk.Marshal().KID; !kids[kid] {
			kids[kid] = true
			keys = append(keys, jwk)
		}
	}
	if len(keys) == 0 {
		if len(skipped) == 0 {
			return nil, errors.New("jwt: key set holds no key")
		}
		return nil, fmt.Errorf("jwt: key set holds no usable RS256 key: %w", errors.Join(skipped...))
	}
	return keys, nil
}

// usableKey parses one JWK with jwkset (public key material only: private
// parameters are ignored, symmetric keys refused) and accepts it when it is
// an RSA key whose alg is RS256 or unset, whose use is sig or unset, and
// which checkRSAKey accepts.
func usableKey(raw json.RawMessage) (jwkset.JWK, error) {
	jwk, err := jwkset.NewJWKFromRawJSON(raw, jwkset.JWKMarshalOptions{}, jwkset.JWKValidateOptions{})
	if err != nil {
		return jwkset.JWK{}, err
	}
	m := jwk.Marshal()
	pub, ok := jwk.Key().(*rsa.PublicKey)
	switch {
	case !ok:
		return jwkset.JWK{}, fmt.Errorf("kid %s: a %s key, want RSA", quote(m.KID), m.KTY)
	case m.ALG != "" && m.ALG != jwkset.AlgRS256:
		return jwkset.JWK{}, fmt.Errorf("kid %s: alg %s, want RS256", quote(m.KID), m.ALG)
	case m.USE != "" && m.USE != jwkset.UseSig:
		return jwkset.JWK{}, fmt.Errorf("kid %s: use %s, want sig", quote(m.KID), m.USE)
	}
	if err := checkRSAKey(pub); err != nil {
		return jwkset.JWK{}, fmt.Errorf("kid %s: %w", quote(m.KID), err)
	}
	return jwk, nil
}

// keysRemoved reports whether next lacks a key of prev or holds another key
// under the same kid: tokens verified with such keys must be forgotten.
func keysRemoved(prev, next []jwkset.JWK) bool {
	byKID := make(map[string]any, len(next))
	for _, k := range next {
		byKID[k.Marshal().KID] = k.Key()
	}
	for _, k := range prev {
		n, ok := byKID[k.Marshal().KID].(*rsa.PublicKey)
		if !ok || !n.Equal(k.Key()) {
			return true
		}
	}
	return false
}

// keyNotFound reports a kid that no key matches, wrapping the last fetch
// error when there is one.
func keyNotFound(kid string, cause error) error {
	if cause != nil {
		return errorf(ErrKeyNotFound, "no key for kid %s (last key-set fetch failed: %w)", quote(kid), cause)
	}
	return errorf(ErrKeyNotFound, "no key for kid %s", quote(kid))
}
