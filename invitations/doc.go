// Package invitations is the Invitations and Waitlist Entries part of the
// Clerk Backend API: invite people to sign up to the application, list and
// revoke the invitations, and run a waitlist (add addresses, list them,
// invite or reject them, delete them). Invitations to an organization are
// in package organizations.
//
// Most programs reach it as clerk.Client.Invitations and
// clerk.Client.Waitlist:
//
//	inv, err := c.Invitations.Create(ctx, &invitations.CreateParams{
//		EmailAddress:   "ada@example.com",
//		PublicMetadata: invitations.Metadata{"plan": "pro"},
//	})
//
//	pending := invitations.WaitlistPending
//	for e, err := range c.Waitlist.All(ctx, &invitations.WaitlistListParams{Status: &pending}) {
//		if err != nil {
//			return err
//		}
//		if _, err := c.Waitlist.Invite(ctx, e.ID, nil); err != nil {
//			return err
//		}
//	}
//
// Inviting, rejecting or revoking inside an All loop is safe: All steps
// back when the list shrinks under it, so that nothing is skipped.
//
// An invitation's URL, the link in its email, lets whoever holds it sign
// up as the invited address: it is a Secret, which fmt, log/slog and
// encoding/json print as "[redacted]"; URL.Reveal() gives it.
//
// Errors: an answer other than 2xx is a *clerk.APIError, which matches the
// status sentinels: errors.Is(err, clerk.ErrUnprocessable) when Clerk
// refuses an invitation (an address already invited, say),
// errors.Is(err, clerk.ErrNotFound) for an unknown ID. An empty or unsafe
// ID, or a missing required field, fails before any request with an error
// matching clerk.ErrInvalidParams.
package invitations
