package webhooks

import (
	"time"

	"github.com/go-clerk/clerk/billing"
)

// The types below that are the Backend API's are aliases of package
// billing's models, so that an event decodes into what the API answers: the
// webhook spec declares the same schema (BillingAmount, the credits), or the
// same object with fewer of its properties (BillingPayer, BillingSeats,
// BillingPaymentSource: what an event leaves out reads as zero). The event
// payloads themselves (Subscription, SubscriptionItem, PaymentAttempt) and
// the plan, totals and payee inside them have their own shape in the
// webhook spec (a plan's amount and currency where the API has a fee, items
// under "items", an interval where the API has a plan period), so they are
// this package's own types.

// BillingPayer is the user or organization that pays for a subscription:
// billing.Payer (the webhook spec's BillingPayerEventPayload is its schema
// without credits_balance and instance_id).
type BillingPayer = billing.Payer

// BillingAmount is an amount of money: billing.Money (the same schema).
type BillingAmount = billing.Money

// BillingPaymentSource is the payment method of a payment:
// billing.PaymentSource (the webhook spec's schema is a subset of the
// API's).
type BillingPaymentSource = billing.PaymentSource

// BillingSeats is a subscription item's seat entitlement: billing.Seats
// (events carry its quantity, not its tiers).
type BillingSeats = billing.Seats

// BillingCredits are the credits applied to a subscription item's charge:
// billing.Credits (the same schema).
type BillingCredits = billing.Credits

// BillingProrationCredit is the credit for the unused part of a period:
// billing.ProrationCredit (the same schema).
type BillingProrationCredit = billing.ProrationCredit

// BillingPayerCredit is account credit applied to a charge:
// billing.PayerCredit (the same schema).
type BillingPayerCredit = billing.PayerCredit

// Subscription is the data of the subscription.* events: a payer's billing
// subscription and its items.
type Subscription struct {
	// Object is "commerce_subscription".
	Object string `json:"object"`
	// ID is the subscription's ID.
	ID string `json:"id"`
	// Status is "active", "past_due", "canceled", "ended", "abandoned" or
	// "incomplete".
	Status string `json:"status"`
	// ActiveAt is when the subscription became active, nil if it never was.
	ActiveAt *time.Time `json:"active_at"`
	// CanceledAt is when the subscription was canceled, nil if it was not.
	CanceledAt *time.Time `json:"canceled_at"`
	// EndedAt is when the subscription ended, nil if it has not.
	EndedAt *time.Time `json:"ended_at"`
	// PastDueAt is when the subscription became past due, nil if it is not.
	PastDueAt *time.Time `json:"past_due_at"`
	// CreatedAt is when the subscription was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the subscription last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// LatestPaymentID is the latest payment attempt, "" when none.
	LatestPaymentID string `json:"latest_payment_id"`
	// PayerID is the payer's ID.
	PayerID string `json:"payer_id"`
	// Payer is the user or organization that pays.
	Payer BillingPayer `json:"payer"`
	// PaymentSourceID is the payment method charged, "" when none.
	PaymentSourceID string `json:"payment_source_id"`
	// Items are the subscription's items, each the state of the
	// subscription over a period of time. Their Payer and SubscriptionID
	// are left out here.
	Items []SubscriptionItem `json:"items"`
}

// SubscriptionItem is the data of the subscriptionItem.* events, an entry of
// Subscription.Items, and an entry of PaymentAttempt.SubscriptionItems: the
// state of a subscription to one plan over one period.
type SubscriptionItem struct {
	// Object is "commerce_subscription_item".
	Object string `json:"object"`
	// ID is the item's ID.
	ID string `json:"id"`
	// Status is "active", "upcoming", "canceled", "ended", "abandoned",
	// "incomplete", "past_due" or "expired".
	Status string `json:"status"`
	// IsFreeTrial reports an item in a free-trial period.
	IsFreeTrial bool `json:"is_free_trial"`
	// CreatedAt is when the item was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the item last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// PeriodStart is when the item's period starts.
	PeriodStart time.Time `json:"period_start"`
	// PeriodEnd is when the item's period ends, nil for the items of a
	// default plan.
	PeriodEnd *time.Time `json:"period_end"`
	// Interval is how often the payer is charged: "month" or "annual".
	Interval string `json:"interval"`
	// PlanID is the plan's ID, "" when none.
	PlanID string `json:"plan_id"`
	// Plan is the plan, nil when none.
	Plan *BillingPlan `json:"plan"`
	// Payer is the user or organization that pays; nil inside a
	// Subscription.
	Payer *BillingPayer `json:"payer,omitempty"`
	// SubscriptionID is the parent subscription; "" inside a Subscription.
	SubscriptionID string `json:"subscription_id"`
	// Seats is the item's seat entitlement, nil when the plan has none.
	Seats *BillingSeats `json:"seats,omitempty"`
	// Credit is the proration credit of the item's charge, in payment
	// attempts.
	//
	// Deprecated: use Credits.Proration.
	Credit *BillingProrationCredit `json:"credit,omitempty"`
	// Credits are the credits applied to the item's charge, in payment
	// attempts; nil when none.
	Credits *BillingCredits `json:"credits,omitempty"`

	// The fields below are in the payment attempt examples of the spec,
	// but not in its schema.

	// Amount is the item's charge, in payment attempts.
	Amount *BillingAmount `json:"amount,omitempty"`
	// PlanPeriod is the plan's billing period, such as "month", in payment
	// attempts.
	PlanPeriod string `json:"plan_period,omitempty"`
	// LifetimePaid is what the item has been paid in all, in the currency's
	// smallest unit, in payment attempts.
	LifetimePaid int64 `json:"lifetime_paid,omitempty"`
	// NextPaymentAmount is the next charge, in the currency's smallest
	// unit, in payment attempts.
	NextPaymentAmount int64 `json:"next_payment_amount,omitempty"`
	// NextPaymentDate is when the next charge is due, nil when none.
	NextPaymentDate *time.Time `json:"next_payment_date,omitempty"`
	// ProrationDate is the date proration is computed from, as Clerk sends
	// it ("2024-05-01"), in payment attempts.
	ProrationDate string `json:"proration_date,omitempty"`
	// CanceledAt is when the item was canceled, nil if it was not.
	CanceledAt *time.Time `json:"canceled_at,omitempty"`
	// PastDueAt is when the item became past due, nil if it is not.
	PastDueAt *time.Time `json:"past_due_at,omitempty"`
}

// PaymentAttempt is the data of the paymentAttempt.created and .updated
// events: one attempt to collect a payment.
type PaymentAttempt struct {
	// ID is the attempt's ID.
	ID string `json:"id"`
	// InstanceID is the Clerk instance of the payment.
	InstanceID string `json:"instance_id"`
	// PaymentID is the payment the attempt is for.
	PaymentID string `json:"payment_id"`
	// InvoiceID is the statement the payment is for, under its former name.
	//
	// Deprecated: use StatementID.
	InvoiceID string `json:"invoice_id"`
	// StatementID is the statement the payment is for.
	StatementID string `json:"statement_id"`
	// GatewayExternalID is the payment gateway's ID of the attempt.
	GatewayExternalID string `json:"gateway_external_id"`
	// Status is "pending", "paid" or "failed".
	Status string `json:"status"`
	// CreatedAt is when the attempt was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the attempt last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// PaidAt is when the payment succeeded, nil if it has not.
	PaidAt *time.Time `json:"paid_at"`
	// FailedAt is when the payment failed, nil if it has not.
	FailedAt *time.Time `json:"failed_at"`
	// FailedReason says why the payment failed, nil if it has not.
	FailedReason *BillingPaymentFailedReason `json:"failed_reason"`
	// BillingDate is the date the payment is billed for.
	BillingDate time.Time `json:"billing_date"`
	// ChargeType is "checkout" or "recurring".
	ChargeType string `json:"charge_type"`
	// Payee is who is paid.
	Payee BillingPayee `json:"payee"`
	// Payer is the user or organization that pays.
	Payer BillingPayer `json:"payer"`
	// Totals are the amounts charged.
	Totals BillingTotals `json:"totals"`
	// PaymentSource is the payment method charged.
	PaymentSource BillingPaymentSource `json:"payment_source"`
	// SubscriptionItems are the subscription items paid for.
	SubscriptionItems []SubscriptionItem `json:"subscription_items"`
}

// BillingPayee is who a payment goes to.
type BillingPayee struct {
	// ID is the payee's ID.
	ID string `json:"id"`
	// GatewayType is the payment gateway, such as "stripe".
	GatewayType string `json:"gateway_type"`
	// GatewayExternalID is the gateway's ID of the payee.
	GatewayExternalID string `json:"gateway_external_id"`
	// GatewayStatus is the payee's status at the gateway.
	GatewayStatus string `json:"gateway_status"`
}

// BillingPlan is the plan of a subscription item.
type BillingPlan struct {
	// ID is the plan's ID.
	ID string `json:"id"`
	// Slug is the plan's URL-friendly key.
	Slug string `json:"slug"`
	// Name is the plan's display name.
	Name string `json:"name"`
	// IsRecurring reports a plan that charges each period.
	IsRecurring bool `json:"is_recurring"`
	// Amount is the price per period in the currency's smallest unit.
	Amount int64 `json:"amount"`
	// Currency is the ISO 4217 code, such as "USD".
	Currency string `json:"currency"`
	// UnitPrices is the plan's tiered per-unit pricing (seats, ...), set in
	// subscription and subscription item events for plans that have it.
	UnitPrices []BillingUnitPrice `json:"unit_prices,omitempty"`

	// The fields below are in the payment attempt examples of the spec,
	// but not in its schema.

	// Description describes the plan.
	Description string `json:"description,omitempty"`
	// Period is the billing period, such as "month".
	Period string `json:"period,omitempty"`
	// Interval is the number of periods between charges.
	Interval int64 `json:"interval,omitempty"`
	// AnnualMonthlyAmount is the monthly price when paid annually, in the
	// currency's smallest unit.
	AnnualMonthlyAmount int64 `json:"annual_monthly_amount,omitempty"`
	// HasBaseFee reports a plan with a base fee.
	HasBaseFee bool `json:"has_base_fee,omitempty"`
	// IsDefault reports the instance's default plan.
	IsDefault bool `json:"is_default,omitempty"`
	// IsProrated reports a plan whose changes are prorated.
	IsProrated bool `json:"is_prorated,omitempty"`
	// PubliclyVisible reports a plan shown in the pricing table.
	PubliclyVisible bool `json:"publicly_visible,omitempty"`
	// ProductID is the plan's product.
	ProductID string `json:"product_id,omitempty"`
	// InstanceID is the plan's Clerk instance.
	InstanceID string `json:"instance_id,omitempty"`
}

// BillingUnitPrice is the tiered price of one kind of unit of a plan.
type BillingUnitPrice struct {
	// Name is the unit, such as "seats".
	Name string `json:"name"`
	// BlockSize is the number of units priced together.
	BlockSize int64 `json:"block_size"`
	// Tiers are the price tiers, by StartsAtBlock.
	Tiers []BillingUnitPriceTier `json:"tiers"`
}

// BillingUnitPriceTier is one tier of a unit price.
type BillingUnitPriceTier struct {
	// StartsAtBlock is the block the tier starts at.
	StartsAtBlock int64 `json:"starts_at_block"`
	// EndsAfterBlock is the tier's last block, nil when it has no end.
	EndsAfterBlock *int64 `json:"ends_after_block"`
	// AmountPerBlock is the price of a block in the currency's smallest
	// unit.
	AmountPerBlock int64 `json:"amount_per_block"`
	// Currency is the ISO 4217 code, such as "USD".
	Currency string `json:"currency"`
}

// BillingTotals are the amounts of a payment.
type BillingTotals struct {
	// Subtotal is the amount before taxes and fees.
	Subtotal BillingAmount `json:"subtotal"`
	// TaxTotal is the taxes.
	TaxTotal BillingAmount `json:"tax_total"`
	// GrandTotal is the amount charged.
	GrandTotal BillingAmount `json:"grand_total"`
	// PerUnitTotals break the charge down per unit, when it has units.
	PerUnitTotals []BillingUnitTotal `json:"per_unit_totals,omitempty"`
}

// BillingUnitTotal is the charge for one kind of unit.
type BillingUnitTotal struct {
	// Name is the unit, such as "seats".
	Name string `json:"name"`
	// Amount is the price of a unit in the currency's smallest unit.
	Amount int64 `json:"amount"`
	// Quantity is the number of units, nil for unlimited.
	Quantity *int64 `json:"quantity"`
	// Total is Amount times Quantity.
	Total int64 `json:"total"`
	// Currency is the ISO 4217 code, such as "USD".
	Currency string `json:"currency"`
}

// BillingPaymentFailedReason says why a payment failed.
type BillingPaymentFailedReason struct {
	// Code is the kind of failure, such as "card_declined".
	Code string `json:"code"`
	// DeclineCode is the payment processor's decline code.
	DeclineCode string `json:"decline_code"`
}
