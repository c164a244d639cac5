package organizations

import "time"

// EnrollmentMode is how users whose e-mail address belongs to an
// organization domain join the organization.
type EnrollmentMode string

// The enrollment modes of the spec. A mode Clerk adds later still decodes,
// as an EnrollmentMode holding the new string.
const (
	// EnrollmentManualInvitation adds nobody by itself: an admin invites
	// users of the domain.
	EnrollmentManualInvitation EnrollmentMode = "manual_invitation"
	// EnrollmentAutomaticInvitation gives users of the domain a pending
	// invitation, with the organization's default role.
	EnrollmentAutomaticInvitation EnrollmentMode = "automatic_invitation"
	// EnrollmentAutomaticSuggestion suggests the organization to users of
	// the domain, who may ask to join.
	EnrollmentAutomaticSuggestion EnrollmentMode = "automatic_suggestion"
	// EnrollmentEnterpriseSSO enrolls users of the domain through the
	// organization's enterprise connection.
	EnrollmentEnterpriseSSO EnrollmentMode = "enterprise_sso"
)

// OrganizationDomain is an e-mail domain of an organization (a verified
// domain): users with an address at it can join the organization as its
// EnrollmentMode says. It is also the data of the organizationDomain.created
// and .updated webhook events.
type OrganizationDomain struct {
	// Object is always "organization_domain".
	Object string `json:"object"`
	// ID is the domain's ID.
	ID string `json:"id"`
	// OrganizationID is the organization the domain belongs to.
	OrganizationID string `json:"organization_id"`
	// Name is the domain name, such as "acme.com".
	Name string `json:"name"`
	// EnrollmentMode is how users of the domain join the organization.
	EnrollmentMode EnrollmentMode `json:"enrollment_mode"`
	// AffiliationEmailAddress is the address the affiliation was verified
	// with, "" when none.
	AffiliationEmailAddress string `json:"affiliation_email_address"`
	// AffiliationVerification is the verification of the affiliation
	// between the domain and the organization (an e-mail code), nil when
	// none.
	AffiliationVerification *DomainVerification `json:"affiliation_verification"`
	// OwnershipVerification is the proof that the organization owns the
	// DNS domain (a TXT record, or VerifyDomainOwnership), nil until one is
	// attempted.
	OwnershipVerification *DomainVerification `json:"ownership_verification"`
	// Verification is AffiliationVerification under its former name.
	//
	// Deprecated: use AffiliationVerification; Clerk drops this field in
	// the next API version.
	Verification *DomainVerification `json:"verification"`
	// TotalPendingInvitations counts the domain's pending invitations.
	TotalPendingInvitations int `json:"total_pending_invitations"`
	// TotalPendingSuggestions counts the domain's pending suggestions.
	TotalPendingSuggestions int `json:"total_pending_suggestions"`
	// PublicOrganizationData is the organization's public data, nil when
	// the API leaves it out.
	PublicOrganizationData *PublicOrganizationData `json:"public_organization_data,omitempty"`
	// CreatedAt is when the domain was added.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the domain last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// DomainVerification is the state of one verification of an organization
// domain: of its affiliation or of its ownership.
type DomainVerification struct {
	// Status is "unverified", "verified", "failed" or "expired".
	Status string `json:"status"`
	// Strategy names the way of verifying, such as "email_code" or
	// "manual_override".
	Strategy string `json:"strategy"`
	// Attempts counts the attempts made, nil when Clerk does not say.
	Attempts *int `json:"attempts"`
	// ExpireAt is when the verification expires, nil when it does not.
	ExpireAt *time.Time `json:"expire_at"`
	// VerifiedAt is when ownership was verified; set on ownership
	// verifications only, nil otherwise.
	VerifiedAt *time.Time `json:"verified_at"`
}
