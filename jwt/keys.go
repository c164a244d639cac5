package jwt

import (
	"context"
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

// keySet is an immutable snapshot of verification keys by kid.
type keySet map[string]*rsa.PublicKey

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

func checkRSAKey(k *rsa.PublicKey) error {
	if k.N == nil || k.N.BitLen() < minRSABits {
		return fmt.Errorf("jwt: RSA key has fewer than %d bits", minRSABits)
	}
	return nil
}

// parseJWKS parses a static JSON Web Key Set with jwkset and keeps its usable
// keys. Keys of other types are skipped; a malformed RSA key is an error.
func parseJWKS(data []byte) (keySet, error) {
	var set jwkset.JWKSMarshal
	if err := json.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("jwt: parsing JWKS: %w", err)
	}
	store := jwkset.NewMemoryStorage()
	ctx := context.Background()
	for _, m := range set.Keys {
		if m.KTY != jwkset.KtyRSA {
			continue
		}
		jwk, err := jwkset.NewJWKFromMarshal(m, jwkset.JWKMarshalOptions{}, jwkset.JWKValidateOptions{})
		if err != nil {
			return nil, fmt.Errorf("jwt: parsing JWKS key %s: %w", quote(m.KID), err)
		}
		if err := store.KeyWrite(ctx, jwk); err != nil {
			return nil, fmt.Errorf("jwt: storing JWKS key: %w", err)
		}
	}
	return keysFromStorage(ctx, store)
}

// keysFromStorage builds the verifier's own kid → key map from a jwkset
// storage: RSA keys (the public half of private ones) whose alg is RS256 or
// unset and whose use is sig or unset. The first key of a kid wins. A set
// without any usable key is an error, so that a refresh returning an empty
// set never replaces the last good keys.
func keysFromStorage(ctx context.Context, store jwkset.Storage) (keySet, error) {
	jwks, err := store.KeyReadAll(ctx)
	if err != nil {
		return nil, fmt.Errorf("jwt: reading key set: %w", err)
	}
	keys := make(keySet, len(jwks))
	for _, jwk := range jwks {
		m := jwk.Marshal()
		if (m.ALG != "" && m.ALG != jwkset.AlgRS256) || (m.USE != "" && m.USE != jwkset.UseSig) {
			continue
		}
		var pub *rsa.PublicKey
		switch k := jwk.Key().(type) {
		case *rsa.PublicKey:
			pub = k
		case *rsa.PrivateKey:
			pub = &k.PublicKey
		default:
			continue
		}
		if checkRSAKey(pub) != nil {
			continue
		}
		if _, dup := keys[m.KID]; !dup {
			keys[m.KID] = pub
		}
	}
	if len(keys) == 0 {
		return nil, errors.New("jwt: key set holds no usable RS256 key")
	}
	return keys, nil
}

// keysRemoved reports whether next lacks a key of prev or holds another key
// under the same kid: tokens verified with such keys must be forgotten.
func keysRemoved(prev, next keySet) bool {
	for kid, k := range prev {
		if n, ok := next[kid]; !ok || !n.Equal(k) {
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
