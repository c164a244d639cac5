package billing

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// UserSubscription returns a user's subscription, with its items and next
// payment. Clerk API: GET /users/{user_id}/billing/subscription.
func (s *Service) UserSubscription(ctx context.Context, userID string) (*Subscription, error) {
	return internal.Call[Subscription](ctx, s.core(), http.MethodGet, "/users/{user_id}/billing/subscription", nil, userID)
}

// OrganizationSubscription returns an organization's subscription, with
// its items and next payment. Clerk API:
// GET /organizations/{organization_id}/billing/subscription.
func (s *Service) OrganizationSubscription(ctx context.Context, organizationID string) (*Subscription, error) {
	return internal.Call[Subscription](ctx, s.core(), http.MethodGet, "/organizations/{organization_id}/billing/subscription", nil, organizationID)
}

// ListSubscriptionItemsParams filter and page GET
// /billing/subscription_items. Nil params list the subscription items of
// paid plans, of users and organizations, ten to a page (the API's
// default), newest first.
type ListSubscriptionItemsParams struct {
	// Paginated is the API's switch between a bare array and the
	// {data, total_count} answer; the SDK reads both. Leave it unset.
	Paginated *bool `url:"paginated"`
	// Limit is the page size, 1 to 500.
	Limit *int `url:"limit"`
	// Offset skips that many items.
	Offset *int `url:"offset"`
	// Status lists only the items in this state: StatusActive,
	// StatusEnded, StatusPastDue, StatusUpcoming or StatusFreeTrial.
	Status *Status `url:"status"`
	// PayerType lists only the items of users, or of organizations.
	PayerType *PayerType `url:"payer_type"`
	// PlanID lists only the items of this plan.
	PlanID *string `url:"plan_id"`
	// IncludeFree includes the items of free plans (false by default).
	IncludeFree *bool `url:"include_free"`
	// Query matches the items by a search query.
	Query *string `url:"query"`
}

// ListSubscriptionItems returns one page of the instance's subscription
// items. Nil params are allowed. Clerk API: GET /billing/subscription_items.
func (s *Service) ListSubscriptionItems(ctx context.Context, params *ListSubscriptionItemsParams) (*Page[SubscriptionItem], error) {
	return internal.List[SubscriptionItem](ctx, s.core(), "/billing/subscription_items", params)
}

// AllSubscriptionItems iterates over every subscription item that matches
// params, fetching pages of params.Limit (500, the maximum, when unset or
// larger) lazily from params.Offset; params is copied, never changed.
// Canceling the items it yields while it runs, even with a Status filter
// they leave, skips none. It yields an error once and stops. Clerk API:
// GET /billing/subscription_items.
func (s *Service) AllSubscriptionItems(ctx context.Context, params *ListSubscriptionItemsParams) iter.Seq2[*SubscriptionItem, error] {
	return internal.All(ctx, params, internal.Paging[SubscriptionItem]{Max: maxLimit, ID: subscriptionItemID}, s.ListSubscriptionItems)
}

func subscriptionItemID(it *SubscriptionItem) string { return it.ID }

// CancelSubscriptionItemParams say when a cancellation takes effect.
type CancelSubscriptionItemParams struct {
	// EndNow ends the item at once; by default it is canceled at the end of
	// the current billing period.
	EndNow *bool `url:"end_now"`
}

// CancelSubscriptionItem cancels a subscription item, at the end of its
// billing period unless params.EndNow, and returns it canceled. Nil params
// are allowed. Clerk API:
// DELETE /billing/subscription_items/{subscription_item_id}.
func (s *Service) CancelSubscriptionItem(ctx context.Context, subscriptionItemID string, params *CancelSubscriptionItemParams) (*SubscriptionItem, error) {
	return internal.Call[SubscriptionItem](ctx, s.core(), http.MethodDelete, "/billing/subscription_items/{subscription_item_id}", params, subscriptionItemID)
}

// ExtendFreeTrial extends the free trial of a subscription item to
// extendTo, which must be in the future and within the API's limit of 365
// days (the API judges both). The item must be in a free trial of a plan
// that offers one. Repeating the call with the same time changes nothing. A zero extendTo fails with clerk.ErrInvalidParams before
// any request. Clerk API:
// POST /billing/subscription_items/{subscription_item_id}/extend_free_trial.
func (s *Service) ExtendFreeTrial(ctx context.Context, subscriptionItemID string, extendTo time.Time) (*SubscriptionItem, error) {
	if extendTo.IsZero() {
		return nil, fmt.Errorf("%w: extendTo is the zero time", internal.ErrInvalidParams)
	}
	body := struct {
		ExtendTo time.Time `json:"extend_to"` // RFC 3339, as the API takes it
	}{extendTo.UTC()}
	return internal.Call[SubscriptionItem](ctx, s.core(), http.MethodPost, "/billing/subscription_items/{subscription_item_id}/extend_free_trial", &body, subscriptionItemID)
}

// TransitionPriceParams name the price a subscription item moves from and
// the one it moves to. Both are required.
type TransitionPriceParams struct {
	// FromPriceID is the item's current price.
	FromPriceID string `json:"from_price_id"`
	// ToPriceID is the price to move to.
	ToPriceID string `json:"to_price_id"`
}

// TransitionPrice moves a subscription item to another price. Depending on
// the plan and the payer, the change applies at once (and may be charged)
// or at the end of the period, as a new upcoming item; the answer says
// which. Nil params or an empty price ID fail with clerk.ErrInvalidParams
// before any request. Clerk API:
// POST /billing/subscription_items/{subscription_item_id}/price_transition.
func (s *Service) TransitionPrice(ctx context.Context, subscriptionItemID string, params *TransitionPriceParams) (*PriceTransition, error) {
	if params == nil {
		return nil, internal.NoParams("Billing.TransitionPrice")
	}
	if err := internal.Required("from_price_id", params.FromPriceID, "to_price_id", params.ToPriceID); err != nil {
		return nil, err
	}
	return internal.Call[PriceTransition](ctx, s.core(), http.MethodPost, "/billing/subscription_items/{subscription_item_id}/price_transition", params, subscriptionItemID)
}

// ApplyDiscount applies an existing discount to a subscription item,
// replacing its active discount if it has another (self-serve distribution
// rules are not enforced). Re-applying the active discount is an error
// matching clerk.ErrConflict; an empty discountID fails with
// clerk.ErrInvalidParams before any request. Clerk API:
// POST /billing/subscription_items/{subscription_item_id}/discounts.
func (s *Service) ApplyDiscount(ctx context.Context, subscriptionItemID, discountID string) (*DiscountRedemption, error) {
	if err := internal.Required("discount_id", discountID); err != nil {
		return nil, err
	}
	body := struct {
		DiscountID string `json:"discount_id"`
	}{discountID}
	return internal.Call[DiscountRedemption](ctx, s.core(), http.MethodPost, "/billing/subscription_items/{subscription_item_id}/discounts", &body, subscriptionItemID)
}

// RemoveDiscount removes a subscription item's active discount, which
// discountID must name, and returns the redemption, now "removed". Clerk
// API: DELETE /billing/subscription_items/{subscription_item_id}/discounts/{discount_id}.
func (s *Service) RemoveDiscount(ctx context.Context, subscriptionItemID, discountID string) (*DiscountRedemption, error) {
	return internal.Call[DiscountRedemption](ctx, s.core(), http.MethodDelete, "/billing/subscription_items/{subscription_item_id}/discounts/{discount_id}", nil, subscriptionItemID, discountID)
}
