package billing

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// Plan is a billing plan: what a user or an organization subscribes to.
// Clerk API schemas: CommercePlan (lists, subscriptions) and CommercePlan-2
// (the answers of ExtendFreeTrial and TransitionPrice, which add the plain
// amounts Amount to Interval and leave out UnitPrices).
type Plan struct {
	// Object is always "commerce_plan".
	Object string `json:"object"`
	// ID is the plan's ID.
	ID string `json:"id"`
	// Name is the plan's name.
	Name string `json:"name"`
	// Fee is the monthly fee when billed monthly, nil when none.
	Fee *Money `json:"fee"`
	// AnnualMonthlyFee is the monthly fee when billed annually, nil when
	// none.
	AnnualMonthlyFee *Money `json:"annual_monthly_fee"`
	// AnnualFee is the yearly fee when billed annually, nil when none.
	AnnualFee *Money `json:"annual_fee"`
	// Description is the plan's description, "" when none.
	Description string `json:"description"`
	// ProductID is the product the plan belongs to.
	//
	// Deprecated: Clerk deprecated it.
	ProductID string `json:"product_id"`
	// IsDefault is true for the instance's default plan.
	IsDefault bool `json:"is_default"`
	// IsRecurring is true for a recurring plan.
	IsRecurring bool `json:"is_recurring"`
	// PubliclyVisible is true when the plan is shown publicly.
	PubliclyVisible bool `json:"publicly_visible"`
	// HasBaseFee is true when the plan has a base fee.
	HasBaseFee bool `json:"has_base_fee"`
	// ForPayerType is who the plan is for: PayerUser or PayerOrganization.
	ForPayerType PayerType `json:"for_payer_type"`
	// Slug is the plan's URL-friendly name.
	Slug string `json:"slug"`
	// AvatarURL is the URL of the plan's image, "" when none.
	AvatarURL string `json:"avatar_url"`
	// Features are the features the plan includes.
	Features []Feature `json:"features"`
	// FreeTrialEnabled is true when the plan offers a free trial.
	FreeTrialEnabled bool `json:"free_trial_enabled"`
	// FreeTrialDays is the free trial's length, 0 when none.
	FreeTrialDays int64 `json:"free_trial_days"`
	// UnitPrices are the per-unit prices (seats, ...), in the CommercePlan
	// answers.
	UnitPrices []UnitPrice `json:"unit_prices,omitzero"`

	// Amount is Fee's amount (CommercePlan-2 answers only).
	Amount int64 `json:"amount,omitzero"`
	// AmountFormatted is Fee's formatted amount (CommercePlan-2 only).
	AmountFormatted string `json:"amount_formatted,omitzero"`
	// AnnualMonthlyAmount is AnnualMonthlyFee's amount (CommercePlan-2
	// only).
	AnnualMonthlyAmount int64 `json:"annual_monthly_amount,omitzero"`
	// AnnualMonthlyAmountFormatted is AnnualMonthlyFee's formatted amount
	// (CommercePlan-2 only).
	AnnualMonthlyAmountFormatted string `json:"annual_monthly_amount_formatted,omitzero"`
	// AnnualAmount is AnnualFee's amount (CommercePlan-2 only).
	AnnualAmount int64 `json:"annual_amount,omitzero"`
	// AnnualAmountFormatted is AnnualFee's formatted amount
	// (CommercePlan-2 only).
	AnnualAmountFormatted string `json:"annual_amount_formatted,omitzero"`
	// CurrencySymbol is the symbol of the amounts' currency, such as "$"
	// (CommercePlan-2 only).
	CurrencySymbol string `json:"currency_symbol,omitzero"`
	// Currency is the amounts' currency code, such as "USD"
	// (CommercePlan-2 only).
	Currency string `json:"currency,omitzero"`
	// PayerType lists who can use the plan (CommercePlan-2 only).
	PayerType []string `json:"payer_type,omitzero"`
	// Period is the plan's billing period (CommercePlan-2 only).
	Period string `json:"period,omitzero"`
	// Interval is the plan's billing interval (CommercePlan-2 only).
	Interval int64 `json:"interval,omitzero"`
}

// Feature is a feature a plan includes. Clerk API schemas: FeatureResponse
// (and FeatureResponse-2).
type Feature struct {
	// Object is always "feature".
	Object string `json:"object"`
	// ID is the feature's ID.
	ID string `json:"id"`
	// Name is the feature's name.
	Name string `json:"name"`
	// Description is the feature's description, "" when none.
	Description string `json:"description"`
	// Slug is the feature's URL-friendly key.
	Slug string `json:"slug"`
	// AvatarURL is the URL of the feature's image, "" when none.
	AvatarURL string `json:"avatar_url"`
}

// UnitPrice is the tiered price of one billable unit of a plan, such as
// seats. Clerk API schema: CommercePlanUnitPrice.
type UnitPrice struct {
	// Name is the unit's name, such as "seats".
	Name string `json:"name"`
	// BlockSize is how many units each pricing block holds.
	BlockSize int64 `json:"block_size"`
	// Tiers are the pricing tiers, in order.
	Tiers []UnitPriceTier `json:"tiers"`
}

// UnitPriceTier is one pricing tier of a UnitPrice. Clerk API schema:
// CommercePlanUnitPriceTier.
type UnitPriceTier struct {
	// StartsAtBlock is the tier's first block (inclusive).
	StartsAtBlock int64 `json:"starts_at_block"`
	// EndsAfterBlock is the tier's last block (inclusive); nil means
	// unlimited.
	EndsAfterBlock *int64 `json:"ends_after_block"`
	// FeePerBlock is the price of one block in the tier.
	FeePerBlock Money `json:"fee_per_block"`
}

// Price is a price of a plan: its default price, or a custom one made with
// CreatePrice. Amounts are integers in the currency's minor unit. Clerk API
// schema: BillingPriceResponse.
type Price struct {
	// Object is always "commerce_price".
	Object string `json:"object"`
	// ID is the price's ID.
	ID string `json:"id"`
	// PlanID is the plan the price belongs to.
	PlanID string `json:"plan_id"`
	// InstanceID is the Clerk instance.
	InstanceID string `json:"instance_id"`
	// Currency is the currency code, such as "USD".
	Currency string `json:"currency"`
	// CurrencySymbol is the currency's symbol, such as "$".
	CurrencySymbol string `json:"currency_symbol"`
	// Amount is the monthly amount when billed monthly, in the minor unit.
	Amount int64 `json:"amount"`
	// AnnualMonthlyAmount is the monthly amount when billed annually, in
	// the minor unit.
	AnnualMonthlyAmount int64 `json:"annual_monthly_amount"`
	// Fee is Amount as Money, nil when none.
	Fee *Money `json:"fee"`
	// AnnualMonthlyFee is AnnualMonthlyAmount as Money, nil when none.
	AnnualMonthlyFee *Money `json:"annual_monthly_fee"`
	// Description is the price's description, "" when none.
	Description string `json:"description"`
	// IsDefault is true for the plan's default price.
	IsDefault bool `json:"is_default"`
	// CreatedAt is when the price was created.
	CreatedAt time.Time `json:"created_at"`
	// SupportedBillingPeriods says which periods the price can be billed
	// by: PeriodMonth, PeriodAnnual or PeriodBoth.
	SupportedBillingPeriods Period `json:"supported_billing_periods"`
}

// ListPlansParams filter and page GET /billing/plans. Nil params list every
// plan, ten to a page (the API's default), newest first.
type ListPlansParams struct {
	// Paginated is the API's switch between a bare array and the
	// {data, total_count} answer; the SDK reads both. Leave it unset.
	Paginated *bool `url:"paginated"`
	// Limit is the page size, 1 to 500.
	Limit *int `url:"limit"`
	// Offset skips that many plans.
	Offset *int `url:"offset"`
	// PayerType lists only the plans for users, or for organizations.
	PayerType *PayerType `url:"payer_type"`
}

// ListPlans returns one page of the instance's plans, free and paid. Nil
// params are allowed. Clerk API: GET /billing/plans.
func (s *Service) ListPlans(ctx context.Context, params *ListPlansParams) (*Page[Plan], error) {
	return internal.List[Plan](ctx, s.core(), "/billing/plans", params)
}

// AllPlans iterates over every plan that matches params, fetching pages of
// params.Limit (500, the maximum, when unset or larger) lazily from
// params.Offset; params is copied, never changed. It yields an error once
// and stops. Clerk API: GET /billing/plans.
func (s *Service) AllPlans(ctx context.Context, params *ListPlansParams) iter.Seq2[*Plan, error] {
	return internal.All(ctx, params, internal.Paging[Plan]{Max: maxLimit}, s.ListPlans)
}

// ListPricesParams filter and page GET /billing/prices. Nil params list
// every price, ten to a page (the API's default), by amount, then newest
// first.
type ListPricesParams struct {
	// Paginated is the API's switch between a bare array and the
	// {data, total_count} answer; the SDK reads both. Leave it unset.
	Paginated *bool `url:"paginated"`
	// Limit is the page size, 1 to 500.
	Limit *int `url:"limit"`
	// Offset skips that many prices.
	Offset *int `url:"offset"`
	// PlanID lists only the prices of this plan.
	PlanID *string `url:"plan_id"`
}

// ListPrices returns one page of the instance's prices, default and custom.
// Nil params are allowed. Clerk API: GET /billing/prices.
func (s *Service) ListPrices(ctx context.Context, params *ListPricesParams) (*Page[Price], error) {
	return internal.List[Price](ctx, s.core(), "/billing/prices", params)
}

// AllPrices iterates over every price that matches params, fetching pages
// of params.Limit (500, the maximum, when unset or larger) lazily from
// params.Offset; params is copied, never changed. It yields an error once
// and stops. Clerk API: GET /billing/prices.
func (s *Service) AllPrices(ctx context.Context, params *ListPricesParams) iter.Seq2[*Price, error] {
	return internal.All(ctx, params, internal.Paging[Price]{Max: maxLimit}, s.ListPrices)
}

// CreatePriceParams describe a custom price of a plan. PlanID is required,
// and Amount is always sent.
type CreatePriceParams struct {
	// PlanID is the plan the price belongs to.
	PlanID string `json:"plan_id"`
	// Currency is the currency code ("USD" when unset).
	Currency *string `json:"currency,omitempty"`
	// Amount is the monthly amount when billed monthly, in the currency's
	// minor unit: 0 for a complimentary price, else at least 100 ($1).
	// The API requires the field but takes null: nil sends null, for a
	// price with no monthly billing.
	Amount *int64 `json:"amount"`
	// AnnualMonthlyAmount is the monthly amount when billed annually, in
	// the minor unit: 0 for a complimentary price, else at least 100.
	AnnualMonthlyAmount *int64 `json:"annual_monthly_amount,omitempty"`
	// Description describes the price.
	Description *string `json:"description,omitempty"`
	// SupportedBillingPeriods says which periods the price can be billed
	// by; inferred from the amounts when unset.
	SupportedBillingPeriods *Period `json:"supported_billing_periods,omitempty"`
}

// CreatePrice creates a custom price for a plan, to offer some customers
// other terms on the same plan. Nil params or an empty PlanID fail with
// clerk.ErrInvalidParams before any request. Clerk API: POST /billing/prices.
func (s *Service) CreatePrice(ctx context.Context, params *CreatePriceParams) (*Price, error) {
	if params == nil {
		return nil, internal.NoParams("Billing.CreatePrice")
	}
	if err := internal.Required("plan_id", params.PlanID); err != nil {
		return nil, err
	}
	return internal.Call[Price](ctx, s.core(), http.MethodPost, "/billing/prices", params)
}
