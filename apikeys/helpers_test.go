package apikeys

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/go-clerk/clerk/internal/spectest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const (
	testSecretKey = spectest.SecretKey // the instance key of spectest.NewClient
	testUser      = "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk"
	testUser2     = "user_2yGkLpQ7Y3rXSwtU24CzTk9I7Em"
	testOrg       = "org_2xhFjEI5X2qWRvtV13BzSj8H6Dk"
	testMachine   = "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk"
	testMachine2  = "mch_2yGkLpQ7Y3rXSwtU24CzTk9I7Em"
	testKeyID     = "ak_3beecc9c60adb5f9b850e91a8ee1e992"
	testKeyID2    = "ak_0123456789abcdef0123456789abcdef"
	testTokenID   = "mt_f7f0ba8c3b4843ce7d85fcdd5e71853e"
	testSecret    = "ak_live_SuperSecretApiKeyValue0123456789"
	testToken     = "mt_SuperSecretM2MTokenValue0123456789abcdef"
	testMachKey   = "ak_machine_SecretKeyValue0123456789"
)

// t0 is the pinned time of the fixtures: 2023-11-14T22:13:20Z.
var t0 = time.UnixMilli(1700000000000).UTC()

// clock is a fake clock for the cache, safe for concurrent use.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: t0} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// apiKeyFixture is an API key as the API answers it (without secret).
func apiKeyFixture(id string) map[string]any {
	return map[string]any{
		"object":            "api_key",
		"id":                id,
		"type":              "api_key",
		"subject":           testUser,
		"name":              "Production API Key",
		"description":       "for the billing service",
		"claims":            map[string]any{"tier": "gold", "n": 3},
		"scopes":            []string{"users:read", "users:write"},
		"revoked":           false,
		"revocation_reason": nil,
		"expired":           false,
		"expiration":        nil,
		"created_by":        testUser2,
		"last_used_at":      int64(1700000002000),
		"created_at":        int64(1700000000000),
		"updated_at":        int64(1700000001000),
	}
}

// m2mFixture is an M2M token as the API answers it (without token).
func m2mFixture(id string) map[string]any {
	return map[string]any{
		"object":            "machine_to_machine_token",
		"id":                id,
		"subject":           testMachine,
		"claims":            map[string]any{"job": "sync"},
		"scopes":            []string{testMachine2},
		"revoked":           false,
		"revocation_reason": nil,
		"expired":           false,
		"expiration":        int64(1700003600000),
		"last_used_at":      nil,
		"created_at":        int64(1700000000000),
		"updated_at":        int64(1700000001000),
	}
}

func with(m map[string]any, kv ...any) map[string]any {
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

// roundTrip decodes the JSON of fixture into a T, encodes that value (as a
// value, not a pointer) and checks the encoding decodes to the same T. It
// returns the decoded value and the encoding, read back as a map.
func roundTrip[T any](t *testing.T, fixture any) (T, map[string]any) {
	t.Helper()
	raw, err := json.Marshal(fixture)
	require.NoError(t, err)
	var v T
	require.NoError(t, json.Unmarshal(raw, &v))
	out, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, v, back, "after a round trip through %s", out)
	var wire map[string]any
	require.NoError(t, json.Unmarshal(out, &wire))
	return v, wire
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{"errors": []map[string]any{{"code": code, "message": msg, "long_message": msg}}})
}

// readBody decodes a request's JSON body into a map, reporting with Errorf.
func readBody(t *testing.T, r *http.Request) map[string]any {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("reading body: %v", err)
		return nil
	}
	m := map[string]any{}
	if len(b) > 0 {
		if err := json.Unmarshal(b, &m); err != nil {
			t.Errorf("body %q: %v", b, err)
		}
	}
	return m
}

// logBuffer collects log records of a JSON slog handler.
type logBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

func newLogger(b *logBuffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func ptr[T any](v T) *T { return &v }
