package enterprise

import (
	"context"
	"iter"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// SCIMDirectoryService calls the earlier directory endpoints
// (/scim_directories): clerk.Client.SCIMDirectories. It is safe for
// concurrent use.
//
// It reaches the same directories as DirectoryService, with the same
// methods, params and models: the API answers these paths with Object
// "scim_directory" and "scim_group_role_mapping", and takes the group fields
// under their SCIM names (scim_group_id, scim_group_display_name), to which
// this service translates the params' DirectoryGroupID and
// DirectoryGroupDisplayName. New code can use Directories; this service is
// for code that already names the SCIM paths.
type SCIMDirectoryService internal.Service

func (s *SCIMDirectoryService) core() *internal.Client { return (*internal.Service)(s).Client() }

// The bodies of the /scim_directories endpoints: the params of
// DirectoryService, with the group fields under their SCIM names.
type (
	scimCreateBody struct {
		EnterpriseConnectionID string        `json:"enterprise_connection_id"`
		Name                   *string       `json:"name,omitempty"`
		Provider               string        `json:"provider"`
		GroupRoleMappings      []scimMapping `json:"group_role_mappings,omitempty"`
	}
	// scimMapping is an item of group_role_mappings and of mappings.
	scimMapping struct {
		SCIMGroupID          string  `json:"scim_group_id"`
		SCIMGroupDisplayName *string `json:"scim_group_display_name,omitempty"`
		RoleID               string  `json:"role_id"`
		Precedence           *int    `json:"precedence,omitempty"`
	}
	scimCreateMappingBody struct {
		SCIMGroupID string `json:"scim_group_id"`
		RoleID      string `json:"role_id"`
		Precedence  *int   `json:"precedence,omitempty"`
	}
	scimReplaceBody struct {
		Mappings []scimMapping `json:"mappings"`
	}
)

// List returns one page of the instance's directories. Clerk API:
// GET /scim_directories.
func (s *SCIMDirectoryService) List(ctx context.Context, params *ListDirectoriesParams) (*Page[Directory], error) {
	return internal.List[Directory](ctx, s.core(), "/scim_directories", params)
}

// All iterates over every directory, fetching pages of params.Limit (500,
// the maximum, when unset or larger) lazily from params.Offset; params is
// copied, never changed. It yields an error once and stops. Clerk API:
// GET /scim_directories.
func (s *SCIMDirectoryService) All(ctx context.Context, params *ListDirectoriesParams) iter.Seq2[*Directory, error] {
	return internal.All(ctx, params, internal.Paging[Directory]{Max: maxLimit, ID: directoryID}, s.List)
}

// Create creates a directory, as DirectoryService.Create does. Clerk API:
// POST /scim_directories.
func (s *SCIMDirectoryService) Create(ctx context.Context, params *CreateDirectoryParams) (*Directory, error) {
	if err := params.check("SCIMDirectories.Create"); err != nil {
		return nil, err
	}
	body := &scimCreateBody{EnterpriseConnectionID: params.EnterpriseConnectionID, Name: params.Name, Provider: params.Provider}
	for _, m := range params.GroupRoleMappings {
		body.GroupRoleMappings = append(body.GroupRoleMappings, scimMapping{
			SCIMGroupID: m.DirectoryGroupID, SCIMGroupDisplayName: m.DirectoryGroupDisplayName,
			RoleID: m.RoleID, Precedence: m.Precedence,
		})
	}
	return internal.Call[Directory](ctx, s.core(), http.MethodPost, "/scim_directories", body)
}

// Get returns a directory (without its APIKey). Clerk API:
// GET /scim_directories/{scim_directory_id}.
func (s *SCIMDirectoryService) Get(ctx context.Context, directoryID string) (*Directory, error) {
	return internal.Call[Directory](ctx, s.core(), http.MethodGet, "/scim_directories/{scim_directory_id}", nil, directoryID)
}

// Update changes a directory, as DirectoryService.Update does. Clerk API:
// PATCH /scim_directories/{scim_directory_id}.
func (s *SCIMDirectoryService) Update(ctx context.Context, directoryID string, params *UpdateDirectoryParams) (*Directory, error) {
	return internal.Call[Directory](ctx, s.core(), http.MethodPatch, "/scim_directories/{scim_directory_id}", internal.OrEmpty(params), directoryID)
}

// Delete deletes a directory and stops its provisioning. Clerk API:
// DELETE /scim_directories/{scim_directory_id}.
func (s *SCIMDirectoryService) Delete(ctx context.Context, directoryID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/scim_directories/{scim_directory_id}", nil, directoryID)
}

// RotateAPIKey issues a new API key for a directory and answers it in
// APIKey, as DirectoryService.RotateAPIKey does. Clerk API:
// POST /scim_directories/{scim_directory_id}/rotate_api_key.
func (s *SCIMDirectoryService) RotateAPIKey(ctx context.Context, directoryID string) (*Directory, error) {
	return internal.Call[Directory](ctx, s.core(), http.MethodPost, "/scim_directories/{scim_directory_id}/rotate_api_key", nil, directoryID)
}

// ListGroupRoleMappings returns every group-role mapping of a directory,
// ordered by precedence (the endpoint is not paged). Clerk API:
// GET /scim_directories/{scim_directory_id}/group_role_mappings.
func (s *SCIMDirectoryService) ListGroupRoleMappings(ctx context.Context, directoryID string) (*Page[GroupRoleMapping], error) {
	return internal.List[GroupRoleMapping](ctx, s.core(), "/scim_directories/{scim_directory_id}/group_role_mappings", nil, directoryID)
}

// CreateGroupRoleMapping maps a directory group to an organization role, as
// DirectoryService.CreateGroupRoleMapping does. Clerk API:
// POST /scim_directories/{scim_directory_id}/group_role_mappings.
func (s *SCIMDirectoryService) CreateGroupRoleMapping(ctx context.Context, directoryID string, params *CreateGroupRoleMappingParams) (*GroupRoleMapping, error) {
	if err := params.check("SCIMDirectories.CreateGroupRoleMapping"); err != nil {
		return nil, err
	}
	body := &scimCreateMappingBody{SCIMGroupID: params.DirectoryGroupID, RoleID: params.RoleID, Precedence: params.Precedence}
	return internal.Call[GroupRoleMapping](ctx, s.core(), http.MethodPost, "/scim_directories/{scim_directory_id}/group_role_mappings", body, directoryID)
}

// ReplaceGroupRoleMappings replaces the whole set of a directory's
// group-role mappings, as DirectoryService.ReplaceGroupRoleMappings does
// (nil params fail with ErrInvalidParams; empty Mappings remove them all).
// Clerk API: PUT /scim_directories/{scim_directory_id}/group_role_mappings.
func (s *SCIMDirectoryService) ReplaceGroupRoleMappings(ctx context.Context, directoryID string, params *ReplaceGroupRoleMappingsParams) (*Page[GroupRoleMapping], error) {
	if err := params.check("SCIMDirectories.ReplaceGroupRoleMappings"); err != nil {
		return nil, err
	}
	body := &scimReplaceBody{Mappings: make([]scimMapping, 0, len(params.Mappings))}
	for _, m := range params.Mappings {
		body.Mappings = append(body.Mappings, scimMapping{SCIMGroupID: m.DirectoryGroupID, RoleID: m.RoleID})
	}
	return internal.CallList[GroupRoleMapping](ctx, s.core(), http.MethodPut, "/scim_directories/{scim_directory_id}/group_role_mappings", body, directoryID)
}

// DeleteGroupRoleMapping deletes one group-role mapping of a directory.
// Clerk API:
// DELETE /scim_directories/{scim_directory_id}/group_role_mappings/{mapping_id}.
func (s *SCIMDirectoryService) DeleteGroupRoleMapping(ctx context.Context, directoryID, mappingID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/scim_directories/{scim_directory_id}/group_role_mappings/{mapping_id}", nil, directoryID, mappingID)
}
