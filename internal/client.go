package internal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// APIVersion is the Backend API version this SDK speaks, sent as the
// Clerk-API-Version header on every call.
const APIVersion = "2026-05-12"

// DefaultBaseURL is the Backend API root, with its version path.
const DefaultBaseURL = "https://api.clerk.com/v1"

// Version is the SDK's version, part of its User-Agent.
const Version = "0.1.0"

// Defaults of Config.
const (
	DefaultMaxRetries       = 3
	DefaultRetryWaitMin     = 500 * time.Millisecond
	DefaultRetryWaitMax     = 10 * time.Second
	DefaultTimeout          = 60 * time.Second
	DefaultMaxResponseBytes = 32 << 20
	maxErrorBody            = 64 << 10
)

// Config configures a Client. Zero fields take the defaults above, but for
// MaxRetries, whose zero means no retries.
type Config struct {
	// SecretKey authenticates every call (Authorization: Bearer) that names
	// no bearer of its own. Empty, such calls fail with ErrSecretKeyRequired
	// before anything is sent.
	SecretKey string
	// BaseURL is the API root with its version path (DefaultBaseURL).
	BaseURL string
	// HTTPClient sends the requests; nil means a transport of the client's
	// own, whose idle connections Close releases.
	HTTPClient *http.Client
	// MaxRetries is how many times a call is retried: 0 (or less) means
	// none, as clerk.WithMaxRetries(0) does. The root package starts from
	// DefaultMaxRetries.
	MaxRetries int
	// RetryWaitMin is the first backoff wait; it doubles per retry.
	RetryWaitMin time.Duration
	// RetryWaitMax caps the backoff and the Retry-After the client obeys.
	RetryWaitMax time.Duration
	// Timeout bounds a whole call, retries and waits included, when the
	// caller's context has no earlier deadline. Negative means none.
	Timeout time.Duration
	// MaxResponseBytes caps the bytes read of a successful answer.
	MaxResponseBytes int64
	// Logger receives requests (Debug), retries (Info) and failures (Warn);
	// nil logs nothing.
	Logger *slog.Logger
	// UserAgent, when set, is put before the SDK's own User-Agent.
	UserAgent string
	// Sleep waits between retries; tests inject one that records the waits.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock Retry-After dates are read against. Deadlines are
	// always real time, as contexts keep them.
	Now func() time.Time
	// Jitter returns a number in [0, 1) that spreads backoff waits.
	Jitter func() float64
	// MachineTokenCache, when set, sizes apikeys' cache of verified machine
	// tokens (clerk.WithMachineTokenCache); nil keeps apikeys' defaults.
	MachineTokenCache *CacheConfig
}

// CacheConfig bounds a cache: at most Size entries, each kept for at most
// TTL. A Size or TTL of zero (or less) turns the cache off.
type CacheConfig struct {
	// Size is the most entries the cache holds.
	Size int
	// TTL is the longest an entry is kept.
	TTL time.Duration
}

// Client is the transport core every service is a thin view over. It is safe
// for concurrent use.
type Client struct {
	key           Secret // printing a Client never shows it
	base          string // without trailing slash
	ua            string
	rc            *retryablehttp.Client
	hc            *http.Client
	log           *slog.Logger
	timeout       time.Duration
	maxBody       int64
	waitMin       time.Duration
	waitMax       time.Duration
	sleep         func(context.Context, time.Duration) error
	now           func() time.Time
	jitter        func() float64
	mtCache       *CacheConfig
	ownsTransport bool // Close may release the transport's idle connections
}

// New builds a transport core. It does not check the key's shape: the root
// package does.
func New(cfg Config) (*Client, error) {
	base := cfg.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("%w: base URL %q is not an absolute http(s) URL", ErrInvalidParams, base)
	}
	if !CheckSecretURL(u) {
		return nil, fmt.Errorf("%w: base URL must be https (plain http only to a loopback host): the secret key would travel unencrypted", ErrInvalidParams)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("%w: base URL must not carry a query, fragment or credentials", ErrInvalidParams)
	}
	key := cfg.SecretKey
	c := &Client{
		key:     NewSecret(key),
		base:    strings.TrimRight(u.String(), "/"),
		ua:      "go-clerk/" + Version + " (+https://github.com/go-clerk/clerk)",
		hc:      cfg.HTTPClient,
		log:     cfg.Logger,
		timeout: cfg.Timeout,
		maxBody: cfg.MaxResponseBytes,
		waitMin: cfg.RetryWaitMin,
		waitMax: cfg.RetryWaitMax,
		sleep:   cfg.Sleep,
		now:     cfg.Now,
		jitter:  cfg.Jitter,
		mtCache: cfg.MachineTokenCache,
	}
	if cfg.UserAgent != "" {
		c.ua = cfg.UserAgent + " " + c.ua
	}
	if c.hc == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 32
		c.hc = &http.Client{Transport: t}
		c.ownsTransport = true
	}
	if c.timeout == 0 {
		c.timeout = DefaultTimeout
	}
	if c.maxBody <= 0 {
		c.maxBody = DefaultMaxResponseBytes
	}
	if c.waitMin <= 0 {
		c.waitMin = DefaultRetryWaitMin
	}
	if c.waitMax <= 0 {
		c.waitMax = DefaultRetryWaitMax
	}
	if c.waitMin > c.waitMax {
		c.waitMin = c.waitMax
	}
	if c.sleep == nil {
		c.sleep = sleepCtx
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.jitter == nil {
		c.jitter = randFloat
	}
	retries := max(cfg.MaxRetries, 0)
	// retryablehttp closes its HTTP client's idle connections whenever a
	// call ends in failure. Its copy of the client has a transport that hides
	// CloseIdleConnections: a caller's pool is theirs, and our own stays warm
	// for the calls running beside a failed one (Close still empties it).
	rt := c.hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	rcClient := *c.hc
	rcClient.Transport = keepIdle{rt}
	rcClient.CheckRedirect = func(*http.Request, []*http.Request) error { return errRedirect }
	c.rc = &retryablehttp.Client{
		HTTPClient: &rcClient,
		// Logger stays nil: retryablehttp's default logger writes every
		// request to stderr. We log ourselves, without query values.
		Logger:       nil,
		RetryMax:     retries,
		RetryWaitMin: c.waitMin,
		RetryWaitMax: c.waitMax,
		CheckRetry:   c.checkRetry,
		// The wait is decided in checkRetry and slept in PrepareRetry with
		// the injectable sleep, so retryablehttp's own timer waits zero.
		Backoff:      func(time.Duration, time.Duration, int, *http.Response) time.Duration { return 0 },
		PrepareRetry: c.prepareRetry,
		ErrorHandler: lastAnswer,
	}
	return c, nil
}

// keepIdle is a transport without CloseIdleConnections, so that
// (*http.Client).CloseIdleConnections leaves the wrapped one alone.
type keepIdle struct{ http.RoundTripper }

// BaseURL returns the API root the client calls, without a trailing slash.
func (c *Client) BaseURL() string { return c.base }

// HTTPClient returns the *http.Client the transport sends with.
func (c *Client) HTTPClient() *http.Client { return c.hc }

// SecretKey returns the key the client authenticates with. Only code that
// must hand it to another component (the JWKS fetcher) calls it.
func (c *Client) SecretKey() string { return c.key.Reveal() }

// Clock returns the client's clock (Config.Now, else time.Now).
func (c *Client) Clock() func() time.Time { return c.now }

// MachineTokenCache returns Config.MachineTokenCache: nil when unset.
func (c *Client) MachineTokenCache() *CacheConfig { return c.mtCache }

// Logger returns the configured logger, or nil.
func (c *Client) Logger() *slog.Logger { return c.log }

// Close releases idle connections of a transport the client created itself.
func (c *Client) Close() {
	if c.ownsTransport {
		c.hc.CloseIdleConnections()
	}
}

// String describes the client without its key.
func (c *Client) String() string { return "clerk transport for " + c.base }

// Request is one Backend API call.
type Request struct {
	// Method is the HTTP method, such as http.MethodGet.
	Method string
	// Path is relative to the base URL: a spec path template such as
	// "/users/{user_id}", filled with IDs by Path, or a path without
	// {names} taken as it is.
	Path string
	// IDs fill Path's {names}, in order.
	IDs []string
	// Query is sent as the URL's query: url.Values, or a params struct with
	// url tags (see Query). It is never logged.
	Query any
	// Body is sent as JSON (MarshalBody: encoding/json's rules, a Secret in
	// clear), unless it is a *Multipart. Nil sends no body.
	Body any
	// Bearer, when set, authenticates this call instead of the client's
	// secret key (POST /m2m_tokens takes a machine secret key).
	Bearer string

	discard  bool   // the answer's body is not needed
	resource bool   // a list answer must hold one: {} is refused (CallList)
	path     string // Path with its IDs, once send has built it
}

// answerError wraps a 2xx answer that does not decode.
func (c *Client) answerError(r *Request, err error) error {
	return fmt.Errorf("clerk: %s %s: %w", r.Method, r.path, err)
}

// errRedirect refuses every redirect: the Backend API never redirects, and
// following one would carry the secret key to wherever Location points. It
// matches ErrInvalidResponse.
var errRedirect = fmt.Errorf("%w: a redirect, which is never followed with the secret key", ErrInvalidResponse)

// send sends a request (ARCHITECTURE.md, "The request path"), retrying as
// the policy says, and returns the body of a 2xx answer (nil when r.discard is set or the answer is a 204). A
// non-2xx answer is an *APIError; a transport failure wraps its cause.
func (c *Client) send(ctx context.Context, r *Request) ([]byte, error) {
	if ctx == nil {
		return nil, fmt.Errorf("%w: nil context", ErrInvalidParams)
	}
	path, err := Path(r.Path, r.IDs...)
	if err != nil {
		return nil, err
	}
	r.path = path
	if c.timeout > 0 {
		if dl, ok := ctx.Deadline(); !ok || time.Until(dl) > c.timeout {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, c.timeout)
			defer cancel()
		}
	}
	var (
		body        []byte
		contentType string
	)
	switch b := r.Body.(type) {
	case nil:
	case *Multipart:
		if body, contentType, err = b.encode(); err != nil {
			return nil, err
		}
	default:
		if body, err = MarshalBody(b); err != nil {
			return nil, fmt.Errorf("clerk: encoding %s %s request body: %w", r.Method, path, err)
		}
		contentType = "application/json"
	}

	target := c.base + path
	var query url.Values
	switch q := r.Query.(type) {
	case nil:
	case url.Values:
		query = q
	default:
		query = Query(q)
	}
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	call := &attempt{method: r.Method, path: path, url: c.base + path}
	ctx = context.WithValue(ctx, attemptKey{}, call)
	var raw any
	if body != nil {
		raw = body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, r.Method, target, raw)
	if err != nil {
		return nil, fmt.Errorf("clerk: building %s %s: %w", r.Method, path, err)
	}
	bearer := r.Bearer
	if bearer == "" {
		bearer = c.key.Reveal()
	}
	if bearer == "" {
		return nil, fmt.Errorf("clerk: %s %s: %w", r.Method, path, ErrSecretKeyRequired)
	}
	h := req.Header
	h.Set("Authorization", "Bearer "+bearer)
	h.Set("Clerk-API-Version", APIVersion)
	h.Set("User-Agent", c.ua)
	h.Set("Accept", "application/json")
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}

	resp, err := c.rc.Do(req)
	if err != nil {
		scrubURL(err, call.url) // no query values, no Location, in logs or errors
		err = fmt.Errorf("clerk: %s %s: %w", r.Method, path, err)
		c.logDone(ctx, call, 0, err)
		return nil, err
	}
	defer resp.Body.Close()
	c.logDone(ctx, call, resp.StatusCode, nil)

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		ra, _ := retryAfter(resp, c.now())
		return nil, NewAPIError(resp.StatusCode, resp.Header, b, ra, c.key.Reveal())
	}
	if r.discard || resp.StatusCode == http.StatusNoContent {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
		return nil, nil
	}
	data, err := readBody(resp, c.maxBody)
	if err != nil {
		return nil, fmt.Errorf("clerk: %s %s: %w", r.Method, path, err)
	}
	return data, nil
}

// readBody reads a 2xx answer whole, up to max bytes: into one buffer of the
// announced length when the answer has one.
func readBody(resp *http.Response, max int64) ([]byte, error) {
	if n := resp.ContentLength; n > max {
		return nil, fmt.Errorf("%w (%d bytes, cap %d)", ErrResponseTooLarge, n, max)
	} else if n >= 0 {
		b := make([]byte, n)
		if _, err := io.ReadFull(resp.Body, b); err != nil {
			return nil, fmt.Errorf("reading the answer: %w", err)
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
		return b, nil
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("reading the answer: %w", err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w (cap %d bytes)", ErrResponseTooLarge, max)
	}
	return b, nil
}

// scrubURL sets the URL of a *url.Error in err's chain, in place, to the
// request's URL without its query: query values may hold e-mail addresses,
// and after a redirect the URL is the Location's, whose path may hold
// anything. Neither a log line nor the error the caller gets carries them.
func scrubURL(err error, requestURL string) {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = requestURL
	}
}

func (c *Client) logDone(ctx context.Context, call *attempt, status int, err error) {
	if c.log == nil {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", call.method),
		slog.String("path", call.path),
		slog.Int("attempts", call.retries+1),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
		c.log.LogAttrs(ctx, slog.LevelWarn, "clerk: request failed", attrs...)
		return
	}
	attrs = append(attrs, slog.Int("status", status))
	lvl := slog.LevelDebug
	if status >= 500 || status == http.StatusTooManyRequests {
		lvl = slog.LevelWarn
	}
	c.log.LogAttrs(ctx, lvl, "clerk: request", attrs...)
}
