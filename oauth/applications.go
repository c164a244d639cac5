package oauth

import (
	"context"
	"io"
	"iter"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// maxLimit is the largest page GET /oauth_applications serves.
const maxLimit = 500

// ApplicationService calls the OAuth applications endpoints:
// clerk.Client.OAuthApplications. It is safe for concurrent use.
type ApplicationService internal.Service

func (s *ApplicationService) core() *internal.Client { return (*internal.Service)(s).Client() }

// List returns one page of OAuth applications. Nil params are allowed.
// Clerk API: GET /oauth_applications.
func (s *ApplicationService) List(ctx context.Context, params *ListParams) (*Page[Application], error) {
	return internal.List[Application](ctx, s.core(), "/oauth_applications", params)
}

// All iterates over every OAuth application that matches params, fetching
// pages of params.Limit (500, the maximum, when unset or larger) lazily from
// params.Offset; params is copied, never changed. Deleting the applications
// it yields while it runs skips none. It yields an error once and stops.
// Clerk API: GET /oauth_applications.
func (s *ApplicationService) All(ctx context.Context, params *ListParams) iter.Seq2[*Application, error] {
	return internal.All(ctx, params, internal.Paging[Application]{Max: maxLimit, ID: applicationID}, s.List)
}

func applicationID(a *Application) string { return a.ID }

// Get returns an OAuth application, without its client secret. Clerk API:
// GET /oauth_applications/{oauth_application_id}.
func (s *ApplicationService) Get(ctx context.Context, applicationID string) (*Application, error) {
	return internal.Call[Application](ctx, s.core(), http.MethodGet, "/oauth_applications/{oauth_application_id}", nil, applicationID)
}

// Create creates an OAuth application and returns it with its client
// secret (ClientSecret), which no other answer but RotateSecret's carries.
// Nil params or an empty Name fail with clerk.ErrInvalidParams before any
// request. Clerk API: POST /oauth_applications.
func (s *ApplicationService) Create(ctx context.Context, params *CreateParams) (*Application, error) {
	if params == nil {
		return nil, internal.NoParams("OAuthApplications.Create")
	}
	if err := internal.Required("name", params.Name); err != nil {
		return nil, err
	}
	return internal.Call[Application](ctx, s.core(), http.MethodPost, "/oauth_applications", params)
}

// Update changes an OAuth application's fields; nil params change nothing.
// Clerk API: PATCH /oauth_applications/{oauth_application_id}.
func (s *ApplicationService) Update(ctx context.Context, applicationID string, params *UpdateParams) (*Application, error) {
	return internal.Call[Application](ctx, s.core(), http.MethodPatch, "/oauth_applications/{oauth_application_id}", internal.OrEmpty(params), applicationID)
}

// Delete deletes an OAuth application; this cannot be undone. Clerk API:
// DELETE /oauth_applications/{oauth_application_id}.
func (s *ApplicationService) Delete(ctx context.Context, applicationID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/oauth_applications/{oauth_application_id}", nil, applicationID)
}

// RotateSecret replaces the application's client secret and returns the
// application with the new one (ClientSecret); the old secret stops
// working, so update the application's clients. POST is never retried on a
// 5xx: if the call fails that way, Get the application and rotate again
// only if needed. Clerk API:
// POST /oauth_applications/{oauth_application_id}/rotate_secret.
func (s *ApplicationService) RotateSecret(ctx context.Context, applicationID string) (*Application, error) {
	return internal.Call[Application](ctx, s.core(), http.MethodPost, "/oauth_applications/{oauth_application_id}/rotate_secret", nil, applicationID)
}

// RevokeToken revokes an opaque OAuth access token or refresh token that
// was issued to the application, and every token of the same grant. JWT
// access tokens cannot be revoked. The token is sent in the request body
// only, never in an error; an empty token fails with
// clerk.ErrInvalidParams before any request. Clerk API:
// POST /oauth_applications/{oauth_application_id}/revoke_token.
func (s *ApplicationService) RevokeToken(ctx context.Context, applicationID, token string) error {
	if err := internal.Required("token", token); err != nil {
		return err
	}
	body := struct {
		Token string `json:"token"`
	}{token}
	return internal.Exec(ctx, s.core(), http.MethodPost, "/oauth_applications/{oauth_application_id}/revoke_token", &body, applicationID)
}

// SetLogo uploads an image (at most 10 MB: JPEG, PNG, GIF or WebP) as the
// application's logo, replacing any, sent as the multipart field "file"
// under the given file name ("file" when empty). The image is read into
// memory before the request, so a retry can send it again. Nil params are
// allowed. A nil image or one over 10 MB fails with clerk.ErrInvalidParams
// before any request. Clerk API:
// PUT /oauth_applications/{oauth_application_id}/logo.
func (s *ApplicationService) SetLogo(ctx context.Context, applicationID string, image io.Reader, fileName string, params *SetLogoParams) (*Application, error) {
	if image == nil {
		return nil, internal.Missing("file")
	}
	body := &internal.Multipart{FileField: "file", FileName: fileName, File: image}
	if params != nil && params.UploaderUserID != nil {
		body.Fields = map[string]string{"uploader_user_id": *params.UploaderUserID}
	}
	return internal.Call[Application](ctx, s.core(), http.MethodPut, "/oauth_applications/{oauth_application_id}/logo", body, applicationID)
}
