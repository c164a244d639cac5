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
	// Package users: users, their identifications and sign-ups.

	// Users manages users. Clerk API: /users.
	Users *users.Service
	// EmailAddresses adds, reads, changes, deletes and verifies a user's
	// email addresses. Clerk API: /email_addresses.
	EmailAddresses *users.EmailAddressService
	// PhoneNumbers adds, reads, changes, deletes and verifies a user's
	// phone numbers. Clerk API: /phone_numbers.
	PhoneNumbers *users.PhoneNumberService
	// SignUps reads and updates sign-ups, the way users come to exist.
	// Clerk API: /sign_ups.
	SignUps *users.SignUpService

	// Package sessions: sessions, clients and the ways to sign a user in
	// from the backend.

	// Sessions reads, creates, refreshes and revokes sessions and mints
	// session tokens. Clerk API: /sessions.
	Sessions *sessions.Service
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

	// Package organizations: organizations, their members, and custom roles
	// and permissions.

	// Organizations manages organizations, their memberships,
	// invitations, domains and logos.
	Organizations *organizations.Service
	// OrganizationRoles manages the instance's organization roles and the
	// permissions each grants.
	OrganizationRoles *organizations.RoleService
	// OrganizationPermissions manages the instance's organization
	// permissions.
	OrganizationPermissions *organizations.PermissionService
	// RoleSets manages role sets, the collections of roles organizations
	// offer their members.
	RoleSets *organizations.RoleSetService

	// Package apikeys: machine authentication.

	// APIKeys manages and verifies API keys (ak_...).
	APIKeys *apikeys.Service
	// M2MTokens manages and verifies machine-to-machine tokens (mt_...),
	// with the machine secret key when the client has one
	// (WithMachineSecretKey, NewMachine), else with the secret key.
	M2MTokens *apikeys.M2MTokenService
	// Machines manages the machines M2M tokens are issued to.
	Machines *apikeys.MachineService
	// OAuthTokens verifies opaque OAuth access tokens (oat_...).
	OAuthTokens *apikeys.OAuthTokenService

	// Package invitations: invitations to the application and its waitlist.

	// Invitations invites people to sign up, lists and revokes invitations.
	Invitations *invitations.Service
	// Waitlist manages the waitlist: add, list, invite, reject, delete
	// entries.
	Waitlist *invitations.WaitlistService

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

	// Package oauth.

	// OAuthApplications manages the OAuth applications that use the
	// instance as their identity provider: their settings, logo and client
	// secret, and the tokens issued to them.
	OAuthApplications *oauth.ApplicationService

	// Package billing.

	// Billing reads plans, prices, statements and payment attempts, users'
	// and organizations' subscriptions and credit balances; cancels and
	// changes subscription items; creates prices and adjusts credits.
	Billing *billing.Service

	core    *internal.Client
	auth    authConfig
	browser *browser // browser requests' configuration (browser.go)

	verifier  *jwt.Verifier // JWTs; fetches keys on first use; nil without a key source (NewMachine)
	closeOnce sync.Once
	closed    atomic.Bool
}

// options collects what the Option functions set.
type options struct {
	cfg              internal.Config
	auth             authConfig
	browser          browserOptions
	machineKey       string
	machineKeySet    bool // an empty machine key given is a mistake, refused
	machineCacheSize int
	machineCacheTTL  time.Duration
	machineCacheSet  bool
}

// check validates what the options set.
func (o *options) check() error {
	if o.machineKeySet {
		if err := checkMachineKey(o.machineKey); err != nil {
			return err
		}
	}
	if err := o.browser.check(); err != nil {
		return err
	}
	return o.auth.check()
}

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

// WithMachineTokenCache sizes the caches of successful verifications of
// API keys, opaque M2M tokens and opaque OAuth access tokens (one cache per
// type): at most size entries, each kept for ttl. A key revoked in Clerk
// may keep verifying for up to ttl. Size or ttl 0 turns it off.
func WithMachineTokenCache(size int, ttl time.Duration) Option {
	return func(o *options) {
		o.machineCacheSize, o.machineCacheTTL, o.machineCacheSet = size, ttl, true
	}
}

// WithMachineSecretKey gives the client a machine's secret key (ak_...,
// CLERK_MACHINE_SECRET_KEY), as Clerk's JS SDK takes machineSecretKey: every
// call of M2MTokens (Create, List, All, Revoke, Verify) then authenticates
// with it instead of the secret key, and Create needs no key in its params.
// With a machine key, Clerk lists, revokes and verifies only the tokens of,
// or granted to, that machine. An empty or malformed key fails New with
// ErrInvalidSecretKey.
func WithMachineSecretKey(key string) Option {
	return func(o *options) { o.machineKey, o.machineKeySet = key, true }
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
	return newClient(secretKey, opts)
}

// NewMachine returns a machine-only Client: one that has a machine's secret
// key (ak_..., CLERK_MACHINE_SECRET_KEY) and no instance secret key, as
// Clerk's JS SDK builds one with machineSecretKey alone. What it can do:
//
//   - M2MTokens: Create (for its machine, with no key in the params), List,
//     All and Revoke (its machine's tokens), Verify (tokens granted to its
//     machine), all authenticated with the machine key;
//   - VerifyToken, AuthenticateRequest and the middleware, for M2M tokens:
//     opaque ones with the machine key, JWT ones against the instance's
//     keys when WithJWTKey (networkless) or WithPublishableKey (the
//     Frontend API's JWKS) gives them; session tokens too with those keys.
//
// Every other call (the other services, API keys and OAuth access tokens,
// which need the instance's secret key) fails before anything is sent with
// an error matching ErrSecretKeyRequired, never a 401 from Clerk; so does
// verifying a JWT without WithJWTKey or WithPublishableKey. The key is
// checked as WithMachineSecretKey checks it; options are New's (a later
// WithMachineSecretKey is overridden by machineSecretKey).
func NewMachine(machineSecretKey string, opts ...Option) (*Client, error) {
	return newClient("", append(opts[:len(opts):len(opts)], WithMachineSecretKey(machineSecretKey)))
}

// checkMachineKey refuses what cannot be a machine's secret key, without
// repeating the key in the error.
func checkMachineKey(k string) error {
	if !strings.HasPrefix(k, "ak_") || len(k) == len("ak_") || len(k) > 512 {
		return fmt.Errorf("%w: a machine secret key starts with ak_ and has a body after it", ErrInvalidSecretKey)
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; c <= ' ' || c >= 0x7f {
			return fmt.Errorf("%w: the machine secret key contains white space or a non-ASCII byte", ErrInvalidSecretKey)
		}
	}
	return nil
}

// newClient builds a Client with the instance's secret key, or "" for a
// machine-only client (opts then give the machine key), whose other calls
// fail with ErrSecretKeyRequired.
func newClient(secretKey string, opts []Option) (*Client, error) {
	var o options
	o.cfg.MaxRetries = internal.DefaultMaxRetries // WithMaxRetries(0) turns them off
	for _, opt := range opts {
		opt(&o)
	}
	if secretKey == "" && !o.machineKeySet {
		return nil, fmt.Errorf("%w: the key is empty", ErrInvalidSecretKey)
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
	// M2M-token calls authenticate with the machine key when there is one:
	// a second transport core over the same HTTP client and settings.
	m2mCore := core
	if o.machineKey != "" {
		mcfg := o.cfg
		mcfg.SecretKey, mcfg.HTTPClient = o.machineKey, core.HTTPClient()
		if m2mCore, err = internal.New(mcfg); err != nil {
			core.Close()
			return nil, err
		}
	}
	// Every service is a view over the one transport core (M2M tokens over
	// the machine key's, when there is one).
	view := internal.NewService
	c := &Client{
		Users:          (*users.Service)(view(core)),
		EmailAddresses: (*users.EmailAddressService)(view(core)),
		PhoneNumbers:   (*users.PhoneNumberService)(view(core)),
		SignUps:        (*users.SignUpService)(view(core)),

		Sessions:      (*sessions.Service)(view(core)),
		Clients:       (*sessions.ClientService)(view(core)),
		SignInTokens:  (*sessions.SignInTokenService)(view(core)),
		ActorTokens:   (*sessions.ActorTokenService)(view(core)),
		TestingTokens: (*sessions.TestingTokenService)(view(core)),
		AgentTasks:    (*sessions.AgentTaskService)(view(core)),

		Organizations:           (*organizations.Service)(view(core)),
		OrganizationRoles:       (*organizations.RoleService)(view(core)),
		OrganizationPermissions: (*organizations.PermissionService)(view(core)),
		RoleSets:                (*organizations.RoleSetService)(view(core)),

		APIKeys:     (*apikeys.Service)(view(core)),
		M2MTokens:   (*apikeys.M2MTokenService)(view(m2mCore)),
		Machines:    (*apikeys.MachineService)(view(core)),
		OAuthTokens: (*apikeys.OAuthTokenService)(view(core)),

		Invitations: (*invitations.Service)(view(core)),
		Waitlist:    (*invitations.WaitlistService)(view(core)),

		Instance:     (*instance.Service)(view(core)),
		Domains:      (*instance.DomainService)(view(core)),
		RedirectURLs: (*instance.RedirectURLService)(view(core)),
		AllowList:    (*instance.AllowListService)(view(core)),
		BlockList:    (*instance.BlockListService)(view(core)),
		JWTTemplates: (*instance.JWTTemplateService)(view(core)),

		EnterpriseConnections: (*enterprise.ConnectionService)(view(core)),
		Directories:           (*enterprise.DirectoryService)(view(core)),
		SCIMDirectories:       (*enterprise.SCIMDirectoryService)(view(core)),
		AdminPortal:           (*enterprise.AdminPortalService)(view(core)),

		OAuthApplications: (*oauth.ApplicationService)(view(core)),

		Billing: (*billing.Service)(view(core)),

		core:    core,
		auth:    o.auth,
		browser: newBrowser(o.auth, o.browser),
	}
	// Building the verifier checks the token options and starts nothing:
	// keys are fetched on the first JWT. A machine-only client without a
	// key source has none: it verifies opaque M2M tokens only.
	if secretKey == "" && o.auth.jwtKey == "" && o.auth.publishableKey == "" && len(o.auth.jwtOptions) == 0 {
		return c, nil
	}
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

// Close stops what the client started: the JWT verifier's JWKS fetching, if
// any, and idle connections of its own transport. It is safe to call more
// than once. After Close every token check fails with ErrClosed, before any
// network call and whatever the token (session JWT, API key, M2M or OAuth
// token): VerifyToken, AuthenticateRequest, and RequireAuth,
// which answers 503 off its public routes. API calls through the services
// still work, opening new connections.
func (c *Client) Close() error {
	c.closeOnce.Do(func() {
		c.closed.Store(true)
		if c.verifier != nil {
			c.verifier.Close()
		}
		c.closeBrowser()
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
