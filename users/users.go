package users

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// maxLimit is the largest page the users list endpoints serve.
const maxLimit = 500

// Service calls the Users endpoints: clerk.Client.Users. It is safe for
// concurrent use.
type Service internal.Service

func (s *Service) core() *internal.Client { return (*internal.Service)(s).Client() }

// Get returns a user. Clerk API: GET /users/{user_id}.
func (s *Service) Get(ctx context.Context, userID string) (*User, error) {
	return internal.Call[User](ctx, s.core(), http.MethodGet, "/users/{user_id}", nil, userID)
}

// ListParams filters and pages GET /users. Nil params list every user, ten
// to a page (the API's default), newest first. Filters of one kind are
// ORed; filters of different kinds are ANDed.
type ListParams struct {
	// EmailAddresses lists users with any of these email addresses (up to
	// 100).
	EmailAddresses []string `url:"email_address"`
	// PhoneNumbers lists users with any of these phone numbers (up to 100).
	PhoneNumbers []string `url:"phone_number"`
	// ExternalIDs lists users with any of these external IDs (up to 100). An
	// ID prefixed with "-" excludes it instead, "+" includes it.
	ExternalIDs []string `url:"external_id"`
	// Usernames lists users with any of these usernames (up to 100).
	Usernames []string `url:"username"`
	// Web3Wallets lists users with any of these wallet addresses (up to 100).
	Web3Wallets []string `url:"web3_wallet"`
	// UserIDs lists these users (up to 100); "-user_x" excludes one.
	UserIDs []string `url:"user_id"`
	// OrganizationIDs lists members of these organizations (up to 100);
	// "-org_x" excludes the members of one.
	OrganizationIDs []string `url:"organization_id"`
	// Query matches part of an email address, phone number, username, web3
	// wallet, user ID, first or last name.
	Query *string `url:"query"`
	// EmailAddressQuery matches part of an email address, ignoring case.
	EmailAddressQuery *string `url:"email_address_query"`
	// PhoneNumberQuery matches part of a phone number.
	PhoneNumberQuery *string `url:"phone_number_query"`
	// UsernameQuery matches part of a username, ignoring case.
	UsernameQuery *string `url:"username_query"`
	// NameQuery matches part of a first or last name, ignoring case.
	NameQuery *string `url:"name_query"`
	// Banned lists only banned users (true) or only users not banned (false).
	Banned *bool `url:"banned"`
	// LastActiveAtBefore lists users whose last session activity was before
	// this time (sent in Unix milliseconds, as are the other times).
	LastActiveAtBefore *time.Time `url:"last_active_at_before"`
	// LastActiveAtAfter lists users whose last session activity was after
	// this time.
	LastActiveAtAfter *time.Time `url:"last_active_at_after"`
	// LastActiveAtSince lists users active since this time.
	//
	// Deprecated: Clerk deprecated it in favour of LastActiveAtAfter.
	LastActiveAtSince *time.Time `url:"last_active_at_since"`
	// CreatedAtBefore lists users created before this time.
	CreatedAtBefore *time.Time `url:"created_at_before"`
	// CreatedAtAfter lists users created after this time.
	CreatedAtAfter *time.Time `url:"created_at_after"`
	// LastSignInAtBefore lists users whose last sign-in was before this time.
	LastSignInAtBefore *time.Time `url:"last_sign_in_at_before"`
	// LastSignInAtAfter lists users whose last sign-in was after this time.
	LastSignInAtAfter *time.Time `url:"last_sign_in_at_after"`
	// Provider, such as "oauth_google", goes with ProviderUserIDs: the users
	// with an external account of that provider and one of those IDs.
	Provider *string `url:"provider"`
	// ProviderUserIDs are user IDs at Provider (up to 100).
	ProviderUserIDs []string `url:"provider_user_id"`

	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many users. Prefer StartingAfter beyond a few pages:
	// a large offset gets slow.
	Offset *int `url:"offset"`
	// StartingAfter is a cursor: the ID of the last user of the previous
	// page. It needs the created_at ordering (OrderBy nil or one of
	// "created_at", "+created_at", "-created_at") and no Offset; List
	// refuses it otherwise, with ErrInvalidParams.
	StartingAfter *string `url:"starting_after"`
	// OrderBy sorts the users: created_at, updated_at, email_address,
	// web3wallet, first_name, last_name, phone_number, username,
	// last_active_at or last_sign_in_at, prefixed with "+" (ascending, the
	// default sign) or "-" (descending). The API's default is "-created_at".
	OrderBy *string `url:"order_by"`
}

// checkProvider enforces the spec's rule that provider and provider_user_id
// go together.
func checkProvider(provider *string, ids []string) error {
	if (provider != nil && *provider != "") != (len(ids) > 0) {
		return fmt.Errorf("%w: Provider and ProviderUserIDs must be set together", internal.ErrInvalidParams)
	}
	return nil
}

// check refuses, before any request, the combinations that GET /users
// answers with a 422.
func (p *ListParams) check() error {
	if err := checkProvider(p.Provider, p.ProviderUserIDs); err != nil {
		return err
	}
	if p.StartingAfter == nil || *p.StartingAfter == "" {
		return nil
	}
	if !byCreation(p.OrderBy) {
		return fmt.Errorf("%w: StartingAfter needs the created_at ordering, not OrderBy %q", internal.ErrInvalidParams, *p.OrderBy)
	}
	if p.Offset != nil && *p.Offset != 0 {
		return fmt.Errorf("%w: StartingAfter cannot go with a non-zero Offset", internal.ErrInvalidParams)
	}
	return nil
}

// List returns one page of users (GET /users reports no total: use Count).
// Clerk API: GET /users.
func (s *Service) List(ctx context.Context, params *ListParams) (*Page[User], error) {
	if params != nil {
		if err := params.check(); err != nil {
			return nil, err
		}
	}
	return internal.List[User](ctx, s.core(), "/users", params)
}

// All iterates over every user that matches params, fetching pages of
// params.Limit (500, the maximum, when unset or larger) lazily; params is
// copied, never changed. It yields an error once and stops.
//
// Ordered by creation time (OrderBy nil, "created_at", "+created_at" or
// "-created_at") and without an Offset, it pages with the starting_after
// cursor, which costs the API the same on every page and does not shift
// when users are created or deleted meanwhile. Any other order, or
// an Offset, pages by offset. A StartingAfter in params is where the walk
// starts. Clerk API: GET /users.
func (s *Service) All(ctx context.Context, params *ListParams) iter.Seq2[*User, error] {
	p := internal.Paging[User]{Max: maxLimit}
	if params == nil || (params.Offset == nil || *params.Offset == 0) && byCreation(params.OrderBy) {
		p.Cursor = func(u *User) string { return u.ID }
	}
	return internal.All(ctx, params, p, s.List)
}

// byCreation reports whether an order_by value is one of the created_at
// orderings, the only ones starting_after works with.
func byCreation(orderBy *string) bool {
	if orderBy == nil {
		return true
	}
	switch *orderBy {
	case "created_at", "+created_at", "-created_at":
		return true
	}
	return false
}

// Count returns the number of users that match params' filters; its
// paging and ordering (Limit, Offset, StartingAfter, OrderBy) are ignored.
// Nil params count every user. Clerk API: GET /users/count.
func (s *Service) Count(ctx context.Context, params *ListParams) (int64, error) {
	var q ListParams
	if params != nil {
		q = *params
		if err := checkProvider(q.Provider, q.ProviderUserIDs); err != nil {
			return 0, err
		}
	}
	q.Limit, q.Offset, q.StartingAfter, q.OrderBy = nil, nil, nil, nil
	out, err := internal.Call[struct {
		TotalCount int64 `json:"total_count"`
	}](ctx, s.core(), http.MethodGet, "/users/count", &q)
	if err != nil {
		return 0, err
	}
	return out.TotalCount, nil
}

// IdentificationStatus is the state an email address or phone number is
// created in.
type IdentificationStatus string

// Identification statuses of CreateParams, ReplaceEmailAddressParams and
// ReplacePhoneNumberParams.
const (
	// IdentificationVerified creates the identifier verified (the default).
	IdentificationVerified IdentificationStatus = "verified"
	// IdentificationReserved creates it unverified but usable for sign-in,
	// and locked so that no other user can claim it.
	IdentificationReserved IdentificationStatus = "reserved"
	// IdentificationUnverified (ReplaceEmailAddress and ReplacePhoneNumber
	// only) creates it neither usable for sign-in nor locked. A user left
	// with no other verified or reserved identifier cannot sign in, and so
	// cannot verify it either.
	IdentificationUnverified IdentificationStatus = "unverified"
)

// CreateParams are the fields of a new user; which are required depends on
// the instance's user model settings. Email addresses and phone numbers are
// created verified unless their identification status says otherwise.
type CreateParams struct {
	// ExternalID is the user's ID in your systems; unique in the instance.
	ExternalID *string `json:"external_id,omitempty"`
	// FirstName is the user's first name.
	FirstName *string `json:"first_name,omitempty"`
	// LastName is the user's last name.
	LastName *string `json:"last_name,omitempty"`
	// Locale such as "en-US".
	Locale *string `json:"locale,omitempty"`
	// EmailAddresses are the user's addresses; the first becomes primary.
	EmailAddresses []string `json:"email_address,omitempty"`
	// EmailAddressIdentificationStatus, when set, has one status per entry
	// of EmailAddresses, by position.
	EmailAddressIdentificationStatus []IdentificationStatus `json:"email_address_identification_status,omitempty"`
	// PhoneNumbers are the user's numbers; the first becomes primary.
	PhoneNumbers []string `json:"phone_number,omitempty"`
	// PhoneNumberIdentificationStatus, when set, has one status per entry of
	// PhoneNumbers, by position.
	PhoneNumberIdentificationStatus []IdentificationStatus `json:"phone_number_identification_status,omitempty"`
	// Web3Wallets are the user's wallet addresses; the first becomes primary.
	Web3Wallets []string `json:"web3_wallet,omitempty"`
	// Username must be unique in the instance.
	Username *string `json:"username,omitempty"`
	// Password is the plaintext password: at least 8 characters, not in a
	// list of breached passwords (unless SkipPasswordChecks).
	Password *string `json:"password,omitempty"`
	// PasswordDigest is an existing password hash, made with PasswordHasher.
	PasswordDigest *string `json:"password_digest,omitempty"`
	// PasswordHasher names the digest's algorithm: "bcrypt", "argon2id",
	// "scrypt_firebase", ... (see Clerk's docs for the list and formats).
	PasswordHasher *string `json:"password_hasher,omitempty"`
	// SkipPasswordChecks skips the password policy (meant for migrations).
	SkipPasswordChecks *bool `json:"skip_password_checks,omitempty"`
	// SkipPasswordRequirement allows a user without a password on an
	// instance that uses passwords.
	SkipPasswordRequirement *bool `json:"skip_password_requirement,omitempty"`
	// TOTPSecret enables TOTP with this secret (30 s, 6 digits, SHA1).
	TOTPSecret *string `json:"totp_secret,omitempty"`
	// BackupCodes enables backup codes, in plain form or bcrypt digests.
	BackupCodes []string `json:"backup_codes,omitempty"`
	// PublicMetadata is readable by the frontend, writable by the backend.
	PublicMetadata Metadata `json:"public_metadata,omitzero"`
	// PrivateMetadata is visible to the backend only.
	PrivateMetadata Metadata `json:"private_metadata,omitzero"`
	// UnsafeMetadata is writable from the frontend too.
	UnsafeMetadata Metadata `json:"unsafe_metadata,omitzero"`
	// DeleteSelfEnabled lets the user delete themselves with the Frontend API.
	DeleteSelfEnabled *bool `json:"delete_self_enabled,omitempty"`
	// LegalAcceptedAt is when the user accepted the legal requirements (sent
	// as RFC 3339).
	LegalAcceptedAt *time.Time `json:"legal_accepted_at,omitempty"`
	// SkipLegalChecks skips the legal requirements (meant for migrations).
	SkipLegalChecks *bool `json:"skip_legal_checks,omitempty"`
	// SkipUserRequirement does not enforce the instance's identification
	// types.
	SkipUserRequirement *bool `json:"skip_user_requirement,omitempty"`
	// CreateOrganizationEnabled lets the user create organizations with the
	// Frontend API.
	CreateOrganizationEnabled *bool `json:"create_organization_enabled,omitempty"`
	// CreateOrganizationsLimit caps the organizations the user may create;
	// 0 means unlimited.
	CreateOrganizationsLimit *int `json:"create_organizations_limit,omitempty"`
	// CreatedAt backdates the sign-up (sent as RFC 3339), for migrations.
	CreatedAt *time.Time `json:"created_at,omitempty"`
	// BypassClientTrust skips Device Trust checks at sign-in.
	BypassClientTrust *bool `json:"bypass_client_trust,omitempty"`
	// Banned creates the user banned.
	Banned *bool `json:"banned,omitempty"`
	// Locked creates the user locked (needs user lockout on the instance).
	Locked *bool `json:"locked,omitempty"`
}

// Create creates a user. Clerk API: POST /users.
func (s *Service) Create(ctx context.Context, params *CreateParams) (*User, error) {
	params = internal.OrEmpty(params)
	if n := len(params.EmailAddressIdentificationStatus); n > 0 && n != len(params.EmailAddresses) {
		return nil, fmt.Errorf("%w: EmailAddressIdentificationStatus has %d entries for %d email addresses", internal.ErrInvalidParams, n, len(params.EmailAddresses))
	}
	if n := len(params.PhoneNumberIdentificationStatus); n > 0 && n != len(params.PhoneNumbers) {
		return nil, fmt.Errorf("%w: PhoneNumberIdentificationStatus has %d entries for %d phone numbers", internal.ErrInvalidParams, n, len(params.PhoneNumbers))
	}
	return internal.Call[User](ctx, s.core(), http.MethodPost, "/users", params)
}

// UpdateParams are the fields of a user to change; nil fields are left as
// they are. Metadata is not among them since API version 2026-05-12: use
// UpdateMetadata or ReplaceMetadata.
type UpdateParams struct {
	// ExternalID is the user's ID in your systems; unique in the instance.
	ExternalID *string `json:"external_id,omitempty"`
	// FirstName sets the first name.
	FirstName *string `json:"first_name,omitempty"`
	// LastName sets the last name.
	LastName *string `json:"last_name,omitempty"`
	// Locale such as "en-US".
	Locale *string `json:"locale,omitempty"`
	// PrimaryEmailAddressID makes one of the user's verified addresses
	// primary.
	PrimaryEmailAddressID *string `json:"primary_email_address_id,omitempty"`
	// NotifyPrimaryEmailAddressChanged emails the user about the change of
	// primary address (no notice by default).
	NotifyPrimaryEmailAddressChanged *bool `json:"notify_primary_email_address_changed,omitempty"`
	// PrimaryPhoneNumberID makes one of the user's verified numbers primary.
	PrimaryPhoneNumberID *string `json:"primary_phone_number_id,omitempty"`
	// PrimaryWeb3WalletID makes one of the user's verified wallets primary.
	PrimaryWeb3WalletID *string `json:"primary_web3_wallet_id,omitempty"`
	// Username sets the username; a pointer to "" removes it.
	Username *string `json:"username,omitempty"`
	// ProfileImageID sets the profile image to an uploaded image.
	ProfileImageID *string `json:"profile_image_id,omitempty"`
	// Password sets a new plaintext password.
	Password *string `json:"password,omitempty"`
	// PasswordDigest sets an existing password hash, made with
	// PasswordHasher.
	PasswordDigest *string `json:"password_digest,omitempty"`
	// PasswordHasher names the digest's algorithm.
	PasswordHasher *string `json:"password_hasher,omitempty"`
	// SkipPasswordChecks skips the password policy for Password.
	SkipPasswordChecks *bool `json:"skip_password_checks,omitempty"`
	// SignOutOfOtherSessions ends the user's sessions once Password is set.
	SignOutOfOtherSessions *bool `json:"sign_out_of_other_sessions,omitempty"`
	// TOTPSecret enables TOTP with this secret.
	TOTPSecret *string `json:"totp_secret,omitempty"`
	// BackupCodes enables backup codes.
	BackupCodes []string `json:"backup_codes,omitempty"`
	// DeleteSelfEnabled lets the user delete themselves with the Frontend API.
	DeleteSelfEnabled *bool `json:"delete_self_enabled,omitempty"`
	// CreateOrganizationEnabled lets the user create organizations with the
	// Frontend API.
	CreateOrganizationEnabled *bool `json:"create_organization_enabled,omitempty"`
	// LegalAcceptedAt is when the user accepted the legal requirements.
	LegalAcceptedAt *time.Time `json:"legal_accepted_at,omitempty"`
	// SkipLegalChecks skips the legal requirements.
	SkipLegalChecks *bool `json:"skip_legal_checks,omitempty"`
	// CreateOrganizationsLimit caps the organizations the user may create;
	// 0 means unlimited.
	CreateOrganizationsLimit *int `json:"create_organizations_limit,omitempty"`
	// CreatedAt backdates the sign-up.
	CreatedAt *time.Time `json:"created_at,omitempty"`
	// BypassClientTrust skips Device Trust checks at sign-in.
	BypassClientTrust *bool `json:"bypass_client_trust,omitempty"`
}

// Update changes a user's fields. Clerk API: PATCH /users/{user_id}.
func (s *Service) Update(ctx context.Context, userID string, params *UpdateParams) (*User, error) {
	return internal.Call[User](ctx, s.core(), http.MethodPatch, "/users/{user_id}", internal.OrEmpty(params), userID)
}

// Delete deletes a user. Clerk API: DELETE /users/{user_id}.
func (s *Service) Delete(ctx context.Context, userID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/users/{user_id}", nil, userID)
}
