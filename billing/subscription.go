package billing

import "time"

// Subscription is a payer's (a user's or an organization's) subscription:
// the plans it is subscribed to, as subscription items, and its next
// payment. Clerk API schema: CommerceSubscription.
type Subscription struct {
	// Object is always "commerce_subscription".
	Object string `json:"object"`
	// ID is the subscription's ID.
	ID string `json:"id"`
	// InstanceID is the Clerk instance.
	InstanceID string `json:"instance_id"`
	// Status is StatusActive, StatusPastDue, StatusCanceled, StatusEnded,
	// StatusAbandoned or StatusIncomplete.
	Status Status `json:"status"`
	// PayerID is the payer.
	PayerID string `json:"payer_id"`
	// CreatedAt is when the subscription was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when it was last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// ActiveAt is when it became active, nil when it has not.
	ActiveAt *time.Time `json:"active_at"`
	// PastDueAt is when it became past due, nil when it is not.
	PastDueAt *time.Time `json:"past_due_at"`
	// SubscriptionItems are the plans subscribed to.
	SubscriptionItems []SubscriptionItem `json:"subscription_items"`
	// NextPayment is the next scheduled payment, nil when none.
	NextPayment *NextPayment `json:"next_payment,omitzero"`
	// EligibleForFreeTrial is true when the payer may still start a free
	// trial.
	EligibleForFreeTrial bool `json:"eligible_for_free_trial"`
}

// NextPayment is a scheduled payment: of a subscription, or of one of its
// items. Clerk API schemas: CommerceSubscriptionNextPayment and
// CommerceSubscriptionItemNextPaymentResponse.
type NextPayment struct {
	// Date is when it is due, nil when not known.
	Date *time.Time `json:"date"`
	// Amount is the plan's base fee, without per-unit charges (see
	// Totals.GrandTotal), nil when not known.
	Amount *Money `json:"amount"`
	// PerUnitTotals break the per-unit charges down (seats, ...).
	PerUnitTotals []PerUnitTotal `json:"per_unit_totals,omitzero"`
	// Totals is what will be billed at renewal, base fee plus per-unit
	// charges (tax and credits are not previewed), nil when not known.
	Totals *Totals `json:"totals,omitzero"`
}

// SubscriptionItem is one plan a payer is subscribed to, with its period,
// payment and status. Clerk API schemas: CommerceSubscriptionItem (lists,
// subscriptions, CancelSubscriptionItem) and CommerceSubscriptionItem-2
// (ExtendFreeTrial, TransitionPrice); the fields only one of them has say
// so.
type SubscriptionItem struct {
	// Object is always "commerce_subscription_item".
	Object string `json:"object"`
	// ID is the subscription item's ID.
	ID string `json:"id"`
	// InstanceID is the Clerk instance.
	InstanceID string `json:"instance_id"`
	// Status is StatusActive, StatusCanceled, StatusExpired, StatusEnded,
	// StatusPastDue, StatusUpcoming, StatusIncomplete or StatusAbandoned.
	Status Status `json:"status"`
	// Credit is the credit of a payment attempt, nil elsewhere.
	Credit *SubscriptionCredit `json:"credit,omitzero"`
	// Credits break the credits applied down, nil when none
	// (CommerceSubscriptionItem only).
	Credits *Credits `json:"credits,omitzero"`
	// PlanID is the plan subscribed to.
	PlanID string `json:"plan_id"`
	// PriceID is the price the item is billed at.
	PriceID string `json:"price_id"`
	// Plan is the plan subscribed to, nil when not included.
	Plan *Plan `json:"plan"`
	// PlanPeriod is PeriodMonth or PeriodAnnual.
	PlanPeriod Period `json:"plan_period"`
	// PaymentMethod is how the item is paid (CommerceSubscriptionItem
	// only).
	PaymentMethod *PaymentMethod `json:"payment_method,omitzero"`
	// PaymentSourceID is the payment source's ID
	// (CommerceSubscriptionItem-2 only).
	PaymentSourceID string `json:"payment_source_id,omitzero"`
	// PaymentSource is how the item is paid (CommerceSubscriptionItem-2
	// only).
	PaymentSource *PaymentSource `json:"payment_source,omitzero"`
	// LifetimePaid is all that was paid for the item, nil when not given.
	LifetimePaid *Money `json:"lifetime_paid,omitzero"`
	// Amount is the item's current amount (CommerceSubscriptionItem-2
	// only).
	Amount *Money `json:"amount,omitzero"`
	// NextInvoice is the next invoice (CommerceSubscriptionItem-2 only).
	NextInvoice *NextPayment `json:"next_invoice,omitzero"`
	// NextPayment is the next payment, nil when none.
	NextPayment *NextPayment `json:"next_payment,omitzero"`
	// PayerID is the payer.
	PayerID string `json:"payer_id"`
	// Payer is the payer, nil when not included.
	Payer *Payer `json:"payer,omitzero"`
	// IsFreeTrial is true while the item is in a free trial.
	IsFreeTrial bool `json:"is_free_trial"`
	// PeriodStart is when the current period started, nil when it has not.
	PeriodStart *time.Time `json:"period_start"`
	// PeriodEnd is when the current period ends, nil when open-ended.
	PeriodEnd *time.Time `json:"period_end"`
	// ProrationDate is the day the item was prorated from, such as
	// "2025-06-01", in the answers that give it.
	ProrationDate string `json:"proration_date,omitzero"`
	// CanceledAt is when the item was canceled, nil when it is not.
	CanceledAt *time.Time `json:"canceled_at"`
	// PastDueAt is when the item became past due, nil when it is not.
	PastDueAt *time.Time `json:"past_due_at"`
	// EndedAt is when the item ended, nil when it has not.
	EndedAt *time.Time `json:"ended_at"`
	// CreatedAt is when the item was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when it was last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// Seats is the seat quantity of seat-based billing, nil when none
	// (CommerceSubscriptionItem only).
	Seats *Seats `json:"seats,omitzero"`
	// Totals break the item's amount down, nil when not given
	// (CommerceSubscriptionItem only).
	Totals *Totals `json:"totals,omitzero"`
}

// SubscriptionCredit is the credit of a subscription item in a payment
// attempt. Clerk API schema: CommerceSubscriptionCreditResponse.
type SubscriptionCredit struct {
	// Amount is the credit, nil when none.
	Amount *Money `json:"amount"`
	// CycleRemainingPercent is the share of the billing cycle left, in
	// percent.
	CycleRemainingPercent float64 `json:"cycle_remaining_percent"`
}

// Seats is the seat quantity of seat-based billing. Clerk API schema:
// CommerceSubscriptionItemSeatsResponse.
type Seats struct {
	// Quantity is the number of seats billed; nil means unlimited.
	Quantity *int64 `json:"quantity"`
	// Tiers break the seats' cost down by pricing tier.
	Tiers []PerUnitTotalTier `json:"tiers,omitzero"`
}

// PriceTransition is the answer to TransitionPrice: the subscription item
// at its new price, and what the change did. Clerk API schema:
// CommercePriceTransitionResponse.
type PriceTransition struct {
	// Object is always "commerce_price_transition".
	Object string `json:"object"`
	// SubscriptionItem is the item at its new price: the same item, or a
	// new upcoming one.
	SubscriptionItem SubscriptionItem `json:"subscription_item"`
	// Transition says what changed and when.
	Transition PriceTransitionDetails `json:"transition"`
}

// PriceTransitionDetails say what a price transition changed. Clerk API
// schema: CommercePriceTransitionDetails.
type PriceTransitionDetails struct {
	// PreviousPlan is the plan before the change.
	PreviousPlan Plan `json:"previous_plan"`
	// PreviousPrice is the price before the change.
	PreviousPrice Price `json:"previous_price"`
	// EffectiveAt is when the new price takes effect.
	EffectiveAt time.Time `json:"effective_at"`
	// EffectiveMode is "immediate" or "end_of_period".
	EffectiveMode string `json:"effective_mode"`
	// NextBillingDate is the next billing date, nil when none.
	NextBillingDate *time.Time `json:"next_billing_date"`
	// ChargedImmediately is true when the change was charged at once.
	ChargedImmediately bool `json:"charged_immediately"`
	// ImmediateCharge is what was charged at once, nil when nothing.
	ImmediateCharge *Money `json:"immediate_charge"`
	// PreviousSubscriptionItemStatus is the previous item's status after
	// the change: "canceled", "ended" or "abandoned".
	PreviousSubscriptionItemStatus Status `json:"previous_subscription_item_status"`
	// PreviousSubscriptionItemID is the previous item's ID.
	PreviousSubscriptionItemID string `json:"previous_subscription_item_id"`
}

// DiscountRedemption is a discount applied to a subscription item. Clerk
// API schema: CommerceDiscountRedemptionResponse.
type DiscountRedemption struct {
	// Object is always "commerce_discount_redemption".
	Object string `json:"object"`
	// ID is the redemption's ID.
	ID string `json:"id"`
	// SubscriptionItemID is the item the discount applies to.
	SubscriptionItemID string `json:"subscription_item_id"`
	// DiscountID is the discount applied.
	DiscountID string `json:"discount_id"`
	// Name is the discount's display name.
	Name string `json:"name"`
	// Source is how it was applied: "promotion", "manual" or "promo_code".
	Source string `json:"source"`
	// PromoCode is the promo code redeemed, "" when none.
	PromoCode string `json:"promo_code"`
	// Effect is "percentage" or "fixed_amount".
	Effect string `json:"effect"`
	// PercentOff is the percentage off, 0 unless Effect is "percentage".
	PercentOff float64 `json:"percent_off"`
	// AmountOff is the amount off, nil unless Effect is "fixed_amount".
	AmountOff *Money `json:"amount_off"`
	// Amount is how much the discount takes off the item's next renewal,
	// nil when not known.
	Amount *Money `json:"amount"`
	// CyclesRemaining is how many more billing cycles the discount applies
	// to; nil means forever.
	CyclesRemaining *int `json:"cycles_remaining"`
	// CyclesApplied is how many billing cycles it has applied to.
	CyclesApplied int `json:"cycles_applied"`
	// Status is "active", "exhausted" or "removed".
	Status string `json:"status"`
	// RedeemedAt is when the discount was applied.
	RedeemedAt time.Time `json:"redeemed_at"`
	// RedeemedBy identifies who applied it, "" when not known.
	RedeemedBy string `json:"redeemed_by"`
}
