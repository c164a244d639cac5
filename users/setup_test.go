package users

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/go-clerk/clerk/internal/spectest"
)

// setup is go-github's: a spec-checking server mounted at /v1, and a
// Service whose transport points at it and never sleeps between retries.
func setup(t *testing.T, opts ...spectest.Option) (*Service, *spectest.Server) {
	t.Helper()
	core, srv := spectest.NewClient(t, opts...)
	return New(core), srv
}

// strp and intp stand in for clerk.String and clerk.Int, which live in the
// root package.
func strp(s string) *string { return &s }
func intp(n int) *int       { return &n }
func boolp(b bool) *bool    { return &b }

// serve writes a JSON answer.
func serve(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// serveErr writes Clerk's error body.
func serveErr(w http.ResponseWriter, status int, code string) {
	serve(w, status, fmt.Appendf(nil, `{"errors":[{"code":%q,"message":"m","long_message":"lm"}],"clerk_trace_id":"trace_1"}`, code))
}

// body decodes a JSON request body into a map. It runs on the server's
// goroutine, so it reports with assert (t.Errorf).
func body(t *testing.T, r *http.Request) map[string]any {
	var m map[string]any
	b, err := io.ReadAll(r.Body)
	if assert.NoError(t, err, "reading body") {
		assert.NoError(t, json.Unmarshal(b, &m), "body %q is not a JSON object", b)
	}
	return m
}

// minimalUser is the smallest spec-valid User JSON with this ID. Handlers
// call it too, so it reports with assert.
func minimalUser(t testing.TB, id string, created int64) []byte {
	b, err := json.Marshal(User{ID: id, CreatedAt: ms(created), UpdatedAt: ms(created)})
	assert.NoError(t, err)
	return b
}
