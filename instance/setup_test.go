package instance

import (
	"testing"

	"github.com/go-clerk/clerk/internal/spectest"
)

// services are the package's services over one transport core, built as
// the root package builds them.
type services struct {
	instance     *Service
	domains      *DomainService
	redirectURLs *RedirectURLService
	allowList    *AllowListService
	blockList    *BlockListService
	jwtTemplates *JWTTemplateService
}

// setup is go-github's: a spec-checking server mounted at /v1, and the
// services over a client that points at it and never sleeps between
// retries.
func setup(t *testing.T, opts ...spectest.Option) (*services, *spectest.Server) {
	t.Helper()
	core, srv := spectest.NewClient(t, opts...)
	return &services{
		instance:     spectest.Service[Service](core),
		domains:      spectest.Service[DomainService](core),
		redirectURLs: spectest.Service[RedirectURLService](core),
		allowList:    spectest.Service[AllowListService](core),
		blockList:    spectest.Service[BlockListService](core),
		jwtTemplates: spectest.Service[JWTTemplateService](core),
	}, srv
}

// example is spectest.Example of a schema: a full instance of it, every
// property set.
func example(t testing.TB, schema string) []byte {
	t.Helper()
	b, err := spectest.Example(schema)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
