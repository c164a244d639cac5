package users

import (
	"time"
)

// VerificationStatus is the state of a verification.
type VerificationStatus string

// Verification statuses of the spec. Unknown values decode as they come.
const (
	VerificationUnverified   VerificationStatus = "unverified"
	VerificationVerified     VerificationStatus = "verified"
	VerificationFailed       VerificationStatus = "failed"
	VerificationExpired      VerificationStatus = "expired"
	VerificationTransferable VerificationStatus = "transferable"
)

// VerificationStrategy is how an identifier was (or is being) verified. OAuth
// strategies are open-ended: "oauth_google", "oauth_custom_acme",
// "from_oauth_github", ...
type VerificationStrategy string

// Verification strategies the spec enumerates.
const (
	StrategyPhoneCode                   VerificationStrategy = "phone_code"
	StrategyEmailCode                   VerificationStrategy = "email_code"
	StrategyResetPasswordEmailCode      VerificationStrategy = "reset_password_email_code"
	StrategyEmailLink                   VerificationStrategy = "email_link"
	StrategyAdmin                       VerificationStrategy = "admin"
	StrategyTicket                      VerificationStrategy = "ticket"
	StrategySAML                        VerificationStrategy = "saml"
	StrategySCIM                        VerificationStrategy = "scim"
	StrategyPasskey                     VerificationStrategy = "passkey"
	StrategyGoogleOneTap                VerificationStrategy = "google_one_tap"
	StrategyWeb3MetamaskSignature       VerificationStrategy = "web3_metamask_signature"
	StrategyWeb3BaseSignature           VerificationStrategy = "web3_base_signature"
	StrategyWeb3CoinbaseWalletSignature VerificationStrategy = "web3_coinbase_wallet_signature"
	StrategyWeb3OKXWalletSignature      VerificationStrategy = "web3_okx_wallet_signature"
	StrategyWeb3SolanaSignature         VerificationStrategy = "web3_solana_signature"
)

// Verification is the verification of an identifier. The spec has one
// variant per kind (verification_otp, verification_oauth, verification_saml,
// ...), told apart by Object; this type holds the fields of all of them, and
// those a variant lacks stay empty. It is also what PrepareVerification and
// AttemptVerification of EmailAddressService and PhoneNumberService answer,
// the only verifications that carry an ID.
type Verification struct {
	// ID is the verification's ID, set only on the answers of
	// PrepareVerification and AttemptVerification: pass it to
	// AttemptVerification. A verification nested in an identifier has none.
	ID string `json:"id,omitempty"`
	// Object names the variant, such as "verification_otp".
	Object string `json:"object,omitempty"`
	// Status is the verification's state.
	Status VerificationStatus `json:"status"`
	// Strategy is how the identifier was verified.
	Strategy VerificationStrategy `json:"strategy"`
	// Attempts is the number of attempts made; nil when Clerk sends null.
	Attempts *int `json:"attempts"`
	// ExpireAt is when an unfinished verification expires; nil when it
	// does not.
	ExpireAt *time.Time `json:"expire_at"`
	// Channel is the delivery channel of a phone code ("sms", ...).
	Channel string `json:"channel,omitempty"`
	// VerifiedAtClient is the ID of the client the verification completed on.
	VerifiedAtClient string `json:"verified_at_client,omitempty"`
	// ExternalVerificationRedirectURL is where an OAuth or SAML flow sends
	// the user to verify.
	ExternalVerificationRedirectURL string `json:"external_verification_redirect_url,omitempty"`
	// Error explains a failed OAuth, SAML or Google One Tap verification.
	Error *ErrorDetail `json:"error,omitempty"`
	// Nonce and Message belong to web3 and passkey verifications.
	Nonce   string `json:"nonce,omitempty"`
	Message string `json:"message,omitempty"`
}

// Verified reports whether the verification succeeded; false for nil.
func (v *Verification) Verified() bool {
	return v != nil && v.Status == VerificationVerified
}

// IdentificationLink ties an identifier to the external account it came
// from.
type IdentificationLink struct {
	// Type is the provider, such as "oauth_google".
	Type string `json:"type"`
	// ID is the external account's ID.
	ID string `json:"id"`
}

// EmailAddress is one of a user's email addresses.
type EmailAddress struct {
	// ID is the address's identification ID, "idn_...".
	ID string `json:"id,omitempty"`
	// Object is "email_address".
	Object string `json:"object"`
	// EmailAddress is the address itself.
	EmailAddress string `json:"email_address"`
	// Reserved addresses are unverified but usable for sign-in, and no other
	// user can claim them.
	Reserved bool `json:"reserved"`
	// Verification is nil when the address has none.
	Verification *Verification `json:"verification"`
	// LinkedTo lists the external accounts the address came from.
	LinkedTo []IdentificationLink `json:"linked_to"`
	// MatchesSSOConnection reports whether the address's domain matches an
	// active enterprise connection.
	MatchesSSOConnection bool `json:"matches_sso_connection,omitempty"`
	// CreatedAt is when the address was added.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the address last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// Verified reports whether the address is verified; false for nil.
func (e *EmailAddress) Verified() bool { return e != nil && e.Verification.Verified() }

// PhoneNumber is one of a user's phone numbers.
type PhoneNumber struct {
	// ID is the number's identification ID, "idn_...".
	ID string `json:"id,omitempty"`
	// Object is "phone_number".
	Object string `json:"object"`
	// PhoneNumber is the number itself, in E.164 format.
	PhoneNumber string `json:"phone_number"`
	// ReservedForSecondFactor numbers serve only as a second factor.
	ReservedForSecondFactor bool `json:"reserved_for_second_factor,omitempty"`
	// DefaultSecondFactor marks the number used by default for second-
	// factor codes.
	DefaultSecondFactor bool `json:"default_second_factor,omitempty"`
	// Reserved numbers are unverified but usable for sign-in, and no other
	// user can claim them.
	Reserved bool `json:"reserved"`
	// Verification is nil when the number has none.
	Verification *Verification `json:"verification"`
	// LinkedTo lists the external accounts the number came from.
	LinkedTo []IdentificationLink `json:"linked_to"`
	// BackupCodes are the backup codes of a second-factor number, when
	// Clerk sends them. Each is a credential (it stands in for the second
	// factor): printed or logged as "[redacted]"; Reveal gives it.
	BackupCodes []Secret `json:"backup_codes"`
	// CreatedAt is when the number was added.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the number last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// Verified reports whether the number is verified; false for nil.
func (p *PhoneNumber) Verified() bool { return p != nil && p.Verification.Verified() }

// Web3Wallet is one of a user's web3 wallets.
type Web3Wallet struct {
	// ID is the wallet's identification ID, "idn_...".
	ID string `json:"id,omitempty"`
	// Object is "web3_wallet".
	Object string `json:"object"`
	// Web3Wallet is the wallet address.
	Web3Wallet string `json:"web3_wallet"`
	// Verification is nil when the wallet has none.
	Verification *Verification `json:"verification"`
	// CreatedAt is when the wallet was added.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the wallet last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// Verified reports whether the wallet is verified; false for nil.
func (w *Web3Wallet) Verified() bool { return w != nil && w.Verification.Verified() }

// Passkey is one of a user's passkeys.
type Passkey struct {
	// ID is the passkey's identification ID, "idn_...".
	ID string `json:"id,omitempty"`
	// Object is "passkey".
	Object string `json:"object"`
	// Name is the passkey's display name.
	Name string `json:"name"`
	// LastUsedAt is when the passkey was last used.
	LastUsedAt time.Time `json:"last_used_at"`
	// Verification is nil when the passkey has none.
	Verification *Verification `json:"verification"`
}
