package instance

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// TestSecretsDoNotLeak: every secret-bearing value of the package prints
// "[redacted]" in place of its secret, however it is nested and whatever
// prints it, while Reveal (and, for a JWT template's key, the request
// body) gives the value.
func TestSecretsDoNotLeak(t *testing.T) {
	const (
		link = "https://app.svix.com/login#key=eyJhcHBJZCI6ImFwcF8xIn0"
		key  = "-----BEGIN PRIVATE KEY-----MIIEvAIBADANBg-----END PRIVATE KEY-----"
		d    = "private-exponent-d"
		k    = "symmetric-k"
	)
	u := SvixURL{SvixURL: internal.NewSecret(link)}
	p := JWTTemplateParams{Name: "t", Claims: Metadata{}, CustomSigningKey: new(true), SigningAlgorithm: new("RS256"), SigningKey: internal.NewSecret(key)}
	jwk := JWK{KID: "ins_1", Kty: "RSA", N: "n", E: "AQAB", D: internal.NewSecret(d), P: internal.NewSecret("p-1"), Q: internal.NewSecret("q-1"),
		DP: internal.NewSecret("dp-1"), DQ: internal.NewSecret("dq-1"), QI: internal.NewSecret("qi-1"), K: internal.NewSecret(k)}
	for _, tc := range []struct {
		name    string
		v       any
		secrets []string
	}{
		{"SvixURL", u, []string{link}},
		{"JWTTemplateParams", p, []string{key}},
		{"*JWTTemplateParams", &p, []string{key}},
		{"JWK", jwk, []string{d, k, "p-1", "q-1", "dp-1", "dq-1", "qi-1"}},
		{"JWKS", JWKS{Keys: []JWK{jwk}}, []string{d, k}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Empty(t, spectest.Leaks(tc.v, tc.secrets...))
		})
	}
	assert.Equal(t, link, u.SvixURL.Reveal())

	// The request body (the transport's body encoding) carries the key in
	// clear, once, under its name.
	b, err := internal.MarshalBody(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"t","claims":{},"custom_signing_key":true,"signing_algorithm":"RS256","signing_key":"`+key+`"}`, string(b))
	// Without a key, none is sent.
	b, err = internal.MarshalBody(&JWTTemplateParams{Name: "t", Claims: Metadata{}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"t","claims":{}}`, string(b))

	// JWKS.JSON, the explicit way to the document, writes a key's private
	// members in clear.
	doc, err := (&JWKS{Keys: []JWK{jwk}}).JSON()
	require.NoError(t, err)
	var back JWKS
	require.NoError(t, internal.Unmarshal(doc, &back))
	assert.Equal(t, d, back.Keys[0].D.Reveal())
	assert.Equal(t, k, back.Keys[0].K.Reveal())
}
