package users

import (
	"context"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// SignUpService calls the Sign Ups endpoints: clerk.Client.SignUps. A
// sign-up is how a user comes to exist: it collects the identifiers and
// verifications the instance requires, and creates the user (and a session)
// when complete. It is safe for concurrent use.
type SignUpService internal.Service

func (s *SignUpService) core() *internal.Client { return (*internal.Service)(s).Client() }

// SignUpStatus is the state of a sign-up.
type SignUpStatus string

// Sign-up statuses of the spec. Unknown values decode as they come.
const (
	SignUpMissingRequirements SignUpStatus = "missing_requirements"
	SignUpComplete            SignUpStatus = "complete"
	SignUpAbandoned           SignUpStatus = "abandoned"
)

// SignUpNextAction is what a sign-up's verification of one identifier waits
// for.
type SignUpNextAction string

// Next actions of a sign-up verification; "" when it waits for nothing.
const (
	SignUpNeedsPrepare SignUpNextAction = "needs_prepare"
	SignUpNeedsAttempt SignUpNextAction = "needs_attempt"
)

// SignUp is a sign-up attempt.
type SignUp struct {
	// Object is "sign_up_attempt".
	Object string `json:"object"`
	// ID is the sign-up's ID, "sua_...".
	ID string `json:"id"`
	// Status says whether the sign-up still misses something, completed
	// (CreatedUserID is set) or was abandoned.
	Status SignUpStatus `json:"status"`
	// RequiredFields are the fields the instance requires, such as
	// "email_address" or "password".
	RequiredFields []string `json:"required_fields"`
	// OptionalFields are the fields the instance allows.
	OptionalFields []string `json:"optional_fields"`
	// MissingFields are the required fields not given yet.
	MissingFields []string `json:"missing_fields"`
	// UnverifiedFields are the given identifiers not verified yet.
	UnverifiedFields []string `json:"unverified_fields"`
	// Verifications are the states of the identifiers' verifications.
	Verifications SignUpVerifications `json:"verifications"`
	// Username is "" when none was given.
	Username string `json:"username"`
	// EmailAddress is "" when none was given.
	EmailAddress string `json:"email_address"`
	// PhoneNumber is "" when none was given.
	PhoneNumber string `json:"phone_number"`
	// Web3Wallet is "" when none was given.
	Web3Wallet string `json:"web3_wallet"`
	// PasswordEnabled reports that a password was given.
	PasswordEnabled bool `json:"password_enabled"`
	// FirstName is "" when none was given.
	FirstName string `json:"first_name"`
	// LastName is "" when none was given.
	LastName string `json:"last_name"`
	// UnsafeMetadata is copied to the user on completion.
	UnsafeMetadata Metadata `json:"unsafe_metadata,omitzero"`
	// PublicMetadata is copied to the user on completion.
	PublicMetadata Metadata `json:"public_metadata,omitzero"`
	// CustomAction marks a sign-up as a custom action of your own flow.
	CustomAction bool `json:"custom_action"`
	// ExternalID is the ID in your systems, copied to the user on
	// completion; "" when none.
	ExternalID string `json:"external_id"`
	// CreatedSessionID is the session the completed sign-up created, ""
	// before.
	CreatedSessionID string `json:"created_session_id"`
	// CreatedUserID is the user the completed sign-up created, "" before.
	CreatedUserID string `json:"created_user_id"`
	// AbandonAt is when an unfinished sign-up is abandoned.
	AbandonAt time.Time `json:"abandon_at"`
	// LegalAcceptedAt is when the legal requirements were accepted; nil when
	// they were not.
	LegalAcceptedAt *time.Time `json:"legal_accepted_at"`
	// Locale such as "en-US"; "" when none.
	Locale string `json:"locale,omitempty"`
	// ExternalAccount is a free-form view of the OAuth account signing up.
	//
	// Deprecated: Clerk deprecated it.
	ExternalAccount Metadata `json:"external_account,omitzero"`
}

// SignUpVerifications are a sign-up's verifications, one per kind of
// identifier; nil where that identifier is not being verified.
type SignUpVerifications struct {
	// EmailAddress is the email address's verification.
	EmailAddress *SignUpVerification `json:"email_address"`
	// PhoneNumber is the phone number's verification.
	PhoneNumber *SignUpVerification `json:"phone_number"`
	// Web3Wallet is the web3 wallet's verification.
	Web3Wallet *SignUpVerification `json:"web3_wallet"`
	// ExternalAccount is the OAuth account's verification, as a free-form
	// object (the spec gives it no shape); nil when none.
	ExternalAccount Metadata `json:"external_account"`
}

// SignUpVerification is the state of a sign-up's verification of one
// identifier.
type SignUpVerification struct {
	// NextAction is what the verification waits for; "" when nothing.
	NextAction SignUpNextAction `json:"next_action"`
	// SupportedStrategies are the strategies that can verify the
	// identifier, such as "email_code".
	SupportedStrategies []string `json:"supported_strategies"`
}

// Get returns a sign-up. Clerk API: GET /sign_ups/{id}.
func (s *SignUpService) Get(ctx context.Context, signUpID string) (*SignUp, error) {
	return internal.Call[SignUp](ctx, s.core(), http.MethodGet, "/sign_ups/{id}", nil, signUpID)
}

// UpdateSignUpParams are the fields of a sign-up to change; nil fields are
// left as they are.
type UpdateSignUpParams struct {
	// ExternalID is the ID in your systems (or your previous authentication
	// solution), copied to the user when the sign-up completes.
	ExternalID *string `json:"external_id,omitempty"`
	// CustomAction marks the sign-up as a custom action of your own flow.
	CustomAction *bool `json:"custom_action,omitempty"`
}

// Update changes a sign-up; nil params change nothing. Clerk API:
// PATCH /sign_ups/{id}.
func (s *SignUpService) Update(ctx context.Context, signUpID string, params *UpdateSignUpParams) (*SignUp, error) {
	return internal.Call[SignUp](ctx, s.core(), http.MethodPatch, "/sign_ups/{id}", internal.OrEmpty(params), signUpID)
}
