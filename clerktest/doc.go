// Package clerktest is an in-memory Clerk Backend API for tests: an
// httptest server that holds users, sessions, organizations, memberships,
// invitations, API keys, machines and M2M tokens, answers as Clerk does, and
// mints the session tokens and webhook deliveries a Go backend receives. The
// code under test talks to it through the real SDK, or through anything
// that speaks the Backend API.
//
//	func TestSignup(t *testing.T) {
//		srv := clerktest.NewServer(t) // closed by t.Cleanup
//		c := srv.Client()             // a *clerk.Client wired to it
//
//		u, err := c.Users.Create(ctx, &users.CreateParams{EmailAddresses: []string{"ada@example.com"}})
//		...
//		tok := srv.SessionToken(u.ID) // a session token for a new session of u
//		req.Header.Set("Authorization", "Bearer "+tok)
//		app.ServeHTTP(rec, req)       // behind c.RequireAuth(...)
//	}
//
// Code that builds its own client from the environment (clerk.NewFromEnv)
// reaches the server with CLERK_SECRET_KEY=srv.SecretKey and
// CLERK_API_URL=srv.URL (and CLERK_JWT_KEY=srv.JWTKey for session tokens
// with no request at all); a webhook endpoint with
// CLERK_WEBHOOK_SIGNING_SECRET=srv.WebhookSecret.
//
// # What it models
//
// Every answer is a spec-valid body of Clerk's OpenAPI spec (2026-05-12), as
// the package's own tests check for each response, written from the SDK's
// own models:
//
//   - users: create (an email address, phone number, username or web3 wallet
//     another user has is Clerk's 422 form_identifier_exists), get, update,
//     delete, list with the filters of GET /users, order_by, limit/offset and
//     starting_after, count, metadata merge (PATCH: deep merge, null deletes a
//     key) and replace (PUT), ban and unban (one user or many), lock,
//     unlock, verify_password, a user's memberships and invitations;
//   - sessions: create (POST /sessions), get, list, revoke, session tokens;
//     GET /jwks;
//   - organizations (by ID or slug), their memberships (the creator becomes
//     an org:admin; roles are Clerk's defaults plus AddRole's) and
//     invitations, the instance-wide lists;
//   - API keys, machines and M2M tokens, with their verify endpoints, which
//     answer 404 to a revoked or expired key or token.
//
// Lists answer in the shape the spec gives each endpoint: a bare array
// (GET /users, GET /sessions) or {"data": [...], "total_count": n}. Errors
// have Clerk's error body and status: 404 resource_not_found, 422 (400 on
// the API-key endpoints) naming the parameter in meta.param_name, 401 for a
// bearer that is not SecretKey (or, where the M2M endpoints take one, a
// machine's secret key). An operation of the spec that the server does not
// model answers 501 with the code "not_implemented" and a message naming the
// operation, so a test learns at once that it went beyond the fake.
//
// # Session tokens and webhooks
//
// SessionToken creates a real session (the API finds and revokes it) and
// returns its token: RS256, version 2 claims, with the active organization's
// role and permissions encoded as Clerk encodes them (WithOrganization),
// verified by the SDK against the server's JWKS or its JWTKey. WebhookEvent
// and SignWebhook make a delivery that webhooks.Handler accepts.
//
// # Browsers
//
// The server also plays the part of Clerk a browser talks to, so that a
// server-rendered app's whole sign-in runs offline on loopback: the
// Frontend API's handshake (at FrontendAPIURL, which Client passes to
// clerk.WithProxyURL) and a sign-in page (SignInURL, clerk.WithSignInURL),
// a form that signs any user of the server in by ID. The server's
// publishable key is a development instance's, so the flow is a
// development instance's, with its dev-browser token: the app's first page
// request goes through the handshake, which gives the browser a client;
// RequireAuth sends it to the sign-in page; signed in, the browser comes
// back with its dev-browser token, and the app's handshake fetches the
// session cookies (__session, __client_uat, also suffixed) through a nonce
// that GET /v1/clients/handshake_payload resolves once. Session tokens live
// 60 seconds; when one has expired (WithClock), the next page request goes
// through the handshake again and comes back with a new one. Tests drive
// the pages with a browser (see examples/ssr) or with an http.Client and a
// cookie jar.
//
//	srv := clerktest.NewServer(t)
//	app := srv.Client().RequireAuth()(mux) // browsers are sent to srv.SignInURL
//
// # Failures on purpose
//
// Inject makes the server answer an error status (with Retry-After, if
// asked) or wait, for the next calls of an operation, so that a test can
// check its own handling of a 429, a 503 or a slow Clerk; Calls counts the
// calls that arrived.
//
// # Tests and programs
//
// NewServer takes a TB, which *testing.T satisfies; a helper that fails
// (AddUser with a taken email address, SessionToken for an unknown user)
// fails the test. A program, such as examples/quickstart, passes nil, closes
// the server with Close, and a failing helper panics: it was called wrongly.
//
// The package imports nothing made for tests (no testify, no spec
// validator, not even package testing): a build that imports it gets the
// SDK's own dependencies and net/http/httptest.
package clerktest
