package invitations

import (
	"context"
	"iter"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// WaitlistService calls the Waitlist Entries endpoints:
// clerk.Client.Waitlist. It is safe for concurrent use.
type WaitlistService internal.Service

func (s *WaitlistService) core() *internal.Client { return (*internal.Service)(s).Client() }

// WaitlistListParams filter and order waitlist entries.
type WaitlistListParams struct {
	// Status lists only entries in this state.
	Status *WaitlistStatus `url:"status"`
	// Query lists the entries whose email address or ID contains it.
	Query *string `url:"query"`
	// OrderBy is "created_at", "email_address" or "invited_at", with "+" or
	// "-" for the direction; the API's default is "-created_at".
	OrderBy *string `url:"order_by"`
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many entries.
	Offset *int `url:"offset"`
}

// List returns one page of waitlist entries, newest first unless OrderBy
// says otherwise, with TotalCount. Clerk API: GET /waitlist_entries.
func (s *WaitlistService) List(ctx context.Context, params *WaitlistListParams) (*Page[WaitlistEntry], error) {
	return internal.List[WaitlistEntry](ctx, s.core(), "/waitlist_entries", params)
}

// All iterates over every waitlist entry that matches params, fetching
// pages of params.Limit (500, the maximum, when unset or larger) lazily,
// from params.Offset. params is copied, never changed. It yields an error
// once and stops. Inviting or rejecting entries inside a loop over the
// pending ones is safe: when the reported total shrinks, the walk steps
// back so that none is skipped. Clerk API: GET /waitlist_entries.
func (s *WaitlistService) All(ctx context.Context, params *WaitlistListParams) iter.Seq2[*WaitlistEntry, error] {
	return internal.All(ctx, params, internal.Paging[WaitlistEntry]{Max: maxLimit, ID: func(e *WaitlistEntry) string { return e.ID }}, s.List)
}

// WaitlistEntryParams describe a waitlist entry. EmailAddress is required.
type WaitlistEntryParams struct {
	// EmailAddress is the address to put on the waitlist.
	EmailAddress string `json:"email_address"`
	// Notify sends a confirmation email (the API's default: true).
	Notify *bool `json:"notify,omitempty"`
}

// Create puts an email address on the waitlist; an address already on it
// gets its existing entry back. Nil params or an empty EmailAddress fail
// before any request with an error matching clerk.ErrInvalidParams. Clerk
// API: POST /waitlist_entries.
func (s *WaitlistService) Create(ctx context.Context, params *WaitlistEntryParams) (*WaitlistEntry, error) {
	if params == nil {
		return nil, internal.NoParams("Waitlist.Create")
	}
	if err := internal.Required("email_address", params.EmailAddress); err != nil {
		return nil, err
	}
	return internal.Call[WaitlistEntry](ctx, s.core(), http.MethodPost, "/waitlist_entries", params)
}

// CreateMany puts 1 to 50 email addresses on the waitlist in one call (each
// address once) and returns their entries, the existing one for an address
// already on it. No entries, more than 50, or one without an EmailAddress,
// fail before any request with an error matching
// clerk.ErrInvalidParams. Clerk API: POST /waitlist_entries/bulk.
func (s *WaitlistService) CreateMany(ctx context.Context, params []WaitlistEntryParams) ([]*WaitlistEntry, error) {
	if err := checkMany("entries", len(params), maxBulkWaitlistEntries, func(i int) string { return params[i].EmailAddress }); err != nil {
		return nil, err
	}
	return many[WaitlistEntry](ctx, s.core(), "/waitlist_entries/bulk", params)
}

// Delete deletes a pending waitlist entry. Clerk API:
// DELETE /waitlist_entries/{waitlist_entry_id}.
func (s *WaitlistService) Delete(ctx context.Context, waitlistEntryID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/waitlist_entries/{waitlist_entry_id}", nil, waitlistEntryID)
}

// InviteParams are the options of Invite; nil takes the API's defaults.
type InviteParams struct {
	// IgnoreExisting invites even when the address already has an
	// invitation, or belongs to a user (the API's default: false).
	IgnoreExisting *bool `json:"ignore_existing,omitempty"`
}

// Invite sends an invitation to a waitlist entry's email address; the
// entry comes back WaitlistInvited, with its Invitation. Clerk API:
// POST /waitlist_entries/{waitlist_entry_id}/invite.
func (s *WaitlistService) Invite(ctx context.Context, waitlistEntryID string, params *InviteParams) (*WaitlistEntry, error) {
	return internal.Call[WaitlistEntry](ctx, s.core(), http.MethodPost, "/waitlist_entries/{waitlist_entry_id}/invite", params, waitlistEntryID)
}

// Reject turns down a waitlist entry; it comes back WaitlistRejected.
// Clerk API: POST /waitlist_entries/{waitlist_entry_id}/reject.
func (s *WaitlistService) Reject(ctx context.Context, waitlistEntryID string) (*WaitlistEntry, error) {
	return internal.Call[WaitlistEntry](ctx, s.core(), http.MethodPost, "/waitlist_entries/{waitlist_entry_id}/reject", nil, waitlistEntryID)
}
