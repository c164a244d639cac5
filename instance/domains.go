package instance

import (
	"context"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// DomainService manages the instance's domains, its primary domain and its
// satellites, and checks proxy setups: clerk.Client.Domains. It is safe for
// concurrent use.
type DomainService internal.Service

func (s *DomainService) core() *internal.Client { return (*internal.Service)(s).Client() }

// Domain is a domain the instance serves: its primary domain, or a
// satellite that shares the primary's sessions.
type Domain struct {
	// Object is always "domain".
	Object string `json:"object"`
	// ID is the domain ID.
	ID string `json:"id"`
	// Name is the domain name, such as "example.com" (with a port for a
	// development instance: "localhost:3000").
	Name string `json:"name"`
	// IsSatellite reports a satellite domain.
	IsSatellite bool `json:"is_satellite"`
	// FrontendAPIURL is the URL of the Frontend API on this domain.
	FrontendAPIURL string `json:"frontend_api_url"`
	// AccountsPortalURL is the URL of the Account Portal, "" for a
	// satellite.
	AccountsPortalURL string `json:"accounts_portal_url"`
	// ProxyURL is the proxy that forwards to the Frontend API, "" when the
	// domain uses DNS.
	ProxyURL string `json:"proxy_url"`
	// DevelopmentOrigin is the origin of a development instance's app.
	DevelopmentOrigin string `json:"development_origin"`
	// CNAMETargets are the DNS records the domain needs; empty when none.
	CNAMETargets []CNAMETarget `json:"cname_targets"`
}

// CNAMETarget is a DNS CNAME record a domain needs.
type CNAMETarget struct {
	// Host is the record's name, such as "clerk.example.com".
	Host string `json:"host"`
	// Value is what it points to.
	Value string `json:"value"`
	// Required reports whether the domain counts as deployed only once the
	// record is set.
	Required bool `json:"required"`
}

// List returns the instance's domains: the primary and every satellite, in
// one page (the endpoint takes no paging parameters, so there is no All).
// Clerk API: GET /domains.
func (s *DomainService) List(ctx context.Context) (*Page[Domain], error) {
	return internal.List[Domain](ctx, s.core(), "/domains", nil)
}

// CreateDomainParams are the fields of a new domain.
type CreateDomainParams struct {
	// Name is the domain name; a development instance's may carry a port
	// ("localhost:3000"). Required.
	Name string `json:"name"`
	// IsSatellite must be true: Clerk adds satellite domains only (an
	// instance has one primary domain).
	IsSatellite bool `json:"is_satellite"`
	// ProxyURL is the full URL of the proxy that forwards this domain's
	// requests to the Frontend API (production instances only).
	ProxyURL *string `json:"proxy_url,omitempty"`
}

// Create adds a satellite domain to the instance. Params without a Name
// are refused before any request, with an error matching
// clerk.ErrInvalidParams. Clerk API: POST /domains.
func (s *DomainService) Create(ctx context.Context, params *CreateDomainParams) (*Domain, error) {
	if params == nil {
		return nil, internal.NoParams("Domains.Create")
	}
	if err := internal.Required("name", params.Name); err != nil {
		return nil, err
	}
	return internal.Call[Domain](ctx, s.core(), http.MethodPost, "/domains", params)
}

// UpdateDomainParams are the fields of a domain to change; nil and zero
// fields are left as they are.
type UpdateDomainParams struct {
	// Name is the new domain name: a fully qualified name without a scheme
	// in production ("example.com"), with an optional port in development.
	// Renaming a production primary domain changes the instance's home
	// origin; set its DNS and email up first.
	Name *string `json:"name,omitempty"`
	// ProxyURL sets the full URL of the proxy that forwards to the Frontend
	// API (NewNullable), or removes it, switching the domain back to DNS
	// (Null). Production instances only.
	ProxyURL Nullable[string] `json:"proxy_url,omitzero"`
	// IsSecondary marks the domain as a secondary app's: its subdomain is
	// kept as part of the domain, so that one primary and several secondary
	// apps share a root domain (eTLD+1).
	IsSecondary *bool `json:"is_secondary,omitempty"`
}

// Update changes a domain, primary or satellite. Nil params change
// nothing. Clerk API: PATCH /domains/{domain_id}.
func (s *DomainService) Update(ctx context.Context, domainID string, params *UpdateDomainParams) (*Domain, error) {
	return internal.Call[Domain](ctx, s.core(), http.MethodPatch, "/domains/{domain_id}", internal.OrEmpty(params), domainID)
}

// Delete deletes a satellite domain (the primary domain cannot be).
// Clerk API: DELETE /domains/{domain_id}.
func (s *DomainService) Delete(ctx context.Context, domainID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/domains/{domain_id}", nil, domainID)
}

// ProxyCheck is the result of a proxy check: whether a proxy URL reaches
// the Frontend API for a domain.
type ProxyCheck struct {
	// Object is always "proxy_check".
	Object string `json:"object"`
	// ID is the check's ID.
	ID string `json:"id"`
	// DomainID is the domain checked.
	DomainID string `json:"domain_id"`
	// LastRunAt is when the check last ran, nil when never.
	LastRunAt *time.Time `json:"last_run_at"`
	// ProxyURL is the proxy URL checked.
	ProxyURL string `json:"proxy_url"`
	// Successful reports a working proxy.
	Successful bool `json:"successful"`
	// CreatedAt is when the check was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// VerifyProxyParams name the domain and proxy to check.
type VerifyProxyParams struct {
	// DomainID is the domain whose proxy is checked.
	DomainID *string `json:"domain_id,omitempty"`
	// ProxyURL is the proxy's full URL, such as
	// "https://example.com/__clerk": one the domain does not use yet, to
	// check it before switching, or its current one, to check it again.
	ProxyURL *string `json:"proxy_url,omitempty"`
}

// VerifyProxy checks that a proxy URL forwards to the Frontend API for a
// domain, so that a domain can be switched to it without downtime: the
// answer's Successful says whether it does. Clerk API: POST /proxy_checks.
func (s *DomainService) VerifyProxy(ctx context.Context, params *VerifyProxyParams) (*ProxyCheck, error) {
	return internal.Call[ProxyCheck](ctx, s.core(), http.MethodPost, "/proxy_checks", internal.OrEmpty(params))
}
