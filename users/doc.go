// Package users is the Users part of the Clerk Backend API: get, list, count,
// create, update and delete users, merge or replace their metadata, ban and
// lock them, verify their password or TOTP code, manage their password, MFA,
// profile image and trusted devices, disconnect their external accounts,
// passkeys and web3 wallets, and list their OAuth tokens, organization
// memberships and invitations. The User model is also what the user.*
// webhook events carry.
//
// A user's identifications and sign-ups live here too, each with a service
// of its own on the root client: EmailAddressService (c.EmailAddresses) and
// PhoneNumberService (c.PhoneNumbers) add, change, delete and verify one
// email address or phone number; SignUpService (c.SignUps) reads and updates
// the sign-ups through which users come to exist.
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
//	e, err := c.EmailAddresses.Create(ctx, &users.CreateEmailAddressParams{UserID: u.ID, EmailAddress: "ada@example.com"})
//	...
//	v, err := c.EmailAddresses.PrepareVerification(ctx, e.ID) // sends a code
//	...
//	v, err = c.EmailAddresses.AttemptVerification(ctx, e.ID, &users.AttemptVerificationParams{VerificationID: v.ID, Code: code})
//	if err == nil && !v.Verified() {
//		// a wrong or expired code: v.Status says which
//	}
//
// Errors: every non-2xx answer is a *clerk.APIError that matches the status
// sentinels with errors.Is (clerk.ErrNotFound, clerk.ErrUnprocessable, ...)
// and gives Clerk's error codes with errors.As. A call refused before any
// request (an empty or unsafe user ID, a missing required field) matches
// clerk.ErrInvalidParams. Transport failures wrap their cause.
package users
