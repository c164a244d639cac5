package instance

import (
	"context"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// The Svix app is what delivers the instance's webhooks; package webhooks
// verifies what it sends.

// SvixURL is a link to the Svix dashboard where the instance's webhook
// endpoints are managed. The link logs whoever opens it in, so it is a
// Secret: fmt, log/slog and encoding/json show it as "[redacted]";
// SvixURL.Reveal() is the link.
type SvixURL struct {
	// SvixURL is the dashboard link, valid for a short time.
	SvixURL Secret `json:"svix_url"`
}

// CreateSvixApp creates the Svix app that delivers the instance's webhooks
// and returns a link to its dashboard. Clerk API: POST /webhooks/svix.
func (s *Service) CreateSvixApp(ctx context.Context) (*SvixURL, error) {
	return internal.Call[SvixURL](ctx, s.core(), http.MethodPost, "/webhooks/svix", nil)
}

// DeleteSvixApp deletes the instance's Svix app: its webhooks stop. Clerk
// API: DELETE /webhooks/svix.
func (s *Service) DeleteSvixApp(ctx context.Context) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/webhooks/svix", nil)
}

// SvixDashboardURL returns a new link to the dashboard of the instance's
// Svix app. Clerk API: POST /webhooks/svix_url.
func (s *Service) SvixDashboardURL(ctx context.Context) (*SvixURL, error) {
	return internal.Call[SvixURL](ctx, s.core(), http.MethodPost, "/webhooks/svix_url", nil)
}
