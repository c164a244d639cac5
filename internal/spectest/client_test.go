package spectest

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
)

// unavailable answers 503 with a Retry-After the client would obey, were
// its Sleep a real one.
func unavailable(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Retry-After", "5")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = w.Write([]byte(`{"errors":[{"code":"unavailable","message":"down","long_message":"down"}]}`))
}

func TestNewClient(t *testing.T) {
	c, srv := NewClient(t)
	var calls atomic.Int32
	srv.Mux.HandleFunc("GET /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "Bearer "+SecretKey, r.Header.Get("Authorization"))
		if calls.Add(1) == 1 {
			unavailable(w)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"` + r.PathValue("user_id") + `"}`))
	})
	assert.Equal(t, srv.URL, c.BaseURL())
	assert.Equal(t, SecretKey, c.SecretKey())

	start := time.Now()
	out, err := internal.Call[struct {
		ID string `json:"id"`
	}](context.Background(), c, http.MethodGet, "/users/{user_id}", nil, "user_1")
	require.NoError(t, err)
	assert.Equal(t, "user_1", out.ID)
	assert.Equal(t, 2, srv.Count("GET", "/v1/users/user_1"), "the 503 is retried")
	assert.Less(t, time.Since(start), 2*time.Second, "the retry does not wait out the 5 s Retry-After")
}

func TestWithClientConfig(t *testing.T) {
	c, srv := NewClient(t, WithClientConfig(func(cfg *internal.Config) {
		assert.Equal(t, SecretKey, cfg.SecretKey, "f sees the filled config")
		cfg.MaxRetries = -1
		cfg.SecretKey = "sk_test_other"
	}))
	srv.Mux.HandleFunc("GET /users/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "Bearer sk_test_other", r.Header.Get("Authorization"))
		unavailable(w)
	})
	err := internal.Exec(context.Background(), c, http.MethodGet, "/users/{user_id}", nil, "user_1")
	var apiErr *internal.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
	assert.Equal(t, 1, srv.Count("GET", "/v1/users/user_1"), "MaxRetries -1: no retry")
}
