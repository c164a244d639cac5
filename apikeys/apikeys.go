package apikeys

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// Service manages API keys and verifies their secrets (clerk.Client.APIKeys).
// It is a thin view over the shared transport plus a small cache of
// verifications (clerk.WithMachineTokenCache), and is safe for concurrent
// use.
type Service internal.Service

func (s *Service) core() *internal.Client { return (*internal.Service)(s).Client() }

// verify is the service's verifier.
func (s *Service) verify() *verifier[APIKey] { return verifierOf[APIKey]((*internal.Service)(s)) }

// APIKey is an API key as Clerk returns it. Secret is filled only by Create,
// and is a Secret: fmt, log/slog and encoding/json show it as "[redacted]"
// however the key is nested; Secret.Reveal gives it.
type APIKey struct {
	// Object is "api_key".
	Object string `json:"object"`
	// ID is the key's ID (ak_ and 32 hex digits), not its secret.
	ID string `json:"id"`
	// Type is the key's type; Clerk's default is "api_key".
	Type string `json:"type"`
	// Subject is the user_, org_ or mch_ ID the key acts for; see
	// SubjectKind, UserID, OrganizationID and MachineID.
	Subject string `json:"subject"`
	// Name is the key's name.
	Name string `json:"name"`
	// Description describes the key, "" when it has none.
	Description string `json:"description"`
	// Claims are the key's custom claims, empty when it has none.
	Claims Claims `json:"claims"`
	// Scopes are the key's scopes; check one with HasScope.
	Scopes []string `json:"scopes"`
	// Secret is the key itself (ak_…), answered only by Create; Service.Secret
	// fetches it again.
	Secret Secret `json:"secret,omitzero"`
	// Revoked reports a revoked key.
	Revoked bool `json:"revoked"`
	// RevocationReason is the reason given on revocation, "" when none.
	RevocationReason string `json:"revocation_reason"`
	// Expired reports a key past its Expiration.
	Expired bool `json:"expired"`
	// Expiration is when the key expires; nil for a key that never does.
	Expiration *time.Time `json:"expiration"`
	// CreatedBy is the user_ ID of the key's creator, if any.
	CreatedBy string `json:"created_by"`
	// LastUsedAt is when the key was last verified; nil if never.
	LastUsedAt *time.Time `json:"last_used_at"`
	// CreatedAt is when the key was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the key last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// SubjectKind returns what owns the key (user, organization, machine).
func (k *APIKey) SubjectKind() SubjectKind { return KindOf(k.Subject) }

// UserID returns the subject when it is a user, else "".
func (k *APIKey) UserID() string { return subjectIf(k.Subject, SubjectUser) }

// OrganizationID returns the subject when it is an organization, else "".
func (k *APIKey) OrganizationID() string { return subjectIf(k.Subject, SubjectOrganization) }

// MachineID returns the subject when it is a machine, else "".
func (k *APIKey) MachineID() string { return subjectIf(k.Subject, SubjectMachine) }

// HasScope reports whether the key carries the scope.
func (k *APIKey) HasScope(scope string) bool { return slices.Contains(k.Scopes, scope) }

func subjectIf(subject string, kind SubjectKind) string {
	if KindOf(subject) == kind {
		return subject
	}
	return ""
}

func (k *APIKey) fields() tokenFields {
	return tokenFields{&k.Object, &k.ID, &k.Subject, &k.RevocationReason, &k.Revoked, &k.Expired,
		&k.Secret, &k.Scopes, nil, &k.Claims, &k.Expiration, &k.LastUsedAt}
}

// CreateParams are the fields of a new API key.
type CreateParams struct {
	// Name is required (at least 3 characters).
	Name string `json:"name"`
	// Subject is required: the user_, org_ or mch_ ID the key acts for.
	Subject string `json:"subject"`
	// Type defaults to "api_key" on Clerk's side.
	Type *string `json:"type,omitempty"`
	// Description describes the key (at most 255 characters).
	Description *string `json:"description,omitempty"`
	// Claims are custom claims: any value that marshals to JSON, usually a
	// map or a struct.
	Claims any `json:"claims,omitempty"`
	// Scopes are the key's scopes, such as "users:read".
	Scopes []string `json:"scopes,omitempty"`
	// CreatedBy is the user_ ID of the key's creator.
	CreatedBy *string `json:"created_by,omitempty"`
	// SecondsUntilExpiration makes the key expire; nil makes it never expire.
	SecondsUntilExpiration *int64 `json:"seconds_until_expiration,omitempty"`
}

// Create creates an API key. The answer is the only one that carries the
// key's Secret. Clerk API: POST /api_keys.
func (s *Service) Create(ctx context.Context, params *CreateParams) (*APIKey, error) {
	if params == nil {
		return nil, internal.NoParams("APIKeys.Create")
	}
	if err := internal.Required("name", params.Name, "subject", params.Subject); err != nil {
		return nil, err
	}
	return internal.Call[APIKey](ctx, s.core(), http.MethodPost, "/api_keys", params)
}

// Get returns an API key, without its secret. Clerk API: GET /api_keys/{apiKeyID}.
func (s *Service) Get(ctx context.Context, id string) (*APIKey, error) {
	return internal.Call[APIKey](ctx, s.core(), http.MethodGet, "/api_keys/{apiKeyID}", nil, id)
}

// maxListLimit is the largest page the API key and M2M token lists serve.
const maxListLimit = 100

// ListParams filter and page the API keys of a subject.
type ListParams struct {
	// Subject is required: the user_, org_ or mch_ ID whose keys to list.
	Subject string `url:"subject"`
	// Type defaults to "api_key" on Clerk's side.
	Type *string `url:"type"`
	// IncludeInvalid also lists revoked and expired keys.
	IncludeInvalid *bool `url:"include_invalid"`
	// Query filters keys by name.
	Query *string `url:"query"`
	// Limit is the page size, 1 to 100 (Clerk's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many keys.
	Offset *int `url:"offset"`
}

// checkPaging refuses a limit outside 1 to max and a negative offset.
func checkPaging(limit, offset *int, max int) error {
	if limit != nil && (*limit < 1 || *limit > max) {
		return fmt.Errorf("%w: limit %d is not between 1 and %d", internal.ErrInvalidParams, *limit, max)
	}
	if offset != nil && *offset < 0 {
		return fmt.Errorf("%w: offset %d is negative", internal.ErrInvalidParams, *offset)
	}
	return nil
}

// List returns one page of a subject's API keys. Clerk API: GET /api_keys.
func (s *Service) List(ctx context.Context, params *ListParams) (*Page[APIKey], error) {
	if params == nil {
		return nil, internal.NoParams("APIKeys.List")
	}
	if err := internal.Required("subject", params.Subject); err != nil {
		return nil, err
	}
	if err := checkPaging(params.Limit, params.Offset, maxListLimit); err != nil {
		return nil, err
	}
	return internal.List[APIKey](ctx, s.core(), "/api_keys", params)
}

// All iterates over all of a subject's API keys, fetching pages of the
// caller's Limit (else 100) lazily, from the caller's Offset. It yields an
// error once and stops. Keys revoked or deleted inside the loop (which leave
// the list) make it skip none. Clerk API: GET /api_keys.
func (s *Service) All(ctx context.Context, params *ListParams) iter.Seq2[*APIKey, error] {
	return internal.All(ctx, params, paging(maxListLimit, func(k *APIKey) string { return k.ID }), s.List)
}

// UpdateParams change an API key. Nil fields are left as they are.
type UpdateParams struct {
	// Claims replace the key's claims. Set json.RawMessage("null") to clear
	// them.
	Claims any `json:"claims,omitzero"`
	// Scopes replace the key's scopes when not nil; an empty, non-nil slice
	// clears them (omitzero sends [] and leaves out only nil).
	Scopes []string `json:"scopes,omitzero"`
	// Description is the key's new description.
	Description *string `json:"description,omitempty"`
	// Subject moves the key to another user_, org_ or mch_ ID.
	Subject *string `json:"subject,omitempty"`
	// SecondsUntilExpiration sets the key to expire that many seconds from
	// now.
	SecondsUntilExpiration *int64 `json:"seconds_until_expiration,omitempty"`
}

// Update changes an API key. Cached verifications of the key in this
// service are dropped, so its next Verify sees the change. Clerk API:
// PATCH /api_keys/{apiKeyID}.
func (s *Service) Update(ctx context.Context, id string, params *UpdateParams) (*APIKey, error) {
	defer s.forget(id)
	return internal.Call[APIKey](ctx, s.core(), http.MethodPatch, "/api_keys/{apiKeyID}", internal.OrEmpty(params), id)
}

// RevokeParams are the optional fields of a revocation.
type RevokeParams struct {
	// RevocationReason is kept with the key or token, as its
	// RevocationReason.
	RevocationReason *string `json:"revocation_reason,omitempty"`
}

// Revoke revokes an API key; params may be nil. Cached verifications of the
// key in this service are dropped at once; other processes keep accepting it
// until their cache entries expire (see doc.go). Clerk API:
// POST /api_keys/{apiKeyID}/revoke.
func (s *Service) Revoke(ctx context.Context, id string, params *RevokeParams) (*APIKey, error) {
	defer s.forget(id)
	return internal.Call[APIKey](ctx, s.core(), http.MethodPost, "/api_keys/{apiKeyID}/revoke", internal.OrEmpty(params), id)
}

// Delete deletes an API key (and drops its cached verifications). Clerk API:
// DELETE /api_keys/{apiKeyID}.
func (s *Service) Delete(ctx context.Context, id string) error {
	defer s.forget(id)
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/api_keys/{apiKeyID}", nil, id)
}

// Secret returns an API key's secret, as a Secret that prints as
// "[redacted]"; Reveal gives it. An answer without one is an error matching
// clerk.ErrInvalidResponse. Clerk API: GET /api_keys/{apiKeyID}/secret.
func (s *Service) Secret(ctx context.Context, id string) (Secret, error) {
	out, err := internal.Call[struct {
		Secret Secret `json:"secret"`
	}](ctx, s.core(), http.MethodGet, "/api_keys/{apiKeyID}/secret", nil, id)
	if err != nil {
		return Secret{}, err
	}
	if out.Secret.IsZero() {
		return Secret{}, fmt.Errorf("clerk: GET /api_keys/{apiKeyID}/secret: %w: no secret in the answer", internal.ErrInvalidResponse)
	}
	return out.Secret, nil
}

// Verify checks an API key secret (ak_…) and returns the key it belongs to.
// Every failure caused by the secret matches ErrInvalidToken: an unknown
// secret (Clerk answers 404, so it also matches clerk.ErrNotFound and keeps
// the API's error code), a malformed one (400), a key that the answer says
// is revoked or expired, an empty or oversized one (refused locally). Only
// a well-formed verification succeeds: a 2xx that is none (empty, null, {},
// a 204, another object type, no id or subject, revoked or expired left
// out) is Clerk's fault, an error matching clerk.ErrInvalidResponse and not
// ErrInvalidToken.
//
// Successes are cached (see clerk.WithMachineTokenCache) under the SHA-256 of the
// secret, for a few seconds and never past the key's expiration; failures
// are not cached. Concurrent calls with the same secret share one request.
// The secret never appears in a returned error. Clerk API:
// POST /api_keys/verify.
func (s *Service) Verify(ctx context.Context, secret string) (*APIKey, error) {
	if err := checkToken(apiKeyVerify.kind, secret); err != nil {
		return nil, err
	}
	return s.verify().verify(ctx, secret, func(ctx context.Context) (*APIKey, error) {
		body := struct {
			Secret string `json:"secret"`
		}{secret}
		return verifyAt[APIKey](ctx, s.core(), apiKeyVerify, body, secret)
	})
}

// forget drops the cached verifications of key id, after a call that
// changed it (a call refused locally for its ID changed nothing).
func (s *Service) forget(id string) {
	if internal.CheckID("apiKeyID", id) != nil {
		return
	}
	s.verify().forget(func(k *APIKey) bool { return k.ID == id })
}
