package organizations

import (
	"context"
	"io"
	"iter"
	"net/http"
	"time"

	"github.com/go-clerk/clerk/internal"
)

// CreateParams describe a new organization. Name is required.
type CreateParams struct {
	// Name is the organization's name, at most 256 characters, without URLs
	// or HTML.
	Name string `json:"name"`
	// Slug is a unique slug of lowercase letters, digits and dashes. Send
	// it only when slugs are enabled in the instance's organization
	// settings.
	Slug *string `json:"slug,omitempty"`
	// CreatedBy is the ID of the user who becomes the organization's first
	// admin.
	CreatedBy *string `json:"created_by,omitempty"`
	// MaxAllowedMemberships caps the memberships (0: no limit).
	MaxAllowedMemberships *int `json:"max_allowed_memberships,omitempty"`
	// PublicMetadata is readable from the frontend.
	PublicMetadata Metadata `json:"public_metadata,omitzero"`
	// PrivateMetadata is visible to the backend only.
	PrivateMetadata Metadata `json:"private_metadata,omitzero"`
	// CreatedAt backdates the organization (sent as RFC 3339).
	CreatedAt *time.Time `json:"created_at,omitempty"`
	// RoleSetKey is the key of the role set to assign.
	RoleSetKey *string `json:"role_set_key,omitempty"`
}

// Create creates an organization. Clerk API: POST /organizations.
func (s *Service) Create(ctx context.Context, params *CreateParams) (*Organization, error) {
	if params == nil {
		return nil, internal.NoParams("Create")
	}
	if err := internal.Required("name", params.Name); err != nil {
		return nil, err
	}
	return internal.Call[Organization](ctx, s.core(), http.MethodPost, "/organizations", params)
}

// GetParams ask for optional fields of an organization.
type GetParams struct {
	// IncludeMembersCount fills Organization.MembersCount.
	IncludeMembersCount *bool `url:"include_members_count"`
	// IncludeMissingMemberWithElevatedPermissions fills
	// Organization.MissingMemberWithElevatedPermissions.
	IncludeMissingMemberWithElevatedPermissions *bool `url:"include_missing_member_with_elevated_permissions"`
}

// Get returns an organization by its ID or its slug. params may be nil.
// Clerk API: GET /organizations/{organization_id}.
func (s *Service) Get(ctx context.Context, idOrSlug string, params *GetParams) (*Organization, error) {
	return internal.Call[Organization](ctx, s.core(), http.MethodGet, "/organizations/{organization_id}", params, idOrSlug)
}

// ListParams filter and order organizations.
type ListParams struct {
	// Query matches the organization's ID exactly, or its name or slug
	// partly.
	Query *string `url:"query"`
	// UserIDs lists organizations with any of these users as members. A
	// "+" or "-" prefix includes or excludes.
	UserIDs []string `url:"user_id"`
	// OrganizationIDs lists these organizations (up to 100). A "+" or "-"
	// prefix includes or excludes.
	OrganizationIDs []string `url:"organization_id"`
	// OrderBy is "name", "created_at" or "members_count", with "+" or "-"
	// for the direction; the API's default is "-created_at".
	OrderBy *string `url:"order_by"`
	// IncludeMembersCount fills Organization.MembersCount.
	IncludeMembersCount *bool `url:"include_members_count"`
	// IncludeMissingMemberWithElevatedPermissions fills
	// Organization.MissingMemberWithElevatedPermissions.
	IncludeMissingMemberWithElevatedPermissions *bool `url:"include_missing_member_with_elevated_permissions"`
	// Limit is the page size, 1 to 500 (the API's default is 10).
	Limit *int `url:"limit"`
	// Offset skips that many organizations.
	Offset *int `url:"offset"`
}

// List returns one page of organizations, with TotalCount. Clerk API:
// GET /organizations.
func (s *Service) List(ctx context.Context, params *ListParams) (*Page[Organization], error) {
	return internal.List[Organization](ctx, s.core(), "/organizations", params)
}

// All iterates over every organization that matches params, fetching pages
// of params.Limit (500, the maximum, when unset or larger) lazily, from
// params.Offset. params is copied, never changed. It yields an error once
// and stops. Organizations deleted while it runs (Delete in the loop) make
// it skip none. Clerk API: GET /organizations.
func (s *Service) All(ctx context.Context, params *ListParams) iter.Seq2[*Organization, error] {
	return internal.All(ctx, params, paging(func(o *Organization) string { return o.ID }), s.List)
}

// UpdateParams change an organization; nil fields are left as they are.
// Since API version 2026-05-12 metadata is changed with UpdateMetadata or
// ReplaceMetadata only.
type UpdateParams struct {
	// Name is the new name.
	Name *string `json:"name,omitempty"`
	// Slug is the new slug, unique in the instance.
	Slug *string `json:"slug,omitempty"`
	// MaxAllowedMemberships is the new cap on memberships (0: no limit).
	MaxAllowedMemberships *int `json:"max_allowed_memberships,omitempty"`
	// AdminDeleteEnabled lets an admin delete the organization from the
	// Frontend API.
	AdminDeleteEnabled *bool `json:"admin_delete_enabled,omitempty"`
	// CreatedAt backdates the organization (sent as RFC 3339).
	CreatedAt *time.Time `json:"created_at,omitempty"`
	// RoleSetKey is the key of the role set to assign.
	RoleSetKey *string `json:"role_set_key,omitempty"`
}

// Update changes an organization. Clerk API:
// PATCH /organizations/{organization_id}.
func (s *Service) Update(ctx context.Context, organizationID string, params *UpdateParams) (*Organization, error) {
	return internal.Call[Organization](ctx, s.core(), http.MethodPatch, "/organizations/{organization_id}", internal.OrEmpty(params), organizationID)
}

// MetadataParams carry the metadata of a merge (UpdateMetadata,
// UpdateMembershipMetadata) or a replacement (ReplaceMetadata). A nil field
// is not sent and leaves that metadata as it is; an empty non-nil one is sent
// as {} (which clears it in a replacement).
type MetadataParams struct {
	// Public is the public metadata, readable from the frontend.
	Public Metadata `json:"public_metadata,omitzero"`
	// Private is the private metadata, visible to the backend only.
	Private Metadata `json:"private_metadata,omitzero"`
}

// UpdateMetadata deep-merges metadata into an organization's: nested
// objects are merged, other values replaced, and a key set to nil is
// deleted. Clerk API: PATCH /organizations/{organization_id}/metadata.
func (s *Service) UpdateMetadata(ctx context.Context, organizationID string, params *MetadataParams) (*Organization, error) {
	return s.metadata(ctx, http.MethodPatch, organizationID, params)
}

// ReplaceMetadata replaces each metadata field that params set (nil fields
// are left as they are). Clerk API: PUT /organizations/{organization_id}/metadata.
func (s *Service) ReplaceMetadata(ctx context.Context, organizationID string, params *MetadataParams) (*Organization, error) {
	return s.metadata(ctx, http.MethodPut, organizationID, params)
}

func (s *Service) metadata(ctx context.Context, method, organizationID string, params *MetadataParams) (*Organization, error) {
	return internal.Call[Organization](ctx, s.core(), method, "/organizations/{organization_id}/metadata", internal.OrEmpty(params), organizationID)
}

// Delete deletes an organization with its memberships and invitations.
// Clerk API: DELETE /organizations/{organization_id}.
func (s *Service) Delete(ctx context.Context, organizationID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/organizations/{organization_id}", nil, organizationID)
}

// SetLogoParams describe a logo upload. File is required.
type SetLogoParams struct {
	// File is the image: JPEG, PNG, GIF or WebP, at most 10 MB. It is read
	// to its end before the upload.
	File io.Reader
	// FileName is the file name sent with the image; "logo" when empty.
	FileName string
	// UploaderUserID is the user credited with the upload.
	UploaderUserID *string
}

// SetLogo uploads an organization's logo; the organization comes back with
// HasImage set and its new ImageURL. Nil params or a nil File fail with
// clerk.ErrInvalidParams before any request. Clerk API:
// PUT /organizations/{organization_id}/logo (multipart/form-data).
func (s *Service) SetLogo(ctx context.Context, organizationID string, params *SetLogoParams) (*Organization, error) {
	if params == nil {
		return nil, internal.NoParams("Organizations.SetLogo")
	}
	if params.File == nil {
		return nil, internal.Missing("file")
	}
	body := &internal.Multipart{FileField: "file", FileName: params.FileName, File: params.File}
	if body.FileName == "" {
		body.FileName = "logo"
	}
	if params.UploaderUserID != nil {
		body.Fields = map[string]string{"uploader_user_id": *params.UploaderUserID}
	}
	return internal.Call[Organization](ctx, s.core(), http.MethodPut, "/organizations/{organization_id}/logo", body, organizationID)
}

// DeleteLogo removes an organization's logo. (The API answers the
// organization, which lives on with HasImage false; like every Delete*
// method this one returns only the error: Get the organization for its new
// ImageURL.) Clerk API: DELETE /organizations/{organization_id}/logo.
func (s *Service) DeleteLogo(ctx context.Context, organizationID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/organizations/{organization_id}/logo", nil, organizationID)
}
