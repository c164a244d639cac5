package clerk

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-clerk/clerk/apikeys"
	"github.com/go-clerk/clerk/enterprise"

	"github.com/go-clerk/clerk/instance"

	"github.com/go-clerk/clerk/billing"
	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/invitations"
	"github.com/go-clerk/clerk/jwt"
	"github.com/go-clerk/clerk/oauth"
	"github.com/go-clerk/clerk/organizations"
	"github.com/go-clerk/clerk/sessions"
	"github.com/go-clerk/clerk/users"
)

// APIVersion is the Backend API version this SDK targets, sent as the
// Clerk-API-Version header on every call.
const APIVersion = internal.APIVersion

// DefaultBaseURL is the Backend API root New uses unless WithBaseURL or
// CLERK_API_URL says otherwise.
const DefaultBaseURL = internal.DefaultBaseURL

// Metadata is a free-form JSON object: public, private and unsafe metadata of
// users and organizations. A key set to nil deletes it in a metadata merge.
type Metadata = internal.Metadata

// DeletedObject is what Clerk answers to most deletions.
type DeletedObject = internal.DeletedObject

// Client is the entry point: one per secret key, safe for concurrent use,
// holding no package-level state. Its services are thin views over one
// shared transport that retries, authenticates and decodes.
type Client struct {
	// Users manages users. Clerk API: /users.
	Users *users.Service
	// Sessions reads and revokes sessions and mints session tokens.
	Sessions *sessions.Service
	// Organizations manages organizations, their memberships,
	// invitations, domains and logos.
	Organizations *organizations.Service
	// APIKeys manages and verifies API keys (ak_...).
	APIKeys *apikeys.Service
	// M2MTokens manages and verifies machine-to-machine tokens (mt_...).
	M2MTokens *apikeys.M2MTokenService
	// Machines manages the machines M2M tokens are issued to.
	Machines *apikeys.MachineService

	// Package enterprise: enterprise SSO and directory sync.

	// EnterpriseConnections manages enterprise connections (SAML and OIDC
	// single sign-on per customer) and their test runs.
	EnterpriseConnections *enterprise.ConnectionService
	// Directories manages directory-sync (SCIM) directories and their
	// group-to-role mappings.
	Directories *enterprise.DirectoryService
	// SCIMDirectories reaches the same directories as Directories under
	// the API's earlier /scim_directories paths.
	SCIMDirectories *enterprise.SCIMDirectoryService
	// AdminPortal issues and revokes admin portal link tokens.
	AdminPortal *enterprise.AdminPortalService

	// package users: identifications and sign-ups.

	// EmailAddresses adds, reads, changes, deletes and verifies a user's
	// email addresses. Clerk API: /email_addresses.
	EmailAddresses *users.EmailAddressService
	// PhoneNumbers adds, reads, changes, deletes and verifies a user's
	// phone numbers. Clerk API: /phone_numbers.
	PhoneNumbers *users.PhoneNumberService
	// SignUps reads and updates sign-ups, the way users come to exist.
	// Clerk API: /sign_ups.
	SignUps *users.SignUpService

	// Package instance: the instance's configuration.

	// Instance reads and changes the instance's settings and restrictions,
	// fetches its JSON Web Key Set and manages the Svix app that delivers
	// its webhooks. Clerk API: /instance, /beta_features, /jwks,
	// /webhooks/svix.
	Instance *instance.Service
	// Domains manages the instance's primary and satellite domains and
	// checks proxy setups. Clerk API: /domains, /proxy_checks.
	Domains *instance.DomainService
	// RedirectURLs manages the URLs Clerk may redirect to after a native
	// app's OAuth flow. Clerk API: /redirect_urls.
	RedirectURLs *instance.RedirectURLService
	// AllowList manages the identifiers allowed to sign up when sign-ups are
	// restricted to them. Clerk API: /allowlist_identifiers.
	AllowList *instance.AllowListService
	// BlockList manages the identifiers refused access to the instance.
	// Clerk API: /blocklist_identifiers.
	BlockList *instance.BlockListService
	// JWTTemplates manages the templates of custom session JWTs. Clerk API:
	// /jwt_templates.
	JWTTemplates *instance.JWTTemplateService

	// Package sessions: clients and the ways to sign a user in from the
	// backend.

	// Clients reads clients (browsers, devices) and verifies client tokens.
	Clients *sessions.ClientService
	// SignInTokens creates and revokes sign-in tokens, which sign a user
	// in without a password.
	SignInTokens *sessions.SignInTokenService
	// ActorTokens creates and revokes actor tokens, which start an
	// impersonation session.
	ActorTokens *sessions.ActorTokenService
	// TestingTokens creates testing tokens, which let end-to-end tests
	// through bot protection.
	TestingTokens *sessions.TestingTokenService
	// AgentTasks creates and revokes agent tasks, sign-in links for an
	// agent acting for a user.
	AgentTasks *sessions.AgentTaskService

	// Package invitations: invitations to the application and its waitlist.

	// Invitations invites people to sign up, lists and revokes invitations.
	Invitations *invitations.Service
	// Waitlist manages the waitlist: add, list, invite, reject, delete
	// entries.
	Waitlist *invitations.WaitlistService

	// package oauth

	// OAuthApplications manages the OAuth applications that use the
	// instance as their identity provider: their settings, logo and client
	// secret, and the tokens issued to them.
	OAuthApplications *oauth.ApplicationService

	// package billing

	// Billing reads plans, prices, statements and payment attempts, users'
	// and organizations' subscriptions and credit balances; cancels and
	// changes subscription items; creates prices and adjusts credits.
	Billing *billing.Service

	// Package organizations: custom roles and permissions.

	// OrganizationRoles manages the instance's organization roles and the
	// permissions each grants.
	OrganizationRoles *organizations.RoleService
	// OrganizationPermissions manages the instance's organization
	// permissions.
	OrganizationPermissions *organizations.PermissionService
	// RoleSets manages role sets, the collections of roles organizations
	// offer their members.
	RoleSets *organizations.RoleSetService

	core *internal.Client
	auth authConfig

	verifier  *jwt.Verifier // session tokens; fetches keys on first use
	closeOnce sync.Once
	closed    atomic.Bool
}

// options collects what the Option functions set.
type options struct {
	cfg              internal.Config
	auth             authConfig
	machineCacheSize int
	machineCacheTTL  time.Duration
	machineCacheSet  bool
}

// check validates what the options set.
func (o *options) check() error { return o.auth.check() }

// Option configures a Client.
type Option func(*options)

// WithBaseURL sets the Backend API root, with its version path (default
// https://api.clerk.com/v1).
func WithBaseURL(url string) Option { return func(o *options) { o.cfg.BaseURL = url } }

// WithHTTPClient sets the *http.Client calls go through (its Transport, for
// proxies or instrumentation). Its Timeout, if any, bounds each attempt.
func WithHTTPClient(hc *http.Client) Option { return func(o *options) { o.cfg.HTTPClient = hc } }

// WithMaxRetries sets how many times a failed call is retried (default 3);
// 0 turns retries off. Which failures are retried: see the package doc.
func WithMaxRetries(n int) Option {
	return func(o *options) {
		if n <= 0 {
			n = -1
		}
		o.cfg.MaxRetries = n
	}
}

// WithRetryWaitMax caps the wait between retries, backoff and Retry-After
// alike (default 10 s; zero or negative keeps the default). A 429 that asks
// for longer is returned at once, with APIError.RetryAfter set.
func WithRetryWaitMax(d time.Duration) Option { return func(o *options) { o.cfg.RetryWaitMax = d } }

// WithTimeout bounds each call, retries and their waits included, when the
// caller's context has no earlier deadline (default 60 s). Zero or negative
// leaves calls bounded by their context alone.
func WithTimeout(d time.Duration) Option {
	return func(o *options) {
		if d <= 0 {
			d = -1
		}
		o.cfg.Timeout = d
	}
}

// WithLogger makes the client log requests (Debug), retries (Info) and
// failures (Warn) to l. Nothing is logged without it. Log lines carry the
// method and path, never query values, headers or keys.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.cfg.Logger = l } }

// WithUserAgent prefixes the SDK's User-Agent with your application's, such
// as "myapp/1.4".
func WithUserAgent(ua string) Option { return func(o *options) { o.cfg.UserAgent = ua } }

// WithMachineTokenCache sizes the cache of successful API-key and M2M-token
// verifications: at most size entries, each kept for ttl. A key revoked in
// Clerk may keep verifying for up to ttl. Size or ttl 0 turns it off.
func WithMachineTokenCache(size int, ttl time.Duration) Option {
	return func(o *options) {
		o.machineCacheSize, o.machineCacheTTL, o.machineCacheSet = size, ttl, true
	}
}

// New returns a Client for a secret key (sk_test_... or sk_live_...). An
// empty or malformed key is an error here, not a 401 later; the error never
// contains the key. So are options for token checks that cannot work (a
// WithJWTKey that is no RSA public key, a malformed publishable key, an
// authorized party that is not an origin, a satellite domain that is not a
// domain name), which match ErrInvalidParams and say why. New makes no
// network call.
func New(secretKey string, opts ...Option) (*Client, error) {
	if err := checkSecretKey(secretKey); err != nil {
		return nil, err
	}
	var o options
	o.cfg.MaxRetries = internal.DefaultMaxRetries // WithMaxRetries(0) turns them off
	for _, opt := range opts {
		opt(&o)
	}
	if err := o.check(); err != nil {
		return nil, err
	}
	o.cfg.SecretKey = secretKey
	if o.machineCacheSet {
		o.cfg.MachineTokenCache = &internal.CacheConfig{Size: o.machineCacheSize, TTL: o.machineCacheTTL}
	}
	core, err := internal.New(o.cfg)
	if err != nil {
		return nil, err
	}
	c := &Client{
		Users:         (*users.Service)(internal.NewService(core)),
		Sessions:      (*sessions.Service)(internal.NewService(core)),
		Organizations: (*organizations.Service)(internal.NewService(core)),
		APIKeys:       (*apikeys.Service)(internal.NewService(core)),
		M2MTokens:     (*apikeys.M2MTokenService)(internal.NewService(core)),
		Machines:      (*apikeys.MachineService)(internal.NewService(core)),
		core:          core,
		auth:          o.auth,

		// package users: identifications and sign-ups
		EmailAddresses: (*users.EmailAddressService)(internal.NewService(core)),
		PhoneNumbers:   (*users.PhoneNumberService)(internal.NewService(core)),
		SignUps:        (*users.SignUpService)(internal.NewService(core)),

		// package oauth
		OAuthApplications: (*oauth.ApplicationService)(internal.NewService(core)),

		// package billing
		Billing: (*billing.Service)(internal.NewService(core)),
	}
	// Package enterprise.
	c.EnterpriseConnections = (*enterprise.ConnectionService)(internal.NewService(core))
	c.Directories = (*enterprise.DirectoryService)(internal.NewService(core))
	c.SCIMDirectories = (*enterprise.SCIMDirectoryService)(internal.NewService(core))
	c.AdminPortal = (*enterprise.AdminPortalService)(internal.NewService(core))

	// Package instance.
	c.Instance = (*instance.Service)(internal.NewService(core))
	c.Domains = (*instance.DomainService)(internal.NewService(core))
	c.RedirectURLs = (*instance.RedirectURLService)(internal.NewService(core))
	c.AllowList = (*instance.AllowListService)(internal.NewService(core))
	c.BlockList = (*instance.BlockListService)(internal.NewService(core))
	c.JWTTemplates = (*instance.JWTTemplateService)(internal.NewService(core))

	// Package sessions.
	c.Clients = (*sessions.ClientService)(internal.NewService(core))
	c.SignInTokens = (*sessions.SignInTokenService)(internal.NewService(core))
	c.ActorTokens = (*sessions.ActorTokenService)(internal.NewService(core))
	c.TestingTokens = (*sessions.TestingTokenService)(internal.NewService(core))
	c.AgentTasks = (*sessions.AgentTaskService)(internal.NewService(core))

	// Package invitations.
	c.Invitations = (*invitations.Service)(internal.NewService(core))
	c.Waitlist = (*invitations.WaitlistService)(internal.NewService(core))

	// Package organizations: custom roles and permissions.
	c.OrganizationRoles = (*organizations.RoleService)(internal.NewService(core))
	c.OrganizationPermissions = (*organizations.PermissionService)(internal.NewService(core))
	c.RoleSets = (*organizations.RoleSetService)(internal.NewService(core))
	// Building the verifier checks the token options and starts nothing:
	// keys are fetched on the first session token.
	if c.verifier, err = jwt.NewVerifier(c.jwtOptions()...); err != nil {
		core.Close()
		return nil, fmt.Errorf("%w: session-token options: %w", ErrInvalidParams, err)
	}
	return c, nil
}

// checkSecretKey refuses what cannot be a Clerk secret key, without
// repeating the key in the error.
func checkSecretKey(k string) error {
	if k == "" {
		return fmt.Errorf("%w: the key is empty", ErrInvalidSecretKey)
	}
	if !strings.HasPrefix(k, "sk_test_") && !strings.HasPrefix(k, "sk_live_") {
		return fmt.Errorf("%w: a secret key starts with sk_test_ or sk_live_ (a pk_ key is the publishable key)", ErrInvalidSecretKey)
	}
	if len(k) <= len("sk_test_") || len(k) > 512 {
		return fmt.Errorf("%w: the key has no body after its prefix, or is too long", ErrInvalidSecretKey)
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; c <= ' ' || c >= 0x7f {
			return fmt.Errorf("%w: the key contains white space or a non-ASCII byte", ErrInvalidSecretKey)
		}
	}
	return nil
}

// BaseURL returns the Backend API root the client calls.
func (c *Client) BaseURL() string { return c.core.BaseURL() }

// Close stops what the client started: the session-token verifier's JWKS
// fetching, if any, and idle connections of its own transport. It is safe
// to call more than once. After Close every token check fails with
// ErrClosed, before any network call and whatever the token (session JWT,
// API key, M2M token): VerifyToken, AuthenticateRequest, and RequireAuth,
// which answers 503 off its public routes. API calls through the services
// still work, opening new connections.
func (c *Client) Close() error {
	c.closeOnce.Do(func() {
		c.closed.Store(true)
		c.verifier.Close()
		c.core.Close()
	})
	return nil
}

// String describes the client without its key.
func (c *Client) String() string { return "clerk.Client(" + c.core.BaseURL() + ")" }

// GoString describes the client without its key, for %#v.
func (c *Client) GoString() string { return c.String() }

// Format prints the client without its key, whatever the verb.
func (c *Client) Format(f fmt.State, verb rune) { _, _ = fmt.Fprint(f, c.String()) }
