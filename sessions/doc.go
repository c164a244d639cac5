// Package sessions is the Sessions part of the Clerk Backend API: read and
// list sessions, revoke one to sign a user out of that client (or all of a
// user's with RevokeAll, to sign them out everywhere), mint a session
// token or a JWT-template token for a session, refresh an expired one, and
// create a session for a test user. Around sessions, it also holds the
// clients they live on and the ways to sign a user in from the backend,
// each a service of its own on clerk.Client:
//
//   - Clients (ClientService): get a client, verify a client token;
//   - SignInTokens (SignInTokenService): one-time tokens that sign a user
//     in without a password;
//   - ActorTokens (ActorTokenService): tokens that start an impersonation;
//   - TestingTokens (TestingTokenService): tokens that let end-to-end tests
//     through bot protection;
//   - AgentTasks (AgentTaskService): sign-in links for an agent acting for
//     a user.
//
// Most programs reach it as clerk.Client.Sessions:
//
//	s, err := c.Sessions.Revoke(ctx, "sess_123") // signs the user out; s.Status == sessions.StatusRevoked
//	for s, err := range c.Sessions.All(ctx, &sessions.ListParams{UserID: clerk.String(userID)}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(s.ID, s.Status, s.LastActiveAt)
//	}
//
//	revoked, err := c.Sessions.RevokeAll(ctx, userID) // sign out everywhere; err joins any failures
//
// Revoking inside an All loop is safe: All steps back when the list shrinks
// under it, so no session is skipped.
//
// A Token holds a bearer credential: its JWT is a Secret, which fmt,
// log/slog and encoding/json print as "[redacted]" wherever the Token is
// nested, so it stays out of logs; Token.JWT.Reveal() is the token to send.
// So are the other credentials here: a refresh's token or cookies, the
// token and URL of sign-in, actor and testing tokens, an agent task's URL.
//
// Errors: an answer other than 2xx is a *clerk.APIError, which matches the
// status sentinels: errors.Is(err, clerk.ErrNotFound) for an unknown
// session. An empty or unsafe ID fails before any request with an error
// matching clerk.ErrInvalidParams.
package sessions
