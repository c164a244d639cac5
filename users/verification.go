package users

import (
	"context"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// AttemptVerificationParams are a code to check against a verification, for
// EmailAddressService.AttemptVerification and
// PhoneNumberService.AttemptVerification. Both fields are required.
type AttemptVerificationParams struct {
	// VerificationID is the verification's ID, as PrepareVerification
	// answered it (Verification.ID).
	VerificationID string `json:"verification_id"`
	// Code is the one-time code the user received.
	Code string `json:"code"`
}

// prepare asks for a one-time code to be sent to an identifier.
func prepare(ctx context.Context, c *internal.Client, tmpl, id string) (*Verification, error) {
	return internal.Call[Verification](ctx, c, http.MethodPost, tmpl, nil, id)
}

// attempt checks a code against a verification of an identifier, refusing
// missing params before any request.
func attempt(ctx context.Context, c *internal.Client, method, tmpl, id string, params *AttemptVerificationParams) (*Verification, error) {
	if params == nil {
		return nil, internal.NoParams(method)
	}
	if err := internal.Required("verification_id", params.VerificationID, "code", params.Code); err != nil {
		return nil, err
	}
	return internal.Call[Verification](ctx, c, http.MethodPost, tmpl, params, id)
}
