// Package sessions is the Sessions part of the Clerk Backend API: read and
// list sessions, revoke one to sign a user out of that client, and mint a
// session token or a JWT-template token for a session.
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
// A Token holds a bearer credential: its String, Format, GoString and
// LogValue redact the JWT, so it stays out of logs; read Token.JWT to use it.
//
// Errors: an answer other than 2xx is a *clerk.APIError, which matches the
// status sentinels: errors.Is(err, clerk.ErrNotFound) for an unknown
// session. An empty or unsafe ID fails before any request with an error
// matching clerk.ErrInvalidParams.
package sessions
