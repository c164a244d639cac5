package instance

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// JWTTemplateService manages JWT templates, the recipes of the custom JWTs
// a session can mint (sessions.Service.CreateTokenFromTemplate):
// clerk.Client.JWTTemplates. It is safe for concurrent use.
type JWTTemplateService internal.Service

func (s *JWTTemplateService) core() *internal.Client { return (*internal.Service)(s).Client() }

// JWTTemplate is a JWT template. A template with a custom signing key
// never gives the key back: the API answers only its algorithm.
type JWTTemplate struct {
	// Object is always "jwt_template".
	Object string `json:"object"`
	// ID is the template's ID.
	ID string `json:"id"`
	// Name is the template's name, which CreateTokenFromTemplate takes.
	Name string `json:"name"`
	// Claims are the template's claims, with Clerk's {{shortcodes}} as
	// written, such as {"email": "{{user.primary_email_address}}"}.
	Claims Metadata `json:"claims"`
	// Lifetime is the tokens' lifetime in seconds.
	Lifetime int `json:"lifetime"`
	// AllowedClockSkew is the leeway, in seconds, the tokens allow for
	// clock differences.
	AllowedClockSkew int `json:"allowed_clock_skew"`
	// CustomSigningKey reports whether tokens are signed with a key of the
	// template's own instead of the instance's.
	CustomSigningKey bool `json:"custom_signing_key"`
	// SigningAlgorithm is the algorithm of the custom signing key, such as
	// "HS256".
	SigningAlgorithm string `json:"signing_algorithm"`
	// CreatedAt is when the template was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// JWTTemplateParams are the fields of a template, for Create and Update
// alike: the API wants Name and Claims on both (an update sends them again).
type JWTTemplateParams struct {
	// Name is the template's name. Required.
	Name string `json:"name"`
	// Claims are the template's claims; shortcodes such as
	// "{{user.id}}" are filled at minting. Required (Metadata{} for none).
	Claims Metadata `json:"claims"`
	// Lifetime is the tokens' lifetime in seconds, 30 to 315360000.
	Lifetime *int `json:"lifetime,omitempty"`
	// AllowedClockSkew is the leeway for clock differences in seconds, 0
	// to 300.
	AllowedClockSkew *int `json:"allowed_clock_skew,omitempty"`
	// CustomSigningKey signs the tokens with SigningKey and
	// SigningAlgorithm instead of the instance's key.
	CustomSigningKey *bool `json:"custom_signing_key,omitempty"`
	// SigningAlgorithm is the custom key's algorithm, such as "HS256" or
	// "RS256"; required with CustomSigningKey.
	SigningAlgorithm *string `json:"signing_algorithm,omitempty"`
	// SigningKey is the custom signing key (a shared secret, or a private
	// key in PEM), made with clerk.NewSecret; required with CustomSigningKey. It
	// is a Secret, so printing or logging the params never shows it; the
	// request carries it in clear, and the API never gives it back.
	SigningKey Secret `json:"signing_key,omitzero"`
}

// check refuses params without the fields the API requires.
func (p *JWTTemplateParams) check(method string) error {
	if p == nil {
		return internal.NoParams(method)
	}
	if err := internal.Required("name", p.Name); err != nil {
		return err
	}
	if p.Claims == nil {
		return internal.Missing("claims")
	}
	return nil
}

// List returns one page of JWT templates. Clerk API: GET /jwt_templates.
func (s *JWTTemplateService) List(ctx context.Context, params *ListParams) (*Page[JWTTemplate], error) {
	return internal.List[JWTTemplate](ctx, s.core(), "/jwt_templates", internal.Paginated(params))
}

// All iterates over every JWT template, fetching pages of params.Limit
// (500, the maximum, when unset or larger) lazily from params.Offset;
// params is copied, never changed. It yields an error once and stops.
// Deleting the templates it yields, inside the loop, skips none. Clerk API:
// GET /jwt_templates.
func (s *JWTTemplateService) All(ctx context.Context, params *ListParams) iter.Seq2[*JWTTemplate, error] {
	return internal.All(ctx, params, internal.Paging[JWTTemplate]{Max: maxLimit, ID: func(t *JWTTemplate) string { return t.ID }}, s.List)
}

// Get returns a JWT template. Clerk API: GET /jwt_templates/{template_id}.
func (s *JWTTemplateService) Get(ctx context.Context, templateID string) (*JWTTemplate, error) {
	return internal.Call[JWTTemplate](ctx, s.core(), http.MethodGet, "/jwt_templates/{template_id}", nil, templateID)
}

// Create creates a JWT template. Params without a Name or Claims are
// refused before any request, with an error matching
// clerk.ErrInvalidParams. Clerk API: POST /jwt_templates.
func (s *JWTTemplateService) Create(ctx context.Context, params *JWTTemplateParams) (*JWTTemplate, error) {
	if err := params.check("JWTTemplates.Create"); err != nil {
		return nil, err
	}
	return internal.Call[JWTTemplate](ctx, s.core(), http.MethodPost, "/jwt_templates", params)
}

// Update changes a JWT template. The API wants Name and Claims again, whole:
// params without them are refused before any request, with an error
// matching clerk.ErrInvalidParams. Optional fields left nil are not sent.
// Clerk API: PATCH /jwt_templates/{template_id}.
func (s *JWTTemplateService) Update(ctx context.Context, templateID string, params *JWTTemplateParams) (*JWTTemplate, error) {
	if err := params.check("JWTTemplates.Update"); err != nil {
		return nil, err
	}
	return internal.Call[JWTTemplate](ctx, s.core(), http.MethodPatch, "/jwt_templates/{template_id}", params, templateID)
}

// Delete deletes a JWT template. Clerk API:
// DELETE /jwt_templates/{template_id}.
func (s *JWTTemplateService) Delete(ctx context.Context, templateID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/jwt_templates/{template_id}", nil, templateID)
}
