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

func TestSecretsAreNotPrinted(t *testing.T) {
	exp := t0.Add(time.Hour)
	key := APIKey{ID: testKeyID, Name: "Production API Key", Subject: testUser, Secret: testSecret,
		Scopes: []string{"users:read"}, Claims: Claims(`{"a":1}`), Expiration: &exp, CreatedAt: t0}
	tok := M2MToken{ID: testTokenID, Subject: testMachine, Token: testToken, Scopes: []string{testMachine2}}
	params := CreateM2MTokenParams{MachineSecretKey: testMachKey, TokenFormat: TokenFormatJWT}
	mach := Machine{ID: testMachine, Name: "billing", SecretKey: testMachKey,
		ScopedMachines: []*Machine{{ID: testMachine2, Name: "ledger"}}}
	msk := MachineSecretKey{Object: "machine_secret_key", Secret: testMachKey}

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
	// The printed forms keep the public type name and the Go syntax.
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", key), "apikeys.APIKey{Object:"), fmt.Sprintf("%#v", key))
	assert.Equal(t, fmt.Sprintf("%#v", key), key.GoString())
	assert.Equal(t, fmt.Sprintf("%v", key), key.String())
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", tok), "apikeys.M2MToken{"))
	// Printing never changes the value.
	assert.Equal(t, testSecret, key.Secret)
	assert.Equal(t, testToken, tok.Token)
	assert.Equal(t, testMachKey, params.MachineSecretKey)
	// An absent secret prints as absent, not as "[redacted]".
	assert.NotContains(t, fmt.Sprintf("%+v", APIKey{ID: testKeyID}), redacted)
}

// TestSecretsAreNotLogged runs the calls that carry secrets through a
// client with a debug logger, against a server that echoes every secret it
// sees in its errors, and checks neither the logs nor the errors hold one.
func TestSecretsAreNotLogged(t *testing.T) {
	var logs logBuffer
	core, srv := spectest.NewClient(t, spectest.WithClientConfig(func(c *internal.Config) {
		c.Logger, c.MaxRetries = newLogger(&logs), 1
	}))
	srv.Mux.HandleFunc("POST /api_keys", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, with(apiKeyFixture(testKeyID), "secret", testSecret))
	})
	srv.Mux.HandleFunc("GET /api_keys/{apiKeyID}/secret", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"secret": testSecret})
	})
	echo := func(field string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			body := readBody(t, r)
			s, _ := body[field].(string)
			bearer := r.Header.Get("Authorization")
			w.Header().Set("Clerk-Trace-Id", "trace-"+s)
			writeJSON(w, http.StatusNotFound, map[string]any{
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
	s, m := New(core), NewM2MTokens(core)
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
	_, err = m.Create(ctx, &CreateM2MTokenParams{MachineSecretKey: testMachKey})
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
func TestSecretsCutShortAreRedacted(t *testing.T) {
	for _, pad := range []int{490, 500, 505} {
		t.Run(strconv.Itoa(pad), func(t *testing.T) {
			core, srv := spectest.NewClient(t, spectest.WithClientConfig(func(c *internal.Config) { c.MaxRetries = -1 }))
			echo := func(field string) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					s, _ := readBody(t, r)[field].(string)
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
			s, m := New(core), NewM2MTokens(core)
			check := func(err error, secret string) {
				t.Helper()
				var ae *internal.APIError
				require.ErrorAs(t, err, &ae)
				require.True(t, strings.HasSuffix(ae.Body, "…"), "the body was cut: %q", ae.Body)
				for _, out := range []string{ae.Body, err.Error(), fmt.Sprintf("%#v", ae)} {
					assert.NotContains(t, out, secret[:8])
				}
			}
			_, err := s.Verify(ctx, testSecret)
			check(err, testSecret)
			_, err = m.Verify(ctx, testToken)
			check(err, testToken)
			_, err = m.Create(ctx, &CreateM2MTokenParams{MachineSecretKey: testMachKey})
			check(err, testMachKey)
		})
	}
}

// TestPercentPIsTheDocumentedHole pins the exception the docs name: fmt
// prints a value under %p as a bad verb, field by field, without calling
// Format, so the secret shows; through a pointer it does not. If fmt ever
// changes, this test fails and the docs can drop the exception.
func TestPercentPIsTheDocumentedHole(t *testing.T) {
	key := APIKey{ID: testKeyID, Secret: testSecret}
	assert.Contains(t, fmt.Sprintf("%p", key), testSecret, "the documented exception")
	assert.NotContains(t, fmt.Sprintf("%p", &key), testSecret)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%e", "%10.3v", "%-v", "%!", "%z"} {
		assert.NotContains(t, fmt.Sprintf(verb, key), testSecret, verb)
		assert.NotContains(t, fmt.Sprintf(verb, &key), testSecret, verb)
	}
	assert.NotContains(t, fmt.Sprintf("%x", key), fmt.Sprintf("%x", testSecret))
}
