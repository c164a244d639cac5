package organizations

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func domainIs(id string) func(*testing.T, any) { return hasID(id, domainID) }

func TestDomains(t *testing.T) {
	domain := domainJSON("orgdmn_1", "org_1")
	runOps(t, []op{
		{
			name: "CreateDomain", route: "POST /organizations/{id}/domains", path: "/organizations/org_1/domains",
			body: `{"name":"acme.com","enrollment_mode":"automatic_invitation","verified":false}`, answer: domain,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return svc.CreateDomain(ctx, "org_1", &CreateDomainParams{Name: "acme.com",
					EnrollmentMode: new(EnrollmentAutomaticInvitation), Verified: new(false)})
			},
			check: domainIs("orgdmn_1"),
		},
		{
			name: "CreateDomain, name only", route: "POST /organizations/{id}/domains", path: "/organizations/org_1/domains",
			body: `{"name":"acme.com"}`, answer: domain,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return svc.CreateDomain(ctx, "org_1", &CreateDomainParams{Name: "acme.com"})
			},
			check: domainIs("orgdmn_1"),
		},
		{
			name: "ListDomains", route: "GET /organizations/{id}/domains", path: "/organizations/org_1/domains",
			query:  url.Values{"verified": {"true"}, "enrollment_mode": {"-enterprise_sso"}, "limit": {"50"}, "offset": {"0"}},
			answer: `{"data":[` + domain + `],"total_count":1}`,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return svc.ListDomains(ctx, "org_1", &ListDomainsParams{Verified: new(true), EnrollmentMode: new("-enterprise_sso"),
					Limit: new(50), Offset: new(0)})
			},
			check: func(t *testing.T, got any) {
				page := got.(*Page[OrganizationDomain])
				if assert.Len(t, page.Data, 1) {
					assert.Equal(t, EnrollmentAutomaticInvitation, page.Data[0].EnrollmentMode)
				}
			},
		},
		{
			name: "UpdateDomain", route: "PATCH /organizations/{id}/domains/{domain}", path: "/organizations/org_1/domains/orgdmn_1",
			body: `{"enrollment_mode":"manual_invitation","verified":true}`, answer: domain,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return svc.UpdateDomain(ctx, "org_1", "orgdmn_1", &UpdateDomainParams{EnrollmentMode: new(EnrollmentManualInvitation), Verified: new(true)})
			},
			check: domainIs("orgdmn_1"),
		},
		{
			name: "UpdateDomain, nil params", route: "PATCH /organizations/{id}/domains/{domain}", path: "/organizations/org_1/domains/orgdmn_1",
			body: `{}`, answer: domain,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return svc.UpdateDomain(ctx, "org_1", "orgdmn_1", nil)
			},
		},
		{
			name: "DeleteDomain", route: "DELETE /organizations/{id}/domains/{domain}", path: "/organizations/org_1/domains/orgdmn_1",
			answer: `{"object":"organization_domain","id":"orgdmn_1","deleted":true}`,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return nil, svc.DeleteDomain(ctx, "org_1", "orgdmn_1")
			},
		},
		{
			name: "VerifyDomainOwnership", route: "POST /organizations/{id}/domains/{domain}/verify_ownership",
			path: "/organizations/org_1/domains/orgdmn_1/verify_ownership",
			answer: `{"object":"organization_domain","id":"orgdmn_1","organization_id":"org_1","name":"acme.com",
				"enrollment_mode":"automatic_suggestion","affiliation_email_address":null,"affiliation_verification":null,
				"ownership_verification":{"status":"verified","strategy":"manual_override","attempts":null,"expire_at":null,"verified_at":1716883600000},
				"verification":null,"total_pending_invitations":0,"total_pending_suggestions":0,
				"created_at":1716883200000,"updated_at":1716883600000}`,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return svc.VerifyDomainOwnership(ctx, "org_1", "orgdmn_1")
			},
			check: func(t *testing.T, got any) {
				d := got.(*OrganizationDomain)
				assert.Nil(t, d.AffiliationVerification)
				assert.Nil(t, d.PublicOrganizationData)
				if assert.NotNil(t, d.OwnershipVerification) {
					assert.Equal(t, "manual_override", d.OwnershipVerification.Strategy)
					assert.Equal(t, new(ms(1716883600000)), d.OwnershipVerification.VerifiedAt)
					assert.Nil(t, d.OwnershipVerification.Attempts)
				}
			},
		},
		{
			// Several enrollment modes go as one comma-separated value (the
			// spec's explode: false); several domains as repeated keys.
			name: "ListInstanceDomains", route: "GET /organization_domains", path: "/organization_domains",
			query: url.Values{
				"organization_id": {"org_1"}, "verified": {"false"},
				"enrollment_mode": {"automatic_invitation,-enterprise_sso"}, "query": {"acme"},
				"domains": {"acme.com", "acme.org"}, "order_by": {"-name"}, "limit": {"100"}, "offset": {"200"},
			},
			answer: `{"data":[` + domain + `],"total_count":201}`,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return svc.ListInstanceDomains(ctx, &ListInstanceDomainsParams{
					OrganizationID: new("org_1"), Verified: new(false),
					EnrollmentModes: []string{"automatic_invitation", "-enterprise_sso"}, Query: new("acme"),
					Domains: []string{"acme.com", "acme.org"}, OrderBy: new("-name"), Limit: new(100), Offset: new(200),
				})
			},
			check: func(t *testing.T, got any) { assert.EqualValues(t, 201, got.(*Page[OrganizationDomain]).TotalCount) },
		},
		{
			name: "ListInstanceDomains, one mode", route: "GET /organization_domains", path: "/organization_domains",
			query:  url.Values{"enrollment_mode": {"enterprise_sso"}},
			answer: `{"data":[],"total_count":0}`,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return svc.ListInstanceDomains(ctx, &ListInstanceDomainsParams{EnrollmentModes: []string{"enterprise_sso"}})
			},
		},
		{
			name: "ListInstanceDomains, nil params", route: "GET /organization_domains", path: "/organization_domains",
			answer: `{"data":[],"total_count":0}`,
			call: func(ctx context.Context, svc *Service) (any, error) {
				return svc.ListInstanceDomains(ctx, nil)
			},
		},
	})
}
