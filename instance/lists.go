package instance

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// The allow-list and the block-list are two lists of the same shape: their
// entries are Identifiers, and their services differ only in their paths
// and in what the endpoints accept (the allow-list pages and can notify; the
// block-list answers whole). Whether each list is enforced is an instance
// restriction: Service.UpdateRestrictions.

// AllowListService manages the allow-list, the identifiers allowed to sign
// up when the instance is restricted to it: clerk.Client.AllowList. It is
// safe for concurrent use.
type AllowListService internal.Service

func (s *AllowListService) core() *internal.Client { return (*internal.Service)(s).Client() }

// BlockListService manages the block-list, the identifiers refused access
// to the instance: clerk.Client.BlockList. It is safe for concurrent use.
type BlockListService internal.Service

func (s *BlockListService) core() *internal.Client { return (*internal.Service)(s).Client() }

// Identifier is an entry of the allow-list or the block-list.
type Identifier struct {
	// Object is "allowlist_identifier" or "blocklist_identifier".
	Object string `json:"object"`
	// ID is the entry's ID, which Delete takes.
	ID string `json:"id"`
	// InvitationID is the invitation sent when the entry was added with
	// Notify (allow-list only); "" when none.
	InvitationID string `json:"invitation_id,omitempty"`
	// Identifier is the email address, phone number or web3 wallet (on the
	// block-list, also an email domain).
	Identifier string `json:"identifier"`
	// IdentifierType is "email_address", "phone_number" or "web3_wallet".
	IdentifierType string `json:"identifier_type"`
	// InstanceID is the instance whose list it is on.
	InstanceID string `json:"instance_id"`
	// CreatedAt is when the entry was added.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// identifierID names an entry, for All's Paging.ID.
func identifierID(i *Identifier) string { return i.ID }

// List returns one page of the allow-list. Clerk API:
// GET /allowlist_identifiers.
func (s *AllowListService) List(ctx context.Context, params *ListParams) (*Page[Identifier], error) {
	return internal.List[Identifier](ctx, s.core(), "/allowlist_identifiers", internal.Paginated(params))
}

// All iterates over the whole allow-list, fetching pages of params.Limit
// (500, the maximum, when unset or larger) lazily from params.Offset;
// params is copied, never changed. It yields an error once and stops.
// Deleting the entries it yields, inside the loop, skips none. Clerk API:
// GET /allowlist_identifiers.
func (s *AllowListService) All(ctx context.Context, params *ListParams) iter.Seq2[*Identifier, error] {
	return internal.All(ctx, params, internal.Paging[Identifier]{Max: maxLimit, ID: identifierID}, s.List)
}

// CreateAllowListIdentifierParams are the fields of a new allow-list entry.
type CreateAllowListIdentifierParams struct {
	// Identifier is an email address, a phone number or a web3 wallet.
	// Required.
	Identifier string `json:"identifier"`
	// Notify sends the identifier an invitation to sign up (email addresses
	// and phone numbers only; off by default).
	Notify *bool `json:"notify,omitempty"`
}

// Create adds an identifier to the allow-list. Params without an
// Identifier are refused before any request, with an error matching
// clerk.ErrInvalidParams. Clerk API: POST /allowlist_identifiers.
func (s *AllowListService) Create(ctx context.Context, params *CreateAllowListIdentifierParams) (*Identifier, error) {
	if params == nil {
		return nil, internal.NoParams("AllowList.Create")
	}
	if err := internal.Required("identifier", params.Identifier); err != nil {
		return nil, err
	}
	return internal.Call[Identifier](ctx, s.core(), http.MethodPost, "/allowlist_identifiers", params)
}

// Delete removes an entry from the allow-list. Clerk API:
// DELETE /allowlist_identifiers/{identifier_id}.
func (s *AllowListService) Delete(ctx context.Context, identifierID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/allowlist_identifiers/{identifier_id}", nil, identifierID)
}

// List returns the whole block-list, in one page (the endpoint takes no
// paging parameters, so there is no All). Clerk API:
// GET /blocklist_identifiers.
func (s *BlockListService) List(ctx context.Context) (*Page[Identifier], error) {
	return internal.List[Identifier](ctx, s.core(), "/blocklist_identifiers", nil)
}

// CreateBlockListIdentifierParams are the fields of a new block-list entry.
type CreateBlockListIdentifierParams struct {
	// Identifier is an email address, an email domain, a phone number or a
	// web3 wallet. Required.
	Identifier string `json:"identifier"`
}

// Create adds an identifier to the block-list. Params without an
// Identifier are refused before any request, with an error matching
// clerk.ErrInvalidParams. Clerk API: POST /blocklist_identifiers.
func (s *BlockListService) Create(ctx context.Context, params *CreateBlockListIdentifierParams) (*Identifier, error) {
	if params == nil {
		return nil, internal.NoParams("BlockList.Create")
	}
	if err := internal.Required("identifier", params.Identifier); err != nil {
		return nil, err
	}
	return internal.Call[Identifier](ctx, s.core(), http.MethodPost, "/blocklist_identifiers", params)
}

// Delete removes an entry from the block-list. Clerk API:
// DELETE /blocklist_identifiers/{identifier_id}.
func (s *BlockListService) Delete(ctx context.Context, identifierID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/blocklist_identifiers/{identifier_id}", nil, identifierID)
}
