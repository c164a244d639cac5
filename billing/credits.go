package billing

import (
	"context"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// CreditBalance is a payer's credit balance, which checkout and upcoming
// recurring charges draw on. Clerk API schema:
// CommerceCreditBalanceResponse.
type CreditBalance struct {
	// Object is always "commerce_credit_balance".
	Object string `json:"object"`
	// Balance is the balance; nil when the payer never had credits.
	Balance *Money `json:"balance"`
}

// CreditLedgerEntry is one adjustment of a payer's credit balance. Clerk
// API schema: CommerceCreditLedgerResponse.
type CreditLedgerEntry struct {
	// Object is always "commerce_credit_ledger".
	Object string `json:"object"`
	// ID is the ledger entry's ID.
	ID string `json:"id"`
	// PayerID is the payer whose balance changed.
	PayerID string `json:"payer_id"`
	// Amount is the change: positive for an increase, negative for a
	// decrease.
	Amount Money `json:"amount"`
	// SourceType is what made the adjustment, such as "grant".
	SourceType string `json:"source_type"`
	// SourceID is the ID of what made it.
	SourceID string `json:"source_id"`
	// Note is the note attached to the entry, "" when none.
	Note string `json:"note"`
	// CreatedAt is when the entry was made. Unlike the API's other times,
	// Clerk sends it as an RFC 3339 string; the SDK reads it into a
	// time.Time all the same.
	CreatedAt time.Time `json:"created_at"`
}

// CreditAction says which way AdjustCreditsParams move a balance.
type CreditAction string

// Credit actions.
const (
	CreditIncrease CreditAction = "increase"
	CreditDecrease CreditAction = "decrease"
)

// AdjustCreditsParams describe one adjustment of a credit balance. Amount,
// Action and IdempotencyKey are required.
type AdjustCreditsParams struct {
	// Amount is the credit to add or take, in the currency's minor unit
	// (cents for USD); greater than zero.
	Amount int64 `json:"amount"`
	// Action is CreditIncrease or CreditDecrease.
	Action CreditAction `json:"action"`
	// Currency is the currency code ("USD" when unset).
	Currency *string `json:"currency,omitempty"`
	// IdempotencyKey makes the adjustment happen once: a repeated request
	// with the same key answers the original ledger entry. Use one key per
	// intended adjustment, so a call that failed in transit can be sent
	// again safely.
	IdempotencyKey string `json:"idempotency_key"`
	// Note is attached to the ledger entry.
	Note *string `json:"note,omitempty"`
}

// UserCredits returns a user's credit balance. Clerk API:
// GET /users/{user_id}/billing/credits.
func (s *Service) UserCredits(ctx context.Context, userID string) (*CreditBalance, error) {
	return internal.Call[CreditBalance](ctx, s.core(), http.MethodGet, "/users/{user_id}/billing/credits", nil, userID)
}

// OrganizationCredits returns an organization's credit balance. Clerk API:
// GET /organizations/{organization_id}/billing/credits.
func (s *Service) OrganizationCredits(ctx context.Context, organizationID string) (*CreditBalance, error) {
	return internal.Call[CreditBalance](ctx, s.core(), http.MethodGet, "/organizations/{organization_id}/billing/credits", nil, organizationID)
}

// AdjustUserCredits increases or decreases a user's credit balance and
// returns the ledger entry. Nil params, an empty Action or an empty
// IdempotencyKey fail with clerk.ErrInvalidParams before any request.
// Clerk API: POST /users/{user_id}/billing/credits.
func (s *Service) AdjustUserCredits(ctx context.Context, userID string, params *AdjustCreditsParams) (*CreditLedgerEntry, error) {
	return s.adjustCredits(ctx, "Billing.AdjustUserCredits", "/users/{user_id}/billing/credits", userID, params)
}

// AdjustOrganizationCredits increases or decreases an organization's
// credit balance and returns the ledger entry. Nil params, an empty Action
// or an empty IdempotencyKey fail with clerk.ErrInvalidParams before any
// request. Clerk API:
// POST /organizations/{organization_id}/billing/credits.
func (s *Service) AdjustOrganizationCredits(ctx context.Context, organizationID string, params *AdjustCreditsParams) (*CreditLedgerEntry, error) {
	return s.adjustCredits(ctx, "Billing.AdjustOrganizationCredits", "/organizations/{organization_id}/billing/credits", organizationID, params)
}

func (s *Service) adjustCredits(ctx context.Context, method, tmpl, id string, params *AdjustCreditsParams) (*CreditLedgerEntry, error) {
	if params == nil {
		return nil, internal.NoParams(method)
	}
	if err := internal.Required("action", string(params.Action), "idempotency_key", params.IdempotencyKey); err != nil {
		return nil, err
	}
	return internal.Call[CreditLedgerEntry](ctx, s.core(), http.MethodPost, tmpl, params, id)
}
