package webhooks

import (
	"time"

	"github.com/go-clerk/clerk/organizations"
)

// OrganizationDomain is the data of the organizationDomain.created and
// .updated events: a domain whose users can join the organization.
type OrganizationDomain struct {
	// Object is "organization_domain".
	Object string `json:"object"`
	// ID is the domain's ID.
	ID string `json:"id"`
	// OrganizationID is the organization the domain belongs to.
	OrganizationID string `json:"organization_id"`
	// Name is the domain name, such as "acme.com".
	Name string `json:"name"`
	// EnrollmentMode is how users of the domain join: "manual_invitation",
	// "automatic_invitation", "automatic_suggestion" or "enterprise_sso".
	EnrollmentMode string `json:"enrollment_mode"`
	// AffiliationEmailAddress is the address the affiliation was verified
	// with, "" when none.
	AffiliationEmailAddress string `json:"affiliation_email_address"`
	// AffiliationVerification is the verification of the affiliation between
	// the domain and the organization, nil when none.
	AffiliationVerification *OrganizationDomainVerification `json:"affiliation_verification"`
	// OwnershipVerification is the verification of the DNS ownership of the
	// domain, nil until one is attempted.
	OwnershipVerification *OrganizationDomainVerification `json:"ownership_verification"`
	// Verification is the affiliation verification under its former name.
	//
	// Deprecated: use AffiliationVerification.
	Verification *OrganizationDomainVerification `json:"verification"`
	// TotalPendingInvitations counts the domain's pending invitations.
	TotalPendingInvitations int `json:"total_pending_invitations"`
	// TotalPendingSuggestions counts the domain's pending suggestions.
	TotalPendingSuggestions int `json:"total_pending_suggestions"`
	// PublicOrganizationData is the organization's public data, nil when the
	// event leaves it out.
	PublicOrganizationData *organizations.PublicOrganizationData `json:"public_organization_data,omitempty"`
	// CreatedAt is when the domain was added.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the domain last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// OrganizationDomainVerification is the state of one verification of an
// organization domain.
type OrganizationDomainVerification struct {
	// Status is "unverified", "verified", "failed" or "expired".
	Status string `json:"status"`
	// Strategy names the way of verifying, such as "email_code".
	Strategy string `json:"strategy"`
	// Attempts counts the attempts made, nil when Clerk does not say.
	Attempts *int `json:"attempts"`
	// ExpireAt is when the verification expires, nil when it does not.
	ExpireAt *time.Time `json:"expire_at"`
	// VerifiedAt is when ownership was verified; set on ownership
	// verifications only.
	VerifiedAt *time.Time `json:"verified_at"`
}

// Role is the data of the role.created and role.updated events: an
// organization role and the permissions it grants. It is the same type as
// organizations.Role, which the Backend API answers.
type Role = organizations.Role

// Permission is the data of the permission.created and permission.updated
// events, and an entry of Role.Permissions. It is the same type as
// organizations.Permission.
type Permission = organizations.Permission
