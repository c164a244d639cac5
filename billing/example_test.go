package billing_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/billing"
	"github.com/go-clerk/clerk/internal/spectest"
)

// A support tool: show what a user pays for, then grant a goodwill credit.
// Amounts are integers in the currency's minor unit (cents), never floats.
// (Against a tiny fake of the API that checks every request and answer
// against Clerk's spec.)
func Example() {
	srv := fakeClerk()
	defer srv.Close()
	c, err := clerk.New("sk_test_example", clerk.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	ctx := context.Background()

	sub, err := c.Billing.UserSubscription(ctx, "user_ada")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range sub.SubscriptionItems {
		fmt.Println(it.Plan.Name, it.Status, it.PlanPeriod, it.Plan.Fee.Amount, it.Plan.Fee.Currency)
	}
	if np := sub.NextPayment; np != nil {
		fmt.Println("next payment:", np.Amount.AmountFormatted, "on", np.Date.Format(time.DateOnly))
	}

	// $25.00 of credit. The idempotency key makes sending it twice safe.
	grant := &billing.AdjustCreditsParams{
		Amount:         2500,
		Action:         billing.CreditIncrease,
		IdempotencyKey: "goodwill-2026-05-user_ada",
		Note:           clerk.String("sorry for the outage"),
	}
	for range 2 {
		e, err := c.Billing.AdjustUserCredits(ctx, "user_ada", grant)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("ledger:", e.ID, e.Amount.AmountFormatted, e.CreatedAt.Format(time.DateOnly))
	}
	bal, err := c.Billing.UserCredits(ctx, "user_ada")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("balance:", bal.Balance.Amount, bal.Balance.AmountFormatted)
	// Output:
	// Pro active month 4999 USD
	// next payment: $49.99 on 2026-06-01
	// ledger: cl_1 $25.00 2026-05-20
	// ledger: cl_1 $25.00 2026-05-20
	// balance: 2500 $25.00
}

// fakeClerk serves the endpoints the example calls, from memory, on
// spectest's example server (requests and answers checked against the spec).
func fakeClerk() *spectest.Server {
	var (
		mu      sync.Mutex
		balance int64
		ledger  = map[string]any{} // idempotency key -> ledger entry
	)
	usd := func(cents int64) *billing.Money {
		return &billing.Money{Amount: cents, AmountFormatted: fmt.Sprintf("$%d.%02d", cents/100, cents%100), Currency: "USD", CurrencySymbol: "$"}
	}
	start := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 1, 0)
	srv := spectest.NewExampleServer()
	mux := srv.Mux
	mux.HandleFunc("GET /users/{user_id}/billing/subscription", func(w http.ResponseWriter, r *http.Request) {
		plan := &billing.Plan{
			Object: "commerce_plan", ID: "cplan_pro", Name: "Pro", Slug: "pro", Fee: usd(4999),
			IsRecurring: true, PubliclyVisible: true, HasBaseFee: true, ForPayerType: billing.PayerUser,
		}
		spectest.WriteJSON(w, 200, &billing.Subscription{
			Object: "commerce_subscription", ID: "csub_1", InstanceID: "ins_1", Status: billing.StatusActive,
			PayerID: "cpayer_ada", CreatedAt: start, UpdatedAt: start, ActiveAt: &start,
			SubscriptionItems: []billing.SubscriptionItem{{
				Object: "commerce_subscription_item", ID: "csubi_1", InstanceID: "ins_1", Status: billing.StatusActive,
				PlanID: plan.ID, Plan: plan, PlanPeriod: billing.PeriodMonth, PayerID: "cpayer_ada",
				PeriodStart: &start, PeriodEnd: &end, CreatedAt: start, UpdatedAt: start,
			}},
			NextPayment: &billing.NextPayment{Date: &end, Amount: usd(4999)},
		})
	})
	mux.HandleFunc("POST /users/{user_id}/billing/credits", func(w http.ResponseWriter, r *http.Request) {
		var p billing.AdjustCreditsParams
		_ = json.NewDecoder(r.Body).Decode(&p)
		mu.Lock()
		defer mu.Unlock()
		e, seen := ledger[p.IdempotencyKey]
		if !seen {
			balance += p.Amount
			// Written by hand: the entry's created_at is an RFC 3339 string.
			e = map[string]any{
				"object": "commerce_credit_ledger", "id": fmt.Sprintf("cl_%d", len(ledger)+1), "payer_id": "cpayer_ada",
				"amount": usd(p.Amount), "source_type": "grant", "source_id": "grant_1", "note": p.Note,
				"created_at": "2026-05-20T10:00:00Z",
			}
			ledger[p.IdempotencyKey] = e
		}
		spectest.WriteJSON(w, 200, e)
	})
	mux.HandleFunc("GET /users/{user_id}/billing/credits", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		spectest.WriteJSON(w, 200, &billing.CreditBalance{Object: "commerce_credit_balance", Balance: usd(balance)})
	})
	return srv
}
