package jwt

import (
	"context"

	"github.com/MicahParks/jwkset"
)

// keyStore is the jwkset.Storage that keyfunc reads a verifier's keys from.
// The keys live in the embedded jwkset memory storage, which also serves
// the rest of the Storage interface; KeyRead adds the verifier's rules:
//
//   - for a PEM key (anyKID), the one key answers every kid;
//   - for a remote key set, a known kid is answered at once (starting a
//     background refresh when the set is stale) and an unknown one waits for
//     the shared, rate-limited fetch that remote runs;
//   - a kid that no key matches fails with ErrKeyNotFound.
type keyStore struct {
	*jwkset.MemoryJWKSet
	anyKID bool    // a PEM key: stored without a kid, used for every token
	remote *remote // nil for static sources
}

var _ jwkset.Storage = (*keyStore)(nil)

// newStaticStore returns a store holding keys, fixed for its lifetime.
func newStaticStore(keys []jwkset.JWK, anyKID bool) *keyStore {
	s := &keyStore{MemoryJWKSet: jwkset.NewMemoryStorage(), anyKID: anyKID}
	// A memory storage's KeyReplaceAll cannot fail.
	_ = s.KeyReplaceAll(context.Background(), keys)
	return s
}

// KeyRead returns the key for kid, as the keyStore documentation describes.
// ctx bounds only the wait for a key-set fetch.
func (s *keyStore) KeyRead(ctx context.Context, kid string) (jwkset.JWK, error) {
	if s.anyKID {
		kid = ""
	}
	jwk, err := s.MemoryJWKSet.KeyRead(ctx, kid)
	switch {
	case err == nil:
		if s.remote != nil {
			s.remote.refreshIfStale()
		}
		return jwk, nil
	case s.remote != nil:
		return s.remote.awaitKey(ctx, kid)
	}
	return jwkset.JWK{}, keyNotFound(kid, nil)
}
