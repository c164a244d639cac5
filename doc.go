// Package clerk is a Go SDK for the Clerk Backend API (version 2026-05-12,
// sent as the Clerk-API-Version header). A Client manages users, sessions,
// organizations and API keys through its services, and tells on every request
// who is calling: a session token (verified without a network call), an API
// key, an M2M token or an OAuth access token.
//
//	c, err := clerk.New(os.Getenv("CLERK_SECRET_KEY"))
//	if err != nil {
//		return err
//	}
//	defer c.Close()
//
//	u, err := c.Users.Get(ctx, "user_123")
//	if errors.Is(err, clerk.ErrNotFound) {
//		// no such user
//	}
//
//	http.Handle("/", c.RequireAuth(clerk.PublicRoutes("/", "/sign-in(.*)"))(mux))
//
// # Errors
//
// Every non-2xx answer is an *APIError (status, Clerk's error codes and
// messages, trace ID, RetryAfter) that matches the sentinels ErrBadRequest,
// ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrUnprocessable
// and ErrRateLimited with errors.Is; errors.As reaches the detail. A call
// refused before any request (an empty or unsafe path ID, a nil context)
// matches ErrInvalidParams. Transport failures wrap their cause, so
// errors.Is(err, context.DeadlineExceeded) holds. A token check that fails
// because of the token matches ErrInvalidToken; one that could not check
// the token (Clerk unreachable) does not; after Close, token checks fail
// with ErrClosed.
//
// # Who is calling
//
// VerifyToken takes any token Clerk issues, and says its TokenType:
//
//   - SessionToken: a session JWT, verified without a network call against
//     the instance's keys (fetched once and cached) or the WithJWTKey PEM;
//   - APIKeyToken (ak_...), M2MToken (mt_...) and OAuthToken (oat_...),
//     opaque, verified with the Backend API, successes cached briefly
//     (WithMachineTokenCache);
//   - M2MToken and OAuthToken in JWT format, verified without a network
//     call against the same keys as session tokens, and told apart from
//     them as Clerk's JS SDK does: a subject that is a machine (mch_...)
//     makes an M2M token, a header typ of at+jwt an OAuth access token
//     (TokenTypeOf). WithAudience holds OAuth access tokens to an audience.
//
// An M2M or OAuth token gives the same Auth whatever its format: Subject,
// Scopes, ClientID (OAuth) and the M2MToken or OAuthToken model.
// AuthenticateRequest reads the Authorization: Bearer header, then the
// __session cookie, which carries a session token only: machine tokens come
// from the header (or from ExtractToken's function). AcceptsToken lists the
// types a route accepts and refuses others before checking them (no
// Backend API call for an opaque token of another type). Middleware
// attaches the caller's Auth to the context (AuthFromContext) and never
// refuses; RequireAuth refuses:
//
//	api := c.RequireAuth(
//		clerk.AcceptsToken(clerk.SessionToken, clerk.APIKeyToken),
//		clerk.RequirePermission("org:reports:read"), // asked of session tokens
//		clerk.RequireScope("reports:read"),          // asked of API keys
//	)
//
// Each requirement applies to the token types it is about: RequirePermission,
// RequireRole and RequireReverification to session tokens, RequireScope to
// API keys, M2M tokens and OAuth access tokens. A session token is not refused for lacking
// scopes it cannot carry, so on a route with only RequireScope any valid
// session token passes. A machine token on a route that asks session tokens
// for something needs a RequireScope there too, or is refused: accepting API
// keys on a permission-guarded route never lets every key in. A route with no
// requirement lets any valid token of an accepted type in.
//
// RequireAuth answers 401 (no valid token of an accepted type), 403 (a
// requirement not met; Clerk's reverification-error body for
// RequireReverification, on which Clerk's frontend SDKs ask the user to
// verify again) or 503 (the token could not be checked: Clerk or its keys
// unreachable, or the client closed), with a short JSON body; OnAuthFailure
// writes those answers instead. Reasons go to the logger, never to the
// response. The 403 reasons match ErrAccessDenied (and
// ErrReverificationRequired). After Close, every token check fails with
// ErrClosed.
//
// PublicRoutes takes Clerk's createRouteMatcher patterns ("/sign-in(.*)",
// "/docs/:path*", "/robots.txt"), matched case-insensitively on the escaped
// path, where an encoded slash is not a segment boundary;
// PublicRoutesRegexp takes anchored Go regular expressions instead. A path
// with an empty, "." or ".." segment is never public.
//
// Session tokens are checked for their issuer (the publishable key's
// Frontend API, a production satellite's own with WithSatelliteDomain, or
// Clerk's issuer shapes), their authorized party (WithAuthorizedParties,
// origins validated and normalised by New, or WithAuthorizedPartyFunc),
// their times and their session status. NewFromEnv reads the environment
// variables Clerk's SDKs read, where they apply to a Go backend.
//
// # Browsers
//
// A request without an Authorization header, where session tokens are
// accepted, is a browser's: Authenticate (and AuthenticateRequest, the
// middleware, RequireAuth) reads its session cookies by the rules of
// Clerk's JS SDK (@clerk/backend's authenticateRequest), given the
// publishable key: suffixed or unsuffixed cookies (CookieSuffix),
// __client_uat (a session cookie that outlived a sign-out is signed out),
// the handshake for a page request whose session needs refreshing (a 307
// to the Frontend API, WithProxyURL; the return resolved with the Backend
// API or a verified handshake token, the new cookies set), a development
// instance's dev-browser token. Authenticate's RequestState says the
// status (SignedIn, SignedOut, Handshake), Clerk's reason, and the headers
// the response must carry; RequireAuth sends a signed-out page request to
// the sign-in page (WithSignInURL); SignOut signs a browser out.
// WithOrganizationSync makes the session's active organization follow the
// page's URL ("/orgs/:slug/(.*)"), through the handshake, as Clerk's
// organizationSyncOptions do.
//
//	st := c.Authenticate(r)
//	if st.Apply(w) {
//		return // the handshake's redirect
//	}
//
// # Machines
//
// A service that holds a machine's secret key (CLERK_MACHINE_SECRET_KEY)
// and no instance secret key builds a machine-only client with NewMachine
// (or NewFromEnv): it creates, lists, revokes and verifies M2M tokens with
// that key, and verifies M2M tokens in requests (JWT ones given WithJWTKey);
// every other call fails before anything is sent with ErrSecretKeyRequired.
// WithMachineSecretKey gives a full client the machine key for its
// M2M-token calls, as Clerk's JS SDK does with machineSecretKey.
//
// # Retries
//
// A 429 and a failure to connect are retried on every method; 500, 502, 503,
// 504 and a connection broken mid-request only on GET, PUT, PATCH and DELETE,
// never on POST (Clerk has no idempotency keys: a retried create could create
// twice); a GET whose answer breaks off mid-body is retried too. Waits are jittered exponential backoff, or what Retry-After asks
// (seconds or an HTTP date) up to WithRetryWaitMax; a longer wait, or one
// that would outlast the context's deadline, is not slept and the answer
// comes back at once (a 429 with RetryAfter set). The caller gets the last
// answer's *APIError. WithMaxRetries sets how many retries a call makes.
//
// # Logging and secrets
//
// Nothing is logged unless WithLogger is given; log lines carry the method
// and path, never query values, headers or keys. The secret key appears in
// no error, no log line, and no fmt or slog output of anything the package
// returns.
package clerk
