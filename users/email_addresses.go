package users

import (
	"context"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// EmailAddressService calls the Email Addresses endpoints:
// clerk.Client.EmailAddresses. It adds, reads, changes and deletes one email
// address of a user, and verifies one with a code from your own backend. It
// is safe for concurrent use.
type EmailAddressService internal.Service

func (s *EmailAddressService) core() *internal.Client { return (*internal.Service)(s).Client() }

// CreateEmailAddressParams describe a new email address. UserID and
// EmailAddress are required.
type CreateEmailAddressParams struct {
	// UserID is the user the address is added to.
	UserID string `json:"user_id"`
	// EmailAddress is the new address (RFC 5322).
	EmailAddress string `json:"email_address"`
	// Verified creates the address verified.
	Verified *bool `json:"verified,omitempty"`
	// Primary makes it the user's primary address (by default only the
	// user's first address is).
	Primary *bool `json:"primary,omitempty"`
	// NotifyPrimaryEmailAddressChanged emails the previous primary address
	// when the new one becomes primary (no notice by default).
	NotifyPrimaryEmailAddressChanged *bool `json:"notify_primary_email_address_changed,omitempty"`
}

// Create adds an email address to a user. Nil params, or an empty UserID or
// EmailAddress, fail with ErrInvalidParams before any request. Clerk API:
// POST /email_addresses.
func (s *EmailAddressService) Create(ctx context.Context, params *CreateEmailAddressParams) (*EmailAddress, error) {
	if params == nil {
		return nil, internal.NoParams("EmailAddressService.Create")
	}
	if err := internal.Required("user_id", params.UserID, "email_address", params.EmailAddress); err != nil {
		return nil, err
	}
	return internal.Call[EmailAddress](ctx, s.core(), http.MethodPost, "/email_addresses", params)
}

// Get returns an email address. Clerk API:
// GET /email_addresses/{email_address_id}.
func (s *EmailAddressService) Get(ctx context.Context, emailAddressID string) (*EmailAddress, error) {
	return internal.Call[EmailAddress](ctx, s.core(), http.MethodGet, "/email_addresses/{email_address_id}", nil, emailAddressID)
}

// UpdateEmailAddressParams are the fields of an email address to change;
// nil fields are left as they are.
type UpdateEmailAddressParams struct {
	// Verified marks the address verified (or not).
	Verified *bool `json:"verified,omitempty"`
	// Primary makes the address the user's primary one.
	Primary *bool `json:"primary,omitempty"`
	// NotifyPrimaryEmailAddressChanged emails the previous primary address
	// when this update makes the address primary (no notice by default).
	NotifyPrimaryEmailAddressChanged *bool `json:"notify_primary_email_address_changed,omitempty"`
}

// Update changes an email address; nil params change nothing. Clerk API:
// PATCH /email_addresses/{email_address_id}.
func (s *EmailAddressService) Update(ctx context.Context, emailAddressID string, params *UpdateEmailAddressParams) (*EmailAddress, error) {
	return internal.Call[EmailAddress](ctx, s.core(), http.MethodPatch, "/email_addresses/{email_address_id}", internal.OrEmpty(params), emailAddressID)
}

// Delete deletes an email address. Clerk API:
// DELETE /email_addresses/{email_address_id}.
func (s *EmailAddressService) Delete(ctx context.Context, emailAddressID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/email_addresses/{email_address_id}", nil, emailAddressID)
}

// PrepareVerification sends a one-time code to the email address, for a
// verification flow that your backend drives. The answer is a pending
// verification: pass its ID with the code the user received to
// AttemptVerification. Clerk API:
// POST /email_addresses/{email_address_id}/prepare_verification.
func (s *EmailAddressService) PrepareVerification(ctx context.Context, emailAddressID string) (*Verification, error) {
	return prepare(ctx, s.core(), "/email_addresses/{email_address_id}/prepare_verification", emailAddressID)
}

// AttemptVerification checks a code the user received against a
// verification of the email address, and answers the verification as the
// attempt left it. A wrong or expired code is not an error: the Status says
// so (VerificationUnverified, VerificationFailed, VerificationExpired), with
// the Attempts made; Verified reports success, which also marks the address
// verified. A verification already verified is an API error. No session is
// created. Nil params, or an empty VerificationID or Code, fail with
// ErrInvalidParams before any request. Clerk API:
// POST /email_addresses/{email_address_id}/attempt_verification.
func (s *EmailAddressService) AttemptVerification(ctx context.Context, emailAddressID string, params *AttemptVerificationParams) (*Verification, error) {
	return attempt(ctx, s.core(), "EmailAddressService.AttemptVerification", "/email_addresses/{email_address_id}/attempt_verification", emailAddressID, params)
}

// ReplaceEmailAddressParams describe the email address that replaces all of
// a user's addresses. EmailAddress is required.
type ReplaceEmailAddressParams struct {
	// EmailAddress is the new address (RFC 5322).
	EmailAddress string `json:"email_address"`
	// IdentificationStatus is the new address's state:
	// IdentificationVerified (the default), IdentificationReserved or
	// IdentificationUnverified (which can lock the user out: see its doc).
	IdentificationStatus *IdentificationStatus `json:"identification_status,omitempty"`
	// NotifyPrimaryEmailAddressChanged emails the previous primary address
	// about the change (no notice by default, nor when the address stays
	// the same).
	NotifyPrimaryEmailAddressChanged *bool `json:"notify_primary_email_address_changed,omitempty"`
}

// ReplaceEmailAddress replaces ALL of the user's email addresses with one,
// which becomes primary: every other address is deleted. It is refused when
// one of the addresses is linked to a connected account (delete that first).
// To make an existing address primary and keep the others, use
// EmailAddressService.Update with Primary instead. Nil params, or an empty
// EmailAddress, fail with ErrInvalidParams before any request. Clerk API:
// PUT /users/{user_id}/email_address.
func (s *Service) ReplaceEmailAddress(ctx context.Context, userID string, params *ReplaceEmailAddressParams) (*EmailAddress, error) {
	if params == nil {
		return nil, internal.NoParams("ReplaceEmailAddress")
	}
	if err := internal.Required("email_address", params.EmailAddress); err != nil {
		return nil, err
	}
	return internal.Call[EmailAddress](ctx, s.core(), http.MethodPut, "/users/{user_id}/email_address", params, userID)
}
