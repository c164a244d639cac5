package users

import (
	"strings"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// Metadata is a free-form JSON object, as Clerk stores it in a user's
// public, private and unsafe metadata. Decode copies it into a typed value.
type Metadata = internal.Metadata

// Page is one page of a list endpoint: Data and, where the API reports it,
// TotalCount (GET /users does not: use Count).
type Page[T any] = internal.Page[T]

// ErrorDetail is one entry of Clerk's error array; a verification that
// failed carries one in its Error field.
type ErrorDetail = internal.ErrorDetail

// Secret is a credential a model carries (OAuthAccessToken.Token, ...):
// fmt, log/slog and encoding/json show it as "[redacted]"; Reveal returns
// it. The same type as clerk.Secret.
type Secret = internal.Secret

// User is a Clerk user, as the Backend API answers it and as the user.*
// webhook events carry it.
type User struct {
	// ID is the user ID, "user_...".
	ID string `json:"id"`
	// Object is always "user".
	Object string `json:"object"`
	// ExternalID is the user's ID in your systems, "" when none.
	ExternalID string `json:"external_id"`
	// PrimaryEmailAddressID is the ID of the primary email address, ""
	// when none; see PrimaryEmailAddress.
	PrimaryEmailAddressID string `json:"primary_email_address_id"`
	// PrimaryPhoneNumberID is the ID of the primary phone number, "" when
	// none; see PrimaryPhoneNumber.
	PrimaryPhoneNumberID string `json:"primary_phone_number_id"`
	// PrimaryWeb3WalletID is the ID of the primary web3 wallet, "" when
	// none; see PrimaryWeb3Wallet.
	PrimaryWeb3WalletID string `json:"primary_web3_wallet_id"`
	// Username is "" when the user has none.
	Username string `json:"username"`
	// FirstName is "" when unset.
	FirstName string `json:"first_name"`
	// LastName is "" when unset.
	LastName string `json:"last_name"`
	// Locale is the user's locale, such as "en-US"; "" when unset.
	Locale string `json:"locale"`
	// ProfileImageURL is deprecated by Clerk: use ImageURL.
	ProfileImageURL string `json:"profile_image_url"`
	// ImageURL is the profile image (a generated avatar when HasImage is
	// false).
	ImageURL string `json:"image_url"`
	// HasImage reports an uploaded profile image.
	HasImage bool `json:"has_image"`
	// PublicMetadata is readable by the Frontend API, writable only by the
	// Backend API.
	PublicMetadata Metadata `json:"public_metadata"`
	// PrivateMetadata is visible only to the Backend API; nil when Clerk
	// sends null.
	PrivateMetadata Metadata `json:"private_metadata"`
	// UnsafeMetadata is writable from the frontend too: do not trust it.
	UnsafeMetadata Metadata `json:"unsafe_metadata"`
	// EmailAddresses are the user's email addresses.
	EmailAddresses []EmailAddress `json:"email_addresses"`
	// PhoneNumbers are the user's phone numbers.
	PhoneNumbers []PhoneNumber `json:"phone_numbers"`
	// Web3Wallets are the user's web3 wallets.
	Web3Wallets []Web3Wallet `json:"web3_wallets"`
	// Passkeys are the user's passkeys.
	Passkeys []Passkey `json:"passkeys"`
	// PasswordEnabled reports that the user has a password.
	PasswordEnabled bool `json:"password_enabled"`
	// TwoFactorEnabled reports that a second factor is enabled.
	TwoFactorEnabled bool `json:"two_factor_enabled"`
	// TOTPEnabled reports that TOTP is enabled.
	TOTPEnabled bool `json:"totp_enabled"`
	// BackupCodeEnabled reports that backup codes are enabled.
	BackupCodeEnabled bool `json:"backup_code_enabled"`
	// MFAEnabledAt is when MFA was last enabled; it is not cleared when MFA
	// is disabled.
	MFAEnabledAt *time.Time `json:"mfa_enabled_at"`
	// MFADisabledAt is when MFA was last disabled; it is not cleared when
	// MFA is enabled again.
	MFADisabledAt *time.Time `json:"mfa_disabled_at"`
	// PasswordLastUpdatedAt is when the password last changed; nil when
	// unknown.
	PasswordLastUpdatedAt *time.Time `json:"password_last_updated_at"`
	// ExternalAccounts are the user's OAuth accounts.
	ExternalAccounts []ExternalAccount `json:"external_accounts"`
	// SAMLAccounts are the user's SAML accounts.
	SAMLAccounts []SAMLAccount `json:"saml_accounts"`
	// EnterpriseAccounts are the user's enterprise (SAML or OIDC)
	// accounts.
	EnterpriseAccounts []EnterpriseAccount `json:"enterprise_accounts"`
	// OrganizationMemberships is only filled by the endpoints that embed
	// them; list them with Service.ListOrganizationMemberships.
	OrganizationMemberships []OrganizationMembership `json:"organization_memberships,omitempty"`
	// LastSignInAt is the latest sign-in; nil when the user never signed
	// in.
	LastSignInAt *time.Time `json:"last_sign_in_at"`
	// Banned reports a banned user, who cannot sign in.
	Banned bool `json:"banned"`
	// Locked reports whether the user is currently locked out of signing in.
	Locked bool `json:"locked"`
	// Deprovisioned reports whether a directory deprovisioned the user, who
	// can no longer sign in.
	Deprovisioned bool `json:"deprovisioned"`
	// LockoutExpiresInSeconds is the time left on a lockout; nil for a locked
	// user means the lockout never expires.
	LockoutExpiresInSeconds *int64 `json:"lockout_expires_in_seconds"`
	// VerificationAttemptsRemaining is nil when account lockout is off.
	VerificationAttemptsRemaining *int64 `json:"verification_attempts_remaining"`
	// UpdatedAt is when the user last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// CreatedAt is when the user signed up.
	CreatedAt time.Time `json:"created_at"`
	// DeleteSelfEnabled lets the user delete themselves with the Frontend
	// API.
	DeleteSelfEnabled bool `json:"delete_self_enabled"`
	// CreateOrganizationEnabled lets the user create organizations with
	// the Frontend API.
	CreateOrganizationEnabled bool `json:"create_organization_enabled"`
	// CreateOrganizationsLimit is the number of organizations the user may
	// create; 0 means unlimited, nil that none is set.
	CreateOrganizationsLimit *int `json:"create_organizations_limit"`
	// LastActiveAt is the latest session activity, with day precision.
	LastActiveAt *time.Time `json:"last_active_at"`
	// LegalAcceptedAt is when the user accepted the legal requirements;
	// nil when not recorded.
	LegalAcceptedAt *time.Time `json:"legal_accepted_at"`
	// BypassClientTrust skips Device Trust checks at sign-in.
	BypassClientTrust bool `json:"bypass_client_trust"`
	// SCIM links the user to a directory; only user.created and
	// user.updated webhook events of directory-provisioned users carry it.
	SCIM *SCIMUserMetadata `json:"scim,omitzero"`
}

// SCIMUserMetadata describes a user's link to a directory (SCIM).
type SCIMUserMetadata struct {
	// DirectoryID is the directory that provisioned the user.
	DirectoryID string `json:"directory_id"`
	// DirectoryEnabled reports that the directory is enabled.
	DirectoryEnabled bool `json:"directory_enabled,omitempty"`
	// ExternalID is the user's ID in the directory, "" when none.
	ExternalID string `json:"external_id"`
}

// FullName returns the first and last name joined by a space, or whichever
// of them is set; "" when neither is.
func (u *User) FullName() string {
	if u == nil {
		return ""
	}
	return strings.TrimSpace(strings.TrimSpace(u.FirstName) + " " + strings.TrimSpace(u.LastName))
}

// PrimaryEmailAddress returns the user's primary email address, or nil when
// the user has none.
func (u *User) PrimaryEmailAddress() *EmailAddress {
	if u == nil {
		return nil
	}
	return u.EmailAddressByID(u.PrimaryEmailAddressID)
}

// PrimaryPhoneNumber returns the user's primary phone number, or nil when the
// user has none.
func (u *User) PrimaryPhoneNumber() *PhoneNumber {
	if u == nil {
		return nil
	}
	return u.PhoneNumberByID(u.PrimaryPhoneNumberID)
}

// PrimaryWeb3Wallet returns the user's primary web3 wallet, or nil when the
// user has none.
func (u *User) PrimaryWeb3Wallet() *Web3Wallet {
	if u == nil {
		return nil
	}
	return find(u.Web3Wallets, u.PrimaryWeb3WalletID, func(w *Web3Wallet) string { return w.ID })
}

// EmailAddressByID returns the user's email address with this ID, or nil.
func (u *User) EmailAddressByID(id string) *EmailAddress {
	if u == nil {
		return nil
	}
	return find(u.EmailAddresses, id, func(e *EmailAddress) string { return e.ID })
}

// PhoneNumberByID returns the user's phone number with this ID, or nil.
func (u *User) PhoneNumberByID(id string) *PhoneNumber {
	if u == nil {
		return nil
	}
	return find(u.PhoneNumbers, id, func(p *PhoneNumber) string { return p.ID })
}

// ExternalAccountByProvider returns the user's first external account of a
// provider, such as "oauth_google", or nil.
func (u *User) ExternalAccountByProvider(provider string) *ExternalAccount {
	if u == nil {
		return nil
	}
	return find(u.ExternalAccounts, provider, func(a *ExternalAccount) string { return a.Provider })
}

// find returns the first element of s whose key is k, or nil; nil for an
// empty k too.
func find[T any](s []T, k string, key func(*T) string) *T {
	if k == "" {
		return nil
	}
	for i := range s {
		if key(&s[i]) == k {
			return &s[i]
		}
	}
	return nil
}
