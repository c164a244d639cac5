package users

import (
	"context"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// PhoneNumberService calls the Phone Numbers endpoints:
// clerk.Client.PhoneNumbers. It adds, reads, changes and deletes one phone
// number of a user, and verifies one with a code from your own backend. It
// is safe for concurrent use.
type PhoneNumberService internal.Service

func (s *PhoneNumberService) core() *internal.Client { return (*internal.Service)(s).Client() }

// CreatePhoneNumberParams describe a new phone number. UserID and
// PhoneNumber are required.
type CreatePhoneNumberParams struct {
	// UserID is the user the number is added to.
	UserID string `json:"user_id"`
	// PhoneNumber is the new number, in E.164 format ("+15555550100").
	PhoneNumber string `json:"phone_number"`
	// Verified creates the number verified.
	Verified *bool `json:"verified,omitempty"`
	// Primary makes it the user's primary number (by default only the
	// user's first number is).
	Primary *bool `json:"primary,omitempty"`
	// ReservedForSecondFactor reserves the number for multi-factor
	// authentication; it must be verified too. With no other reserved
	// second factor, it becomes the default one.
	ReservedForSecondFactor *bool `json:"reserved_for_second_factor,omitempty"`
}

// Create adds a phone number to a user. Nil params, or an empty UserID or
// PhoneNumber, fail with ErrInvalidParams before any request. Clerk API:
// POST /phone_numbers.
func (s *PhoneNumberService) Create(ctx context.Context, params *CreatePhoneNumberParams) (*PhoneNumber, error) {
	if params == nil {
		return nil, internal.NoParams("PhoneNumberService.Create")
	}
	if err := internal.Required("user_id", params.UserID, "phone_number", params.PhoneNumber); err != nil {
		return nil, err
	}
	return internal.Call[PhoneNumber](ctx, s.core(), http.MethodPost, "/phone_numbers", params)
}

// Get returns a phone number. Clerk API:
// GET /phone_numbers/{phone_number_id}.
func (s *PhoneNumberService) Get(ctx context.Context, phoneNumberID string) (*PhoneNumber, error) {
	return internal.Call[PhoneNumber](ctx, s.core(), http.MethodGet, "/phone_numbers/{phone_number_id}", nil, phoneNumberID)
}

// UpdatePhoneNumberParams are the fields of a phone number to change; nil
// fields are left as they are.
type UpdatePhoneNumberParams struct {
	// Verified marks the number verified (or not).
	Verified *bool `json:"verified,omitempty"`
	// Primary makes the number the user's primary one.
	Primary *bool `json:"primary,omitempty"`
	// ReservedForSecondFactor reserves the number for multi-factor
	// authentication (or not); it must be verified. With no other reserved
	// second factor, it becomes the default one.
	ReservedForSecondFactor *bool `json:"reserved_for_second_factor,omitempty"`
}

// Update changes a phone number; nil params change nothing. Clerk API:
// PATCH /phone_numbers/{phone_number_id}.
func (s *PhoneNumberService) Update(ctx context.Context, phoneNumberID string, params *UpdatePhoneNumberParams) (*PhoneNumber, error) {
	return internal.Call[PhoneNumber](ctx, s.core(), http.MethodPatch, "/phone_numbers/{phone_number_id}", internal.OrEmpty(params), phoneNumberID)
}

// Delete deletes a phone number. Clerk API:
// DELETE /phone_numbers/{phone_number_id}.
func (s *PhoneNumberService) Delete(ctx context.Context, phoneNumberID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/phone_numbers/{phone_number_id}", nil, phoneNumberID)
}

// PrepareVerification sends a one-time code to the phone number, for a
// verification flow that your backend drives. The answer is a pending
// verification (its Channel says how the code went out): pass its ID with
// the code the user received to AttemptVerification. Clerk API:
// POST /phone_numbers/{phone_number_id}/prepare_verification.
func (s *PhoneNumberService) PrepareVerification(ctx context.Context, phoneNumberID string) (*Verification, error) {
	return prepare(ctx, s.core(), "/phone_numbers/{phone_number_id}/prepare_verification", phoneNumberID)
}

// AttemptVerification checks a code the user received against a
// verification of the phone number, and answers the verification as the
// attempt left it. A wrong or expired code is not an error: the Status says
// so (VerificationUnverified, VerificationFailed, VerificationExpired), with
// the Attempts made; Verified reports success, which also marks the number
// verified. A verification already verified is an API error. No session is
// created. Nil params, or an empty VerificationID or Code, fail with
// ErrInvalidParams before any request. Clerk API:
// POST /phone_numbers/{phone_number_id}/attempt_verification.
func (s *PhoneNumberService) AttemptVerification(ctx context.Context, phoneNumberID string, params *AttemptVerificationParams) (*Verification, error) {
	return attempt(ctx, s.core(), "PhoneNumberService.AttemptVerification", "/phone_numbers/{phone_number_id}/attempt_verification", phoneNumberID, params)
}

// ReplacePhoneNumberParams describe the phone number that replaces all of a
// user's numbers. PhoneNumber is required.
type ReplacePhoneNumberParams struct {
	// PhoneNumber is the new number, in E.164 format.
	PhoneNumber string `json:"phone_number"`
	// IdentificationStatus is the new number's state:
	// IdentificationVerified (the default), IdentificationReserved or
	// IdentificationUnverified (which can lock the user out: see its doc).
	IdentificationStatus *IdentificationStatus `json:"identification_status,omitempty"`
}

// ReplacePhoneNumber replaces ALL of the user's phone numbers with one,
// which becomes primary and is never reserved for second factor: every
// other number is deleted, and replacing a number reserved for second
// factor disables the user's MFA. To make an existing number primary and
// keep the others, use PhoneNumberService.Update with Primary instead. Nil
// params, or an empty PhoneNumber, fail with ErrInvalidParams before any
// request. Clerk API: PUT /users/{user_id}/phone_number.
func (s *Service) ReplacePhoneNumber(ctx context.Context, userID string, params *ReplacePhoneNumberParams) (*PhoneNumber, error) {
	if params == nil {
		return nil, internal.NoParams("ReplacePhoneNumber")
	}
	if err := internal.Required("phone_number", params.PhoneNumber); err != nil {
		return nil, err
	}
	return internal.Call[PhoneNumber](ctx, s.core(), http.MethodPut, "/users/{user_id}/phone_number", params, userID)
}
