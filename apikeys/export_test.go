package apikeys

// Test-only views of the verification cache (ARCHITECTURE.md, "Tests").

// len returns how many verifications the cache holds.
func (c *ttlCache[T]) len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}

// keys returns the cache's keys, least recently used first.
func (c *ttlCache[T]) keys() []tokenKey {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Keys()
}

// waiting returns how many callers wait on the call in flight for token.
func (v *verifier[T]) waiting(token string) int {
	v.mu.Lock()
	defer v.mu.Unlock()
	if f, ok := v.inflight[keyOf(token)]; ok {
		return int(f.waiters.Load())
	}
	return 0
}
