// Package clerk is a Go SDK for the Clerk Backend API (version 2026-05-12,
// sent as the Clerk-API-Version header). A Client manages users, sessions,
// organizations and API keys through its services, and tells on every request
// who is calling: a session token (verified without a network call), an API
// key or an M2M token.
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
// because of the token matches ErrInvalidToken.
//
// # Retries
//
// A 429 and a failure to connect are retried on every method; 500, 502, 503,
// 504 and a connection broken mid-request only on GET, PUT, PATCH and DELETE,
// never on POST (Clerk has no idempotency keys: a retried create could create
// twice). Waits are jittered exponential backoff, or what Retry-After asks
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
