package apikeys

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// The secret-bearing values of the package: a created key, a created
// token, a created machine (with a scoped machine that also carries a
// key), a machine secret key, and the params that carry a machine's key.
// The models are decoded from the API's JSON, as the SDK reads them.
func secretBearers(t *testing.T) (APIKey, M2MToken, Machine, MachineSecretKey) {
	t.Helper()
	var (
		key  APIKey
		tok  M2MToken
		mach Machine
		msk  MachineSecretKey
	)
	exp := t0.Add(time.Hour).UnixMilli()
	require.NoError(t, internal.Unmarshal(spectest.Marshal(t, with(apiKeyFixture(testKeyID), "secret", testSecret, "expiration", exp)), &key))
	require.NoError(t, internal.Unmarshal(spectest.Marshal(t, with(m2mFixture(testTokenID), "token", testToken)), &tok))
	scoped := with(machineFixture(testMachine2), "secret_key", testMachKey+"-scoped")
	require.NoError(t, internal.Unmarshal(spectest.Marshal(t, with(machineFixture(testMachine), "secret_key", testMachKey, "scoped_machines", []any{scoped})), &mach))
	require.NoError(t, internal.Unmarshal([]byte(`{"object":"machine_secret_key","secret":"`+testMachKey+`"}`), &msk))
	return key, tok, mach, msk
}

// TestSecretsLeakNowhere (issue 9, item 6): no secret of the package's
// models shows through fmt (every verb), log/slog (text and JSON handlers)
// or encoding/json, whether the value is printed alone, behind a pointer,
// in a slice, in a map or in a struct field (spectest.Leaks); an explicit
// Reveal gives it.
func TestSecretsLeakNowhere(t *testing.T) {
	key, tok, mach, msk := secretBearers(t)
	params := CreateM2MTokenParams{MachineSecretKey: NewSecret(testMachKey), TokenFormat: TokenFormatJWT}
	for _, tc := range []struct {
		name   string
		v      any
		secret string
	}{
		{"APIKey", key, testSecret},
		{"M2MToken", tok, testToken},
		{"Machine", mach, testMachKey},
		{"MachineSecretKey", msk, testMachKey},
		{"CreateM2MTokenParams", params, testMachKey},
		{"[]APIKey", []APIKey{key}, testSecret},
	} {
		for _, leak := range spectest.Leaks(tc.v, tc.secret, tc.secret[:12]) {
			t.Errorf("%s: %s", tc.name, leak)
		}
	}
	assert.Equal(t, testSecret, key.Secret.Reveal())
	assert.Equal(t, testToken, tok.Token.Reveal())
	assert.Equal(t, testMachKey, mach.SecretKey.Reveal())
	assert.Equal(t, testMachKey+"-scoped", mach.ScopedMachines[0].SecretKey.Reveal())
	assert.Equal(t, testMachKey, msk.Secret.Reveal())
	assert.Equal(t, testMachKey, params.MachineSecretKey.Reveal())

	// The issue's own line: a slice of keys logged by slog's JSON handler.
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("k", "v", []APIKey{key})
	assert.NotContains(t, buf.String(), testSecret)
	assert.Contains(t, buf.String(), `"secret":"[redacted]"`)
}

// printings returns every way a value is commonly printed.
func printings(v any) map[string]string {
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("value", "v", v)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("value", "v", v)
	return map[string]string{
		"%v": fmt.Sprintf("%v", v), "%+v": fmt.Sprintf("%+v", v), "%#v": fmt.Sprintf("%#v", v),
		"%s": fmt.Sprintf("%s", v), "%q": fmt.Sprintf("%q", v), "%x": fmt.Sprintf("%x", v),
		"%d": fmt.Sprintf("%d", v), "Sprint": fmt.Sprint(v), "Println": fmt.Sprintln(v),
		"slices":    fmt.Sprintf("%v %+v %#v", []any{v}, map[string]any{"k": v}, struct{ V any }{v}),
		"slog text": text.String(), "slog json": js.String(),
	}
}

// TestSecretsAreNotPrinted: every printing of a secret-bearing value shows
// "[redacted]" where the secret was, and the rest of the value as it is.
func TestSecretsAreNotPrinted(t *testing.T) {
	exp := t0.Add(time.Hour)
	key := APIKey{ID: testKeyID, Name: "Production API Key", Subject: testUser, Secret: NewSecret(testSecret),
		Scopes: []string{"users:read"}, Claims: Claims(`{"a":1}`), Expiration: &exp, CreatedAt: t0}
	tok := M2MToken{ID: testTokenID, Subject: testMachine, Token: NewSecret(testToken), Scopes: []string{testMachine2}}
	params := CreateM2MTokenParams{MachineSecretKey: NewSecret(testMachKey), TokenFormat: TokenFormatJWT}
	mach := Machine{ID: testMachine, Name: "billing", SecretKey: NewSecret(testMachKey),
		ScopedMachines: []*Machine{{ID: testMachine2, Name: "ledger"}}}
	msk := MachineSecretKey{Object: "machine_secret_key", Secret: NewSecret(testMachKey)}

	tests := []struct {
		name   string
		v      any
		secret string
		shows  []string // what must still be visible
	}{
		{"APIKey", key, testSecret, []string{testKeyID, "Production API Key", "users:read"}},
		{"*APIKey", &key, testSecret, []string{testKeyID}},
		{"M2MToken", tok, testToken, []string{testTokenID, testMachine2}},
		{"*M2MToken", &tok, testToken, []string{testTokenID}},
		{"CreateM2MTokenParams", params, testMachKey, []string{"jwt"}},
		{"*CreateM2MTokenParams", &params, testMachKey, []string{"jwt"}},
		{"Machine", mach, testMachKey, []string{testMachine, "billing"}},
		{"*Machine", &mach, testMachKey, []string{testMachine}},
		{"MachineSecretKey", msk, testMachKey, []string{"machine_secret_key"}},
		{"*MachineSecretKey", &msk, testMachKey, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for how, out := range printings(tt.v) {
				assert.NotContains(t, out, tt.secret, how)
				if how == "%x" || how == "%d" || how == "slices" {
					continue
				}
				if how == "slog json" && strings.Contains(tt.name, "Params") {
					continue // the machine key has no JSON form at all (json:"-")
				}
				assert.Contains(t, out, redacted, how)
				for _, s := range tt.shows {
					assert.Contains(t, out, s, how)
				}
			}
		})
	}
	// The printed forms keep the public type name and the Go syntax, with
	// the secret's place named.
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", key), "apikeys.APIKey{Object:"), fmt.Sprintf("%#v", key))
	assert.Contains(t, fmt.Sprintf("%#v", key), `Secret:"[redacted]"`)
	assert.Contains(t, fmt.Sprintf("%+v", key), "Secret:[redacted]")
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", tok), "apikeys.M2MToken{"))
	// Printing never changes the value.
	assert.Equal(t, testSecret, key.Secret.Reveal())
	assert.Equal(t, testToken, tok.Token.Reveal())
	assert.Equal(t, testMachKey, params.MachineSecretKey.Reveal())
	// An absent secret prints as absent, not as "[redacted]".
	assert.NotContains(t, fmt.Sprintf("%+v", APIKey{ID: testKeyID}), redacted)
}

// TestSecretsAreNotLogged runs the calls that carry secrets through a
// client with a debug logger, against a server that echoes every secret it
// sees in its errors, and checks neither the logs nor the errors hold one.
func TestSecretsAreNotLogged(t *testing.T) {
	var logs bytes.Buffer // written by the test's goroutine only
	s, m, _, srv := setup(t, spectest.WithClientConfig(func(c *internal.Config) {
		c.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		c.MaxRetries = 1
	}))
	srv.Mux.HandleFunc("POST /api_keys", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, http.StatusOK, with(apiKeyFixture(testKeyID), "secret", testSecret))
	})
	srv.Mux.HandleFunc("GET /api_keys/{apiKeyID}/secret", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, http.StatusOK, map[string]any{"secret": testSecret})
	})
	echo := func(field string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			body := spectest.ReadJSON(t, r)
			s, _ := body[field].(string)
			bearer := r.Header.Get("Authorization")
			w.Header().Set("Clerk-Trace-Id", "trace-"+s)
			spectest.WriteJSON(w, http.StatusNotFound, map[string]any{
				"errors": []map[string]any{{
					"code": "not_found", "message": "unknown " + s, "long_message": "unknown " + s + " via " + bearer,
					"meta": map[string]any{"echo": s},
				}},
				"clerk_trace_id": "trace " + s,
			})
		}
	}
	srv.Mux.HandleFunc("POST /api_keys/verify", echo("secret"))
	srv.Mux.HandleFunc("POST /m2m_tokens/verify", echo("token"))
	srv.Mux.HandleFunc("POST /m2m_tokens", echo("none"))

	ctx := context.Background()
	k, err := s.Create(ctx, &CreateParams{Name: "Production API Key", Subject: testUser})
	require.NoError(t, err)
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("created", "key", k)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("created", "key", k)
	_, err = s.Secret(ctx, testKeyID)
	require.NoError(t, err)

	var errs []error
	_, err = s.Verify(ctx, testSecret)
	errs = append(errs, err)
	_, err = m.Verify(ctx, testToken)
	errs = append(errs, err)
	_, err = m.Create(ctx, &CreateM2MTokenParams{MachineSecretKey: NewSecret(testMachKey)})
	errs = append(errs, err)
	for _, err := range errs {
		require.Error(t, err)
		slog.New(slog.NewJSONHandler(&logs, nil)).Error("failed", "err", err)
		var ae *internal.APIError
		require.ErrorAs(t, err, &ae)
		detail, _ := json.Marshal(ae)
		for _, secret := range []string{testSecret, testToken, testMachKey, testSecretKey} {
			for _, out := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", ae), string(detail)} {
				assert.NotContains(t, out, secret)
			}
		}
	}
	out := logs.String()
	assert.Contains(t, out, "/api_keys/verify", "the client did log")
	for _, secret := range []string{testSecret, testToken, testMachKey, testSecretKey} {
		assert.NotContains(t, out, secret)
	}
}

// TestSecretsCutShortAreRedacted: an error body that is not Clerk's JSON is
// kept cut short (internal.APIError.Body); when the cut falls inside an
// echoed secret, the beginning of the secret that is left is redacted too.
// The cut keeps the body's first 512 bytes, so 512-pad bytes of the secret
// survive it: 22 and 12, and 8 down to 6 (just above cutSecret's minimum).
func TestSecretsCutShortAreRedacted(t *testing.T) {
	const cutAt = 512 // internal.maxBodyCut
	for _, pad := range []int{490, 500, 504, 505, 506} {
		t.Run(strconv.Itoa(pad), func(t *testing.T) {
			s, m, _, srv := setup(t, noRetries())
			echo := func(field string) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					s, _ := spectest.ReadJSON(t, r)[field].(string)
					if s == "" {
						s = strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
					}
					w.Header().Set("Content-Type", "text/plain")
					w.WriteHeader(http.StatusBadGateway)
					_, _ = io.WriteString(w, strings.Repeat("x", pad)+s+strings.Repeat("y", 100))
				}
			}
			srv.Mux.HandleFunc("POST /api_keys/verify", echo("secret"))
			srv.Mux.HandleFunc("POST /m2m_tokens/verify", echo("token"))
			srv.Mux.HandleFunc("POST /m2m_tokens", echo("none"))
			ctx := context.Background()
			check := func(err error, secret string) {
				t.Helper()
				var ae *internal.APIError
				require.ErrorAs(t, err, &ae)
				require.True(t, strings.HasSuffix(ae.Body, "…"), "the body was cut: %q", ae.Body)
				left := secret[:cutAt-pad] // what the cut leaves of the secret
				for _, out := range []string{ae.Body, err.Error(), fmt.Sprintf("%#v", ae)} {
					assert.NotContains(t, out, secret[:8])
					assert.NotContains(t, out, left)
				}
				assert.Equal(t, strings.Repeat("x", pad)+redacted+"…", ae.Body)
			}
			_, err := s.Verify(ctx, testSecret)
			check(err, testSecret)
			_, err = m.Verify(ctx, testToken)
			check(err, testToken)
			_, err = m.Create(ctx, &CreateM2MTokenParams{MachineSecretKey: NewSecret(testMachKey)})
			check(err, testMachKey)
		})
	}
}

// TestNoPrintingHole: fmt prints a value under %p as a bad verb, field by
// field, without calling any method, and prints the fields of a value held
// in an unexported struct field without calling theirs either. The secret
// sits behind a pointer in Secret, so neither shows it (the former package
// doc named both as holes of the old Format methods).
func TestNoPrintingHole(t *testing.T) {
	key := APIKey{ID: testKeyID, Secret: NewSecret(testSecret)}
	hidden := struct{ k APIKey }{key}
	hex := fmt.Sprintf("%x", testSecret)
	for _, verb := range []string{"%p", "%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%e", "%10.3v", "%-v", "%!", "%z"} {
		for _, v := range []any{key, &key, hidden, &hidden} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, testSecret, "%s of %T", verb, v)
			assert.NotContains(t, out, hex, "%s of %T", verb, v)
		}
	}
}
