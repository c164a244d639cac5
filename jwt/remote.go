package jwt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/MicahParks/jwkset"

	"github.com/go-clerk/clerk/internal"
)

var errClosed = errors.New("verifier is closed")

// remote fetches a key set over HTTP into the verifier's key storage and
// keeps the last good one.
//
// Fetches run on goroutines the remote owns (tracked by wg, cancelled by
// Close), never on a caller's goroutine, so a caller whose context ends stops
// waiting without cancelling the fetch other callers share. At most one fetch
// runs at a time (inflight); callers that need one while it runs wait for it.
// There is no long-lived goroutine: a stale key set is refreshed by the next
// verification that uses it.
type remote struct {
	url          string
	client       *http.Client
	ownTransport *http.Transport // closed by close when the remote created it

	refreshInterval time.Duration
	minGap          time.Duration // between fetches once a key set is known
	retryGap        time.Duration // between fetches while none is known
	timeout         time.Duration
	now             func() time.Time // paces fetches; not the token clock

	keys     *jwkset.MemoryJWKSet // the verifier's keys; replaced whole by each good fetch
	fetched  atomic.Int64         // when keys was last replaced, by now, in Unix ns
	onRotate func()               // called when a refresh drops or changes a key
	ctx      context.Context      // parent of fetches; cancelled by close
	cancel   context.CancelFunc
	wg       sync.WaitGroup

	mu        sync.Mutex
	closed    bool
	haveKeys  bool // a fetch has succeeded
	inflight  *fetchCall
	lastStart time.Time // when the last fetch started; zero before the first
	lastErr   error     // outcome of the last finished fetch
}

type fetchCall struct {
	done chan struct{}
	err  error // written before done is closed
}

func newRemote(rawURL, bearer string, cfg *config, keys *jwkset.MemoryJWKSet, onRotate func()) (*remote, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("jwt: key set URL must be an absolute http(s) URL")
	}
	if bearer != "" && !internal.CheckSecretURL(u) {
		return nil, fmt.Errorf("jwt: the API URL must be https (plain http only to a loopback host): the secret key would travel unencrypted")
	}
	r := &remote{
		url:             u.String(),
		refreshInterval: cfg.refreshInterval,
		minGap:          min(cfg.minRefreshGap, cfg.refreshInterval),
		retryGap:        cfg.retryGap,
		timeout:         cfg.fetchTimeout,
		now:             cfg.fetchClock,
		keys:            keys,
		onRotate:        onRotate,
	}
	base := http.RoundTripper(nil)
	client := &http.Client{Timeout: cfg.fetchTimeout}
	if cfg.httpClient != nil {
		c := *cfg.httpClient
		client = &c
		base = cfg.httpClient.Transport
	}
	if base == nil {
		if cfg.httpClient == nil {
			if dt, ok := http.DefaultTransport.(*http.Transport); ok {
				r.ownTransport = dt.Clone()
				base = r.ownTransport
			}
		}
		if base == nil {
			base = http.DefaultTransport
		}
	}
	client.Transport = &jwksTransport{base: base, bearer: bearer, scheme: u.Scheme, host: u.Host}
	r.client = client
	r.ctx, r.cancel = context.WithCancel(context.Background())
	return r, nil
}

// refreshIfStale starts a background refresh when the key set is older than
// the refresh interval; the caller goes on with the current keys.
func (r *remote) refreshIfStale() {
	now := r.now()
	if now.UnixNano()-r.fetched.Load() < int64(r.refreshInterval) {
		return
	}
	r.mu.Lock()
	if r.inflight == nil && !r.closed && now.Sub(r.lastStart) >= r.minGap {
		r.startLocked(now)
	}
	r.mu.Unlock()
}

// awaitKey handles a kid missing from the key set (or a missing key set): it
// joins the running fetch or starts one unless the last started too
// recently, in which case it fails at once.
func (r *remote) awaitKey(ctx context.Context, kid string) (jwkset.JWK, error) {
	r.mu.Lock()
	if jwk, err := r.keys.KeyRead(ctx, kid); err == nil {
		r.mu.Unlock() // a fetch brought it meanwhile
		return jwk, nil
	}
	f := r.inflight
	if f == nil {
		if r.closed {
			r.mu.Unlock()
			return jwkset.JWK{}, keyNotFound(kid, errClosed)
		}
		now := r.now()
		gap := r.minGap
		if !r.haveKeys {
			gap = r.retryGap
		}
		if !r.lastStart.IsZero() && now.Sub(r.lastStart) < gap {
			err := r.lastErr
			r.mu.Unlock()
			return jwkset.JWK{}, keyNotFound(kid, err)
		}
		f = r.startLocked(now)
	}
	r.mu.Unlock()

	select {
	case <-f.done:
	case <-ctx.Done():
		return jwkset.JWK{}, errorf(ErrKeyNotFound, "waiting for the key set: %w", context.Cause(ctx))
	}
	if jwk, err := r.keys.KeyRead(ctx, kid); err == nil {
		return jwk, nil
	}
	return jwkset.JWK{}, keyNotFound(kid, f.err)
}

// startLocked starts a fetch; r.mu must be held and r.inflight nil.
func (r *remote) startLocked(now time.Time) *fetchCall {
	f := &fetchCall{done: make(chan struct{})}
	r.inflight = f
	r.lastStart = now
	r.wg.Add(1)
	go r.run(f)
	return f
}

func (r *remote) run(f *fetchCall) {
	defer r.wg.Done()
	ctx, cancel := context.WithTimeout(r.ctx, r.timeout)
	keys, err := r.fetch(ctx)
	cancel()
	if err == nil {
		// A memory storage's KeyReadAll and KeyReplaceAll cannot fail, and
		// no other fetch runs: nothing changes the keys in between.
		prev, _ := r.keys.KeyReadAll(r.ctx)
		_ = r.keys.KeyReplaceAll(r.ctx, keys)
		r.fetched.Store(r.now().UnixNano())
		if keysRemoved(prev, keys) {
			r.onRotate()
		}
	}
	r.mu.Lock()
	r.inflight = nil
	r.lastErr = err
	r.haveKeys = r.haveKeys || err == nil
	r.mu.Unlock()
	f.err = err
	close(f.done)
}

// fetch downloads the key set and parses it with parseJWKS, which skips the
// keys it cannot use. (jwkset's own HTTP storage refuses a whole set when
// one key is malformed, and refreshes on a goroutine of its own; scheduling
// and sharing fetches, and keeping the last good set, are ours.)
func (r *remote) fetch(ctx context.Context) ([]jwkset.JWK, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: %d", jwkset.ErrInvalidHTTPStatusCode, resp.StatusCode)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("reading the key set: %w", err)
	}
	return parseJWKS(body)
}

// close stops the fetches and waits for their goroutines.
func (r *remote) close() {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	r.cancel()
	r.wg.Wait()
	if r.ownTransport != nil {
		r.ownTransport.CloseIdleConnections()
	}
}

// jwksTransport adds the bearer token (with the Backend API's version
// header) for the key-set host only, and bounds the size of response bodies.
type jwksTransport struct {
	base   http.RoundTripper
	bearer string
	scheme string
	host   string
}

func (t *jwksTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "go-clerk/"+internal.Version)
	if t.bearer != "" && req.URL.Scheme == t.scheme && req.URL.Host == t.host {
		req.Header.Set("Authorization", "Bearer "+t.bearer)
		req.Header.Set("Clerk-API-Version", internal.APIVersion)
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body = http.MaxBytesReader(nil, resp.Body, maxJWKSBytes)
	return resp, nil
}
