package users

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/go-clerk/clerk/internal/spectest"
)

// setup is go-github's: a spec-checking server mounted at /v1, and a
// Service whose transport points at it and never sleeps between retries.
func setup(t *testing.T, opts ...spectest.Option) (*Service, *spectest.Server) {
	t.Helper()
	return spectest.Setup[Service](t, opts...)
}

// minimalUser is the smallest spec-valid User JSON with this ID. Handlers
// call it too, so it reports with assert.
func minimalUser(t testing.TB, id string, created int64) []byte {
	b := spectest.Marshal(t, User{Object: "user", ID: id, CreatedAt: ms(created), UpdatedAt: ms(created)})
	assert.NotEmpty(t, b)
	return b
}

func ms(n int64) time.Time { return time.UnixMilli(n).UTC() }
