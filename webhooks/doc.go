// Package webhooks verifies the webhooks that Clerk sends through Svix and
// decodes them into typed events.
//
// A Verifier checks a delivery's Svix signature (HMAC-SHA256 of the raw body
// under the endpoint's whsec_ signing secret, computed by the svix package),
// its signed timestamp against a clock and a tolerance, and decodes Clerk's
// event envelope into an Event. Accessors decode the event's data into the
// same models that the Backend API returns (Event.User into a users.User,
// Event.Session into a sessions.Session with its user, Event.Organization,
// Event.Role into an organizations.Role, Event.WaitlistEntry into an
// invitations.WaitlistEntry, ...: Role, Permission, OrganizationDomain,
// WaitlistEntry, Invitation and the billing amounts, payers and credits here
// are aliases of the resource packages' types), or into this package's types
// where the webhook spec's schema is not the API's (Email and SMS, which the
// API has no model of; Subscription, SubscriptionItem and PaymentAttempt,
// whose event payloads have their own shape). Event.Decode reaches the data
// of any other event type.
// Handler wraps it all into an http.Handler:
//
//	wh, err := webhooks.NewVerifier(os.Getenv("CLERK_WEBHOOK_SECRET"))
//	if err != nil {
//		log.Fatal(err) // errors.Is(err, webhooks.ErrInvalidSecret)
//	}
//	http.Handle("/webhooks/clerk", webhooks.Handler(wh, func(ctx context.Context, ev *webhooks.Event) error {
//		switch ev.Type {
//		case webhooks.UserCreated:
//			u, err := ev.User()
//			if err != nil {
//				return err
//			}
//			return db.AddUser(ctx, u.ID, ev.ID) // an error makes Svix deliver the event again
//		}
//		return nil
//	}))
//
// The handler answers 204 when the callback succeeds, 500 when it fails (so
// Svix retries), 400 to a delivery that does not verify, 413 to a body over
// the size limit and 405 to anything but POST. Svix delivers at least once:
// Event.ID is the same on every attempt, so de-duplicate on it. A Router
// dispatches events to a callback per event type.
//
// To verify deliveries outside Handler, pass the body exactly as received
// and the request's headers to Verifier.Verify:
//
//	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, webhooks.DefaultMaxPayloadSize))
//	...
//	ev, err := wh.Verify(body, r.Header)
//
// # Errors
//
// Every error from Verify matches one sentinel with errors.Is; its message
// says more and never contains the secret:
//
//   - ErrPayloadTooLarge: the payload is over the limit (WithMaxPayloadSize);
//   - ErrMissingHeader: a signature header is missing;
//   - ErrInvalidSignature: no signature matches, or a header is malformed
//     or too long;
//   - ErrTimestampOutOfRange: a genuine signature, but the signed timestamp
//     is further than the tolerance (WithTolerance) from the clock;
//   - ErrInvalidPayload: a genuine delivery that is not a Clerk event.
//
// NewVerifier fails with ErrInvalidSecret on an empty or undecodable secret.
// An accessor called on an event of another type fails with
// ErrWrongEventType, and with ErrInvalidPayload when the data does not
// decode.
//
//	ev, err := wh.Verify(body, r.Header)
//	switch {
//	case errors.Is(err, webhooks.ErrTimestampOutOfRange):
//		// genuine but stale: a replay, or a clock that is off
//	case err != nil:
//		// not from Clerk
//	}
//
// # Headers and signatures
//
// Clerk sends svix-id, svix-timestamp and svix-signature. The Standard
// Webhooks names webhook-id, webhook-timestamp and webhook-signature are
// accepted when the svix-* set is incomplete, as in the svix package. The
// signature header may list several space-separated signatures (during a
// secret rotation); one matching "v1" signature is enough. Signatures are
// compared in constant time. The tolerance applies in both directions and
// defaults to 5 minutes, measured against WithClock's clock; the svix
// package's own timestamp check, which reads time.Now and fixes the
// tolerance, is not used.
package webhooks
