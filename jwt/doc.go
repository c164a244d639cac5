// Package jwt verifies Clerk session tokens, and M2M and OAuth access
// tokens in JWT format, without a network call per request: a [Verifier]
// checks a session token's RS256 signature against a cached public key, its
// times, issuer, authorized party and session status, and returns its
// [Claims] (user, session, active organization, role, permissions,
// features, plan, factor verification ages); see "Machine JWTs" for the
// others.
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
// Tokens are parsed and their times validated by github.com/golang-jwt/jwt/v5
// (a parser that accepts RS256 only), and keys are served to it by
// github.com/MicahParks/keyfunc/v3 from a github.com/MicahParks/jwkset
// storage that the verifier owns and fills.
//
// # Errors
//
// Every error from [Verifier.Verify] and [Verifier.VerifyMachine] matches
// exactly one sentinel with [errors.Is] — [ErrTokenMalformed],
// [ErrInvalidTokenType], [ErrUnsupportedAlgorithm], [ErrKeyNotFound],
// [ErrTokenSignatureInvalid], [ErrTokenExpired], [ErrTokenNotValidYet],
// [ErrInvalidIssuer], [ErrInvalidAuthorizedParty], [ErrSessionPending],
// [ErrInvalidAudience] — and wraps its cause,
// which errors.Is and errors.As also reach (for example
// context.DeadlineExceeded when the caller's context ended while a key set
// was being fetched, or rsa.ErrVerification).
//
// # Key sources
//
// Exactly one key source is used, the first given in this order:
// [WithPublicKeyPEM] (one key, kid ignored, never any network),
// [WithJWKS] (a fixed set), [WithJWKSURL], [WithSecretKey] (the Backend API's
// GET {api}/jwks with the secret key as bearer, default api
// https://api.clerk.com/v1) and [WithPublishableKey] (the Frontend API's
// https://{host}/.well-known/jwks.json). A key set's keys are selected by
// the token's kid; a token without kid finds no key in a set.
//
// Each key of a set is parsed on its own by jwkset, which validates it
// (x5c certificates and thumbprints, EC points...). Usable keys are RSA keys
// of at least 2048 bits with an odd modulus and an exponent crypto/rsa
// accepts, whose alg is RS256 or unset and whose use is sig or unset; the
// first key of each kid counts. Any other key (an EC or symmetric key, or a
// malformed one) is skipped, and the rest of the set is kept. A set without
// any usable key is an error: from [WithJWKS], NewVerifier fails; fetched,
// it never replaces the last good keys.
//
// A remote key set is fetched lazily and refreshed under rules that the
// verifier keeps, not jwkset's or keyfunc's own refresh goroutines:
//
//   - nothing is fetched before the first verification that needs a key;
//     concurrent verifications share one fetch (1,000 concurrent first
//     verifications make one request);
//   - a kid missing from the set starts a refresh, shared by all callers,
//     unless one started less than 10 s ago, in which case the verification
//     fails at once with [ErrKeyNotFound] (while no set was ever fetched, a
//     failed fetch is retried after 1 s instead);
//   - a set older than the refresh interval (5 minutes by default, as long
//     as Clerk's JavaScript SDK keeps keys; [WithRefreshInterval]) is
//     refreshed in the background by the next verification, a cache hit
//     included, which goes on with the current keys;
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
// [ErrUnsupportedAlgorithm]). Other tokens that Clerk signs with the same
// keys are refused with [ErrInvalidTokenType], as Clerk's SDKs refuse them:
// a header typ other than "JWT" (case matters; OAuth access tokens say
// "at+jwt"), and a header cat other than the session token's category
// (cl_B7d4PD111AAA) or the category of instances that turned categories off
// (cl_I7d4PD111III), such as an M2M token's; a token without typ or cat
// passes. A token whose subject is a machine ID (mch_...) is an M2M token
// and is refused the same way, once its signature is known good. The jku, x5u, x5c and jwk headers are ignored and a crit header is
// refused. Tokens over [MaxTokenSize] (16 KiB) are refused before any
// decoding.
//
// The header is checked before the signature, the claims only after it, so
// a forged token reports [ErrTokenSignatureInvalid] whatever its claims say.
// sub, sid and exp are required. A token is valid from max(nbf, iat) -
// leeway, inclusive, to exp + leeway, exclusive (leeway 5 s by default,
// [WithLeeway]).
//
// The issuer must equal [WithIssuer] when given, else https://{host} of
// [WithPublishableKey] when given, else have one of Clerk's shapes:
// https://clerk.{domain} (at least three labels, e.g.
// https://clerk.example.com) or https://{name}.clerk.accounts.{tld} (e.g.
// https://happy-hippo-1.clerk.accounts.dev), scheme and host only. A proxied
// or satellite instance must name its issuer with WithIssuer.
//
// When [WithAuthorizedParties] lists origins, a token's azp must be one of
// them; a token without azp is refused, as Clerk's SDKs refuse it. A
// pending session (sts=pending) fails with [ErrSessionPending] unless
// [WithAllowPending].
//
// # Claims
//
// Version 1 and version 2 tokens yield the same [Claims]. A token is read as
// version 2 when its v claim is 2, and as version 1 otherwise, as Clerk's
// SDKs do. Without an "o" claim a version 2 token has no active
// organization, whatever its other claims hold. With one, OrgRole is
// "org:" + o.rol, and OrgPermissions are expanded exactly as Clerk's
// JavaScript SDK expands them:
//
//   - fea lists features "scope:name", comma-separated, each trimmed; the
//     organization features are those of scope o, ou or uo, in order;
//   - o.per lists permissions and o.fpm masks, comma-separated, each
//     trimmed; the i-th mask belongs to the i-th organization feature (a
//     user feature, scope u, takes none);
//   - a mask is a decimal integer of any length (2^64 with 65 permissions
//     grants the 65th); bit j, least significant first, grants
//     "org:{feature}:{j-th permission}"; bits beyond the permissions are
//     ignored; a mask that is not only digits ("-1", "1.5", "1invalid")
//     grants nothing; without o.per or o.fpm there is no permission;
//   - a fea entry without a colon (an empty one included) makes the whole
//     claim malformed: no features and no organization permissions.
//
// Features and permissions are expanded only once the signature is known
// good, so that a forged token cannot make the verifier build them, and the
// work is bounded by the number of permissions whatever the masks' length.
// [Claims.HasRole], [Claims.HasPermission], [Claims.HasFeature] and
// [Claims.HasPlan] answer as Clerk's SDKs' has() does.
//
// [Claims.IsReverified] checks the fva claim against a reverification level
// and maximum age as Clerk's SDKs do, failing closed; [ReverificationPreset]
// gives the levels and ages of Clerk's presets (strict_mfa, strict, moderate,
// lax).
//
// # Cost
//
// Verifying a new token costs about a fifth more than the RSA check itself
// (the README gives the figures and the benchmark command). The claims are
// decoded in one pass by the JSON v2 library (github.com/go-json-experiment/json),
// as JSON.parse reads them in Clerk's JS SDK: names match exactly and a
// repeated name's last value wins. A token whose header segment is that of a
// token verified before (all the tokens of one signing key share one) skips
// the parser's decoding of the header into a map: its claims, key, signature
// and times go through the same decoder and the same golang-jwt and keyfunc
// steps as the parser's.
//
// # Cache
//
// A verified token is remembered (up to 1,024 by default, [WithCacheSize];
// 0 turns it off), keyed by its exact string. Verifying it again skips
// decoding and the signature but checks exp, nbf and iat against the clock
// again; a token that differs in one byte is verified from scratch.
//
// # Machine JWTs
//
// Clerk signs two more kinds of token with the instance's keys: M2M tokens
// in JWT format (a machine subject, mch_..., and the M2M category
// cl_B7d4PD333AAA) and OAuth access tokens in JWT format (header typ at+jwt
// or application/at+jwt, RFC 9068). [Verifier.Verify] refuses both, as
// above; [Verifier.VerifyMachine] verifies them, networklessly, against the
// verifier's keys (one key set for all three kinds, fetched once), and
// returns their [MachineClaims]: kind, jti, subject, client_id, scopes (an
// M2M token's scopes claim or else its aud, an OAuth token's scp or else its
// scope), audience, times, and an M2M token's custom claims. It follows
// Clerk's JS SDK: the kind from the claims and header
// ([MachineKindOf]: a machine subject first, then the typ), an M2M token's
// cat absent or the M2M category and its typ absent or JWT, then RS256, the
// key, the signature, sub and exp, the times with the leeway, and with
// [WithAudience] the audience ([ErrInvalidAudience]). Issuer, azp and
// session status are not checked on machine tokens, and they are not
// cached.
//
// [Decode] reads a token's claims without verifying anything; never use it
// for authorization.
package jwt
