package billing

import "time"

// Payer is who pays for a subscription: a user or an organization. Clerk
// API schemas: CommercePayerResponse (and CommercePayerResponse-2).
type Payer struct {
	// Object is always "commerce_payer".
	Object string `json:"object"`
	// ID is the payer's ID.
	ID string `json:"id"`
	// InstanceID is the Clerk instance.
	InstanceID string `json:"instance_id"`
	// UserID is the paying user, "" for an organization.
	UserID string `json:"user_id"`
	// FirstName is the payer's first name, "" when unknown.
	FirstName string `json:"first_name"`
	// LastName is the payer's last name, "" when unknown.
	LastName string `json:"last_name"`
	// Email is the payer's email address, "" when unknown.
	Email string `json:"email"`
	// OrganizationID is the paying organization, "" for a user.
	OrganizationID string `json:"organization_id"`
	// OrganizationName is the paying organization's name, "" for a user.
	OrganizationName string `json:"organization_name"`
	// ImageURL is the URL of the payer's image.
	ImageURL string `json:"image_url"`
	// CreditsBalance is the payer's credit balance, nil when not given.
	CreditsBalance *Money `json:"credits_balance,omitzero"`
	// CreatedAt is when the payer was created, nil when not given.
	CreatedAt *time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when the payer was last changed, nil when not given.
	UpdatedAt *time.Time `json:"updated_at,omitzero"`
}

// PaymentMethod is how a payer pays: a card, Link, or the payer's credits.
// Clerk API schema: CommercePaymentMethodResponse.
type PaymentMethod struct {
	// Object is always "commerce_payment_method".
	Object string `json:"object"`
	// ID is the payment method's ID.
	ID string `json:"id"`
	// PayerID is the payer it belongs to.
	PayerID string `json:"payer_id"`
	// PaymentType is "card", "link" or "payer-credits".
	PaymentType string `json:"payment_type"`
	// IsDefault is true for the payer's default payment method.
	IsDefault bool `json:"is_default"`
	// Gateway is the payment gateway, such as "stripe".
	Gateway string `json:"gateway"`
	// GatewayExternalID is the payment method's ID at the gateway.
	GatewayExternalID string `json:"gateway_external_id"`
	// GatewayExternalAccountID is the account's ID at the gateway, "" when
	// none.
	GatewayExternalAccountID string `json:"gateway_external_account_id"`
	// Last4 are the last four digits of a card, "" for other methods.
	Last4 string `json:"last4"`
	// Status is "active" or "disconnected".
	Status string `json:"status"`
	// WalletType is the wallet, such as "apple_pay", "" when none.
	WalletType string `json:"wallet_type"`
	// CardType is the card's brand, such as "visa", "" when not a card.
	CardType string `json:"card_type"`
	// ExpiryYear is a card's expiry year, 0 when not a card.
	ExpiryYear int `json:"expiry_year"`
	// ExpiryMonth is a card's expiry month (1 to 12), 0 when not a card.
	ExpiryMonth int `json:"expiry_month"`
	// CreatedAt is when the payment method was added, nil when not given.
	CreatedAt *time.Time `json:"created_at,omitzero"`
	// UpdatedAt is when it was last changed, nil when not given.
	UpdatedAt *time.Time `json:"updated_at,omitzero"`
	// IsRemovable is true when the payer may remove it.
	IsRemovable bool `json:"is_removable"`
}

// PaymentSource is how a payer pays, in the answers of ExtendFreeTrial and
// TransitionPrice. Clerk API schema: CommercePaymentSourceResponse.
type PaymentSource struct {
	// Object is always "commerce_source".
	Object string `json:"object"`
	// ID is the payment source's ID.
	ID string `json:"id"`
	// PayerID is the payer it belongs to.
	PayerID string `json:"payer_id"`
	// PaymentMethod is "card", "apple_pay" or "google_pay".
	PaymentMethod string `json:"payment_method"`
	// IsDefault is true for the payer's default payment source.
	IsDefault bool `json:"is_default"`
	// Gateway is the payment gateway, such as "stripe".
	Gateway string `json:"gateway"`
	// GatewayExternalID is the payment source's ID at the gateway.
	GatewayExternalID string `json:"gateway_external_id"`
	// GatewayExternalAccountID is the account's ID at the gateway, "" when
	// none.
	GatewayExternalAccountID string `json:"gateway_external_account_id"`
	// Last4 are the last four digits of a card.
	Last4 string `json:"last4"`
	// Status is "active" or "disconnected".
	Status string `json:"status"`
	// WalletType is the wallet, "" when none.
	WalletType string `json:"wallet_type"`
	// CardType is the card's brand, "" when not a card.
	CardType string `json:"card_type"`
	// ExpiryYear is a card's expiry year, 0 when not a card.
	ExpiryYear int `json:"expiry_year"`
	// ExpiryMonth is a card's expiry month (1 to 12), 0 when not a card.
	ExpiryMonth int `json:"expiry_month"`
	// CreatedAt is when the payment source was added.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when it was last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// IsRemovable is true when the payer may remove it.
	IsRemovable bool `json:"is_removable"`
}
