package instance

import (
	"context"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// Service reads and changes the instance's settings: clerk.Client.Instance.
// It also fetches the instance's JSON Web Key Set and manages the Svix app
// that delivers its webhooks. It is safe for concurrent use.
type Service internal.Service

func (s *Service) core() *internal.Client { return (*internal.Service)(s).Client() }

// Instance is a Clerk instance: one environment (development or
// production) of an application.
type Instance struct {
	// Object is always "instance".
	Object string `json:"object"`
	// ID is the instance ID, "ins_...".
	ID string `json:"id"`
	// EnvironmentType is "development" or "production".
	EnvironmentType string `json:"environment_type"`
	// AllowedOrigins are the origins, besides the instance's own, that may
	// call its Frontend API (browser extensions, Electron, Capacitor);
	// empty when none.
	AllowedOrigins []string `json:"allowed_origins"`
	// WorkspaceID is the Clerk workspace that owns the application, "" when
	// it has no owner.
	WorkspaceID string `json:"workspace_id"`
}

// Get returns the instance. Clerk API: GET /instance.
func (s *Service) Get(ctx context.Context) (*Instance, error) {
	return internal.Call[Instance](ctx, s.core(), http.MethodGet, "/instance", nil)
}

// UpdateParams are the instance settings to change; nil fields are left as
// they are.
type UpdateParams struct {
	// TestMode allows test email addresses and phone numbers (on by default
	// for development instances).
	TestMode *bool `json:"test_mode,omitempty"`
	// HIBP checks passwords against the Have I Been Pwned breach list.
	HIBP *bool `json:"hibp,omitempty"`
	// SupportEmail is the address Clerk's components show for support.
	SupportEmail *string `json:"support_email,omitempty"`
	// ClerkJSVersion pins the npm version of @clerk/clerk-js the instance
	// serves.
	ClerkJSVersion *string `json:"clerk_js_version,omitempty"`
	// DevelopmentOrigin is the origin of a development instance's app.
	DevelopmentOrigin *string `json:"development_origin,omitempty"`
	// AllowedOrigins replaces the origins, besides the instance's own, that
	// may call its Frontend API: a Chrome extension's
	// "chrome-extension://<id>", Capacitor's "capacitor://localhost". Nil
	// leaves them; an empty, non-nil slice removes them all.
	AllowedOrigins []string `json:"allowed_origins,omitzero"`
	// CookielessDev runs a development instance without third-party
	// cookies.
	//
	// Deprecated: Clerk deprecated it in favour of URLBasedSessionSyncing.
	CookielessDev *bool `json:"cookieless_dev,omitempty"`
	// URLBasedSessionSyncing syncs development sessions through the URL
	// instead of third-party cookies.
	URLBasedSessionSyncing *bool `json:"url_based_session_syncing,omitempty"`
	// PreferredSignInStrategyWhenPasswordRequired is the sign-in strategy
	// Clerk's components prefer when a password is required: "password"
	// (the default) or "otp"; a pointer to "" clears the override.
	PreferredSignInStrategyWhenPasswordRequired *string `json:"preferred_sign_in_strategy_when_password_required,omitempty"`
}

// Update changes the instance's settings. The API answers no body (204):
// call Get for the instance. Nil params change nothing. Clerk API:
// PATCH /instance.
func (s *Service) Update(ctx context.Context, params *UpdateParams) error {
	return internal.Exec(ctx, s.core(), http.MethodPatch, "/instance", internal.OrEmpty(params))
}

// Restrictions are who may sign up and sign in: the allow-list and
// block-list switches and the email checks.
type Restrictions struct {
	// Object is always "instance_restrictions".
	Object string `json:"object"`
	// Allowlist restricts sign-ups to the identifiers of the allow-list
	// (clerk.Client.AllowList).
	Allowlist bool `json:"allowlist"`
	// Blocklist refuses the identifiers of the block-list
	// (clerk.Client.BlockList).
	Blocklist bool `json:"blocklist"`
	// AllowlistBlocklistDisabledOnSignIn applies the lists to sign-ups only,
	// not to sign-ins.
	AllowlistBlocklistDisabledOnSignIn bool `json:"allowlist_blocklist_disabled_on_sign_in"`
	// BlockEmailSubaddresses refuses addresses with a subaddress
	// ("user+tag@example.com").
	BlockEmailSubaddresses bool `json:"block_email_subaddresses"`
	// BlockDisposableEmailDomains refuses addresses of disposable email
	// providers.
	BlockDisposableEmailDomains bool `json:"block_disposable_email_domains"`
}

// UpdateRestrictionsParams are the restrictions to change; nil fields are
// left as they are.
type UpdateRestrictionsParams struct {
	// Allowlist turns the allow-list on or off.
	Allowlist *bool `json:"allowlist,omitempty"`
	// Blocklist turns the block-list on or off.
	Blocklist *bool `json:"blocklist,omitempty"`
	// AllowlistBlocklistDisabledOnSignIn applies the lists to sign-ups
	// only.
	AllowlistBlocklistDisabledOnSignIn *bool `json:"allowlist_blocklist_disabled_on_sign_in,omitempty"`
	// BlockEmailSubaddresses refuses addresses with a subaddress.
	BlockEmailSubaddresses *bool `json:"block_email_subaddresses,omitempty"`
	// BlockDisposableEmailDomains refuses disposable email domains.
	BlockDisposableEmailDomains *bool `json:"block_disposable_email_domains,omitempty"`
}

// UpdateRestrictions changes who may sign up and sign in, and returns the
// restrictions now in force. Nil params change nothing. Clerk API:
// PATCH /instance/restrictions.
func (s *Service) UpdateRestrictions(ctx context.Context, params *UpdateRestrictionsParams) (*Restrictions, error) {
	return internal.Call[Restrictions](ctx, s.core(), http.MethodPatch, "/instance/restrictions", internal.OrEmpty(params))
}
