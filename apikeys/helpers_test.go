package apikeys

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const (
	testSecretKey  = spectest.SecretKey // the instance key of spectest.NewClient
	testUser       = "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk"
	testUser2      = "user_2yGkLpQ7Y3rXSwtU24CzTk9I7Em"
	testOrg        = "org_2xhFjEI5X2qWRvtV13BzSj8H6Dk"
	testMachine    = "mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk"
	testMachine2   = "mch_2yGkLpQ7Y3rXSwtU24CzTk9I7Em"
	testKeyID      = "ak_3beecc9c60adb5f9b850e91a8ee1e992"
	testKeyID2     = "ak_0123456789abcdef0123456789abcdef"
	testTokenID    = "mt_f7f0ba8c3b4843ce7d85fcdd5e71853e"
	testSecret     = "ak_live_SuperSecretApiKeyValue0123456789"
	testToken      = "mt_SuperSecretM2MTokenValue0123456789abcdef"
	testMachKey    = "ak_machine_SecretKeyValue0123456789"
	testOAuthID    = "oat_0ef5a7a33d87ed87ee7954c845d80450"
	testOAuthToken = "oat_SuperSecretOAuthAccessTokenValue0123456789"
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

// oauthFixture is an OAuth access token as the verify endpoint answers it.
func oauthFixture(id string) map[string]any {
	return map[string]any{
		"object":            "clerk_idp_oauth_access_token",
		"id":                id,
		"client_id":         "client_2xhFjEI5X2qWRvtV13BzSj8H6Dk",
		"subject":           testUser,
		"scopes":            []string{"profile", "email"},
		"revoked":           false,
		"revocation_reason": nil,
		"expired":           false,
		"expiration":        int64(1700003600000),
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

// roundTrip decodes the JSON of fixture into a T with the SDK's codec,
// encodes that value (as a value, not a pointer) as the API writes it
// (internal.MarshalAPI, as the SDK's fakes do) and checks the encoding
// decodes to the same T. It returns the decoded value and the encoding,
// read back as a map.
func roundTrip[T any](t *testing.T, fixture any) (T, map[string]any) {
	t.Helper()
	var v T
	require.NoError(t, internal.Unmarshal(spectest.Marshal(t, fixture), &v))
	out, err := internal.MarshalAPI(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, internal.Unmarshal(out, &back))
	assert.Equal(t, v, back, "after a round trip through %s", out)
	var wire map[string]any
	require.NoError(t, internal.Unmarshal(out, &wire))
	return v, wire
}

// withCache sizes the verification cache of the services built over the
// client, as clerk.WithMachineTokenCache does (through internal.Config).
func withCache(size int, ttl time.Duration) spectest.Option {
	return spectest.WithClientConfig(func(c *internal.Config) {
		c.MachineTokenCache = &internal.CacheConfig{Size: size, TTL: ttl}
	})
}

// withClock sets the client's clock, which the verification cache reads, as
// the root package's test clock does.
func withClock(now func() time.Time) spectest.Option {
	return spectest.WithClientConfig(func(c *internal.Config) { c.Now = now })
}

// noRetries makes the client answer with the first failure.
func noRetries() spectest.Option {
	return spectest.WithClientConfig(func(c *internal.Config) { c.MaxRetries = -1 })
}

// setup returns the package's services over one spec-checking server's
// client, built as the root package builds them.
func setup(t *testing.T, opts ...spectest.Option) (*Service, *M2MTokenService, *MachineService, *spectest.Server) {
	t.Helper()
	core, srv := spectest.NewClient(t, opts...)
	return spectest.Service[Service](core), spectest.Service[M2MTokenService](core), spectest.Service[MachineService](core), srv
}

// apiError is Clerk's error body with one error of this code and message.
func apiError(code, msg string) map[string]any {
	return map[string]any{"errors": []map[string]any{{"code": code, "message": msg, "long_message": msg}}}
}
