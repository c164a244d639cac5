package instance

import (
	"context"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// JWKS is the instance's JSON Web Key Set: the public keys its session
// tokens (and other Clerk JWTs) are signed with. The SDK's own token checks
// (clerk.Client.VerifyToken, package jwt) fetch and cache it by
// themselves; JWKS is for a verifier of your own, or to inspect the keys.
type JWKS struct {
	// Keys are the set's keys.
	Keys []JWK `json:"keys"`
}

// JSON returns the set as a JWKS document, as the API writes it, to hand
// to a verifier that takes one (jwt.WithJWKS, keyfunc, go-jose). It holds
// the members this model knows (those of the spec), each left out when
// empty; private members, which Clerk's key set never carries, would be
// written in clear.
func (s *JWKS) JSON() ([]byte, error) { return internal.MarshalAPI(s) }

// Key returns the key whose ID (kid) is kid, or nil.
func (s *JWKS) Key(kid string) *JWK {
	for i := range s.Keys {
		if s.Keys[i].KID == kid {
			return &s.Keys[i]
		}
	}
	return nil
}

// JWK is one JSON Web Key (RFC 7517). Clerk's instance keys are RSA public
// keys (Kty "RSA", Alg "RS256", Use "sig", N and E set); the spec allows EC,
// Ed25519 and symmetric keys too, and their private members, which are
// Secrets: fmt, log/slog and encoding/json show them as "[redacted]".
type JWK struct {
	// KID is the key's ID, which a token's "kid" header names.
	KID string `json:"kid,omitempty"`
	// Alg is the algorithm the key is used with, such as "RS256".
	Alg string `json:"alg,omitempty"`
	// Use is what the key is for: "sig" (signatures).
	Use string `json:"use,omitempty"`
	// Kty is the key type: "RSA", "EC", "OKP" (Ed25519) or "oct".
	Kty string `json:"kty,omitempty"`
	// Crv is the curve of an EC or OKP key, such as "P-256" or "Ed25519".
	Crv string `json:"crv,omitempty"`
	// X is an EC or OKP key's public x coordinate (base64url).
	X string `json:"x,omitempty"`
	// Y is an EC key's public y coordinate (base64url).
	Y string `json:"y,omitempty"`
	// N is an RSA key's modulus (base64url).
	N string `json:"n,omitempty"`
	// E is an RSA key's public exponent (base64url).
	E string `json:"e,omitempty"`
	// D is a private key's private exponent or scalar.
	D Secret `json:"d,omitzero"`
	// P is an RSA private key's first prime factor.
	P Secret `json:"p,omitzero"`
	// Q is an RSA private key's second prime factor.
	Q Secret `json:"q,omitzero"`
	// DP is an RSA private key's first factor CRT exponent.
	DP Secret `json:"dp,omitzero"`
	// DQ is an RSA private key's second factor CRT exponent.
	DQ Secret `json:"dq,omitzero"`
	// QI is an RSA private key's first CRT coefficient.
	QI Secret `json:"qi,omitzero"`
	// K is a symmetric key's value.
	K Secret `json:"k,omitzero"`
	// X5C is the key's X.509 certificate chain (base64 DER).
	X5C []string `json:"x5c,omitempty"`
	// X5T is the SHA-1 thumbprint of the key's certificate (base64url).
	X5T string `json:"x5t,omitempty"`
	// X5TS256 is the SHA-256 thumbprint of the key's certificate
	// (base64url).
	X5TS256 string `json:"x5t#S256,omitempty"`
	// X5U is a URL of the key's X.509 certificate.
	X5U string `json:"x5u,omitempty"`
}

// JWKS returns the instance's JSON Web Key Set. Clerk API: GET /jwks.
//
// To verify session tokens yourself against it, hand its JSON to package
// jwt (which, given the secret key instead, fetches and refreshes the set
// by itself):
//
//	set, err := c.Instance.JWKS(ctx)
//	...
//	doc, err := set.JSON()
//	...
//	v, err := jwt.NewVerifier(jwt.WithJWKS(doc))
func (s *Service) JWKS(ctx context.Context) (*JWKS, error) {
	return internal.Call[JWKS](ctx, s.core(), http.MethodGet, "/jwks", nil)
}
