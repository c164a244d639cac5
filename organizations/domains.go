package organizations

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-clerk/clerk/internal"
)

// CreateDomainParams describe a new organization domain. Name is required.
type CreateDomainParams struct {
	// Name is the domain name, such as "acme.com".
	Name string `json:"name"`
	// EnrollmentMode is how users of the domain join the organization.
	EnrollmentMode *EnrollmentMode `json:"enrollment_mode,omitempty"`
	// Verified sets whether the domain's affiliation is verified (the
	// API's default is true).
	Verified *bool `json:"verified,omitempty"`
}

// CreateDomain adds a domain to an organization. Clerk API:
// POST /organizations/{organization_id}/domains.
func (s *Service) CreateDomain(ctx context.Context, organizationID string, params *CreateDomainParams) (*OrganizationDomain, error) {
	if params == nil {
		return nil, internal.NoParams("CreateDomain")
	}
	if err := internal.Required("name", params.Name); err != nil {
		return nil, err
	}
	return internal.Call[OrganizationDomain](ctx, s.core(), http.MethodPost, "/organizations/{organization_id}/domains", params, organizationID)
}

// ListDomainsParams filter an organization's domains.
type ListDomainsParams struct {
	// Verified lists only verified (true) or unverified (false) domains.
	Verified *bool `url:"verified"`
	// EnrollmentMode lists only domains with this enrollment mode, such as
	// "automatic_invitation"; with a "-" prefix, such as "-enterprise_sso",
	// only the domains without it.
	EnrollmentMode *string `url:"enrollment_mode"`
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many domains.
	Offset *int `url:"offset"`
}

// ListDomains returns one page of an organization's domains, with
// TotalCount. Clerk API: GET /organizations/{organization_id}/domains.
func (s *Service) ListDomains(ctx context.Context, organizationID string, params *ListDomainsParams) (*Page[OrganizationDomain], error) {
	return internal.List[OrganizationDomain](ctx, s.core(), "/organizations/{organization_id}/domains", params, organizationID)
}

// AllDomains iterates over every domain of an organization that matches
// params, fetching pages of params.Limit (500, the maximum, when unset or
// larger) lazily, from params.Offset. params is copied, never changed. It
// yields an error once and stops, and skips none when domains are deleted
// while it runs. Clerk API: GET /organizations/{organization_id}/domains.
func (s *Service) AllDomains(ctx context.Context, organizationID string, params *ListDomainsParams) iter.Seq2[*OrganizationDomain, error] {
	return internal.AllIn(ctx, organizationID, params, paging(domainID), s.ListDomains)
}

// UpdateDomainParams change an organization domain; nil fields are left as
// they are.
type UpdateDomainParams struct {
	// EnrollmentMode is the domain's new enrollment mode.
	EnrollmentMode *EnrollmentMode `json:"enrollment_mode,omitempty"`
	// Verified marks the domain's affiliation verified or not.
	Verified *bool `json:"verified,omitempty"`
}

// UpdateDomain changes an organization domain. Clerk API:
// PATCH /organizations/{organization_id}/domains/{domain_id}.
func (s *Service) UpdateDomain(ctx context.Context, organizationID, domainID string, params *UpdateDomainParams) (*OrganizationDomain, error) {
	return internal.Call[OrganizationDomain](ctx, s.core(), http.MethodPatch, "/organizations/{organization_id}/domains/{domain_id}", internal.OrEmpty(params), organizationID, domainID)
}

// DeleteDomain removes a domain from an organization. Clerk API:
// DELETE /organizations/{organization_id}/domains/{domain_id}.
func (s *Service) DeleteDomain(ctx context.Context, organizationID, domainID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/organizations/{organization_id}/domains/{domain_id}", nil, organizationID, domainID)
}

// VerifyDomainOwnership marks the organization's ownership of a domain as
// verified, in place of the DNS TXT challenge: the domain comes back with
// an OwnershipVerification of strategy "manual_override". Calling it again
// on a verified domain changes nothing. Clerk API:
// POST /organizations/{organization_id}/domains/{domain_id}/verify_ownership.
func (s *Service) VerifyDomainOwnership(ctx context.Context, organizationID, domainID string) (*OrganizationDomain, error) {
	return internal.Call[OrganizationDomain](ctx, s.core(), http.MethodPost, "/organizations/{organization_id}/domains/{domain_id}/verify_ownership", nil, organizationID, domainID)
}

// ListInstanceDomainsParams filter and order the domains of every
// organization of the instance.
type ListInstanceDomainsParams struct {
	// OrganizationID lists the domains of this organization.
	OrganizationID *string `url:"organization_id"`
	// Verified lists only verified (true) or unverified (false) domains.
	Verified *bool `url:"verified"`
	// EnrollmentModes lists only domains with any of these enrollment
	// modes; a "-" prefix, such as "-enterprise_sso", excludes a mode
	// instead. (They are sent as one comma-separated value, as the API
	// takes them.)
	EnrollmentModes []string `url:"enrollment_mode"`
	// Query matches an organization's ID exactly when it starts with
	// "org_", or part of a domain name, ignoring case. It may not be blank.
	Query *string `url:"query"`
	// Domains lists these domain names, matched exactly.
	Domains []string `url:"domains"`
	// OrderBy is "name" or "created_at", with "+" or "-" for the
	// direction; the API's default is "-created_at".
	OrderBy *string `url:"order_by"`
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many domains.
	Offset *int `url:"offset"`
}

// query encodes the params, with EnrollmentModes as one comma-separated
// value: the spec declares enrollment_mode with explode false, unlike the
// repeated keys of Domains.
func (p *ListInstanceDomainsParams) query() url.Values {
	q := internal.Query(p)
	if modes := q["enrollment_mode"]; len(modes) > 1 {
		q.Set("enrollment_mode", strings.Join(modes, ","))
	}
	return q
}

// ListInstanceDomains returns one page of the domains of every organization
// of the instance, with TotalCount. Clerk API: GET /organization_domains.
func (s *Service) ListInstanceDomains(ctx context.Context, params *ListInstanceDomainsParams) (*Page[OrganizationDomain], error) {
	return internal.List[OrganizationDomain](ctx, s.core(), "/organization_domains", params.query())
}

// AllInstanceDomains iterates over the domains of every organization of the
// instance that match params, fetching pages of params.Limit (500, the
// maximum, when unset or larger) lazily, from params.Offset. params is
// copied, never changed. It yields an error once and stops, and skips none
// when domains are deleted while it runs. Clerk API:
// GET /organization_domains.
func (s *Service) AllInstanceDomains(ctx context.Context, params *ListInstanceDomainsParams) iter.Seq2[*OrganizationDomain, error] {
	return internal.All(ctx, params, paging(domainID), s.ListInstanceDomains)
}

func domainID(d *OrganizationDomain) string { return d.ID }
