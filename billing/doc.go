// Package billing is the Billing part of the Clerk Backend API: the plans
// and prices of an instance, the subscriptions of its users and
// organizations and their subscription items, statements and their payment
// attempts, and the payers' credit balances.
//
// A Service is reached through the root package's client:
//
//	sub, err := c.Billing.UserSubscription(ctx, "user_123")
//	if err != nil {
//		return err
//	}
//	for _, it := range sub.SubscriptionItems {
//		if it.Plan != nil {
//			fmt.Println(it.Plan.Name, it.Status, it.PlanPeriod)
//		}
//	}
//	if np := sub.NextPayment; np != nil && np.Amount != nil {
//		fmt.Println("next:", np.Amount.AmountFormatted) // "$49.99"
//	}
//
//	for it, err := range c.Billing.AllSubscriptionItems(ctx, &billing.ListSubscriptionItemsParams{
//		Status: new(billing.StatusPastDue),
//	}) {
//		...
//	}
//
// Money is never a float: a Money holds an integer Amount in the currency's
// minor unit (cents for USD) with its Currency, and the API's own
// formatting of it (AmountFormatted). Parameters that take an amount
// (CreatePriceParams, AdjustCreditsParams) take that same integer.
//
// The API answers a subscription item in two shapes (the answers of
// ExtendFreeTrial and TransitionPrice carry a payment source and a plan
// with plain amounts; the others a payment method, seats and totals). One
// SubscriptionItem and one Plan hold both; a field says in its doc which
// answers set it.
//
// Errors: every non-2xx answer is a *clerk.APIError that matches the status
// sentinels with errors.Is (clerk.ErrNotFound, clerk.ErrConflict for
// re-applying the active discount, clerk.ErrUnprocessable for a refused
// value). A call refused before any
// request (an empty or unsafe ID, a missing required field) matches
// clerk.ErrInvalidParams. Transport failures wrap their cause. POST calls
// are never retried on a 5xx: AdjustUserCredits and AdjustOrganizationCredits
// take an idempotency key, so repeating one is safe.
package billing
