package instance

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

// TestRefusedBeforeAnyRequest: a missing required field or an empty or
// unsafe path ID fails locally, matching ErrInvalidParams, and sends
// nothing.
func TestRefusedBeforeAnyRequest(t *testing.T) {
	s, srv := setup(t)
	ctx := context.Background()
	tmpl := &JWTTemplateParams{Name: "t", Claims: Metadata{}}
	for _, tc := range []struct {
		name string
		call func() error
	}{
		{"Domains.Create nil", func() error { _, err := s.domains.Create(ctx, nil); return err }},
		{"Domains.Create without name", func() error {
			_, err := s.domains.Create(ctx, &CreateDomainParams{IsSatellite: true})
			return err
		}},
		{"RedirectURLs.Create nil", func() error { _, err := s.redirectURLs.Create(ctx, nil); return err }},
		{"RedirectURLs.Create without url", func() error {
			_, err := s.redirectURLs.Create(ctx, &CreateRedirectURLParams{})
			return err
		}},
		{"AllowList.Create nil", func() error { _, err := s.allowList.Create(ctx, nil); return err }},
		{"AllowList.Create without identifier", func() error {
			_, err := s.allowList.Create(ctx, &CreateAllowListIdentifierParams{Notify: new(true)})
			return err
		}},
		{"BlockList.Create without identifier", func() error {
			_, err := s.blockList.Create(ctx, &CreateBlockListIdentifierParams{})
			return err
		}},
		{"JWTTemplates.Create nil", func() error { _, err := s.jwtTemplates.Create(ctx, nil); return err }},
		{"JWTTemplates.Create without claims", func() error {
			_, err := s.jwtTemplates.Create(ctx, &JWTTemplateParams{Name: "t"})
			return err
		}},
		{"JWTTemplates.Update without name", func() error {
			_, err := s.jwtTemplates.Update(ctx, "jtmp_1", &JWTTemplateParams{Claims: Metadata{}})
			return err
		}},
		{"JWTTemplates.Update nil", func() error { _, err := s.jwtTemplates.Update(ctx, "jtmp_1", nil); return err }},
		{"Domains.Update empty ID", func() error { _, err := s.domains.Update(ctx, "", nil); return err }},
		{"Domains.Delete slash", func() error { return s.domains.Delete(ctx, "dmn_1/../x") }},
		{"RedirectURLs.Get dot-dot", func() error { _, err := s.redirectURLs.Get(ctx, ".."); return err }},
		{"RedirectURLs.Delete query", func() error { return s.redirectURLs.Delete(ctx, "ru_1?x=1") }},
		{"AllowList.Delete empty", func() error { return s.allowList.Delete(ctx, "") }},
		{"BlockList.Delete space", func() error { return s.blockList.Delete(ctx, "blid 1") }},
		{"JWTTemplates.Get percent", func() error { _, err := s.jwtTemplates.Get(ctx, "%2F"); return err }},
		{"JWTTemplates.Update empty ID", func() error { _, err := s.jwtTemplates.Update(ctx, "", tmpl); return err }},
		{"JWTTemplates.Delete hash", func() error { return s.jwtTemplates.Delete(ctx, "jtmp#1") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			assert.ErrorIs(t, err, internal.ErrInvalidParams)
		})
	}
	assert.Empty(t, srv.Operations(), "nothing reached the server")
}

// TestErrors: an API error is an APIError matching its status sentinel; a
// 2xx without the resource is ErrInvalidResponse, never a zero value.
func TestErrors(t *testing.T) {
	s, srv := setup(t)
	srv.Mux.HandleFunc("GET /redirect_urls/{id}", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteError(w, http.StatusNotFound, "resource_not_found")
	})
	srv.Mux.HandleFunc("PATCH /instance/restrictions", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteError(w, http.StatusPaymentRequired, "payment_required")
	})
	srv.Mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, http.StatusOK, `{}`)
	})
	srv.Mux.HandleFunc("POST /webhooks/svix_url", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	ctx := context.Background()

	_, err := s.redirectURLs.Get(ctx, "ru_missing")
	assert.ErrorIs(t, err, internal.ErrNotFound)
	var apiErr *internal.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "resource_not_found", apiErr.Errors[0].Code)

	_, err = s.instance.UpdateRestrictions(ctx, &UpdateRestrictionsParams{Allowlist: new(true)})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusPaymentRequired, apiErr.StatusCode)

	set, err := s.instance.JWKS(ctx)
	assert.ErrorIs(t, err, internal.ErrInvalidResponse)
	assert.Nil(t, set)

	u, err := s.instance.SvixDashboardURL(ctx)
	assert.ErrorIs(t, err, internal.ErrInvalidResponse)
	assert.Nil(t, u)
}
