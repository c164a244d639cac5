package invitations

import (
	"time"

	"github.com/go-clerk/clerk/internal"
)

// Page is one page of a list: Data, and TotalCount, the number of items
// across all pages as the API reports it (the same type as clerk.Page).
type Page[T any] = internal.Page[T]

// Metadata is a free-form JSON object (the same type as clerk.Metadata).
type Metadata = internal.Metadata

// Secret is a credential a model carries (Invitation.URL): fmt, log/slog
// and encoding/json show it as "[redacted]"; Reveal returns it. The same
// type as clerk.Secret.
type Secret = internal.Secret

// Status is the state of an invitation.
type Status string

// The invitation statuses of the spec. A value Clerk adds later still
// decodes, as a Status holding the new string.
const (
	StatusPending  Status = "pending"
	StatusAccepted Status = "accepted"
	StatusRevoked  Status = "revoked"
	StatusExpired  Status = "expired"
)

// Invitation is an invitation to sign up to the application, sent to an
// email address. URL, the link in the invitation email, carries a ticket
// that lets its holder sign up as that address: it is a Secret, which fmt,
// log/slog and encoding/json show as "[redacted]"; Reveal gives it.
type Invitation struct {
	// Object is always "invitation".
	Object string `json:"object"`
	// ID is the invitation's ID, "inv_...".
	ID string `json:"id"`
	// EmailAddress is the invited address.
	EmailAddress string `json:"email_address"`
	// PublicMetadata becomes the user's public metadata when they sign up.
	PublicMetadata Metadata `json:"public_metadata"`
	// Revoked reports a revoked invitation.
	Revoked bool `json:"revoked"`
	// Status is the invitation's state.
	Status Status `json:"status"`
	// URL is the invitation link: a credential.
	URL Secret `json:"url,omitzero"`
	// ExpiresAt is when the invitation expires, nil when it does not.
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	// CreatedAt is when the invitation was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the invitation last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// WaitlistStatus is the state of a waitlist entry.
type WaitlistStatus string

// The waitlist entry statuses of the spec.
const (
	// WaitlistPending is an entry waiting for a decision.
	WaitlistPending WaitlistStatus = "pending"
	// WaitlistInvited is an entry invited to sign up (Invite).
	WaitlistInvited WaitlistStatus = "invited"
	// WaitlistRejected is an entry turned down (Reject).
	WaitlistRejected WaitlistStatus = "rejected"
	// WaitlistCompleted is an entry whose invitation was used to sign up.
	WaitlistCompleted WaitlistStatus = "completed"
)

// WaitlistEntry is an email address on the application's waitlist.
type WaitlistEntry struct {
	// Object is always "waitlist_entry".
	Object string `json:"object"`
	// ID is the entry's ID.
	ID string `json:"id"`
	// EmailAddress is the address that joined the waitlist.
	EmailAddress string `json:"email_address"`
	// Status is the entry's state.
	Status WaitlistStatus `json:"status"`
	// IsLocked reports an entry being processed by a bulk action, which
	// other actions must wait for.
	IsLocked bool `json:"is_locked"`
	// CreatedAt is when the entry was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the entry last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// Invitation is the invitation sent to the entry, nil before Invite.
	Invitation *Invitation `json:"invitation,omitempty"`
}
