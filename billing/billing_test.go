package billing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-clerk/clerk/internal"
	"github.com/go-clerk/clerk/internal/spectest"
)

func setup(t *testing.T, opts ...spectest.Option) (*Service, *spectest.Server) {
	t.Helper()
	return spectest.Setup[Service](t, opts...)
}

// example is a spec-valid instance of a schema, every property set
// (spectest.Example). Handlers call it, so it reports with t.Errorf.
func example(t testing.TB, schema string) json.RawMessage {
	b, err := spectest.Example(schema)
	if err != nil {
		t.Errorf("%v", err)
	}
	return b
}

// page is a list answer holding one instance of the schema.
func page(t testing.TB, schema string, total int) []byte {
	b, _ := json.Marshal(map[string]any{"data": []json.RawMessage{example(t, schema)}, "total_count": total})
	return b
}

func TestParamsMatchTheSpec(t *testing.T) {
	spectest.CheckQuery(t, "GET", "/billing/plans", ListPlansParams{})
	spectest.CheckQuery(t, "GET", "/billing/prices", ListPricesParams{})
	spectest.CheckBody(t, "POST", "/billing/prices", CreatePriceParams{})
	spectest.CheckQuery(t, "GET", "/billing/subscription_items", ListSubscriptionItemsParams{})
	spectest.CheckQuery(t, "DELETE", "/billing/subscription_items/{subscription_item_id}", CancelSubscriptionItemParams{})
	spectest.CheckBody(t, "POST", "/billing/subscription_items/{subscription_item_id}/price_transition", TransitionPriceParams{})
	spectest.CheckQuery(t, "GET", "/billing/statements", ListStatementsParams{})
	spectest.CheckQuery(t, "GET", "/billing/statements/{statementID}/payment_attempts", ListPaymentAttemptsParams{})
	spectest.CheckBody(t, "POST", "/users/{user_id}/billing/credits", AdjustCreditsParams{})
	spectest.CheckBody(t, "POST", "/organizations/{organization_id}/billing/credits", AdjustCreditsParams{})
}

// TestRequests: each method sends its operation with its path IDs, query
// and body as the spec names them, and reads the spec's answer.
func TestRequests(t *testing.T) {
	ctx := context.Background()
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		name   string
		route  string            // the handler's pattern
		ids    map[string]string // path values the handler must see
		query  url.Values        // nil: none
		body   map[string]any    // nil: no body
		answer func(testing.TB) []byte
		call   func(*Service) (any, error)
		object string // the answer's (first item's) Object
	}{
		{
			name: "ListPlans", route: "GET /billing/plans",
			query:  url.Values{"paginated": {"true"}, "limit": {"20"}, "offset": {"40"}, "payer_type": {"org"}},
			answer: func(t testing.TB) []byte { return page(t, "CommercePlan", 41) },
			call: func(s *Service) (any, error) {
				return s.ListPlans(ctx, &ListPlansParams{Paginated: new(true), Limit: new(20), Offset: new(40), PayerType: new(PayerOrganization)})
			},
			object: "commerce_plan",
		},
		{
			name: "ListPlans, nil params", route: "GET /billing/plans", query: url.Values{},
			answer: func(t testing.TB) []byte { return page(t, "CommercePlan", 1) },
			call:   func(s *Service) (any, error) { return s.ListPlans(ctx, nil) },
			object: "commerce_plan",
		},
		{
			name: "ListPrices", route: "GET /billing/prices",
			query:  url.Values{"paginated": {"false"}, "limit": {"5"}, "offset": {"0"}, "plan_id": {"cplan_1"}},
			answer: func(t testing.TB) []byte { return page(t, "BillingPriceResponse", 1) },
			call: func(s *Service) (any, error) {
				return s.ListPrices(ctx, &ListPricesParams{Paginated: new(false), Limit: new(5), Offset: new(0), PlanID: new("cplan_1")})
			},
			object: "commerce_price",
		},
		{
			name: "CreatePrice", route: "POST /billing/prices",
			body: map[string]any{
				"plan_id": "cplan_1", "currency": "EUR", "amount": 0.0, "annual_monthly_amount": 9900.0,
				"description": "Partner terms", "supported_billing_periods": "both",
			},
			answer: func(t testing.TB) []byte { return example(t, "BillingPriceResponse") },
			call: func(s *Service) (any, error) {
				return s.CreatePrice(ctx, &CreatePriceParams{
					PlanID: "cplan_1", Currency: new("EUR"), Amount: new(int64(0)), AnnualMonthlyAmount: new(int64(9900)),
					Description: new("Partner terms"), SupportedBillingPeriods: new(PeriodBoth),
				})
			},
			object: "commerce_price",
		},
		{
			// amount is required but nullable: a price billed annually only.
			name: "CreatePrice, no monthly amount", route: "POST /billing/prices",
			body:   map[string]any{"plan_id": "cplan_1", "amount": nil, "annual_monthly_amount": 4900.0},
			answer: func(t testing.TB) []byte { return example(t, "BillingPriceResponse") },
			call: func(s *Service) (any, error) {
				return s.CreatePrice(ctx, &CreatePriceParams{PlanID: "cplan_1", AnnualMonthlyAmount: new(int64(4900))})
			},
			object: "commerce_price",
		},
		{
			name: "ListSubscriptionItems", route: "GET /billing/subscription_items",
			query: url.Values{
				"paginated": {"true"}, "limit": {"100"}, "offset": {"200"}, "status": {"free_trial"},
				"payer_type": {"user"}, "plan_id": {"cplan_1"}, "include_free": {"true"}, "query": {"ada"},
			},
			answer: func(t testing.TB) []byte { return page(t, "CommerceSubscriptionItem", 201) },
			call: func(s *Service) (any, error) {
				return s.ListSubscriptionItems(ctx, &ListSubscriptionItemsParams{
					Paginated: new(true), Limit: new(100), Offset: new(200), Status: new(StatusFreeTrial),
					PayerType: new(PayerUser), PlanID: new("cplan_1"), IncludeFree: new(true), Query: new("ada"),
				})
			},
			object: "commerce_subscription_item",
		},
		{
			name: "CancelSubscriptionItem", route: "DELETE /billing/subscription_items/{subscription_item_id}",
			ids:    map[string]string{"subscription_item_id": "csubi_1"},
			query:  url.Values{"end_now": {"true"}},
			answer: func(t testing.TB) []byte { return example(t, "CommerceSubscriptionItem") },
			call: func(s *Service) (any, error) {
				return s.CancelSubscriptionItem(ctx, "csubi_1", &CancelSubscriptionItemParams{EndNow: new(true)})
			},
			object: "commerce_subscription_item",
		},
		{
			name: "CancelSubscriptionItem, nil params", route: "DELETE /billing/subscription_items/{subscription_item_id}",
			ids: map[string]string{"subscription_item_id": "csubi_1"}, query: url.Values{},
			answer: func(t testing.TB) []byte { return example(t, "CommerceSubscriptionItem") },
			call:   func(s *Service) (any, error) { return s.CancelSubscriptionItem(ctx, "csubi_1", nil) },
			object: "commerce_subscription_item",
		},
		{
			// extend_to is RFC 3339, sent in UTC.
			name: "ExtendFreeTrial", route: "POST /billing/subscription_items/{subscription_item_id}/extend_free_trial",
			ids:    map[string]string{"subscription_item_id": "csubi_1"},
			body:   map[string]any{"extend_to": "2026-01-08T00:00:00Z"},
			answer: func(t testing.TB) []byte { return example(t, "CommerceSubscriptionItem-2") },
			call: func(s *Service) (any, error) {
				return s.ExtendFreeTrial(ctx, "csubi_1", time.Date(2026, 1, 8, 1, 0, 0, 0, cet))
			},
			object: "commerce_subscription_item",
		},
		{
			name: "TransitionPrice", route: "POST /billing/subscription_items/{subscription_item_id}/price_transition",
			ids:    map[string]string{"subscription_item_id": "csubi_1"},
			body:   map[string]any{"from_price_id": "cprice_1", "to_price_id": "cprice_2"},
			answer: func(t testing.TB) []byte { return example(t, "CommercePriceTransitionResponse") },
			call: func(s *Service) (any, error) {
				return s.TransitionPrice(ctx, "csubi_1", &TransitionPriceParams{FromPriceID: "cprice_1", ToPriceID: "cprice_2"})
			},
			object: "commerce_price_transition",
		},
		{
			name: "ApplyDiscount", route: "POST /billing/subscription_items/{subscription_item_id}/discounts",
			ids:    map[string]string{"subscription_item_id": "csubi_1"},
			body:   map[string]any{"discount_id": "disc_1"},
			answer: func(t testing.TB) []byte { return example(t, "CommerceDiscountRedemptionResponse") },
			call:   func(s *Service) (any, error) { return s.ApplyDiscount(ctx, "csubi_1", "disc_1") },
			object: "commerce_discount_redemption",
		},
		{
			name:   "RemoveDiscount",
			route:  "DELETE /billing/subscription_items/{subscription_item_id}/discounts/{discount_id}",
			ids:    map[string]string{"subscription_item_id": "csubi_1", "discount_id": "disc_1"},
			query:  url.Values{},
			answer: func(t testing.TB) []byte { return example(t, "CommerceDiscountRedemptionResponse") },
			call:   func(s *Service) (any, error) { return s.RemoveDiscount(ctx, "csubi_1", "disc_1") },
			object: "commerce_discount_redemption",
		},
		{
			name: "ListStatements", route: "GET /billing/statements",
			query:  url.Values{"paginated": {"true"}, "limit": {"500"}, "offset": {"10"}},
			answer: func(t testing.TB) []byte { return page(t, "BillingStatement", 11) },
			call: func(s *Service) (any, error) {
				return s.ListStatements(ctx, &ListStatementsParams{Paginated: new(true), Limit: new(500), Offset: new(10)})
			},
			object: "commerce_statement",
		},
		{
			name: "GetStatement", route: "GET /billing/statements/{statementID}",
			ids: map[string]string{"statementID": "stmt_1"}, query: url.Values{},
			answer: func(t testing.TB) []byte { return example(t, "BillingStatement") },
			call:   func(s *Service) (any, error) { return s.GetStatement(ctx, "stmt_1") },
			object: "commerce_statement",
		},
		{
			name: "ListPaymentAttempts", route: "GET /billing/statements/{statementID}/payment_attempts",
			ids:    map[string]string{"statementID": "stmt_1"},
			query:  url.Values{"paginated": {"true"}, "limit": {"2"}, "offset": {"4"}},
			answer: func(t testing.TB) []byte { return page(t, "BillingPaymentAttempt", 5) },
			call: func(s *Service) (any, error) {
				return s.ListPaymentAttempts(ctx, "stmt_1", &ListPaymentAttemptsParams{Paginated: new(true), Limit: new(2), Offset: new(4)})
			},
			object: "commerce_payment",
		},
		{
			name: "UserSubscription", route: "GET /users/{user_id}/billing/subscription",
			ids: map[string]string{"user_id": "user_1"}, query: url.Values{},
			answer: func(t testing.TB) []byte { return example(t, "CommerceSubscription") },
			call:   func(s *Service) (any, error) { return s.UserSubscription(ctx, "user_1") },
			object: "commerce_subscription",
		},
		{
			name: "OrganizationSubscription", route: "GET /organizations/{organization_id}/billing/subscription",
			ids: map[string]string{"organization_id": "org_1"}, query: url.Values{},
			answer: func(t testing.TB) []byte { return example(t, "CommerceSubscription") },
			call:   func(s *Service) (any, error) { return s.OrganizationSubscription(ctx, "org_1") },
			object: "commerce_subscription",
		},
		{
			name: "UserCredits", route: "GET /users/{user_id}/billing/credits",
			ids: map[string]string{"user_id": "user_1"}, query: url.Values{},
			answer: func(testing.TB) []byte { return []byte(`{"object":"commerce_credit_balance","balance":null}`) },
			call:   func(s *Service) (any, error) { return s.UserCredits(ctx, "user_1") },
			object: "commerce_credit_balance",
		},
		{
			name: "OrganizationCredits", route: "GET /organizations/{organization_id}/billing/credits",
			ids: map[string]string{"organization_id": "org_1"}, query: url.Values{},
			answer: func(t testing.TB) []byte { return example(t, "CommerceCreditBalanceResponse") },
			call:   func(s *Service) (any, error) { return s.OrganizationCredits(ctx, "org_1") },
			object: "x",
		},
		{
			name: "AdjustUserCredits", route: "POST /users/{user_id}/billing/credits",
			ids: map[string]string{"user_id": "user_1"},
			body: map[string]any{
				"amount": 2500.0, "action": "increase", "currency": "USD", "idempotency_key": "grant-2026-05-user_1", "note": "goodwill",
			},
			answer: func(t testing.TB) []byte { return example(t, "CommerceCreditLedgerResponse") },
			call: func(s *Service) (any, error) {
				return s.AdjustUserCredits(ctx, "user_1", &AdjustCreditsParams{
					Amount: 2500, Action: CreditIncrease, Currency: new("USD"), IdempotencyKey: "grant-2026-05-user_1", Note: new("goodwill"),
				})
			},
			object: "x",
		},
		{
			name: "AdjustOrganizationCredits", route: "POST /organizations/{organization_id}/billing/credits",
			ids:    map[string]string{"organization_id": "org_1"},
			body:   map[string]any{"amount": 100.0, "action": "decrease", "idempotency_key": "k1"},
			answer: func(t testing.TB) []byte { return example(t, "CommerceCreditLedgerResponse") },
			call: func(s *Service) (any, error) {
				return s.AdjustOrganizationCredits(ctx, "org_1", &AdjustCreditsParams{Amount: 100, Action: CreditDecrease, IdempotencyKey: "k1"})
			},
			object: "x",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t, spectest.WithResponseValidation())
			srv.Mux.HandleFunc(tt.route, func(w http.ResponseWriter, r *http.Request) {
				for name, want := range tt.ids {
					assert.Equal(t, want, r.PathValue(name), "path value %s", name)
				}
				if tt.query != nil {
					assert.Equal(t, tt.query, r.URL.Query(), "query")
				}
				if tt.body != nil {
					assert.Equal(t, tt.body, spectest.ReadJSON(t, r), "body")
				} else {
					b, _ := io.ReadAll(r.Body)
					assert.Empty(t, b, "no body")
				}
				spectest.WriteJSON(w, 200, tt.answer(t))
			})
			got, err := tt.call(svc)
			require.NoError(t, err)
			assert.Equal(t, tt.object, objectOf(got))
			assert.Len(t, srv.Operations(), 1, "one request")
		})
	}
}

// objectOf returns the Object field of a model, or of a page's first item.
func objectOf(v any) string {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	if data := rv.FieldByName("Data"); data.IsValid() {
		if data.Len() == 0 {
			return ""
		}
		rv = data.Index(0).Elem()
	}
	return rv.FieldByName("Object").String()
}

// TestMoneyIsExact: amounts are integers in the minor unit, read without a
// float on the way (2^53 + 1 is not a float64).
func TestMoneyIsExact(t *testing.T) {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("GET /users/{user_id}/billing/credits", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, `{"object":"commerce_credit_balance","balance":`+
			`{"amount":9007199254740993,"amount_formatted":"$90,071,992,547,409.93","currency":"USD","currency_symbol":"$"}}`)
	})
	b, err := svc.UserCredits(context.Background(), "user_1")
	require.NoError(t, err)
	require.NotNil(t, b.Balance)
	assert.Equal(t, Money{Amount: 9007199254740993, AmountFormatted: "$90,071,992,547,409.93", Currency: "USD", CurrencySymbol: "$"}, *b.Balance)
}

// TestSubscriptionReadsItsItems reads a subscription as the API answers it:
// times, nullable times, plans and money.
func TestSubscriptionReadsItsItems(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("GET /organizations/{organization_id}/billing/subscription", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, `{
			"object": "commerce_subscription", "id": "csub_1", "instance_id": "ins_1", "status": "active",
			"payer_id": "cpayer_1", "created_at": 1700000000000, "updated_at": 1700000001000,
			"active_at": 1700000000500, "past_due_at": null, "eligible_for_free_trial": false,
			"next_payment": {"date": 1702592000000,
				"amount": {"amount": 4999, "amount_formatted": "$49.99", "currency": "USD", "currency_symbol": "$"}},
			"subscription_items": [{
				"object": "commerce_subscription_item", "id": "csubi_1", "instance_id": "ins_1", "status": "active",
				"plan_id": "cplan_pro", "price_id": "cprice_1", "plan_period": "month", "payer_id": "cpayer_1",
				"is_free_trial": false, "period_start": 1700000000000, "period_end": 1702592000000,
				"canceled_at": null, "past_due_at": null, "ended_at": null,
				"plan": {"object": "commerce_plan", "id": "cplan_pro", "name": "Pro",
					"fee": {"amount": 4999, "amount_formatted": "$49.99", "currency": "USD", "currency_symbol": "$"},
					"annual_monthly_fee": null, "annual_fee": null, "description": null, "product_id": "prod_1",
					"is_default": false, "is_recurring": true, "publicly_visible": true, "has_base_fee": true,
					"for_payer_type": "org", "slug": "pro", "avatar_url": null, "free_trial_enabled": false,
					"free_trial_days": null}
			}]
		}`)
	})
	sub, err := svc.OrganizationSubscription(context.Background(), "org_1")
	require.NoError(t, err)
	assert.Equal(t, StatusActive, sub.Status)
	assert.Equal(t, time.UnixMilli(1700000000500).UTC(), *sub.ActiveAt)
	assert.Nil(t, sub.PastDueAt)
	require.NotNil(t, sub.NextPayment)
	assert.Equal(t, int64(4999), sub.NextPayment.Amount.Amount)
	require.Len(t, sub.SubscriptionItems, 1)
	it := sub.SubscriptionItems[0]
	assert.Equal(t, PeriodMonth, it.PlanPeriod)
	assert.Equal(t, time.UnixMilli(1702592000000).UTC(), *it.PeriodEnd)
	assert.Nil(t, it.CanceledAt)
	require.NotNil(t, it.Plan)
	assert.Equal(t, "Pro", it.Plan.Name)
	assert.Equal(t, PayerOrganization, it.Plan.ForPayerType)
	assert.Equal(t, &Money{Amount: 4999, AmountFormatted: "$49.99", Currency: "USD", CurrencySymbol: "$"}, it.Plan.Fee)
	assert.Nil(t, it.Plan.AnnualFee)
}

// TestAll: every All method walks its list in pages of the 500 maximum,
// with the caller's filters on every page, and leaves the params alone.
func TestAll(t *testing.T) {
	const total = 501
	for _, tt := range []struct {
		name, route string
		filter      url.Values
		all         func(*Service) func(func(any, error) bool)
	}{
		{
			"AllPlans", "GET /billing/plans", url.Values{"payer_type": {"user"}},
			func(s *Service) func(func(any, error) bool) {
				return seq(s.AllPlans(context.Background(), &ListPlansParams{PayerType: new(PayerUser)}))
			},
		},
		{
			"AllPrices", "GET /billing/prices", url.Values{"plan_id": {"cplan_1"}},
			func(s *Service) func(func(any, error) bool) {
				return seq(s.AllPrices(context.Background(), &ListPricesParams{PlanID: new("cplan_1")}))
			},
		},
		{
			"AllSubscriptionItems", "GET /billing/subscription_items", url.Values{"status": {"past_due"}},
			func(s *Service) func(func(any, error) bool) {
				return seq(s.AllSubscriptionItems(context.Background(), &ListSubscriptionItemsParams{Status: new(StatusPastDue)}))
			},
		},
		{
			"AllStatements", "GET /billing/statements", url.Values{},
			func(s *Service) func(func(any, error) bool) {
				return seq(s.AllStatements(context.Background(), nil))
			},
		},
		{
			"AllPaymentAttempts", "GET /billing/statements/{statementID}/payment_attempts", url.Values{},
			func(s *Service) func(func(any, error) bool) {
				return seq(s.AllPaymentAttempts(context.Background(), "stmt_1", nil))
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			svc, srv := setup(t) // full items are read in TestRequests; small ones keep this fast
			srv.Mux.HandleFunc(tt.route, func(w http.ResponseWriter, r *http.Request) {
				if id := r.PathValue("statementID"); id != "" {
					assert.Equal(t, "stmt_1", id)
				}
				q := r.URL.Query()
				assert.Equal(t, "500", q.Get("limit"))
				for k, v := range tt.filter {
					assert.Equal(t, v, q[k], "filter %s on every page", k)
				}
				n := 500
				if q.Get("offset") == "500" {
					n = total - 500
				}
				off, _ := strconv.Atoi(q.Get("offset"))
				items := make([]map[string]string, n)
				for i := range items {
					items[i] = map[string]string{"id": "id_" + strconv.Itoa(off+i)} // distinct: All may skip a repeated ID
				}
				b, _ := json.Marshal(map[string]any{"data": items, "total_count": total})
				spectest.WriteJSON(w, 200, b)
			})
			n := 0
			for _, err := range tt.all(svc) {
				require.NoError(t, err)
				n++
			}
			assert.Equal(t, total, n)
			assert.Len(t, srv.Operations(), 2)
		})
	}
}

// seq erases an iterator's item type.
func seq[T any](s func(func(*T, error) bool)) func(func(any, error) bool) {
	return func(yield func(any, error) bool) {
		for v, err := range s {
			if !yield(v, err) {
				return
			}
		}
	}
}

// TestRefusedLocally: what cannot be a valid call fails with
// ErrInvalidParams before any request.
func TestRefusedLocally(t *testing.T) {
	svc, srv := setup(t)
	ctx := context.Background()
	adjust := &AdjustCreditsParams{Amount: 1, Action: CreditIncrease, IdempotencyKey: "k"}
	for name, call := range map[string]func() error{
		"CreatePrice, nil params": func() error { _, err := svc.CreatePrice(ctx, nil); return err },
		"CreatePrice, no plan":    func() error { _, err := svc.CreatePrice(ctx, &CreatePriceParams{Amount: new(int64(100))}); return err },
		"CancelSubscriptionItem, no ID": func() error {
			_, err := svc.CancelSubscriptionItem(ctx, "", nil)
			return err
		},
		"ExtendFreeTrial, zero time": func() error { _, err := svc.ExtendFreeTrial(ctx, "csubi_1", time.Time{}); return err },
		"ExtendFreeTrial, unsafe ID": func() error {
			_, err := svc.ExtendFreeTrial(ctx, "../x", time.Now().Add(time.Hour))
			return err
		},
		"TransitionPrice, nil params": func() error { _, err := svc.TransitionPrice(ctx, "csubi_1", nil); return err },
		"TransitionPrice, no target": func() error {
			_, err := svc.TransitionPrice(ctx, "csubi_1", &TransitionPriceParams{FromPriceID: "cprice_1"})
			return err
		},
		"ApplyDiscount, no discount":  func() error { _, err := svc.ApplyDiscount(ctx, "csubi_1", ""); return err },
		"RemoveDiscount, no discount": func() error { _, err := svc.RemoveDiscount(ctx, "csubi_1", ""); return err },
		"RemoveDiscount, unsafe item": func() error { _, err := svc.RemoveDiscount(ctx, "csubi 1", "disc_1"); return err },
		"GetStatement, no ID":         func() error { _, err := svc.GetStatement(ctx, ""); return err },
		"ListPaymentAttempts, no ID":  func() error { _, err := svc.ListPaymentAttempts(ctx, "", nil); return err },
		"UserSubscription, no ID":     func() error { _, err := svc.UserSubscription(ctx, ""); return err },
		"OrganizationCredits, no ID":  func() error { _, err := svc.OrganizationCredits(ctx, "/"); return err },
		"AdjustUserCredits, nil":      func() error { _, err := svc.AdjustUserCredits(ctx, "user_1", nil); return err },
		"AdjustUserCredits, no key": func() error {
			_, err := svc.AdjustUserCredits(ctx, "user_1", &AdjustCreditsParams{Amount: 1, Action: CreditIncrease})
			return err
		},
		"AdjustOrganizationCredits, no action": func() error {
			_, err := svc.AdjustOrganizationCredits(ctx, "org_1", &AdjustCreditsParams{Amount: 1, IdempotencyKey: "k"})
			return err
		},
		"AdjustOrganizationCredits, no ID": func() error { _, err := svc.AdjustOrganizationCredits(ctx, "", adjust); return err },
	} {
		if err := call(); !errors.Is(err, internal.ErrInvalidParams) {
			t.Errorf("%s: %v, want ErrInvalidParams", name, err)
		}
	}
	for _, err := range svc.AllPaymentAttempts(ctx, "", nil) {
		assert.ErrorIs(t, err, internal.ErrInvalidParams, "AllPaymentAttempts, no ID")
	}
	assert.Empty(t, srv.Operations())
}

// TestEmptyAnswer: a 2xx without the resource is ErrInvalidResponse, never
// a zero model.
func TestEmptyAnswer(t *testing.T) {
	svc, srv := setup(t)
	srv.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteJSON(w, 200, "{}")
	})
	ctx := context.Background()
	for name, call := range map[string]func() (any, error){
		"UserSubscription":       func() (any, error) { return svc.UserSubscription(ctx, "user_1") },
		"CancelSubscriptionItem": func() (any, error) { return svc.CancelSubscriptionItem(ctx, "csubi_1", nil) },
		"RemoveDiscount":         func() (any, error) { return svc.RemoveDiscount(ctx, "csubi_1", "disc_1") },
		"GetStatement":           func() (any, error) { return svc.GetStatement(ctx, "stmt_1") },
		"UserCredits":            func() (any, error) { return svc.UserCredits(ctx, "user_1") },
	} {
		got, err := call()
		if !reflect.ValueOf(got).IsNil() || !errors.Is(err, internal.ErrInvalidResponse) {
			t.Errorf("%s: %+v, %v; want ErrInvalidResponse", name, got, err)
		}
	}
}

// TestDiscountConflict: re-applying the active discount is a 409 the
// caller matches with ErrConflict.
func TestDiscountConflict(t *testing.T) {
	svc, srv := setup(t, spectest.WithResponseValidation())
	srv.Mux.HandleFunc("POST /billing/subscription_items/{subscription_item_id}/discounts", func(w http.ResponseWriter, r *http.Request) {
		spectest.WriteError(w, http.StatusConflict, "discount_already_applied")
	})
	_, err := svc.ApplyDiscount(context.Background(), "csubi_1", "disc_1")
	assert.ErrorIs(t, err, internal.ErrConflict)
	assert.Regexp(t, regexp.MustCompile(`409`), err.Error())
}

// TestAllWhileCanceling: ending the items AllSubscriptionItems yields, which
// takes them out of its Status filter, skips none and yields none twice.
func TestAllWhileCanceling(t *testing.T) {
	for _, n := range []int{3, 7} {
		svc, srv := setup(t)
		var mu sync.Mutex
		active := make([]string, n) // the active items, newest first
		for i := range active {
			active[i] = fmt.Sprintf("csubi_%02d", i)
		}
		srv.Mux.HandleFunc("GET /billing/subscription_items", func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			q := r.URL.Query()
			assert.Equal(t, "active", q.Get("status"))
			limit, _ := strconv.Atoi(q.Get("limit"))
			off, _ := strconv.Atoi(q.Get("offset"))
			items := []map[string]string{}
			for i := off; i < min(off+limit, len(active)); i++ {
				items = append(items, map[string]string{"id": active[i]})
			}
			b, _ := json.Marshal(map[string]any{"data": items, "total_count": len(active)})
			spectest.WriteJSON(w, 200, b)
		})
		srv.Mux.HandleFunc("DELETE /billing/subscription_items/{subscription_item_id}", func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			assert.Equal(t, "true", r.URL.Query().Get("end_now"))
			active = slices.DeleteFunc(active, func(id string) bool { return id == r.PathValue("subscription_item_id") })
			spectest.WriteJSON(w, 200, `{"object":"commerce_subscription_item","id":"`+r.PathValue("subscription_item_id")+`","status":"ended"}`)
		})
		ctx := context.Background()
		seen := map[string]bool{}
		for it, err := range svc.AllSubscriptionItems(ctx, &ListSubscriptionItemsParams{Status: new(StatusActive), Limit: new(2)}) {
			require.NoError(t, err)
			require.False(t, seen[it.ID], "%s yielded twice", it.ID)
			seen[it.ID] = true
			ended, err := svc.CancelSubscriptionItem(ctx, it.ID, &CancelSubscriptionItemParams{EndNow: new(true)})
			require.NoError(t, err)
			assert.Equal(t, StatusEnded, ended.Status)
		}
		assert.Len(t, seen, n)
		assert.Empty(t, active)
	}
}
