package apikeys

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"

	"github.com/go-clerk/clerk/internal"
)

// tokenKey is the SHA-256 of a token: what the cache and the in-flight table
// are keyed by, so that neither holds the token itself.
type tokenKey [sha256.Size]byte

func keyOf(token string) tokenKey { return sha256.Sum256([]byte(token)) }

// entry is one cached verification.
type entry[T any] struct {
	val     *T
	expires time.Time // min(verified + TTL, the token's own expiration)
}

// ttlCache is a bounded LRU of verified results whose entries also expire.
// Expired entries are dropped when met, and pushed out by the LRU bound.
type ttlCache[T any] struct {
	ttl time.Duration
	mu  sync.Mutex
	lru *simplelru.LRU[tokenKey, entry[T]]
}

// newTTLCache returns nil (no cache) when size or ttl is not positive.
func newTTLCache[T any](size int, ttl time.Duration) *ttlCache[T] {
	if size <= 0 || ttl <= 0 {
		return nil
	}
	l, err := simplelru.NewLRU[tokenKey, entry[T]](size, nil)
	if err != nil { // only for size <= 0, excluded above
		return nil
	}
	return &ttlCache[T]{ttl: ttl, lru: l}
}

func (c *ttlCache[T]) get(k tokenKey, now time.Time) (*T, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.lru.Get(k)
	if !ok {
		return nil, false
	}
	if !now.Before(e.expires) {
		c.lru.Remove(k)
		return nil, false
	}
	return e.val, true
}

// add remembers v until now+TTL, or until exp when that comes first. A
// result whose token has already expired is not stored.
func (c *ttlCache[T]) add(k tokenKey, v *T, now time.Time, exp *time.Time) {
	if c == nil {
		return
	}
	expires := now.Add(c.ttl)
	if exp != nil && !exp.IsZero() && exp.Before(expires) {
		expires = *exp
	}
	if !now.Before(expires) {
		return
	}
	c.mu.Lock()
	c.lru.Add(k, entry[T]{val: v, expires: expires})
	c.mu.Unlock()
}

// removeIf drops the entries whose result matches, such as every cached
// verification of a key that this process has just revoked.
func (c *ttlCache[T]) removeIf(match func(*T) bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range c.lru.Keys() {
		if e, ok := c.lru.Peek(k); ok && match(e.val) {
			c.lru.Remove(k)
		}
	}
}

// flight is one verify call in progress, shared by every concurrent caller
// with the same token.
type flight[T any] struct {
	done    chan struct{}
	val     *T
	err     error
	waiters atomic.Int32 // callers waiting on this call (besides its maker)
	gen     uint64       // the verifier's generation when the call began
	// leaderGone is set when the context of the caller that made the call
	// had ended by the time it returned.
	leaderGone bool
}

var errFlightAborted = errors.New("apikeys: verification aborted")

// verifier runs the Verify methods: a cache lookup, then at most one API
// call per distinct token in flight at a time.
type verifier[T any] struct {
	cache *ttlCache[T]
	now   func() time.Time
	// expiration returns the token's own expiration (nil if none).
	expiration func(*T) *time.Time
	// clone copies a result, so that callers never share (or change) the
	// cached value.
	clone func(*T) *T

	mu       sync.Mutex
	inflight map[tokenKey]*flight[T]
	// gen counts the calls to forget. A call that began in an earlier
	// generation may carry an answer from before a revocation: its result
	// is handed to the callers that waited on it, but not cached.
	gen uint64
}

func newVerifier[T any](cfg config, expiration func(*T) *time.Time, clone func(*T) *T) *verifier[T] {
	return &verifier[T]{
		cache:      newTTLCache[T](cfg.cacheSize, cfg.cacheTTL),
		now:        cfg.now,
		expiration: expiration,
		clone:      clone,
		inflight:   map[tokenKey]*flight[T]{},
	}
}

// verify returns the cached result of token, or calls fetch, sharing one
// call among concurrent callers. Only successes are cached. A caller whose
// context ends stops waiting; if the call it waited on ended because of the
// context of the caller that made it, the others try again with their own.
func (v *verifier[T]) verify(ctx context.Context, token string, fetch func(context.Context) (*T, error)) (*T, error) {
	if ctx == nil {
		return nil, fmt.Errorf("%w: nil context", internal.ErrInvalidParams)
	}
	k := keyOf(token)
	for {
		if r, ok := v.cache.get(k, v.now()); ok {
			return v.clone(r), nil
		}
		v.mu.Lock()
		// A call that just ended stored its result before leaving the
		// table: look again, under the lock, before starting another.
		if r, ok := v.cache.get(k, v.now()); ok {
			v.mu.Unlock()
			return v.clone(r), nil
		}
		if f, ok := v.inflight[k]; ok {
			f.waiters.Add(1)
			v.mu.Unlock()
			select {
			case <-f.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if f.err != nil {
				// The call ended because its maker gave up: try again
				// with this caller's context. Any other failure, a
				// transport timeout included, is the answer.
				if f.leaderGone && isContextErr(f.err) && ctx.Err() == nil {
					continue
				}
				return nil, f.err
			}
			return v.clone(f.val), nil
		}
		f := &flight[T]{done: make(chan struct{}), err: errFlightAborted, gen: v.gen}
		v.inflight[k] = f
		v.mu.Unlock()
		v.run(ctx, k, f, fetch)
		if f.err != nil {
			return nil, f.err
		}
		return v.clone(f.val), nil
	}
}

func (v *verifier[T]) run(ctx context.Context, k tokenKey, f *flight[T], fetch func(context.Context) (*T, error)) {
	defer func() {
		v.mu.Lock()
		if f.err == nil && f.val != nil && f.gen == v.gen {
			v.cache.add(k, f.val, v.now(), v.expiration(f.val))
		}
		if v.inflight[k] == f {
			delete(v.inflight, k)
		}
		v.mu.Unlock()
		close(f.done)
	}()
	f.val, f.err = fetch(ctx)
	f.leaderGone = ctx.Err() != nil
}

// forget drops cached results that match (after a revoke, update or delete
// made through this service). Calls in flight are detached: their callers
// still get their answers, which may predate the change, but those answers
// are not cached, and a Verify that starts after forget makes a new call.
func (v *verifier[T]) forget(match func(*T) bool) {
	v.mu.Lock()
	v.gen++
	clear(v.inflight)
	v.mu.Unlock()
	v.cache.removeIf(match)
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
