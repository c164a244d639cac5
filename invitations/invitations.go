package invitations

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// maxLimit is the largest page GET /invitations and GET /waitlist_entries
// serve.
const maxLimit = 500

// Service calls the Invitations endpoints: clerk.Client.Invitations. It is
// safe for concurrent use.
type Service internal.Service

func (s *Service) core() *internal.Client { return (*internal.Service)(s).Client() }

// ListParams filter and order invitations.
type ListParams struct {
	// Status lists only invitations in this state.
	Status *Status `url:"status"`
	// Query lists the invitations whose email address or ID contains it.
	Query *string `url:"query"`
	// OrderBy is "created_at", "email_address" or "expires_at", with "+" or
	// "-" for the direction; the API's default is "-created_at".
	OrderBy *string `url:"order_by"`
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many invitations.
	Offset *int `url:"offset"`
}

// List returns one page of invitations. It asks for the paginated answer
// (paginated=true, as Clerk's own SDKs do), which fills TotalCount; the
// spec documents only the bare array, which decodes too, with TotalCount 0.
// Clerk API: GET /invitations.
func (s *Service) List(ctx context.Context, params *ListParams) (*Page[Invitation], error) {
	return internal.List[Invitation](ctx, s.core(), "/invitations", internal.Paginated(params))
}

// All iterates over every invitation that matches params, fetching pages
// of params.Limit (500, the maximum, when unset or larger) lazily, from
// params.Offset. params is copied, never changed. It yields an error once
// and stops. Revoking invitations inside the loop is safe: when the
// reported total shrinks, the walk steps back so that none is skipped.
// Clerk API: GET /invitations.
func (s *Service) All(ctx context.Context, params *ListParams) iter.Seq2[*Invitation, error] {
	return internal.All(ctx, params, internal.Paging[Invitation]{Max: maxLimit, ID: func(i *Invitation) string { return i.ID }}, s.List)
}

// CreateParams describe an invitation. EmailAddress is required.
type CreateParams struct {
	// EmailAddress is the address to invite.
	EmailAddress string `json:"email_address"`
	// PublicMetadata becomes the user's public metadata when they sign up.
	PublicMetadata Metadata `json:"public_metadata,omitempty"`
	// RedirectURL is where the invitation link leads, for a custom
	// invitation flow (Clerk's hosted pages need none).
	RedirectURL *string `json:"redirect_url,omitempty"`
	// Notify sends the invitation email (the API's default: true).
	Notify *bool `json:"notify,omitempty"`
	// IgnoreExisting creates the invitation even when the address already
	// has one, or belongs to a user (the API's default: false).
	IgnoreExisting *bool `json:"ignore_existing,omitempty"`
	// ExpiresInDays is the invitation's lifetime, 1 to 365 days (the API's
	// default is 30).
	ExpiresInDays *int `json:"expires_in_days,omitempty"`
	// TemplateSlug picks the email template: TemplateInvitation (the
	// default) or TemplateWaitlistInvitation.
	TemplateSlug *TemplateSlug `json:"template_slug,omitempty"`
}

// TemplateSlug names the email template of an invitation.
type TemplateSlug string

// The invitation email templates of the spec.
const (
	// TemplateInvitation is the invitation email.
	TemplateInvitation TemplateSlug = "invitation"
	// TemplateWaitlistInvitation is the email inviting a waitlist entry.
	TemplateWaitlistInvitation TemplateSlug = "waitlist_invitation"
)

// Create invites an email address to sign up, and sends the invitation
// email unless Notify is false. Clerk refuses an address that already has
// an invitation or a user, unless IgnoreExisting. Nil params or an empty
// EmailAddress fail before any request with an error matching
// clerk.ErrInvalidParams. Clerk API: POST /invitations.
func (s *Service) Create(ctx context.Context, params *CreateParams) (*Invitation, error) {
	if params == nil {
		return nil, internal.NoParams("Invitations.Create")
	}
	if err := internal.Required("email_address", params.EmailAddress); err != nil {
		return nil, err
	}
	return internal.Call[Invitation](ctx, s.core(), http.MethodPost, "/invitations", params)
}

// CreateMany invites 1 to 10 email addresses in one call and returns the
// invitations. No invitations, more than 10, or one without an
// EmailAddress, fail before any request with an error matching
// clerk.ErrInvalidParams. Clerk API: POST /invitations/bulk.
func (s *Service) CreateMany(ctx context.Context, params []CreateParams) ([]*Invitation, error) {
	if err := checkMany("invitations", len(params), maxBulkInvitations, func(i int) string { return params[i].EmailAddress }); err != nil {
		return nil, err
	}
	return many[Invitation](ctx, s.core(), "/invitations/bulk", params)
}

// Revoke revokes an invitation: its link no longer signs up (the address
// can still sign up the usual way). Only a pending invitation can be
// revoked. Clerk API: POST /invitations/{invitation_id}/revoke.
func (s *Service) Revoke(ctx context.Context, invitationID string) (*Invitation, error) {
	return internal.Call[Invitation](ctx, s.core(), http.MethodPost, "/invitations/{invitation_id}/revoke", nil, invitationID)
}

// The most items one bulk create takes, as the spec documents them.
const (
	maxBulkInvitations     = 10
	maxBulkWaitlistEntries = 50
)

// checkMany refuses a bulk request of no items or more than max (items
// naming them in the error), or one whose i-th item has no email address.
func checkMany(items string, n, max int, email func(i int) string) error {
	if err := internal.Bulk(items, n, max); err != nil {
		return err
	}
	for i := range n {
		if err := internal.Required("email_address", email(i)); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
	}
	return nil
}

// many posts a bulk create, whose answer is a bare array of what it
// created; a null item in it is ErrInvalidResponse.
func many[T, P any](ctx context.Context, c *internal.Client, path string, params []P) ([]*T, error) {
	out, err := internal.CallList[T](ctx, c, http.MethodPost, path, params)
	if err != nil {
		return nil, err
	}
	return out.Data, nil
}
