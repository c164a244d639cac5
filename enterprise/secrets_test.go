package enterprise

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// TestSecretsAreRedacted: a directory's API key, a link token, a test run's
// IdP tokens and SAML response, and the OIDC client secret in params never
// show through fmt, log/slog or encoding/json, however the value is nested
// (spectest.Leaks tries each); Reveal gives them, and the SDK's own codec
// writes them in clear, as the API does.
func TestSecretsAreRedacted(t *testing.T) {
	var dir Directory
	require.NoError(t, internal.Unmarshal([]byte(directoryJSON("directory")), &dir))
	var tok LinkToken
	require.NoError(t, internal.Unmarshal([]byte(linkTokenJSON(linkTokenSecret, false)), &tok))
	var run TestRun
	require.NoError(t, internal.Unmarshal([]byte(testRunJSON), &run))
	oidc := &OIDCParams{ClientID: new("cid"), ClientSecret: internal.NewSecret(clientSecret)}

	for _, tt := range []struct {
		name    string
		v       any
		secrets []string
	}{
		{"Directory", dir, []string{apiKeySecret}},
		{"LinkToken", tok, []string{linkTokenSecret}},
		{"TestRun", run, []string{idTokenSecret, accessSecret, samlRespSecret}},
		{"CreateConnectionParams", CreateConnectionParams{Name: "Acme", OIDC: oidc}, []string{clientSecret}},
		{"UpdateConnectionParams", UpdateConnectionParams{OIDC: oidc}, []string{clientSecret}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, leak := range spectest.Leaks(tt.v, tt.secrets...) {
				t.Error(leak)
			}
			b, err := internal.MarshalAPI(tt.v)
			require.NoError(t, err)
			for _, s := range tt.secrets {
				assert.Contains(t, string(b), s, "the API encoding carries the secret")
			}
		})
	}
	assert.Equal(t, apiKeySecret, dir.APIKey.Reveal())
	assert.Contains(t, fmt.Sprintf("%+v", dir), "APIKey:[redacted]")
	assert.Contains(t, fmt.Sprintf("%+v", tok), "Token:[redacted]")
	assert.Contains(t, fmt.Sprintf("%+v", *oidc), "ClientSecret:[redacted]")

	// A user's own encoding/json writes the model with the secret redacted,
	// and reads that back.
	b, err := json.Marshal(dir)
	require.NoError(t, err)
	var back Directory
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, "[redacted]", back.APIKey.Reveal())
	assert.Equal(t, dir.CreatedAt, back.CreatedAt)
}

// TestClientSecretBody: the body a connection call sends (written with the
// transport's body encoding) reveals the client secret, and leaves it out
// when it is empty.
func TestClientSecretBody(t *testing.T) {
	p := &CreateConnectionParams{Name: "Acme", Provider: ProviderOIDCCustom, Domains: []string{"acme.com"},
		OIDC: &OIDCParams{ClientID: new("cid"), ClientSecret: internal.NewSecret(clientSecret)}}
	b, err := internal.MarshalBody(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"Acme","provider":"oidc_custom","domains":["acme.com"],
		"oidc":{"client_id":"cid","client_secret":"`+clientSecret+`"}}`, string(b))

	p.OIDC.ClientSecret = Secret{}
	b, err = internal.MarshalBody(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"Acme","provider":"oidc_custom","domains":["acme.com"],"oidc":{"client_id":"cid"}}`, string(b))

	b, err = internal.MarshalBody(&UpdateConnectionParams{Name: new("x")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"x"}`, string(b), "no OIDC, no oidc member")
}
