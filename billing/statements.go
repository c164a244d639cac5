package billing

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// Statement is a payer's billing statement: its payment attempts, grouped
// by day, and its totals. Clerk API schema: BillingStatement.
type Statement struct {
	// Object is always "commerce_statement".
	Object string `json:"object"`
	// ID is the statement's ID.
	ID string `json:"id"`
	// InstanceID is the Clerk instance.
	InstanceID string `json:"instance_id"`
	// Timestamp is when the statement was created.
	Timestamp time.Time `json:"timestamp"`
	// Payer is who the statement is for.
	Payer Payer `json:"payer"`
	// Status is "open" or "closed".
	Status string `json:"status"`
	// Totals are the statement's totals.
	Totals StatementTotals `json:"totals"`
	// Groups are the statement's payment attempts, grouped by the day they
	// were made.
	Groups []StatementGroup `json:"groups"`
}

// StatementTotals are the totals of a statement.
type StatementTotals struct {
	// GrandTotal is the statement's total.
	GrandTotal Money `json:"grand_total"`
	// Subtotal is the base fee plus the per-unit charges.
	Subtotal Money `json:"subtotal"`
	// BaseFee is the plans' fees before per-unit charges.
	BaseFee Money `json:"base_fee"`
	// TaxTotal is the tax.
	TaxTotal Money `json:"tax_total"`
}

// StatementGroup is the payment attempts of a statement made on one day.
type StatementGroup struct {
	// Object is always "commerce_statement_group".
	Object string `json:"object"`
	// Timestamp is the day the group's payment attempts were made.
	Timestamp time.Time `json:"timestamp"`
	// Items are the payment attempts.
	Items []PaymentAttempt `json:"items"`
}

// PaymentAttempt is one attempt to collect a payment. Clerk API schema:
// BillingPaymentAttempt.
type PaymentAttempt struct {
	// Object is always "commerce_payment".
	Object string `json:"object"`
	// ID is the payment attempt's ID.
	ID string `json:"id"`
	// PaymentID is the payment it is an attempt of.
	PaymentID string `json:"payment_id"`
	// InstanceID is the Clerk instance.
	InstanceID string `json:"instance_id"`
	// ChargeType is the kind of charge, such as "recurring".
	ChargeType string `json:"charge_type"`
	// PayeeID is the payee.
	PayeeID string `json:"payee_id"`
	// Payee is the payee, a JSON object the spec leaves free-form.
	Payee Metadata `json:"payee"`
	// PayerID is the payer.
	PayerID string `json:"payer_id"`
	// Payer is the payer.
	Payer Payer `json:"payer"`
	// SubscriptionItemID is the subscription item paid for, "" when none.
	SubscriptionItemID string `json:"subscription_item_id"`
	// SubscriptionItem is the subscription item paid for, a JSON object the
	// spec leaves free-form; nil when none.
	SubscriptionItem Metadata `json:"subscription_item,omitzero"`
	// Amount is the amount of the attempt.
	Amount Money `json:"amount"`
	// Totals break the amount down, nil when not given.
	Totals *Totals `json:"totals,omitzero"`
	// PaymentMethodID is the payment method used.
	PaymentMethodID string `json:"payment_method_id"`
	// PaymentMethod is the payment method used.
	PaymentMethod PaymentMethod `json:"payment_method"`
	// StatementID is the statement the attempt belongs to.
	StatementID string `json:"statement_id"`
	// GatewayExternalID is the payment's ID at the gateway, "" when none.
	GatewayExternalID string `json:"gateway_external_id"`
	// GatewayExternalURL is the payment's page at the gateway, "" when none.
	GatewayExternalURL string `json:"gateway_external_url"`
	// Status is "pending", "paid" or "failed".
	Status string `json:"status"`
	// PaidAt is when the payment succeeded, nil unless it did.
	PaidAt *time.Time `json:"paid_at"`
	// FailedAt is when it failed, nil unless it did.
	FailedAt *time.Time `json:"failed_at"`
	// CreatedAt is when the attempt was made.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when it was last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// ListStatementsParams page GET /billing/statements. Nil params list every
// statement, ten to a page (the API's default), newest first.
type ListStatementsParams struct {
	// Paginated is the API's switch between a bare array and the
	// {data, total_count} answer; the SDK reads both. Leave it unset.
	Paginated *bool `url:"paginated"`
	// Limit is the page size, 1 to 500.
	Limit *int `url:"limit"`
	// Offset skips that many statements.
	Offset *int `url:"offset"`
}

// ListStatements returns one page of the instance's billing statements.
// Nil params are allowed. Clerk API: GET /billing/statements.
func (s *Service) ListStatements(ctx context.Context, params *ListStatementsParams) (*Page[Statement], error) {
	return internal.List[Statement](ctx, s.core(), "/billing/statements", params)
}

// AllStatements iterates over every billing statement, fetching pages of
// params.Limit (500, the maximum, when unset or larger) lazily from
// params.Offset; params is copied, never changed. It yields an error once
// and stops. Clerk API: GET /billing/statements.
func (s *Service) AllStatements(ctx context.Context, params *ListStatementsParams) iter.Seq2[*Statement, error] {
	return internal.All(ctx, params, internal.Paging[Statement]{Max: maxLimit}, s.ListStatements)
}

// GetStatement returns a billing statement. Clerk API:
// GET /billing/statements/{statementID}.
func (s *Service) GetStatement(ctx context.Context, statementID string) (*Statement, error) {
	return internal.Call[Statement](ctx, s.core(), http.MethodGet, "/billing/statements/{statementID}", nil, statementID)
}

// ListPaymentAttemptsParams page GET
// /billing/statements/{statementID}/payment_attempts. Nil params list the
// statement's payment attempts ten to a page (the API's default), newest
// first.
type ListPaymentAttemptsParams struct {
	// Paginated is the API's switch between a bare array and the
	// {data, total_count} answer; the SDK reads both. Leave it unset.
	Paginated *bool `url:"paginated"`
	// Limit is the page size, 1 to 500.
	Limit *int `url:"limit"`
	// Offset skips that many payment attempts.
	Offset *int `url:"offset"`
}

// ListPaymentAttempts returns one page of a statement's payment attempts.
// Nil params are allowed. Clerk API:
// GET /billing/statements/{statementID}/payment_attempts.
func (s *Service) ListPaymentAttempts(ctx context.Context, statementID string, params *ListPaymentAttemptsParams) (*Page[PaymentAttempt], error) {
	return internal.List[PaymentAttempt](ctx, s.core(), "/billing/statements/{statementID}/payment_attempts", params, statementID)
}

// AllPaymentAttempts iterates over every payment attempt of a statement,
// fetching pages of params.Limit (500, the maximum, when unset or larger)
// lazily from params.Offset; params is copied, never changed. It yields an
// error once and stops. Clerk API:
// GET /billing/statements/{statementID}/payment_attempts.
func (s *Service) AllPaymentAttempts(ctx context.Context, statementID string, params *ListPaymentAttemptsParams) iter.Seq2[*PaymentAttempt, error] {
	return internal.AllIn(ctx, statementID, params, internal.Paging[PaymentAttempt]{Max: maxLimit}, s.ListPaymentAttempts)
}
