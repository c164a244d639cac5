// Package apikeys is machine authentication: it manages Clerk API keys and
// machine-to-machine (M2M) tokens, and verifies them, and OAuth access
// tokens, fast.
//
// Its services are thin views over the shared transport: Service
// (clerk.Client.APIKeys) for API keys, M2MTokenService
// (clerk.Client.M2MTokens) for M2M tokens, OAuthTokenService
// (clerk.Client.OAuthTokens) for the opaque OAuth access tokens (oat_...)
// that Clerk issues as an OAuth provider. MachineService
// (clerk.Client.Machines) manages the machines that M2M tokens belong to.
// Tokens in JWT format (M2M and OAuth) are verified without the API by
// clerk.Client.VerifyToken, which reports them with the same M2MToken and
// OAuthToken models.
//
//	k, err := c.APIKeys.Create(ctx, &apikeys.CreateParams{
//		Name: "Production API Key", Subject: userID, Scopes: []string{"users:read"},
//	})
//	secret := k.Secret.Reveal() // answered once, on create; k.Secret prints as "[redacted]"
//	for k, err := range c.APIKeys.All(ctx, &apikeys.ListParams{Subject: userID}) { ... }
//	_, err = c.APIKeys.Revoke(ctx, k.ID, &apikeys.RevokeParams{RevocationReason: clerk.String("rotated")})
//
//	k, err := c.APIKeys.Verify(ctx, secret) // in a request handler
//	if errors.Is(err, apikeys.ErrInvalidToken) { /* answer 401 */ }
//	k.Subject; k.UserID(); k.HasScope("users:read"); k.Claims.Decode(&mine)
//
// # Secrets
//
// APIKey.Secret, M2MToken.Token, Machine.SecretKey,
// MachineSecretKey.Secret, CreateM2MTokenParams.MachineSecretKey and what
// Service.Secret returns are Secrets (clerk.Secret): fmt (every verb),
// log/slog (any handler) and encoding/json show them as "[redacted]",
// however deeply the value that holds them is nested (a slice of keys, a
// map, a struct field, a pointer); Reveal gives the value. They are filled
// only by the calls that create or fetch them. Tokens given to Verify and
// machine keys given to M2MTokenService.Create never appear in a returned
// error, even when the server echoes them.
//
// # The verification cache, and the revocation delay it implies
//
// Verify asks the Backend API (POST /api_keys/verify, POST
// /m2m_tokens/verify, POST /oauth_applications/access_tokens/verify), then
// remembers each successful answer for a short
// time, so that a busy API does not call Clerk on every request: by default
// DefaultCacheSize entries for DefaultCacheTTL (5 s), least recently used
// first out, set with clerk.WithMachineTokenCache (a size or TTL of 0 turns it off). An
// entry is keyed by the SHA-256 of the token, never by the token, and holds
// the verified result (without the token). It never outlives the token's own
// expiration. Failures are not cached: a rejected token is asked about again
// on every call. Concurrent verifications of the same uncached token share
// one API call.
//
// The cost is a revocation delay: a key or token revoked elsewhere (the
// Dashboard, another process) keeps verifying in this process until its
// cache entry ends, at most the TTL after the API call that filled it (hits
// do not extend an entry). Revoke, Update and Delete made through the same
// service drop its cached entries at once. Choose the TTL as the longest such
// delay you accept; clerk.WithMachineTokenCache(0, 0) makes revocation immediate at the
// price of one API call per Verify.
//
// # Errors
//
// Every non-2xx answer is a *clerk.APIError (internal.APIError): use
// errors.Is(err, clerk.ErrNotFound) and friends for the status, errors.As for
// the codes (these endpoints answer {errors:[{message, long_message, code}]}).
// A Verify failure caused by the token also matches ErrInvalidToken; a 2xx
// that is no well-formed verification (or any answer that is not the
// resource asked for) matches clerk.ErrInvalidResponse instead, never
// ErrInvalidToken: it is Clerk's fault, not the token's. Missing required
// parameters and empty or unsafe IDs fail before any request with
// an error matching clerk.ErrInvalidParams.
package apikeys
