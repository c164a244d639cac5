package clerktest

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/go-clerk/clerk"
)

// TB is the part of testing.TB a Server uses: *testing.T and *testing.B
// satisfy it. A nil TB is allowed (a program, such as the quickstart): the
// server is then closed by Close, and a helper that fails panics.
type TB interface {
	Helper()
	Cleanup(func())
	Fatalf(format string, args ...any)
}

// An Option configures a Server.
type Option func(*config)

type config struct {
	clock func() time.Time
	key   *rsa.PrivateKey
	// wrap is the package's own tests' hook: it wraps the server's handler
	// (a middleware that validates every answer against Clerk's spec).
	wrap func(http.Handler) http.Handler
}

// WithClock sets the server's clock: the times it stamps on what it
// creates (created_at, updated_at, expirations) and the iat, nbf and exp of
// the session tokens it mints. The default is time.Now. A nil clock is
// ignored.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.clock = now
		}
	}
}

// WithSigningKey makes the server sign session tokens with k (2048 bits or
// more: package jwt refuses smaller keys) instead of the package's built-in
// test key. Every server has its own key ID, so a token minted by one server
// never verifies against another's JWKS; give each server its own key to
// also make them fail against each other's PEM (JWTKey).
func WithSigningKey(k *rsa.PrivateKey) Option {
	return func(c *config) {
		if k != nil {
			c.key = k
		}
	}
}

// frontendHost is the Frontend API host of every server: the reserved
// .invalid top-level domain, so that nothing can ever resolve it, and shaped
// as a production instance's Frontend API (clerk.<domain>), which package
// jwt accepts as Clerk's issuer.
const frontendHost = "clerk.clerktest.invalid"

// Server is an in-memory Clerk Backend API served over HTTP on loopback.
// It holds users, sessions, organizations, memberships, organization
// invitations, roles, API keys, machines and M2M tokens, and answers the
// Backend API's requests for them as Clerk does: the same paths, list shapes,
// filters, ordering and paging, status codes and error bodies, checked
// against Clerk's OpenAPI spec by the package's tests. It mints RS256 session
// tokens that package jwt verifies against its JWKS (GET /v1/jwks) or its
// PEM (JWTKey), and signs webhook deliveries.
//
// Endpoints it does not model answer 501 Not Implemented with Clerk's error
// body, naming the operation of the spec (code "not_implemented").
//
// A Server is safe for concurrent use. Its fields are set by NewServer and
// must not be changed.
type Server struct {
	// URL is the API root, ending in /v1: what clerk.WithBaseURL and
	// CLERK_API_URL take.
	URL string
	// SecretKey is the instance secret key the server accepts as bearer,
	// "sk_test_..."; another key is refused with a 401.
	SecretKey string
	// PublishableKey encodes the server's Frontend API host,
	// clerk.clerktest.invalid (a reserved name that never resolves).
	PublishableKey string
	// Issuer is the iss claim of the session tokens the server mints:
	// https:// and the Frontend API host.
	Issuer string
	// JWTKey is the PEM of the public key session tokens are signed with:
	// what the Clerk Dashboard calls the JWKS Public Key (CLERK_JWT_KEY,
	// clerk.WithJWTKey), for verification without any network call.
	JWTKey string
	// WebhookSecret is the signing secret of SignWebhook, "whsec_...", as
	// CLERK_WEBHOOK_SIGNING_SECRET holds it.
	WebhookSecret string
	// InstanceID is the instance ID the server puts in webhook payloads, and
	// the key ID of its JWKS.
	InstanceID string
	// FrontendAPIURL is where browsers reach the server's Frontend API (the
	// handshake; see "Browsers" in the package documentation), on loopback:
	// what clerk.WithProxyURL and CLERK_PROXY_URL take, since the
	// publishable key's host never resolves.
	FrontendAPIURL string
	// SignInURL is the server's sign-in page, a form that signs any of its
	// users in by ID: what clerk.WithSignInURL and CLERK_SIGN_IN_URL take.
	SignInURL string

	t   TB
	ts  *httptest.Server
	now func() time.Time
	key *rsa.PrivateKey
	mux *http.ServeMux
	// patterns are the routes the server models ("GET /users").
	patterns []string
	quit     chan struct{} // closed by Close: ends injected delays
	close    sync.Once

	mu      sync.Mutex // guards everything below, and the data of db
	db      *store
	fapi    *frontend
	faults  []*Fault
	calls   map[string]int
	clients []*clerk.Client
}

// NewServer starts a server on a loopback port. With a non-nil t it is
// closed by t.Cleanup and a failing helper fails the test with t.Fatalf;
// with a nil t, close it with Close.
func NewServer(t TB, opts ...Option) *Server {
	if t != nil {
		t.Helper()
	}
	cfg := config{clock: time.Now}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := &Server{
		t:     t,
		now:   cfg.clock,
		key:   cfg.key,
		mux:   http.NewServeMux(),
		quit:  make(chan struct{}),
		db:    newStore(),
		fapi:  newFrontend(),
		calls: map[string]int{},
	}
	if s.key == nil {
		s.key = testKey()
	}
	s.SecretKey = "sk_test_clerktest" + randomHex(16)
	s.WebhookSecret = "whsec_" + base64.StdEncoding.EncodeToString(randomBytes(24))
	s.InstanceID = "ins_clerktest" + randomHex(9)
	s.Issuer = "https://" + frontendHost
	s.PublishableKey = "pk_test_" + base64.RawStdEncoding.EncodeToString([]byte(frontendHost+"$"))
	pem, err := publicKeyPEM(&s.key.PublicKey)
	if err != nil {
		s.fatalf("clerktest: the signing key: %v", err)
	}
	s.JWTKey = pem
	s.routes()
	var h http.Handler = http.HandlerFunc(s.serve)
	if cfg.wrap != nil {
		h = cfg.wrap(h)
	}
	s.ts = httptest.NewServer(h)
	s.URL = s.ts.URL + "/v1"
	s.FrontendAPIURL = s.ts.URL + frontendPath
	s.SignInURL = s.ts.URL + signInPath
	if t != nil {
		t.Cleanup(s.Close)
	}
	return s
}

// Close closes the clients made by Client, ends injected delays and shuts
// the server down, waiting for the requests in flight. It is safe to call
// more than once.
func (s *Server) Close() {
	s.close.Do(func() {
		close(s.quit)
		s.mu.Lock()
		clients := s.clients
		s.clients = nil
		s.mu.Unlock()
		for _, c := range clients {
			_ = c.Close()
		}
		s.ts.Close()
	})
}

// Client returns a *clerk.Client wired to the server: its secret key, its
// URL, its publishable key (so session tokens must carry its Issuer), its
// Frontend API and sign-in page for browsers (clerk.WithProxyURL,
// clerk.WithSignInURL) and an HTTP client whose connections the server
// closes. opts come after those
// and may replace them (clerk.WithMaxRetries(0), to see an injected fault
// at once; clerk.WithJWTKey(srv.JWTKey), to verify session tokens with no
// request at all). The client is closed with the server.
func (s *Server) Client(opts ...clerk.Option) *clerk.Client {
	if s.t != nil {
		s.t.Helper()
	}
	all := append([]clerk.Option{
		clerk.WithBaseURL(s.URL),
		clerk.WithPublishableKey(s.PublishableKey),
		clerk.WithProxyURL(s.FrontendAPIURL),
		clerk.WithSignInURL(s.SignInURL),
		clerk.WithHTTPClient(s.ts.Client()),
	}, opts...)
	c, err := clerk.New(s.SecretKey, all...)
	if err != nil {
		s.fatalf("clerktest: creating the client: %v", err)
	}
	s.mu.Lock()
	s.clients = append(s.clients, c)
	s.mu.Unlock()
	return c
}

// fatalf reports a helper's failure: the test fails, or, without a test, the
// program panics (a helper fails only when called wrongly).
func (s *Server) fatalf(format string, args ...any) {
	if s.t != nil {
		s.t.Helper()
		s.t.Fatalf(format, args...)
		return
	}
	panic(fmt.Sprintf(format, args...))
}

// serve is the server's handler: it counts the call, applies an injected
// fault, checks the bearer of Backend API calls and routes.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	op := findOperation(r.Method, r.URL.EscapedPath())
	f := s.arrive(op.key(r))
	if f != nil {
		if !s.wait(r, f.Delay) {
			return
		}
		if f.Status != 0 {
			writeFault(w, f)
			return
		}
	}
	if strings.HasPrefix(r.URL.Path, "/v1/") {
		if e := s.authenticate(r, op); e != nil {
			writeError(w, e)
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// authenticate checks the bearer of a Backend API call: the instance secret
// key, or, on the M2M token endpoints that take one, a machine's secret key.
func (s *Server) authenticate(r *http.Request, op operation) *apiError {
	bearer, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || bearer == "" {
		return &apiError{status: http.StatusUnauthorized, code: "authorization_header_format_invalid",
			msg: "Invalid Authorization header format", long: `The Authorization header must be "Bearer " followed by your Clerk Secret Key.`}
	}
	if bearer == s.SecretKey {
		return nil
	}
	if op.machineAuth() {
		s.mu.Lock()
		_, known := s.db.machineBySecret[bearer]
		s.mu.Unlock()
		if known {
			return nil
		}
	}
	return &apiError{status: http.StatusUnauthorized, code: "clerk_key_invalid",
		msg: "Secret Key invalid", long: "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct."}
}

// time returns the server's clock, at the millisecond precision of Clerk's
// timestamps.
func (s *Server) time() time.Time { return s.now().UTC().Truncate(time.Millisecond) }

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return b
}

func randomHex(n int) string { return hex.EncodeToString(randomBytes(n)) }
