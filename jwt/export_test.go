package jwt

import (
	"encoding/json"
	"strings"
	"time"
)

// Test hooks: they reach into a Verifier's internals, so they live here,
// compiled only into the package's tests.

// withFetchClock sets the clock that paces key-set fetches.
func withFetchClock(now func() time.Time) Option {
	return func(c *config) { c.fetchClock = now }
}

// withFetchPacing sets the refresh gaps and the fetch timeout.
func withFetchPacing(minGap, retryGap, timeout time.Duration) Option {
	return func(c *config) {
		c.minRefreshGap, c.retryGap, c.fetchTimeout = minGap, retryGap, timeout
	}
}

// withoutPEM and withoutIssuer undo an earlier key or issuer option (an
// option given "" is ignored, so it cannot).
func withoutPEM() Option    { return func(c *config) { c.publicKeyPEM = "" } }
func withoutIssuer() Option { return func(c *config) { c.issuer = "" } }

// cachedTokens returns how many verified tokens the cache holds.
func (v *Verifier) cachedTokens() int { return v.cache.Len() }

// isCached reports whether token is in the cache.
func (v *Verifier) isCached(token string) bool {
	_, ok := v.cache.Peek(token)
	return ok
}

// waitFetch waits for the verifier's running key-set fetch, if any, to end.
func (v *Verifier) waitFetch() {
	r := v.keys.remote
	r.mu.Lock()
	f := r.inflight
	r.mu.Unlock()
	if f != nil {
		<-f.done
	}
}

// rememberHeaderOf makes token's header known, as verifying a token with
// that header would, when it decodes and names RS256 (as every header a
// verification remembers does). It reports whether it did.
func (v *Verifier) rememberHeaderOf(token string) bool {
	seg, _, _ := strings.Cut(token, ".")
	b, err := v.parser.DecodeSegment(seg)
	if err != nil {
		return false
	}
	var h map[string]any
	if json.Unmarshal(b, &h) != nil || h["alg"] != "RS256" {
		return false
	}
	v.headers.remember(seg, h)
	return true
}

// forgetHeaders forgets every known header.
func (v *Verifier) forgetHeaders() { v.headers.m.Store(nil) }

// knownHeaderCount returns how many headers are known.
func (v *Verifier) knownHeaderCount() int {
	if m := v.headers.m.Load(); m != nil {
		return len(*m)
	}
	return 0
}
