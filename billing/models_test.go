package billing

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func TestModelsMatchTheSpec(t *testing.T) {
	for _, tt := range []struct {
		schema string
		check  func(testing.TB, string)
	}{
		{"CommerceMoneyResponse", spectest.CheckModel[Money]},
		{"CommerceTotalsResponse", spectest.CheckModel[Totals]},
		{"CommerceTotalsResponse-2", spectest.CheckModel[Totals]},
		{"CommercePerUnitTotal", spectest.CheckModel[PerUnitTotal]},
		{"CommercePerUnitTotal-2", spectest.CheckModel[PerUnitTotal]},
		{"CommercePerUnitTotalTier", spectest.CheckModel[PerUnitTotalTier]},
		{"CommercePerUnitTotalTier-2", spectest.CheckModel[PerUnitTotalTier]},
		{"CommerceCreditsResponse", spectest.CheckModel[Credits]},
		{"CommerceProrationCreditDetailResponse", spectest.CheckModel[ProrationCredit]},
		{"CommercePayerCreditResponse", spectest.CheckModel[PayerCredit]},
		{"CommerceDiscountsResponse", spectest.CheckModel[Discounts]},
		{"BillingDiscountsResponse", spectest.CheckModel[Discounts]},
		{"CommerceProrationDiscountResponse", spectest.CheckModel[ProrationDiscount]},
		{"BillingProrationDiscountDetail", spectest.CheckModel[ProrationDiscount]},
		{"CommercePlan", spectest.CheckModel[Plan]},
		{"CommercePlan-2", spectest.CheckModel[Plan]},
		{"FeatureResponse", spectest.CheckModel[Feature]},
		{"FeatureResponse-2", spectest.CheckModel[Feature]},
		{"CommercePlanUnitPrice", spectest.CheckModel[UnitPrice]},
		{"CommercePlanUnitPriceTier", spectest.CheckModel[UnitPriceTier]},
		{"BillingPriceResponse", spectest.CheckModel[Price]},
		{"CommercePayerResponse", spectest.CheckModel[Payer]},
		{"CommercePayerResponse-2", spectest.CheckModel[Payer]},
		{"CommercePaymentMethodResponse", spectest.CheckModel[PaymentMethod]},
		{"CommercePaymentSourceResponse", spectest.CheckModel[PaymentSource]},
		{"CommerceSubscription", spectest.CheckModel[Subscription]},
		{"CommerceSubscriptionNextPayment", spectest.CheckModel[NextPayment]},
		{"CommerceSubscriptionItemNextPaymentResponse", spectest.CheckModel[NextPayment]},
		{"CommerceSubscriptionItem", spectest.CheckModel[SubscriptionItem]},
		{"CommerceSubscriptionItem-2", spectest.CheckModel[SubscriptionItem]},
		{"CommerceSubscriptionCreditResponse", spectest.CheckModel[SubscriptionCredit]},
		{"CommerceSubscriptionItemSeatsResponse", spectest.CheckModel[Seats]},
		{"CommercePriceTransitionResponse", spectest.CheckModel[PriceTransition]},
		{"CommercePriceTransitionDetails", spectest.CheckModel[PriceTransitionDetails]},
		{"CommerceDiscountRedemptionResponse", spectest.CheckModel[DiscountRedemption]},
		{"BillingStatement", spectest.CheckModel[Statement]},
		{"BillingPaymentAttempt", spectest.CheckModel[PaymentAttempt]},
		{"CommerceCreditBalanceResponse", spectest.CheckModel[CreditBalance]},
		// CommerceCreditLedgerResponse: TestCreditLedgerEntry.
	} {
		t.Run(tt.schema, func(t *testing.T) { tt.check(t, tt.schema) })
	}
}

// TestCreditLedgerEntry: the ledger entry's created_at is the API's one
// RFC 3339 timestamp (every other time is Unix milliseconds). The model
// reads it into a time.Time; writing the model back as the API does
// (internal.MarshalAPI, for fakes) gives milliseconds, which is the one
// difference CheckModel finds, and the only one allowed.
func TestCreditLedgerEntry(t *testing.T) {
	x := spectest.Expect(t, `CommerceCreditLedgerResponse.created_at: want "2024-01-02T03:04:05Z", got 1704164645000`)
	spectest.CheckModel[CreditLedgerEntry](x, "CommerceCreditLedgerResponse")
	x.Done()

	var e CreditLedgerEntry
	require.NoError(t, internal.Unmarshal([]byte(`{
		"object": "commerce_credit_ledger", "id": "cl_1", "payer_id": "cpayer_1",
		"amount": {"amount": -2500, "amount_formatted": "-$25.00", "currency": "USD", "currency_symbol": "$"},
		"source_type": "grant", "source_id": "grant_1", "note": null,
		"created_at": "2026-03-04T05:06:07.089+01:00"
	}`), &e))
	assert.True(t, e.CreatedAt.Equal(time.Date(2026, 3, 4, 4, 6, 7, 89e6, time.UTC)), "created_at = %v", e.CreatedAt)
	e.CreatedAt = time.Time{}
	assert.Equal(t, CreditLedgerEntry{
		Object: "commerce_credit_ledger", ID: "cl_1", PayerID: "cpayer_1",
		Amount:     Money{Amount: -2500, AmountFormatted: "-$25.00", Currency: "USD", CurrencySymbol: "$"},
		SourceType: "grant", SourceID: "grant_1",
	}, e)
}
