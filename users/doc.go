// Package users is the Users part of the Clerk Backend API: get, list, count,
// create, update and delete users, merge or replace their metadata, ban and
// lock them, verify their password or TOTP code, manage their MFA and profile
// image, and list their OAuth tokens, organization memberships and
// invitations. The User model is also what the user.* webhook events carry.
//
// A Service is reached through the root package's client:
//
//	c, err := clerk.New(os.Getenv("CLERK_SECRET_KEY"))
//	...
//	u, err := c.Users.Get(ctx, "user_123")
//	if errors.Is(err, clerk.ErrNotFound) {
//		// no such user
//	}
//	if e := u.PrimaryEmailAddress(); e != nil { // nil when the user has none
//		fmt.Println(u.FullName(), e.EmailAddress)
//	}
//
//	for u, err := range c.Users.All(ctx, &users.ListParams{OrderBy: clerk.String("-created_at")}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(u.ID)
//	}
//
// Errors: every non-2xx answer is a *clerk.APIError that matches the status
// sentinels with errors.Is (clerk.ErrNotFound, clerk.ErrUnprocessable, ...)
// and gives Clerk's error codes with errors.As. A call refused before any
// request (an empty or unsafe user ID, a missing required field) matches
// clerk.ErrInvalidParams. Transport failures wrap their cause.
package users
