package instance

import (
	"context"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// Settings are the instance settings Clerk offers as a beta feature.
type Settings struct {
	// Object is always "instance_settings".
	Object string `json:"object"`
	// ID is the instance ID.
	ID string `json:"id"`
	// RestrictedToAllowlist reports whether sign-ups are restricted to the
	// allow-list.
	RestrictedToAllowlist bool `json:"restricted_to_allowlist"`
	// FromEmailAddress is the local part of the address authentication
	// emails come from ("foo" for foo@example.com).
	FromEmailAddress string `json:"from_email_address"`
	// ProgressiveSignUp reports whether the Progressive Sign Up algorithm
	// is on.
	ProgressiveSignUp bool `json:"progressive_sign_up"`
	// EnhancedEmailDeliverability reports whether production emails go
	// through Clerk's legacy managed delivery.
	//
	// Deprecated: Clerk is retiring it in favour of the instance's own
	// email sending domain.
	EnhancedEmailDeliverability bool `json:"enhanced_email_deliverability"`
}

// UpdateSettingsParams are the beta instance settings to change; nil fields
// are left as they are.
type UpdateSettingsParams struct {
	// RestrictedToAllowlist restricts sign-ups to the email addresses,
	// phone numbers and usernames of the allow-list.
	RestrictedToAllowlist *bool `json:"restricted_to_allowlist,omitempty"`
	// FromEmailAddress is the local part (alphanumeric) of the address
	// authentication emails come from: "foo" for foo@example.com.
	FromEmailAddress *string `json:"from_email_address,omitempty"`
	// ProgressiveSignUp turns the Progressive Sign Up algorithm on or off
	// (Clerk deprecated the feature).
	ProgressiveSignUp *bool `json:"progressive_sign_up,omitempty"`
	// TestMode allows test email addresses and phone numbers.
	TestMode *bool `json:"test_mode,omitempty"`
}

// UpdateSettings changes the instance settings Clerk offers as a beta
// feature and returns them. Nil params change nothing. Clerk API:
// PATCH /beta_features/instance_settings.
func (s *Service) UpdateSettings(ctx context.Context, params *UpdateSettingsParams) (*Settings, error) {
	return internal.Call[Settings](ctx, s.core(), http.MethodPatch, "/beta_features/instance_settings", internal.OrEmpty(params))
}

// ChangeDomainParams say where a production instance moves.
type ChangeDomainParams struct {
	// HomeURL is the instance's new home URL, such as
	// "https://www.example.com".
	HomeURL *string `json:"home_url,omitempty"`
	// IsSecondary marks the domain as a secondary app's: its subdomain is
	// kept as part of the domain, so that one primary and several secondary
	// apps share a root domain (eTLD+1).
	IsSecondary *bool `json:"is_secondary,omitempty"`
}

// ChangeDomain moves a production instance to another domain (a beta
// feature). The API accepts the change (202) and answers no body. It signs
// every user out, and the instance is briefly down while it deploys; the
// new domain needs its DNS records, SSL certificates, social connections'
// redirect URLs and new keys in your code. Clerk API:
// POST /instance/change_domain.
func (s *Service) ChangeDomain(ctx context.Context, params *ChangeDomainParams) error {
	return internal.Exec(ctx, s.core(), http.MethodPost, "/instance/change_domain", internal.OrEmpty(params))
}
