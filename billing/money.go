package billing

// Money is an amount of money as the API answers it: an integer number of
// the currency's minor unit (cents for USD), never a float. Clerk API
// schema: CommerceMoneyResponse.
type Money struct {
	// Amount is in the currency's minor unit: 4999 is $49.99. Credit
	// ledger entries are negative for decreases.
	Amount int64 `json:"amount"`
	// AmountFormatted is the API's own formatting of the amount, such as
	// "$49.99" (for display only).
	AmountFormatted string `json:"amount_formatted"`
	// Currency is the currency code, such as "USD".
	Currency string `json:"currency"`
	// CurrencySymbol is the currency's symbol, such as "$".
	CurrencySymbol string `json:"currency_symbol"`
}

// Totals break an amount down: a next payment's, a subscription item's, a
// payment attempt's. Clerk API schemas: CommerceTotalsResponse (and its
// twin CommerceTotalsResponse-2).
type Totals struct {
	// Subtotal is the base fee plus the per-unit charges.
	Subtotal Money `json:"subtotal"`
	// BaseFee is the plan's fee before per-unit charges.
	BaseFee Money `json:"base_fee"`
	// TaxTotal is the tax.
	TaxTotal Money `json:"tax_total"`
	// GrandTotal is the amount charged.
	GrandTotal Money `json:"grand_total"`
	// PerUnitTotals break the per-unit charges down (seats, ...).
	PerUnitTotals []PerUnitTotal `json:"per_unit_totals,omitzero"`
	// Credits are the credits applied, nil when none.
	Credits *Credits `json:"credits,omitzero"`
	// Discounts are the discounts applied, nil when none.
	Discounts *Discounts `json:"discounts,omitzero"`
}

// PerUnitTotal is the charge for one billable unit, such as seats. Clerk
// API schemas: CommercePerUnitTotal (and CommercePerUnitTotal-2).
type PerUnitTotal struct {
	// Name is the unit's name, such as "seats".
	Name string `json:"name"`
	// BlockSize is how many units each pricing block holds.
	BlockSize int64 `json:"block_size"`
	// Tiers are the totals of each pricing tier.
	Tiers []PerUnitTotalTier `json:"tiers"`
}

// PerUnitTotalTier is the charge for the units billed in one pricing tier.
// Clerk API schemas: CommercePerUnitTotalTier (and -2).
type PerUnitTotalTier struct {
	// Quantity is the number of units billed in the tier; nil means
	// unlimited.
	Quantity *int64 `json:"quantity,omitzero"`
	// FeePerBlock is the price of one block in the tier.
	FeePerBlock Money `json:"fee_per_block"`
	// Total is the tier's charge.
	Total Money `json:"total"`
}

// Credits are the credits applied to an amount. Clerk API schema:
// CommerceCreditsResponse.
type Credits struct {
	// Proration is the credit for the unused part of a previous billing
	// cycle, nil when none.
	Proration *ProrationCredit `json:"proration"`
	// Payer is the part of the payer's credit balance applied, nil when
	// none.
	Payer *PayerCredit `json:"payer"`
	// Total is all credits applied.
	Total Money `json:"total"`
}

// ProrationCredit is a credit for the unused part of a billing cycle.
// Clerk API schema: CommerceProrationCreditDetailResponse.
type ProrationCredit struct {
	// Amount is the credit.
	Amount Money `json:"amount"`
	// CycleDaysRemaining is how many days of the cycle were left.
	CycleDaysRemaining int64 `json:"cycle_days_remaining"`
	// CycleDaysTotal is the length of the cycle in days.
	CycleDaysTotal int64 `json:"cycle_days_total"`
	// CycleRemainingPercent is the share of the cycle left, in percent.
	CycleRemainingPercent float64 `json:"cycle_remaining_percent"`
}

// PayerCredit is the part of a payer's credit balance applied to an
// amount. Clerk API schema: CommercePayerCreditResponse.
type PayerCredit struct {
	// RemainingBalance is the payer's balance after this use.
	RemainingBalance Money `json:"remaining_balance"`
	// AppliedAmount is what was applied.
	AppliedAmount Money `json:"applied_amount"`
}

// Discounts are the discounts applied to an amount. Clerk API schemas:
// CommerceDiscountsResponse and BillingDiscountsResponse.
type Discounts struct {
	// Proration is the discount for the part of the billing cycle already
	// passed, nil when none.
	Proration *ProrationDiscount `json:"proration"`
	// Total is all discounts applied.
	Total Money `json:"total"`
}

// ProrationDiscount is a discount for the part of a billing cycle already
// passed. Clerk API schemas: CommerceProrationDiscountResponse and
// BillingProrationDiscountDetail.
type ProrationDiscount struct {
	// Amount is the discount.
	Amount Money `json:"amount"`
	// CycleDaysPassed is how many days of the cycle had passed.
	CycleDaysPassed int64 `json:"cycle_days_passed"`
	// CycleDaysTotal is the length of the cycle in days.
	CycleDaysTotal int64 `json:"cycle_days_total"`
	// CyclePassedPercent is the share of the cycle passed, in percent.
	CyclePassedPercent float64 `json:"cycle_passed_percent"`
}
