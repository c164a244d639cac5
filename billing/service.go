package billing

import (
	"github.com/go-clerk/clerk/internal"
)

// maxLimit is the largest page the billing list endpoints serve.
const maxLimit = 500

// Service calls the Billing endpoints: clerk.Client.Billing. It is safe for
// concurrent use.
type Service internal.Service

func (s *Service) core() *internal.Client { return (*internal.Service)(s).Client() }

// Page is one page of a list endpoint: Data and the TotalCount the API
// reports.
type Page[T any] = internal.Page[T]

// Metadata is a free-form JSON object (PaymentAttempt.Payee), with a Decode
// helper for typed access.
type Metadata = internal.Metadata

// PayerType is who pays for a plan or a subscription: a user or an
// organization.
type PayerType string

// Payer types.
const (
	PayerUser         PayerType = "user"
	PayerOrganization PayerType = "org"
)

// Status is the state of a subscription or of a subscription item.
type Status string

// Statuses of subscriptions and subscription items. A subscription is
// active, past due, canceled, ended, abandoned or incomplete; an item may
// also be expired or upcoming. StatusFreeTrial is only a filter of
// ListSubscriptionItemsParams: an item's free trial is its IsFreeTrial.
const (
	StatusActive     Status = "active"
	StatusPastDue    Status = "past_due"
	StatusCanceled   Status = "canceled"
	StatusEnded      Status = "ended"
	StatusExpired    Status = "expired"
	StatusUpcoming   Status = "upcoming"
	StatusIncomplete Status = "incomplete"
	StatusAbandoned  Status = "abandoned"
	StatusFreeTrial  Status = "free_trial"
)

// Period is a billing period: what a subscription item is billed by, and
// what a price supports.
type Period string

// Billing periods. PeriodBoth is only a price's SupportedBillingPeriods.
const (
	PeriodMonth  Period = "month"
	PeriodAnnual Period = "annual"
	PeriodBoth   Period = "both"
)
