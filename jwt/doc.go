// Package jwt verifies Clerk session tokens without a network call per
// request: a [Verifier] checks a token's RS256 signature against a cached
// public key, its times, issuer, authorized party and session status, and
// returns its [Claims] (user, session, active organization, role,
// permissions, features, plan).
//
//	v, err := jwt.NewVerifier(
//		jwt.WithPublicKeyPEM(os.Getenv("CLERK_JWT_KEY")),           // when set: no network at all
//		jwt.WithSecretKey(os.Getenv("CLERK_SECRET_KEY")),           // otherwise GET /v1/jwks, lazily
//		jwt.WithPublishableKey(os.Getenv("CLERK_PUBLISHABLE_KEY")), // the expected issuer
//		jwt.WithAuthorizedParties("https://example.com"),
//	)
//	if err != nil { ... }
//	defer v.Close()
//
//	claims, err := v.Verify(r.Context(), token)
//	switch {
//	case errors.Is(err, jwt.ErrTokenExpired):
//		// refresh the session
//	case err != nil:
//		// 401
//	case claims.HasPermission("org:billing:manage"):
//		...
//	}
//
// # Errors
//
// Every error from [Verifier.Verify] matches exactly one sentinel with
// [errors.Is] — [ErrTokenMalformed], [ErrUnsupportedAlgorithm],
// [ErrKeyNotFound], [ErrTokenSignatureInvalid], [ErrTokenExpired],
// [ErrTokenNotValidYet], [ErrInvalidIssuer], [ErrInvalidAuthorizedParty],
// [ErrSessionPending] — and wraps its cause, which errors.Is and errors.As
// also reach (for example context.DeadlineExceeded when the caller's context
// ended while a key set was being fetched, or rsa.ErrVerification).
//
// # Key sources
//
// Exactly one key source is used, the first given in this order:
// [WithPublicKeyPEM] (one key, kid ignored, never any network),
// [WithJWKS] (a fixed set), [WithJWKSURL], [WithSecretKey] (the Backend API's
// GET {api}/jwks with the secret key as bearer, default api
// https://api.clerk.com/v1) and [WithPublishableKey] (the Frontend API's
// https://{host}/.well-known/jwks.json). Keys are RSA keys of at least 2048
// bits whose alg is RS256 or unset and whose use is sig or unset; other keys
// in a set are skipped.
//
// A remote key set is fetched with github.com/MicahParks/jwkset and kept in a
// map the verifier owns, so the hot path is a map lookup:
//
//   - nothing is fetched before the first verification that needs a key;
//     concurrent verifications share one fetch (1,000 concurrent first
//     verifications make one request);
//   - a kid missing from the set starts a refresh, shared by all callers,
//     unless one started less than 10 s ago, in which case the verification
//     fails at once with [ErrKeyNotFound] (while no set was ever fetched, a
//     failed fetch is retried after 1 s instead);
//   - a set older than the refresh interval (default 1 h,
//     [WithRefreshInterval]) is refreshed in the background by the next
//     verification, a cache hit included, which goes on with the current
//     keys;
//   - a failed fetch, or one returning no usable key, keeps the last good
//     keys; a refresh that drops or replaces a key empties the token cache;
//   - a verification waits for a fetch only as long as its context allows;
//     each fetch is bounded by 10 s and response bodies by 1 MiB;
//   - there is no long-lived goroutine; [Verifier.Close] cancels running
//     fetches and waits for them.
//
// # Checks
//
// Only RS256 is accepted (none, HS*, RS384/512, PS* and ES* are refused with
// [ErrUnsupportedAlgorithm]); the jku, x5u, x5c and jwk headers are ignored
// and a crit header is refused. Tokens over [MaxTokenSize] (16 KiB) are
// refused before any decoding. sub, sid and exp are required. A token is
// valid from max(nbf, iat) - leeway, inclusive, to exp + leeway, exclusive
// (leeway 5 s by default, [WithLeeway]).
//
// The issuer must equal [WithIssuer] when given, else https://{host} of
// [WithPublishableKey] when given, else have one of Clerk's shapes:
// https://clerk.{domain} (at least three labels, e.g.
// https://clerk.example.com) or https://{name}.clerk.accounts.{tld} (e.g.
// https://happy-hippo-1.clerk.accounts.dev), scheme and host only. A proxied
// or satellite instance must name its issuer with WithIssuer.
//
// When [WithAuthorizedParties] lists origins, a token's azp must be one of
// them; a token without azp passes, as in Clerk's SDKs. A pending session
// (sts=pending) fails with [ErrSessionPending] unless [WithAllowPending].
//
// # Claims
//
// Version 1 and version 2 tokens yield the same [Claims]. A token is read as
// version 2 when its v claim is 2, and as version 1 otherwise, as Clerk's
// SDKs do. For a version 2 token, the active organization comes from the "o"
// object: OrgRole is
// "org:" + o.rol, and OrgPermissions are expanded from fea, o.per and o.fpm:
// the i-th entry of the comma-separated o.fpm is a mask for the i-th entry of
// fea; bit j of the mask (least significant first) grants the j-th entry of
// o.per as "org:{feature}:{permission}", for features whose scope (the
// letters before the colon) contains o. Masks are unsigned 64-bit decimal
// integers; a mask that is not one ("1invalid", "-1", "1.5", or over 2^64-1)
// grants nothing; bits beyond the entries of o.per are ignored; without
// o.per or o.fpm there are no permissions; without "o" there is no active
// organization, whatever fea holds. Spaces around list entries are ignored.
// Features and permissions are expanded only once the signature is known
// good, so that a forged token cannot make the verifier build them.
//
// # Cost
//
// Verifying a new token costs little more than the RSA check itself: the
// token is split by hand, a header already seen on a verified token is not
// decoded again, the signature is checked with sha256 and
// rsa.VerifyPKCS1v15 directly (golang-jwt's SigningMethodRS256.Verify does
// the same check with three more allocations and a copy of the signing
// input), and the claims are decoded once into a flat struct, without maps.
// That decoding uses a single-pass decoder for the plain JSON that Clerk's
// tokens are made of and falls back to json.Unmarshal for anything else; it
// yields exactly what json.Unmarshal would, which a fuzz test checks against
// encoding/json.
//
// # Cache
//
// A verified token is remembered (up to 1,024 by default, [WithCacheSize];
// 0 turns it off), keyed by its exact string. Verifying it again skips
// decoding and the signature but checks exp, nbf and iat against the clock
// again; a token that differs in one byte is verified from scratch.
//
// [Decode] reads a token's claims without verifying anything; never use it
// for authorization.
package jwt
